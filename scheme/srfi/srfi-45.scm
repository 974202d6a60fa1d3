;;; (srfi srfi-45) -- iterative lazy algorithms. `delay`, `lazy` (guix0's
;;; `delay-force`) and `force` are built in; `eager` is a promise of a value
;;; already computed.

(define-module (srfi srfi-45)
  #:export (eager))

(define (eager value)
  (delay value))
