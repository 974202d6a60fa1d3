;;; guix0 root library: higher-order procedures over vectors, strings and
;;; hash tables; promises; parameters and fluids.

;;; Vectors and strings, higher-order

(define (vector-map f v . vs)
  (list->vector (apply map f (vector->list v) (map vector->list vs))))
(define (vector-for-each f v . vs)
  (apply for-each f (vector->list v) (map vector->list vs)))
(define (string-for-each f s . ss)
  (apply for-each f (string->list s) (map string->list ss)))
(define (string-map f s . ss)
  (list->string (apply map f (string->list s) (map string->list ss))))
(define %char-set->predicate #f)   ; both set when (srfi srfi-14) is loaded
(define %char-set? #f)
;; What SRFI-13 procedures accept to pick characters: a char, a predicate
;; or a char-set.
(define (%char-matcher pred who)
  (cond ((char? pred) (lambda (c) (char=? c pred)))
        ((procedure? pred) pred)
        ((and %char-set->predicate (%char-set? pred)) (%char-set->predicate pred))
        (else (scm-error 'wrong-type-arg who
                         "Wrong type argument (expecting a char, char-set or predicate): ~S"
                         (list pred) (list pred)))))
(define (string-rindex s pred . range)
  (if (and (char? pred) (null? range))
      (%string-rindex-char s pred)
      (let ((match? (%char-matcher pred "string-rindex"))
            (start (if (pair? range) (car range) 0)))
        (let loop ((i (- (if (and (pair? range) (pair? (cdr range))) (cadr range) (string-length s)) 1)))
          (cond ((< i start) #f)
                ((match? (string-ref s i)) i)
                (else (loop (- i 1))))))))
(define (string-split s pred)
  (if (char? pred)
      (%string-split-char s pred)
      (let ((pred (%char-matcher pred "string-split")))
        (let loop ((chars (string->list s)) (cur '()) (acc '()))
          (cond ((null? chars) (reverse (cons (list->string (reverse cur)) acc)))
                ((pred (car chars)) (loop (cdr chars) '() (cons (list->string (reverse cur)) acc)))
                (else (loop (cdr chars) (cons (car chars) cur) acc)))))))
;; N characters of S, checked in the caller's name (not substring's).
(define (%count-of who s n)
  (unless (and (exact-integer? n) (<= 0 n (string-length s)))
    (scm-error 'out-of-range who "Argument 2 out of range: ~S" (list n) (list n)))
  n)
(define (string-take s n) (substring s 0 (%count-of "string-take" s n)))
(define (string-drop s n) (substring s (%count-of "string-drop" s n) (string-length s)))
(define (string-take-right s n)
  (substring s (- (string-length s) (%count-of "string-take-right" s n)) (string-length s)))
(define (string-drop-right s n)
  (substring s 0 (- (string-length s) (%count-of "string-drop-right" s n))))
(define (string-concatenate ls) (apply string-append ls))
;; SRFI-13: s1 with its [start1, end1) replaced by s2's [start2, end2).
(define (string-replace s1 s2 . range)
  (let* ((start1 (if (pair? range) (car range) 0))
         (end1 (if (and (pair? range) (pair? (cdr range))) (cadr range) (string-length s1)))
         (rest (if (and (pair? range) (pair? (cdr range))) (cddr range) '()))
         (start2 (if (pair? rest) (car rest) 0))
         (end2 (if (and (pair? rest) (pair? (cdr rest))) (cadr rest) (string-length s2))))
    (unless (and (exact-integer? start1) (<= 0 start1 (string-length s1)))
      (scm-error 'out-of-range "string-replace" "Argument 3 out of range: ~S" (list start1) (list start1)))
    (unless (and (exact-integer? end1) (<= start1 end1 (string-length s1)))
      (scm-error 'out-of-range "string-replace" "Argument 4 out of range: ~S" (list end1) (list end1)))
    (string-append (substring s1 0 start1) (substring s2 start2 end2)
                   (substring s1 end1 (string-length s1)))))
(define (vector-grow v n)
  (let ((new (make-vector n #f)))
    (vector-copy! new 0 v)
    new))
(define (subvector v start end) (vector-copy v start end))
;; Guile's: copy v1[start1, end1) into v2 at start2. Moving left copies
;; from the first item, moving right from the last, so that either is
;; right on overlapping parts of one vector in its direction.
(define (vector-move-left! v1 start1 end1 v2 start2)
  (do ((i start1 (+ i 1)) (j start2 (+ j 1))) ((>= i end1))
    (vector-set! v2 j (vector-ref v1 i))))
(define (vector-move-right! v1 start1 end1 v2 start2)
  (do ((i (- end1 1) (- i 1)) (j (+ start2 (- end1 start1 1)) (- j 1))) ((< i start1))
    (vector-set! v2 j (vector-ref v1 i))))

;;; Hash tables, higher-order

(define (hash-fold f init table)
  (fold (lambda (entry acc) (f (car entry) (cdr entry) acc)) init (hash-table->alist table)))
(define (hash-for-each f table)
  (for-each (lambda (entry) (f (car entry) (cdr entry))) (hash-table->alist table)))
(define (hash-map->list f table)
  (map (lambda (entry) (f (car entry) (cdr entry))) (hash-table->alist table)))
(define (hash-count pred table)
  (count (lambda (entry) (pred (car entry) (cdr entry))) (hash-table->alist table)))
(define (hash-table-walk table f) (hash-for-each f table))
(define* (string-ci-hash s #:optional (bound most-positive-fixnum)) (string-hash (string-downcase s) bound))
(define* (hash-by-identity obj #:optional (bound most-positive-fixnum)) (hashq obj bound))
;; Add the entries of table2 to table1 (replacing those of the same keys).
(define (hash-table-merge! table1 table2)
  (hash-for-each (lambda (k v) (hash-set! table1 k v)) table2)
  table1)
(define (hash-table-fold table f init) (hash-fold f init table))
(define (hash-create-handle! table key init)
  (or (hash-get-handle table key)
      (begin (hash-set! table key init) (hash-get-handle table key))))
(define (hashq-create-handle! table key init)
  (or (hashq-get-handle table key)
      (begin (hashq-set! table key init) (hashq-get-handle table key))))
(define (hashv-create-handle! table key init)
  (or (hashv-get-handle table key)
      (begin (hashv-set! table key init) (hashv-get-handle table key))))
(define (hash-for-each-handle proc table) (for-each proc (%hash-table-handles table)))
(define (hash-table-copy table . _)
  (let ((copy (make-hash-table)))
    (hash-for-each (lambda (k v) (hash-set! copy k v)) table)
    copy))
(define (hash-table-keys table) (map car (hash-table->alist table)))
(define (hash-table-values table) (map cdr (hash-table->alist table)))
(define (hash-table-ref table key . default)
  (if (hash-table-contains? table key)
      (hash-table-ref/default table key #f)
      (if (pair? default) ((car default)) (error "hash-table-ref: no such key" key))))
(define (hash-table-update! table key f . default)
  (hash-table-set! table key
                   (f (if (hash-table-contains? table key)
                          (hash-table-ref/default table key #f)
                          (if (pair? default) ((car default)) (error "hash-table-update!: no such key" key))))))
(define (hash-table-update!/default table key f default)
  (hash-table-set! table key (f (hash-table-ref/default table key default))))

;;; Promises (R7RS, with iterative forcing for delay-force)

(define (force promise)
  (if (not (promise? promise))
      promise
      (if (%promise-done? promise)
          (%promise-value promise)
          (let ((next ((%promise-value promise))))
            (unless (%promise-done? promise)
              (if (promise? next)
                  (%promise-update! next promise)
                  (%promise-resolve! promise next)))
            (force promise)))))

;;; Parameters

(define (make-parameter value . converter)
  (if (pair? converter)
      (%make-parameter ((car converter) value) (car converter))
      (%make-parameter value #f)))

;; `(p v)` sets p to v converted, as in Guile.
(define (%parameter-convert-and-set! p v)
  (%parameter-set! p ((%parameter-converter p) v)))

;; The current ports are parameters too, as R7RS and Guile have them: as
;; such, each is read and set through its setter.
(define (%port-parameter p)
  (define (through setter) (lambda value (if (null? value) (p) (setter (car value)))))
  (cond ((eq? p current-output-port) (through set-current-output-port))
        ((eq? p current-error-port) (through set-current-error-port))
        ((eq? p current-input-port) (through set-current-input-port))
        (else #f)))

(define (%parameterize params values thunk)
  ;; Give each parameter its value in order, collecting the old values;
  ;; on exit restore them in reverse order (a parameter may appear twice).
  (define (swap! ps vs)
    (let loop ((ps ps) (vs vs) (olds '()))
      (if (null? ps)
          (reverse olds)
          (let ((old ((car ps))))
            (if (parameter? (car ps))
                (%parameter-set! (car ps) (car vs))
                ((car ps) (car vs)))
            (loop (cdr ps) (cdr vs) (cons old olds))))))
  (let* ((ports (map %port-parameter params))
         (saved (map (lambda (p port v)
                       (let ((c (and (not port) (%parameter-converter p))))
                         (if c (c v) v)))
                     params ports values))
         (params (map (lambda (p port) (or port p)) params ports)))
    (dynamic-wind
      (lambda () (set! saved (swap! params saved)))
      thunk
      (lambda () (set! saved (reverse (swap! (reverse params) (reverse saved))))))))

;; Guile's fluids: guix0's parameters are fluids without converters. An
;; unbound fluid holds a value of its own until it is set.
(define (make-fluid . default) (%make-parameter (if (pair? default) (car default) #f) #f))
(define %unbound-fluid-value (list 'unbound-fluid))
(define (make-unbound-fluid) (%make-parameter %unbound-fluid-value #f))
;; Guile's: the encoding file ports open with (#f is ISO-8859-1), and what
;; is done with bytes or characters the encoding cannot hold.
(define %default-port-encoding (make-fluid "UTF-8"))
(define %default-port-conversion-strategy (make-fluid 'substitute))
(define (fluid? x) (parameter? x))
(define (fluid-ref f)
  (let ((value (f)))
    (if (eq? value %unbound-fluid-value)
        (scm-error 'misc-error "fluid-ref" "unbound fluid: ~S" (list f) #f)
        value)))
(define (fluid-bound? f) (not (eq? (f) %unbound-fluid-value)))
(define (fluid-unset! f) (f %unbound-fluid-value))
(define (fluid->parameter f) f)
(define (fluid-set! f v) (f v))
(define (with-fluid* f v thunk) (%parameterize (list f) (list v) thunk))
(define (with-fluids* fs vs thunk) (%parameterize fs vs thunk))
(define-macro (with-fluids bindings . body)
  `(%parameterize (list ,@(map car bindings)) (list ,@(map cadr bindings)) (lambda () ,@body)))
