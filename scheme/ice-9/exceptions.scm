;;; (ice-9 exceptions) -- Guile 3's exception objects, over SRFI-35's
;;; conditions (as in Guile, where the two are one): an exception type is a
;;; condition type, `&exception` is `&condition`, and a compound exception
;;; is a compound condition. The errors guix0 raises itself (from `error`,
;;; `throw` or a primitive) are errors with a message and irritants.

(define-module (ice-9 exceptions)
  #:use-module (srfi srfi-35)
  #:export (&exception make-exception exception? make-exception-type exception-type?
            exception-predicate exception-accessor define-exception-type simple-exceptions
            make-error &warning make-warning warning?
            make-exception-with-message exception-with-message? exception-message
            &irritants make-exception-with-irritants exception-with-irritants? exception-irritants
            &origin make-exception-with-origin exception-with-origin? exception-origin
            &external-error make-external-error external-error?
            &programming-error make-programming-error programming-error?
            &assertion-failure make-assertion-failure assertion-failure?
            &non-continuable make-non-continuable-error non-continuable-error?
            &implementation-restriction make-implementation-restriction-error
            implementation-restriction-error? &lexical make-lexical-error lexical-error?
            &syntax make-syntax-error syntax-error? syntax-error-form syntax-error-subform
            &undefined-variable make-undefined-variable-error undefined-variable-error?
            &quit-exception make-quit-exception quit-exception?)
  #:re-export (&error &message &serious error?))

(define &exception &condition)
(define (exception? x) (condition? x))
(define (exception-type? x) (condition-type? x))
(define (make-exception . components) (apply make-compound-condition components))
(define (make-exception-type name parent fields) (make-condition-type name parent fields))

;; An error guix0 raised itself, not a SRFI-35 condition.
(define native? (@@ (srfi srfi-35) native?))

(define (exception-predicate type)
  (lambda (x) (condition-has-type? x type)))
(define (exception-accessor type proc)
  (lambda (x) (proc (extract-condition x type))))

;; Every field, inherited ones too, from values given for the type's own.
(define (construct type own-fields values)
  (let* ((all ((@@ (srfi srfi-35) all-fields) type))
         (given (map cons own-fields values)))
    (apply make-condition type
           (append-map (lambda (f) (list f (let ((v (assq f given))) (and v (cdr v))))) all))))

(define-syntax define-exception-type
  (syntax-rules ()
    ((_ name parent constructor predicate (field accessor) ...)
     (begin
       (define name (make-exception-type 'name parent '(field ...)))
       (define (constructor field ...) ((@@ (ice-9 exceptions) construct) name '(field ...) (list field ...)))
       (define predicate (exception-predicate name))
       (define (accessor x) (condition-ref x 'field)) ...))))

(define (simple-exceptions x)
  (if (native? x) (list x) ((@@ (srfi srfi-35) condition-parts) x)))

(define (make-error) (make-condition &error))
(define &warning (make-exception-type '&warning &exception '()))
(define (make-warning) (make-condition &warning))
(define warning? (exception-predicate &warning))

(define (make-exception-with-message message) (make-condition &message 'message message))
(define exception-with-message? message-condition?)
(define (exception-message x) (condition-message x))

(define &irritants (make-exception-type '&irritants &exception '(irritants)))
(define (make-exception-with-irritants irritants) (make-condition &irritants 'irritants irritants))
(define (exception-with-irritants? x) (or (native? x) (condition-has-type? x &irritants)))
(define (exception-irritants x) (if (native? x) (error-object-irritants x) (condition-ref x 'irritants)))

(define &origin (make-exception-type '&origin &exception '(origin)))
(define (make-exception-with-origin origin) (make-condition &origin 'origin origin))
(define (exception-with-origin? x)
  (if (native? x) (and (%condition-who x) #t) (condition-has-type? x &origin)))
(define (exception-origin x) (if (native? x) (%condition-who x) (condition-ref x 'origin)))

(define &external-error (make-exception-type '&external-error &error '()))
(define (make-external-error) (make-condition &external-error))
(define external-error? (exception-predicate &external-error))
(define &programming-error (make-exception-type '&programming-error &error '()))
(define (make-programming-error) (make-condition &programming-error))
(define programming-error? (exception-predicate &programming-error))
(define &assertion-failure (make-exception-type '&assertion-failure &programming-error '()))
(define (make-assertion-failure) (make-condition &assertion-failure))
(define assertion-failure? (exception-predicate &assertion-failure))
(define &non-continuable (make-exception-type '&non-continuable &programming-error '()))
(define (make-non-continuable-error) (make-condition &non-continuable))
(define non-continuable-error? (exception-predicate &non-continuable))
(define &implementation-restriction (make-exception-type '&implementation-restriction &programming-error '()))
(define (make-implementation-restriction-error) (make-condition &implementation-restriction))
(define implementation-restriction-error? (exception-predicate &implementation-restriction))
(define &lexical (make-exception-type '&lexical &error '()))
(define (make-lexical-error) (make-condition &lexical))
(define lexical-error? (exception-predicate &lexical))
(define &syntax (make-exception-type '&syntax &error '(form subform)))
(define (make-syntax-error form subform) (make-condition &syntax 'form form 'subform subform))
(define syntax-error? (exception-predicate &syntax))
(define (syntax-error-form x) (condition-ref x 'form))
(define (syntax-error-subform x) (condition-ref x 'subform))
(define &undefined-variable (make-exception-type '&undefined-variable &programming-error '()))
(define (make-undefined-variable-error) (make-condition &undefined-variable))
(define undefined-variable-error? (exception-predicate &undefined-variable))
(define &quit-exception (make-exception-type '&quit-exception &exception '(code)))
(define (make-quit-exception code) (make-condition &quit-exception 'code code))
(define quit-exception? (exception-predicate &quit-exception))
