;;; (scheme base): R7RS names whose meaning differs from Guile's default
;;; environment. Everything else of (scheme base) is in the root module.

(define-module (scheme base)
  #:export (bytevector-copy!))

;; R7RS order: (bytevector-copy! to at from [start [end]]).
(define (bytevector-copy! to at from . range)
  (let* ((start (if (pair? range) (car range) 0))
         (end (if (and (pair? range) (pair? (cdr range))) (cadr range) (bytevector-length from))))
    ((@@ (guile) bytevector-copy!) from start to at (- end start))))
