;; Included by tests/scheme/r7rs.scm, and the body of the library
;; tests/scheme/r7rs-libraries.scm defines itself.
(define (twice x) (* 2 x))
(define (thrice x) (* 3 x))
