;;; (srfi srfi-43): vector library, with the interface of Guile's module.
;;;
;;; SRFI-43 differs from R7RS: vector-map, vector-for-each, vector-fold and
;;; vector-count pass the index first, (f i x ...); the searching procedures
;;; (vector-index, vector-any, ...) pass only the elements. With several
;;; vectors, iteration stops at the shortest. Optional [start [end]]
;;; arguments default to the whole vector.

(define-module (srfi srfi-43)
  #:export (vector-unfold vector-unfold-right vector-copy vector-reverse-copy
            vector-append vector-concatenate list->vector reverse-list->vector
            vector->list reverse-vector->list
            vector-empty? vector=
            vector-fold vector-fold-right vector-map vector-map! vector-for-each
            vector-count vector-index vector-index-right vector-skip vector-skip-right
            vector-binary-search vector-any vector-every
            vector-swap! vector-reverse! vector-reverse-copy!)
  #:re-export (make-vector vector vector? vector-length vector-ref vector-set!
               vector-fill! vector-copy!))

;; START and END from the optional arguments RANGE of a procedure on V.
(define (range-start v range) (if (pair? range) (car range) 0))
(define (range-end v range)
  (if (and (pair? range) (pair? (cdr range))) (cadr range) (vector-length v)))

;; The length of the shortest of VECTORS.
(define (min-length vectors) (apply min (map vector-length vectors)))

;; The elements at index I of VECTORS.
(define (refs vectors i) (map (lambda (v) (vector-ref v i)) vectors))

;;; Constructors

;; F maps (index seed ...) to (values element seed ...).
(define (vector-unfold f len . seeds)
  (let ((v (make-vector len)))
    (let loop ((i 0) (seeds seeds))
      (if (< i len)
          (call-with-values (lambda () (apply f i seeds))
            (lambda (x . seeds)
              (vector-set! v i x)
              (loop (+ i 1) seeds)))
          v))))

(define (vector-unfold-right f len . seeds)
  (let ((v (make-vector len)))
    (let loop ((i (- len 1)) (seeds seeds))
      (if (>= i 0)
          (call-with-values (lambda () (apply f i seeds))
            (lambda (x . seeds)
              (vector-set! v i x)
              (loop (- i 1) seeds)))
          v))))

;; (vector-copy v [start [end [fill]]]): END may pass the end of V, the
;; extra slots get FILL (unspecified, as in Guile, unless given).
(define (vector-copy v . args)
  (let* ((start (range-start v args))
         (end (if (and (pair? args) (pair? (cdr args))) (cadr args) (vector-length v)))
         (fill (if (and (pair? args) (pair? (cdr args)) (pair? (cddr args))) (caddr args) (if #f #f)))
         (new (make-vector (- end start) fill)))
    (vector-copy! new 0 v start (min end (vector-length v)))
    new))

(define (vector-reverse-copy v . range)
  (let ((new (vector-copy v (range-start v range) (range-end v range))))
    (vector-reverse! new)
    new))

(define (vector-append . vectors) (vector-concatenate vectors))

(define (vector-concatenate vectors)
  (let ((new (make-vector (apply + (map vector-length vectors)))))
    (let loop ((vs vectors) (at 0))
      (if (pair? vs)
          (begin
            (vector-copy! new at (car vs))
            (loop (cdr vs) (+ at (vector-length (car vs)))))
          new))))

;;; Conversion

(define (list->vector l . range)
  (if (pair? range)
      (let ((start (car range)))
        ((@ (guile) list->vector)
         (list-head (list-tail l start)
                    (if (pair? (cdr range)) (- (cadr range) start) (- (length l) start)))))
      ((@ (guile) list->vector) l)))

(define (reverse-list->vector l) ((@ (guile) list->vector) (reverse l)))

(define (vector->list v . range)
  ((@ (guile) vector->list) v (range-start v range) (range-end v range)))

(define (reverse-vector->list v . range)
  (let ((end (range-end v range)))
    (let loop ((i (range-start v range)) (acc '()))
      (if (< i end) (loop (+ i 1) (cons (vector-ref v i) acc)) acc))))

;;; Predicates

(define (vector-empty? v) (zero? (vector-length v)))

;; All VECTORS have the same length and ELT=? elements, pairwise.
(define (vector= elt=? . vectors)
  (define (same? a b)
    (and (= (vector-length a) (vector-length b))
         (let loop ((i 0))
           (or (= i (vector-length a))
               (and (elt=? (vector-ref a i) (vector-ref b i)) (loop (+ i 1)))))))
  (let loop ((vs vectors))
    (or (null? vs) (null? (cdr vs))
        (and (same? (car vs) (cadr vs)) (loop (cdr vs))))))

;;; Iteration

(define (vector-fold kons knil v . vs)
  (let* ((vectors (cons v vs)) (n (min-length vectors)))
    (let loop ((i 0) (acc knil))
      (if (< i n)
          (loop (+ i 1) (apply kons i acc (refs vectors i)))
          acc))))

(define (vector-fold-right kons knil v . vs)
  (let ((vectors (cons v vs)))
    (let loop ((i (- (min-length vectors) 1)) (acc knil))
      (if (>= i 0)
          (loop (- i 1) (apply kons i acc (refs vectors i)))
          acc))))

(define (vector-map f v . vs)
  (let* ((vectors (cons v vs)) (n (min-length vectors)) (new (make-vector n)))
    (do ((i 0 (+ i 1))) ((= i n) new)
      (vector-set! new i (apply f i (refs vectors i))))))

(define (vector-map! f v . vs)
  (let* ((vectors (cons v vs)) (n (min-length vectors)))
    (do ((i 0 (+ i 1))) ((= i n))
      (vector-set! v i (apply f i (refs vectors i))))))

(define (vector-for-each f v . vs)
  (let* ((vectors (cons v vs)) (n (min-length vectors)))
    (do ((i 0 (+ i 1))) ((= i n))
      (apply f i (refs vectors i)))))

(define (vector-count pred v . vs)
  (apply vector-fold (lambda (i n . xs) (if (apply pred i xs) (+ n 1) n)) 0 v vs))

;;; Searching

;; The first index, counting up from 0 (or down from the end) whose
;; elements satisfy PRED, or #f.
(define (search-up pred vectors)
  (let ((n (min-length vectors)))
    (let loop ((i 0))
      (cond ((= i n) #f)
            ((apply pred (refs vectors i)) i)
            (else (loop (+ i 1)))))))

(define (search-down pred vectors)
  (let loop ((i (- (min-length vectors) 1)))
    (cond ((< i 0) #f)
          ((apply pred (refs vectors i)) i)
          (else (loop (- i 1))))))

(define (negate-pred pred) (lambda xs (not (apply pred xs))))

(define (vector-index pred v . vs) (search-up pred (cons v vs)))
(define (vector-index-right pred v . vs) (search-down pred (cons v vs)))
(define (vector-skip pred v . vs) (search-up (negate-pred pred) (cons v vs)))
(define (vector-skip-right pred v . vs) (search-down (negate-pred pred) (cons v vs)))

;; The index of an element E of sorted V with (cmp E value) = 0, or #f.
(define (vector-binary-search v value cmp . range)
  (let loop ((lo (range-start v range)) (hi (range-end v range)))
    (and (< lo hi)
         (let* ((mid (quotient (+ lo hi) 2))
                (c (cmp (vector-ref v mid) value)))
           (cond ((zero? c) mid)
                 ((negative? c) (loop (+ mid 1) hi))
                 (else (loop lo mid)))))))

;; The first true value of PRED on the elements, or #f.
(define (vector-any pred v . vs)
  (let* ((vectors (cons v vs)) (n (min-length vectors)))
    (let loop ((i 0))
      (and (< i n)
           (or (apply pred (refs vectors i)) (loop (+ i 1)))))))

;; #f if PRED fails on some elements, else its last value (#t when empty).
(define (vector-every pred v . vs)
  (let* ((vectors (cons v vs)) (n (min-length vectors)))
    (let loop ((i 0) (last #t))
      (if (< i n)
          (let ((r (apply pred (refs vectors i))))
            (and r (loop (+ i 1) r)))
          last))))

;;; Mutators

(define (vector-swap! v i j)
  (let ((x (vector-ref v i)))
    (vector-set! v i (vector-ref v j))
    (vector-set! v j x)))

(define (vector-reverse! v . range)
  (let loop ((i (range-start v range)) (j (- (range-end v range) 1)))
    (when (< i j)
      (vector-swap! v i j)
      (loop (+ i 1) (- j 1)))))

(define (vector-reverse-copy! target at source . range)
  (let ((start (range-start source range)) (end (range-end source range)))
    (vector-copy! target at source start end)
    (vector-reverse! target at (+ at (- end start)))))
