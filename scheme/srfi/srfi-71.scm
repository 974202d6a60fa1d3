;;; (srfi srfi-71) -- `let`, `let*` and `letrec` whose bindings may take
;;; several values: (let ((name version (split spec)) (n 1)) ...).
;;;
;;; A binding is (var expr), (var ... expr) for that many values,
;;; ((values var ... . rest) expr) for a rest list too, or ((values . rest)
;;; expr). As with a plain `let`, every expression of a `let` is evaluated
;;; before any variable is bound; `let*` binds in order.

(define-module (srfi srfi-71)
  #:export (uncons unlist unvector values->list values->vector)
  #:replace ((multiple-value-let . let)
             (multiple-value-let* . let*)
             (multiple-value-letrec . letrec)))

(define-syntax multiple-value-let
  (syntax-rules ()
    ((_ (binding ...) body0 body ...)
     (evaluate-bindings () (binding ...) body0 body ...))
    ;; A named let: its bindings take one value each.
    ((_ name bindings body0 body ...)
     (let name bindings body0 body ...))))

;; Each binding's expression is evaluated in turn into fresh temporaries;
;; DONE holds the (var temporary) pairs made so far.
(define-syntax evaluate-bindings
  (syntax-rules (values)
    ((_ done () body ...)
     (let done body ...))
    ((_ done (((values . formals) expr) . rest) body ...)
     (receive-values done () () formals expr rest body ...))
    ((_ done ((var expr) . rest) body ...)
     (let ((value expr)) (evaluate-bindings ((var value) . done) rest body ...)))
    ((_ done ((var0 var ... expr) . rest) body ...)
     (receive-values done () () (var0 var ...) expr rest body ...))))

;; Pair each of FORMALS (a list, possibly dotted) with a temporary, then
;; receive EXPR's values into the temporaries.
(define-syntax receive-values
  (syntax-rules ()
    ((_ done (pair ...) (temp ...) () expr rest body ...)
     (call-with-values (lambda () expr)
       (lambda (temp ...) (evaluate-bindings (pair ... . done) rest body ...))))
    ((_ done (pair ...) (temp ...) (var . formals) expr rest body ...)
     (receive-values done (pair ... (var value)) (temp ... value) formals expr rest body ...))
    ((_ done (pair ...) (temp ...) rest-var expr rest body ...)
     (call-with-values (lambda () expr)
       (lambda (temp ... . values) (evaluate-bindings (pair ... (rest-var values) . done) rest body ...))))))

(define-syntax multiple-value-let*
  (syntax-rules ()
    ((_ () body0 body ...)
     (let () body0 body ...))
    ((_ (binding . rest) body0 body ...)
     (multiple-value-let (binding) (multiple-value-let* rest body0 body ...)))))

;; Every variable is bound (unassigned) first, so that the expressions can
;; refer to each other, then each binding's values are assigned.
(define-syntax multiple-value-letrec
  (syntax-rules ()
    ((_ (binding ...) body0 body ...)
     (let ()
       (define-binding-variables binding) ...
       (assign-binding binding) ...
       (let () body0 body ...)))))

(define-syntax define-binding-variables
  (syntax-rules (values)
    ((_ ((values . formals) expr)) (define-formals formals))
    ((_ (var ... expr)) (begin (define var #f) ...))))

(define-syntax define-formals
  (syntax-rules ()
    ((_ ()) (begin))
    ((_ (var . formals)) (begin (define var #f) (define-formals formals)))
    ((_ rest-var) (define rest-var #f))))

;; Assign a binding's values to its variables, through temporaries.
(define-syntax assign-binding
  (syntax-rules (values)
    ((_ ((values . formals) expr)) (assign-values () () formals expr))
    ((_ (var ... expr)) (assign-values () () (var ...) expr))))

(define-syntax assign-values
  (syntax-rules ()
    ((_ (var ...) (temp ...) () expr)
     (call-with-values (lambda () expr)
       (lambda (temp ...) (set! var temp) ... (if #f #f))))
    ((_ (var ...) (temp ...) (v . formals) expr)
     (assign-values (var ... v) (temp ... value) formals expr))
    ((_ (var ...) (temp ...) rest-var expr)
     (call-with-values (lambda () expr)
       (lambda (temp ... . values) (set! var temp) ... (set! rest-var values))))))

;;; Helpers for taking lists, pairs and vectors apart into values.

(define (uncons pair) (values (car pair) (cdr pair)))
(define (unlist lst) (apply values lst))
(define (unvector vec) (apply values (vector->list vec)))

(define-syntax values->list
  (syntax-rules ()
    ((_ expr) (call-with-values (lambda () expr) list))))

(define-syntax values->vector
  (syntax-rules ()
    ((_ expr) (call-with-values (lambda () expr) vector))))
