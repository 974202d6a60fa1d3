;;; (srfi srfi-31) -- `rec`, a recursive procedure or value as an expression:
;;; (rec (fact n) (if (= n 0) 1 (* n (fact (- n 1))))).

(define-module (srfi srfi-31)
  #:export (rec))

(define-syntax rec
  (syntax-rules ()
    ((_ (name . formals) body0 body ...)
     (letrec ((name (lambda formals body0 body ...))) name))
    ((_ name expr)
     (letrec ((name expr)) name))))
