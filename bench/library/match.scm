;;; match -- (ice-9 match) as Guix code uses it: symbolic differentiation
;;; and simplification of expression trees, match-lambda, nested patterns,
;;; predicates, `...`.
(use-modules (ice-9 match))

(define simplify
  (match-lambda
    (('+ 0 e) (simplify e))
    (('+ e 0) (simplify e))
    (('* 0 _) 0)
    (('* _ 0) 0)
    (('* 1 e) (simplify e))
    (('* e 1) (simplify e))
    (((and op (or '+ '*)) (? number? a) (? number? b)) (if (eq? op '+) (+ a b) (* a b)))
    ((op a b) (let ((a2 (simplify a)) (b2 (simplify b)))
                (if (and (equal? a a2) (equal? b b2)) (list op a b) (simplify (list op a2 b2)))))
    (e e)))

(define (d e x)
  (match e
    ((? number?) 0)
    ((? symbol? s) (if (eq? s x) 1 0))
    (('+ a b) `(+ ,(d a x) ,(d b x)))
    (('* a b) `(+ (* ,(d a x) ,b) (* ,a ,(d b x))))
    (('expt a (? number? n)) `(* (* ,n (expt ,a ,(- n 1))) ,(d a x)))))

(define (size e)
  (match e
    ((op args ...) (apply + 1 (map size args)))
    (_ 1)))

(define (poly n)
  (let loop ((k n) (acc 'x))
    (if (= k 0) acc (loop (- k 1) `(+ (* ,k (expt x ,k)) ,acc)))))

(define (run rounds)
  (let loop ((i 0) (total 0))
    (if (= i rounds)
        total
        (loop (+ i 1) (+ total (size (simplify (d (poly (+ 5 (modulo i 20))) 'x))))))))

(display (number->string (run 3000)))
(newline)
