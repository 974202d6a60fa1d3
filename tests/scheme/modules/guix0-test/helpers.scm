;; Macros whose expansions pass private names of this module through
;; define-macro style forms (match, SRFI-35's condition), as Guix's
;; substitute* and formatted-message do; for tests/scheme/modules.scm.
(define-module (guix0-test helpers)
  #:use-module (ice-9 match)
  #:use-module (srfi srfi-35)
  #:export (helped &labelled labelled-condition))

(define (private-helper x) (list 'helped x))
(define-syntax helped
  (syntax-rules ()
    ((_ v) (match v ((? number? n) (private-helper n)) (_ 'not-a-number)))))

(define-condition-type &private-label &message private-label? (label private-label-label))
(define-syntax labelled-condition
  (syntax-rules ()
    ((_ text tag) (condition (&private-label (message text) (label tag))))))
