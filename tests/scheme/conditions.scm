;;; Conditions and the error model: SRFI-35 condition types as Guix code
;;; uses them, SRFI-34 guard, Guile's catch/throw keys and arguments,
;;; system-error's errno, and SRFI-2 and-let*.
(use-modules (srfi srfi-64) (srfi srfi-34) (srfi srfi-35) (srfi srfi-2))

(test-begin "conditions")

(define-condition-type &build-failure &error build-failure?
  (package build-failure-package)
  (phase build-failure-phase))

(define failure (make-condition &build-failure 'package "hello" 'phase 'check))

(test-assert "condition?" (condition? failure))
(test-assert "predicate" (build-failure? failure))
(test-equal "accessor" "hello" (build-failure-package failure))
(test-equal "second accessor" 'check (build-failure-phase failure))
(test-assert "inherits &error" (error? failure))
(test-assert "inherits &serious" (serious-condition? failure))
(test-assert "not a message" (not (message-condition? failure)))
(test-assert "has type" (condition-has-type? failure &build-failure))
(test-equal "condition-ref" "hello" (condition-ref failure 'package))

(define compound (condition (&message (message "the tests failed")) (&build-failure (package "hello") (phase 'check))))
(test-assert "compound: message part" (message-condition? compound))
(test-equal "compound: message" "the tests failed" (condition-message compound))
(test-equal "compound: other part" 'check (build-failure-phase compound))
(test-equal "extract-condition" "the tests failed"
  (condition-message (extract-condition compound &message)))
(test-assert "make-compound-condition"
  (let ((c (make-compound-condition (make-condition &message 'message "m") (make-condition &error))))
    (and (message-condition? c) (error? c))))

(test-equal "guard catches a raised condition" "the tests failed"
  (guard (c ((message-condition? c) (condition-message c)))
    (raise compound)))
(test-equal "guard: else clause" 'other
  (guard (c ((build-failure? c) 'failure) (else 'other))
    (raise 42)))
(test-equal "guard re-raises when no clause matches" 'outer
  (guard (c ((symbol? c) 'outer))
    (guard (c ((string? c) 'inner))
      (raise 'a-symbol))))

(test-equal "error raises misc-error" 'misc-error
  (catch #t (lambda () (error "boom" 42)) (lambda (key . args) key)))
(test-equal "throw with a user key" '(my-key 1 2)
  (catch 'my-key (lambda () (throw 'my-key 1 2)) (lambda args args)))
(test-equal "catch #t sees any key" 'other-key
  (catch #t (lambda () (throw 'other-key)) (lambda (key . args) key)))
(test-equal "system-error carries errno" (list 'system-error ENOENT)
  (catch 'system-error
    (lambda () (delete-file "/nonexistent/guix0-test-file"))
    (lambda args (list (car args) (system-error-errno args)))))
(test-equal "strerror" "No such file or directory" (strerror ENOENT))

(test-equal "and-let*: all true" 3 (and-let* ((x 1) ((> x 0)) (y (+ x 2))) y))
(test-equal "and-let*: stops at #f" #f (and-let* ((x #f) (y (car x))) y))
(test-equal "and-let*: bare variable" 'ok (let ((v 5)) (and-let* (v) 'ok)))

;;; Handlers nest as deep as calls do, at the cost of the calls.
(define (nested-catch n)
  (if (= n 0) 0 (+ 1 (catch #t (lambda () (nested-catch (- n 1))) (lambda args 0)))))
(test-eqv "100,000 nested catches" 100000 (nested-catch 100000))
(define (nested-guard n)
  (if (= n 0) 0 (+ 1 (guard (e (#t 0)) (nested-guard (- n 1))))))
(test-eqv "100,000 nested guards" 100000 (nested-guard 100000))
(define (raise-under n)
  (if (= n 0) (throw 'deep n) (+ 1 (catch 'other (lambda () (raise-under (- n 1))) (lambda args 0)))))
(test-equal "a throw passes 10,000 catches of other keys" '(deep 0)
  (catch 'deep (lambda () (raise-under 10000)) (lambda args args)))

(test-equal "wrong-type-arg throw arguments, as Guile's"
  '("car" "Wrong type argument in position 1 (expecting pair): ~S" (1) (1))
  (catch 'wrong-type-arg (lambda () (car 1)) (lambda (key . args) args)))
(test-equal "out-of-range throw arguments, as Guile's"
  '("vector-ref" "Argument 2 out of range: ~S" (5) (5))
  (catch 'out-of-range (lambda () (vector-ref (vector 1) 5)) (lambda (key . args) args)))

(test-end "conditions")
