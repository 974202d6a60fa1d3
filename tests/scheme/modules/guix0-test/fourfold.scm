;; Included with multiples.scm by tests/scheme/r7rs.scm.
(define (fourfold x) (twice (twice x)))
