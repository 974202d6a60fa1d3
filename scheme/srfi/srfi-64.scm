;;; SRFI-64 testing, the commonly used subset. Results print as Guile's
;;; runner prints its summary ("# of expected passes N" ...), and each
;;; failure says what was expected and what came out.

(define-module (srfi srfi-64)
  #:export (test-begin test-end test-group test-assert test-equal test-eqv test-eq
            test-error test-approximate test-skip test-expect-fail
            test-runner-current test-runner-pass-count test-runner-fail-count
            %test-record %try %compare %assert %expect-error))

(define %groups '())
(define %passes 0)
(define %failures 0)
(define %xfails 0)
(define %skip-next 0)
(define %expect-fail-next 0)

(define (test-runner-current) #t)
(define (test-runner-pass-count . _) %passes)
(define (test-runner-fail-count . _) %failures)

(define (test-begin name . _)
  (set! %groups (cons name %groups)))

(define (test-end . name)
  (when (pair? %groups)
    (set! %groups (cdr %groups)))
  (when (null? %groups)
    (when (> %passes 0)
      (display "# of expected passes      ") (display %passes) (newline))
    (when (> %xfails 0)
      (display "# of expected failures    ") (display %xfails) (newline))
    (when (> %failures 0)
      (display "# of unexpected failures  ") (display %failures) (newline))))

(define (test-skip . _) (set! %skip-next (+ %skip-next 1)))
(define (test-expect-fail . _) (set! %expect-fail-next (+ %expect-fail-next 1)))

(define (%group-path)
  (let loop ((gs (reverse %groups)) (acc ""))
    (if (null? gs) acc (loop (cdr gs) (string-append acc (car gs) ": ")))))

;; Record one result. `ok?` says whether it passed; `detail` is a thunk
;; printing why it did not.
(define (%test-record name ok? detail)
  (cond ((> %skip-next 0)
         (set! %skip-next (- %skip-next 1)))
        ((> %expect-fail-next 0)
         (set! %expect-fail-next (- %expect-fail-next 1))
         (if ok?
             (begin (set! %failures (+ %failures 1))
                    (display "XPASS: ") (display (%group-path)) (display name) (newline))
             (set! %xfails (+ %xfails 1))))
        (ok? (set! %passes (+ %passes 1)))
        (else
         (set! %failures (+ %failures 1))
         (display "FAIL: ") (display (%group-path)) (display name) (newline)
         (detail))))

(define (%describe-error e)
  (if (condition? e)
      (string-append (symbol->string (exception-kind e)) ": " (error-object-message e))
      (object->string e)))

;; Evaluate thunk; return (value . #f) or (#f . error).
(define (%try thunk)
  (%call/ec
    (lambda (k)
      (with-exception-handler
        (lambda (e) (k (cons #f e)))
        (lambda () (cons (thunk) #f))))))

(define (%compare name same? expected-thunk actual-thunk form)
  (let* ((expected (expected-thunk))
         (result (%try actual-thunk)))
    (%test-record name
                  (and (not (cdr result)) (same? expected (car result)))
                  (lambda ()
                    (display "  form:     ") (write form) (newline)
                    (display "  expected: ") (write expected) (newline)
                    (if (cdr result)
                        (begin (display "  raised:   ") (display (%describe-error (cdr result))) (newline))
                        (begin (display "  actual:   ") (write (car result)) (newline)))))))

(define-macro (test-equal . args)
  (let ((name (if (= (length args) 3) (car args) (object->string (cadr args))))
        (expected (if (= (length args) 3) (cadr args) (car args)))
        (expr (if (= (length args) 3) (caddr args) (cadr args))))
    `(%compare ,name equal? (lambda () ,expected) (lambda () ,expr) ',expr)))

(define-macro (test-eqv . args)
  (let ((name (if (= (length args) 3) (car args) (object->string (cadr args))))
        (expected (if (= (length args) 3) (cadr args) (car args)))
        (expr (if (= (length args) 3) (caddr args) (cadr args))))
    `(%compare ,name eqv? (lambda () ,expected) (lambda () ,expr) ',expr)))

(define-macro (test-eq . args)
  (let ((name (if (= (length args) 3) (car args) (object->string (cadr args))))
        (expected (if (= (length args) 3) (cadr args) (car args)))
        (expr (if (= (length args) 3) (caddr args) (cadr args))))
    `(%compare ,name eq? (lambda () ,expected) (lambda () ,expr) ',expr)))

(define-macro (test-approximate . args)
  (let* ((named? (= (length args) 4))
         (name (if named? (car args) (object->string (cadr args))))
         (rest (if named? (cdr args) args)))
    `(%compare ,name (lambda (a b) (<= (abs (- a b)) ,(caddr rest)))
               (lambda () ,(car rest)) (lambda () ,(cadr rest)) ',(cadr rest))))

;; The macros expand into calls of these (exported) helpers, since a
;; define-macro expansion is resolved in the module where it is used.
(define (%assert name thunk form)
  (let ((result (%try thunk)))
    (%test-record name (and (not (cdr result)) (car result))
                  (lambda ()
                    (display "  form:     ") (write form) (newline)
                    (if (cdr result)
                        (begin (display "  raised:   ") (display (%describe-error (cdr result))) (newline))
                        (begin (display "  result:   ") (write (car result)) (newline)))))))

(define (%expect-error name thunk form)
  (let ((result (%try thunk)))
    (%test-record name (cdr result)
                  (lambda ()
                    (display "  form:     ") (write form) (newline)
                    (display "  expected an error, got: ") (write (car result)) (newline)))))

(define-macro (test-assert . args)
  (let ((name (if (= (length args) 2) (car args) (object->string (car args))))
        (expr (if (= (length args) 2) (cadr args) (car args))))
    `(%assert ,name (lambda () ,expr) ',expr)))

;; (test-error [name] [type] expr): passes when expr raises.
(define-macro (test-error . args)
  (let* ((expr (car (last-pair args)))
         (name (if (and (>= (length args) 2) (string? (car args))) (car args) (object->string expr))))
    `(%expect-error ,name (lambda () ,expr) ',expr)))

(define-macro (test-group name . body)
  `(begin (test-begin ,name) ,@body (test-end ,name)))
