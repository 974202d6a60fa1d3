;; The body of the library tests/scheme/r7rs-libraries.scm defines itself,
;; which includes it.
(define (twice x) (* 2 x))
(define (thrice x) (* 3 x))
