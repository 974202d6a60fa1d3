(define (square-it x) (* x x))
(display (squareit 4))
