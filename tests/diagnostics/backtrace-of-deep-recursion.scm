(define (f n) (if (= n 0) (car 0) (+ 1 (f (- n 1)))))
(f 100000)
