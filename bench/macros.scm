;;; macros -- a define-macro heavy program (define-macro is the macro system
;;; GNU Mes, Guile and guix0 all accept): looping, mutation and boolean
;;; macros, recursive macros, macros computing at expansion time, and macros
;;; generating definitions, used in hot loops.
;;;
;;; Transformers only use built-in procedures: a compiling implementation
;;; (guild/compile-file) runs them before the file's own definitions exist.

(define-macro (inc! var . by)
  `(set! ,var (+ ,var ,(if (null? by) 1 (car by)))))

(define-macro (dec! var . by)
  `(set! ,var (- ,var ,(if (null? by) 1 (car by)))))

(define-macro (while test . body)
  `(let %while-loop ()
     (if ,test
         (begin ,@body (%while-loop))
         #f)))

(define-macro (for var from to . body)
  `(let %for-loop ((,var ,from))
     (if (< ,var ,to)
         (begin ,@body (%for-loop (+ ,var 1))))))

(define-macro (my-and . xs)
  (cond ((null? xs) #t)
        ((null? (cdr xs)) (car xs))
        (else `(if ,(car xs) (my-and ,@(cdr xs)) #f))))

(define-macro (my-or . xs)
  (if (null? xs)
      #f
      `(let ((%or-tmp ,(car xs)))
         (if %or-tmp %or-tmp (my-or ,@(cdr xs))))))

(define-macro (swap! a b)
  `(let ((%swap-tmp ,a))
     (set! ,a ,b)
     (set! ,b %swap-tmp)))

(define-macro (vswap! v i j)
  `(let ((%vswap-tmp (vector-ref ,v ,i)))
     (vector-set! ,v ,i (vector-ref ,v ,j))
     (vector-set! ,v ,j %vswap-tmp)))

(define-macro (unroll4 . body)
  `(begin ,@body ,@body ,@body ,@body))

(define-macro (const-fib n)
  ;; computed while expanding
  (let loop ((k n) (a 0) (b 1))
    (if (= k 0) a (loop (- k 1) b (+ a b)))))

(define-macro (define-record-accessors prefix . fields)
  ;; (define-record-accessors pt x y) defines pt-x, pt-y over vectors
  (let loop ((fs fields) (i 0) (acc '()))
    (if (null? fs)
        `(begin ,@(reverse acc))
        (loop (cdr fs)
              (+ i 1)
              (cons `(define (,(string->symbol
                                (string-append (symbol->string prefix) "-"
                                               (symbol->string (car fs))))
                              r)
                       (vector-ref r ,i))
                    acc)))))

(define-macro (sum-of . xs)
  ;; (sum-of a b c) => (+ a (+ b (+ c 0))), nested on purpose
  (if (null? xs) 0 `(+ ,(car xs) (sum-of ,@(cdr xs)))))

(define-record-accessors pt x y z w)

(define (sieve n)
  ;; count primes below n
  (let ((marks (make-vector n #t)) (count 0) (i 2))
    (while (< i n)
      (if (vector-ref marks i)
          (begin
            (inc! count)
            (let ((j (* i i)))
              (while (< j n)
                (vector-set! marks j #f)
                (inc! j i)))))
      (inc! i))
    count))

(define (matrix-product n)
  ;; trace of A*B for small integer matrices stored as vectors of vectors
  (let ((a (make-vector n #f)) (b (make-vector n #f)) (trace 0))
    (for i 0 n
      (vector-set! a i (make-vector n 0))
      (vector-set! b i (make-vector n 0))
      (for j 0 n
        (vector-set! (vector-ref a i) j (modulo (+ (* i 7) j) 10))
        (vector-set! (vector-ref b i) j (modulo (+ i (* j 3)) 10))))
    (for i 0 n
      (let ((s 0))
        (for k 0 n
          (inc! s (* (vector-ref (vector-ref a i) k) (vector-ref (vector-ref b k) i))))
        (inc! trace s)))
    trace))

(define (shuffle-and-count rounds)
  (let ((v (make-vector 16 0)) (acc 0) (x 1) (y 2))
    (for i 0 16 (vector-set! v i i))
    (for r 0 rounds
      (unroll4 (vswap! v (modulo r 16) (modulo (* r 5) 16)))
      (swap! x y)
      (if (my-and (> r 0) (my-or (= 0 (modulo r 3)) (= 0 (modulo r 5))) (not (= r 7)))
          (inc! acc (vector-ref v (modulo r 16)))
          (dec! acc 1)))
    (+ acc x (* 10 y))))

(define (records rounds)
  (let ((acc 0))
    (for r 0 rounds
      (let ((p (vector r (+ r 1) (+ r 2) (+ r 3))))
        (inc! acc (sum-of (pt-x p) (pt-y p) (pt-z p) (pt-w p) (const-fib 20)))))
    (modulo acc 1000000007)))

(display (number->string (sieve 200000)))
(display " ")
(display (number->string (matrix-product 40)))
(display " ")
(display (number->string (shuffle-and-count 100000)))
(display " ")
(display (number->string (records 100000)))
(newline)
