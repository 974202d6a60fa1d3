;; A record no handler takes is shown by its type's printer.
(use-modules (srfi srfi-9) (srfi srfi-9 gnu))

(define-record-type <build-failure>
  (build-failure package phase)
  build-failure?
  (package build-failure-package)
  (phase build-failure-phase))

(set-record-type-printer! <build-failure>
  (lambda (failure port)
    (format port "#<build-failure ~a in phase ~a>"
            (build-failure-package failure) (build-failure-phase failure))))

(raise (build-failure "hello" 'check))
