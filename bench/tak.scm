;;; tak -- Takeuchi function: deep call trees with three arguments.
(define (tak x y z)
  (if (not (< y x))
      z
      (tak (tak (- x 1) y z)
           (tak (- y 1) z x)
           (tak (- z 1) x y))))

(define (repeat n acc)
  (if (= n 0)
      acc
      (repeat (- n 1) (+ acc (tak 18 12 6)))))

(display (number->string (repeat 40 0)))
(newline)
