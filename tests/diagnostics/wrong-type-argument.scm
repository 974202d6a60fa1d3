(define (f x) (car x))
(define (g y) (f y))
(g 5)
