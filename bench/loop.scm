;;; loop -- a tail-recursive loop of 10,000,000 iterations (named let).
(define (count-up n)
  (let loop ((i 0) (acc 0))
    (if (= i n)
        acc
        (loop (+ i 1) (+ acc i)))))

(display (number->string (count-up 10000000)))
(newline)
