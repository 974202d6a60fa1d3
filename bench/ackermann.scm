;;; ackermann -- non-tail recursion a few thousand frames deep, many calls.
(define (ack m n)
  (cond ((= m 0) (+ n 1))
        ((= n 0) (ack (- m 1) 1))
        (else (ack (- m 1) (ack m (- n 1))))))

(display (number->string (ack 3 8)))
(newline)
