;; A Guix-style module for tests/scheme/modules.scm.
(define-module (guix0-test greet)
  #:use-module (srfi srfi-1)
  #:export (greet greeting-count)
  #:re-export (fold))

(define greeting-count 0)
(define (punctuate text) (string-append text "!"))
(define (greet name)
  (set! greeting-count (+ greeting-count 1))
  (punctuate (string-append "hello, " name)))
(define-public (shout name) (string-upcase (greet name)))
