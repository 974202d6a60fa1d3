;;; tail.scm -- proper tail calls in every tail position (R7RS 3.5), each
;;; exercised by a loop of 1,000,000 iterations, plus deep non-tail
;;; recursion, which must be bounded by memory rather than by a native stack.

(use-modules (srfi srfi-64))

(test-begin "tail")

(define N 1000000)

;;; if
(define (loop-if n) (if (= n 0) 'done (loop-if (- n 1))))
(test-eq "if consequent/alternative" 'done (loop-if N))

(define (loop-if2 n) (if (> n 0) (loop-if2 (- n 1)) 'done))
(test-eq "if consequent" 'done (loop-if2 N))

;;; cond, including => and else
(define (loop-cond n)
  (cond ((= n 0) 'done)
        ((odd? n) (loop-cond (- n 1)))
        (else (loop-cond (- n 1)))))
(test-eq "cond clauses and else" 'done (loop-cond N))

(define (loop-cond=> n)
  (cond ((= n 0) 'done)
        ((- n 1) => loop-cond=>)))
(test-eq "cond =>" 'done (loop-cond=> N))

(define (loop-cond-test-only n)
  (cond ((= n 0) 'done)
        ((loop-cond-test-only (- n 1)))))
(test-eq "cond clause with test only" 'done (loop-cond-test-only N))

;;; case
(define (loop-case n)
  (case (modulo n 3)
    ((0) (if (= n 0) 'done (loop-case (- n 1))))
    ((1) (loop-case (- n 1)))
    (else (loop-case (- n 1)))))
(test-eq "case" 'done (loop-case N))

(define (loop-case=> n)
  (case n
    ((0) 'done)
    (else => (lambda (m) (loop-case=> (- m 1))))))
(test-eq "case else =>" 'done (loop-case=> N))

;;; and / or
(define (loop-and n) (and #t (if (= n 0) 'done (loop-and (- n 1)))))
(test-eq "and last expression" 'done (loop-and N))

(define (loop-and2 n) (and (>= n 0) (or (= n 0) (loop-and2 (- n 1)))))
(test-eq "and/or nested" #t (loop-and2 N))

(define (loop-or n) (or (and (= n 0) 'done) (loop-or (- n 1))))
(test-eq "or last expression" 'done (loop-or N))

;;; when / unless
(define count 0)
(define (loop-when n)
  (when (> n 0) (set! count (+ count 1)) (loop-when (- n 1))))
(set! count 0)
(loop-when N)
(test-eqv "when" N count)

(define (loop-unless n)
  (unless (= n 0) (set! count (- count 1)) (loop-unless (- n 1))))
(loop-unless N)
(test-eqv "unless" 0 count)

;;; do, named let, let forms, bodies
(test-eqv "do loop" N (do ((i 0 (+ i 1))) ((= i N) i)))
(test-eqv "do loop with body" N
  (let ((acc 0))
    (do ((i 0 (+ i 1))) ((= i N) acc) (set! acc (+ acc 1)))))
(test-eqv "named let" N (let lp ((i 0)) (if (< i N) (lp (+ i 1)) i)))
(test-eqv "named let two accumulators" (* 2 N)
  (let lp ((i N) (acc 0)) (if (= i 0) acc (lp (- i 1) (+ acc 2)))))

(define (loop-let n) (let ((m (- n 1))) (if (< m 0) 'done (loop-let m))))
(test-eq "let body" 'done (loop-let N))

(define (loop-let* n) (let* ((a n) (b (- a 1))) (if (< b 0) 'done (loop-let* b))))
(test-eq "let* body" 'done (loop-let* N))

(define (loop-letrec n)
  (letrec ((f (lambda (k) (if (= k 0) 'done (f (- k 1))))))
    (f n)))
(test-eq "letrec lambda" 'done (loop-letrec N))

(define (loop-letrec* n)
  (letrec* ((dec (lambda (k) (- k 1)))
            (f (lambda (k) (if (= k 0) 'done (f (dec k))))))
    (f n)))
(test-eq "letrec*" 'done (loop-letrec* N))

(define (loop-begin n) (begin 1 2 (if (= n 0) 'done (loop-begin (- n 1)))))
(test-eq "begin" 'done (loop-begin N))

(define (loop-body n)
  (define m (- n 1))
  (define (again) (loop-body m))
  (if (< m 0) 'done (again)))
(test-eq "body with internal defines" 'done (loop-body N))

(define (loop-lambda n) ((lambda (m) (if (< m 0) 'done (loop-lambda m))) (- n 1)))
(test-eq "lambda application" 'done (loop-lambda N))

;;; mutual recursion
(define (my-even? n) (if (= n 0) #t (my-odd? (- n 1))))
(define (my-odd? n) (if (= n 0) #f (my-even? (- n 1))))
(test-eq "mutual recursion even" #t (my-even? N))
(test-eq "mutual recursion odd" #t (my-odd? (+ N 1)))

(define (internal-mutual n)
  (define (e? k) (if (= k 0) #t (o? (- k 1))))
  (define (o? k) (if (= k 0) #f (e? (- k 1))))
  (e? n))
(test-eq "internal mutual recursion" #t (internal-mutual N))

;;; apply, call-with-values consumer, procedures passed around
(define (loop-apply n) (if (= n 0) 'done (apply loop-apply (list (- n 1)))))
(test-eq "apply" 'done (loop-apply N))

(define (loop-apply2 n) (if (= n 0) 'done (apply loop-apply2 (- n 1) '())))
(test-eq "apply with spread args" 'done (loop-apply2 N))

(define (loop-cwv n)
  (if (= n 0)
      'done
      (call-with-values (lambda () (values (- n 1))) loop-cwv)))
(test-eq "call-with-values consumer" 'done (loop-cwv N))

(define (loop-higher f n) (if (= n 0) 'done (f f (- n 1))))
(test-eq "self application" 'done (loop-higher loop-higher N))

(define (loop-cps n k) (if (= n 0) (k 'done) (loop-cps (- n 1) (lambda (v) (k v)))))
(test-eq "CPS with growing closures" 'done (loop-cps N (lambda (v) v)))

(define (loop-rest n . ignored) (if (= n 0) 'done (loop-rest (- n 1) 'x 'y)))
(test-eq "rest arguments" 'done (loop-rest N))

(define (loop-dynamic-wind-free n acc)
  ;; string ports and closures allocated per iteration, still tail
  (if (= n 0) acc (loop-dynamic-wind-free (- n 1) (+ acc 1))))
(test-eqv "accumulator" N (loop-dynamic-wind-free N 0))

;;; deep non-tail recursion: bounded by memory, not by a native stack
(define (deep n) (if (= n 0) 0 (+ 1 (deep (- n 1)))))
(test-eqv "non-tail recursion 1,000,000 deep" 1000000 (deep 1000000))

(define (build n) (if (= n 0) '() (cons n (build (- n 1)))))
(test-eqv "build a list non-tail" 1000000 (length (build 1000000)))

(define (deep-sum lst) (if (null? lst) 0 (+ (car lst) (deep-sum (cdr lst)))))
(test-eqv "sum a long list non-tail" 500000500000 (deep-sum (build 1000000)))

(test-eqv "map over a long list" 1000000
  (length (map (lambda (x) (+ x 1)) (build 1000000))))

(define (deep-let n) (if (= n 0) 0 (let ((r (deep-let (- n 1)))) (+ r 1))))
(test-eqv "non-tail recursion through let" 300000 (deep-let 300000))

(define (deep-apply n) (if (= n 0) 0 (+ 1 (apply deep-apply (list (- n 1))))))
(test-eqv "non-tail recursion through apply" 300000 (deep-apply 300000))

(test-end "tail")
