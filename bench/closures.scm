;;; closures -- allocating and calling closures: counters, adders,
;;; composition chains, and closures captured in data structures.
(define (make-counter)
  (let ((n 0))
    (lambda () (set! n (+ n 1)) n)))

(define (make-adder k) (lambda (x) (+ x k)))

(define (compose f g) (lambda (x) (f (g x))))

(define (chain n)
  ;; compose n adders into one procedure
  (let loop ((i 1) (f (lambda (x) x)))
    (if (> i n)
        f
        (loop (+ i 1) (compose (make-adder i) f)))))

(define (run-counters rounds)
  (let ((c1 (make-counter)) (c2 (make-counter)))
    (let loop ((i 0) (acc 0))
      (if (= i rounds)
          (+ acc (c2))
          (begin
            (c1)
            (loop (+ i 1) (+ acc (c1))))))))

(define (run-chains rounds)
  (let loop ((i 0) (acc 0))
    (if (= i rounds)
        acc
        (loop (+ i 1) (modulo (+ acc ((chain 20) i)) 1000000007)))))

(define (run-mapped rounds)
  ;; a fresh closure per element, stored in a list, then applied
  (let loop ((i 0) (acc 0))
    (if (= i rounds)
        acc
        (let ((fs (map (lambda (k) (lambda (x) (* x k))) '(1 2 3 4 5 6 7 8))))
          (loop (+ i 1)
                (modulo (+ acc (apply + (map (lambda (f) (f i)) fs))) 1000000007))))))

(display (number->string (run-counters 200000)))
(display " ")
(display (number->string (run-chains 10000)))
(display " ")
(display (number->string (run-mapped 30000)))
(newline)
