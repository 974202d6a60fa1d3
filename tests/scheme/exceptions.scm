;;; exceptions.scm -- (ice-9 exceptions): Guile 3's exception objects and
;;; types, compound exceptions, define-exception-type, and the errors guix0
;;; raises itself seen through them.

(use-modules (srfi srfi-64) (ice-9 exceptions))

(test-begin "exceptions")

(define e (make-exception (make-error) (make-exception-with-message "boom")
                          (make-exception-with-irritants '(1 2)) (make-exception-with-origin 'here)))
(test-equal "a compound exception and its parts" '(#t #t #t "boom" (1 2) here #f 4)
  (list (exception? e) (error? e) (exception-with-message? e) (exception-message e) (exception-irritants e)
        (exception-origin e) (programming-error? e) (length (simple-exceptions e))))
(test-equal "an error raised by error has a message and irritants" '(#t #t)
  (guard (c (#t (list (exception-with-message? c) (exception-with-irritants? c)))) (error "bad thing:" 42)))
(test-equal "raise-exception, caught by type" 'error (guard (c ((error? c) 'error)) (raise-exception (make-error))))
(define-exception-type &my-error &error make-my-error my-error? (detail my-error-detail))
(test-equal "define-exception-type" '(#t #t d #f #t)
  (let ((m (make-my-error 'd)))
    (list (my-error? m) (error? m) (my-error-detail m) (my-error? (make-error)) (exception-type? &my-error))))
(test-equal "a continuable exception's handler gives raise-continuable its value" "cont"
  (with-exception-handler (lambda (c) (exception-message c))
    (lambda () (raise-continuable (make-exception-with-message "cont")))))
(test-equal "the type hierarchy" '(#t #t #f #t)
  (list (assertion-failure? (make-assertion-failure)) (programming-error? (make-assertion-failure))
        (error? (make-warning)) (warning? (make-warning))))
(test-equal "syntax errors" '(f s) (let ((s (make-syntax-error 'f 's))) (list (syntax-error-form s) (syntax-error-subform s))))
(test-assert "exception-predicate" ((exception-predicate &message) (make-exception-with-message "x")))

;; (gnu build linux-modules) returns two values through catch.
(test-equal "catch gives all of the thunk's values" '(1 2)
  (call-with-values (lambda () (catch 'oops (lambda () (values 1 2)) (lambda args #f))) list))
(test-equal "catch gives all of the handler's values" '(h1 h2)
  (call-with-values (lambda () (catch 'oops (lambda () (throw 'oops)) (lambda args (values 'h1 'h2)))) list))
(test-equal "false-if-exception gives all the values" '(1 2)
  (call-with-values (lambda () (false-if-exception (values 1 2))) list))
(test-equal "catch of no values" '() (call-with-values (lambda () (catch #t values (lambda args #f))) list))

(test-end "exceptions")
