;;; SRFI-64 testing with its test runners. The simple runner prints Guile's
;;; summary ("# of expected passes N" ...) and, for each failure, what was
;;; expected and what came out; it writes no log file.

(define-module (srfi srfi-64)
  #:export (test-begin test-end test-group test-group-with-cleanup
            test-assert test-equal test-eqv test-eq test-approximate test-error
            test-skip test-expect-fail test-match-name test-match-nth test-match-any test-match-all
            test-apply test-with-runner test-read-eval-string test-log-to-file
            test-runner? test-runner-current test-runner-get test-runner-simple test-runner-null
            test-runner-create test-runner-factory test-runner-reset
            test-runner-pass-count test-runner-fail-count test-runner-xpass-count
            test-runner-xfail-count test-runner-skip-count test-runner-test-name
            test-runner-group-path test-runner-group-stack test-runner-aux-value test-runner-aux-value!
            test-runner-on-test-begin test-runner-on-test-begin! test-runner-on-test-end
            test-runner-on-test-end! test-runner-on-group-begin test-runner-on-group-begin!
            test-runner-on-group-end test-runner-on-group-end! test-runner-on-final
            test-runner-on-final! test-runner-on-bad-count test-runner-on-bad-count!
            test-runner-on-bad-end-name test-runner-on-bad-end-name!
            test-on-group-begin-simple test-on-group-end-simple test-on-test-begin-simple
            test-on-test-end-simple test-on-final-simple test-on-bad-count-simple
            test-on-bad-end-name-simple
            test-result-ref test-result-set! test-result-remove test-result-clear test-result-alist
            test-result-kind test-passed?
            %test-assert %test-compare %test-error))

;;; Runners

(define-record-type <test-runner>
  (%make-test-runner)
  test-runner?
  (pass-count test-runner-pass-count set-pass-count!)
  (fail-count test-runner-fail-count set-fail-count!)
  (xpass-count test-runner-xpass-count set-xpass-count!)
  (xfail-count test-runner-xfail-count set-xfail-count!)
  (skip-count test-runner-skip-count set-skip-count!)
  ;; Specifiers of the tests to skip, to expect to fail, and (under
  ;; test-apply) to run; each group restores those of its parent.
  (skip-list skip-list set-skip-list!)
  (fail-list fail-list set-fail-list!)
  (run-list run-list set-run-list!)
  (saved-lists saved-lists set-saved-lists!)
  (group-stack test-runner-group-stack set-group-stack!)
  (result-alist test-result-alist set-result-alist!)
  (aux-value test-runner-aux-value test-runner-aux-value!)
  (on-test-begin test-runner-on-test-begin test-runner-on-test-begin!)
  (on-test-end test-runner-on-test-end test-runner-on-test-end!)
  (on-group-begin test-runner-on-group-begin test-runner-on-group-begin!)
  (on-group-end test-runner-on-group-end test-runner-on-group-end!)
  (on-final test-runner-on-final test-runner-on-final!)
  (on-bad-count test-runner-on-bad-count test-runner-on-bad-count!)
  (on-bad-end-name test-runner-on-bad-end-name test-runner-on-bad-end-name!))

(define (test-runner-reset runner)
  (for-each (lambda (setter) (setter runner 0))
            (list set-pass-count! set-fail-count! set-xpass-count! set-xfail-count! set-skip-count!))
  (set-skip-list! runner '())
  (set-fail-list! runner '())
  (set-run-list! runner #t)
  (set-saved-lists! runner '())
  (set-group-stack! runner '())
  (set-result-alist! runner '()))

(define (test-runner-null)
  (let ((runner (%make-test-runner)))
    (test-runner-reset runner)
    (test-runner-aux-value! runner #f)
    (test-runner-on-test-begin! runner (lambda (runner) #t))
    (test-runner-on-test-end! runner (lambda (runner) #f))
    (test-runner-on-group-begin! runner (lambda (runner name count) #f))
    (test-runner-on-group-end! runner (lambda (runner) #f))
    (test-runner-on-final! runner (lambda (runner) #f))
    (test-runner-on-bad-count! runner (lambda (runner count expected) #f))
    (test-runner-on-bad-end-name! runner (lambda (runner begin-name end-name) #f))
    runner))

(define (test-runner-simple)
  (let ((runner (test-runner-null)))
    (test-runner-on-test-begin! runner test-on-test-begin-simple)
    (test-runner-on-test-end! runner test-on-test-end-simple)
    (test-runner-on-group-begin! runner test-on-group-begin-simple)
    (test-runner-on-group-end! runner test-on-group-end-simple)
    (test-runner-on-final! runner test-on-final-simple)
    (test-runner-on-bad-count! runner test-on-bad-count-simple)
    (test-runner-on-bad-end-name! runner test-on-bad-end-name-simple)
    runner))

;; (test-runner-current) is the runner in use; (test-runner-current r)
;; sets it. The same for the factory that test-begin uses without one.
(define %current-runner #f)
(define test-runner-current
  (case-lambda (() %current-runner) ((runner) (set! %current-runner runner))))
(define %factory test-runner-simple)
(define test-runner-factory
  (case-lambda (() %factory) ((factory) (set! %factory factory))))
(define (test-runner-create) ((test-runner-factory)))
(define (test-runner-get)
  (or (test-runner-current) (error "test-runner-get: no test runner is in use (call test-begin first)")))
;; Guile writes a log file when this is true; guix0 writes none.
(define test-log-to-file #f)

(define (test-runner-group-path runner) (reverse (test-runner-group-stack runner)))
(define (test-runner-test-name runner) (test-result-ref runner 'test-name ""))

(define* (test-result-ref runner key #:optional default)
  (let ((entry (assq key (test-result-alist runner))))
    (if entry (cdr entry) default)))
(define (test-result-set! runner key value)
  (set-result-alist! runner (acons key value (alist-delete key (test-result-alist runner) eq?))))
(define (test-result-remove runner key)
  (set-result-alist! runner (alist-delete key (test-result-alist runner) eq?)))
(define (test-result-clear runner) (set-result-alist! runner '()))
(define* (test-result-kind #:optional (runner (test-runner-get))) (test-result-ref runner 'result-kind))
(define* (test-passed? #:optional (runner (test-runner-get)))
  (and (memq (test-result-kind runner) '(pass xpass)) #t))

;;; The simple runner's callbacks

(define (test-on-group-begin-simple runner name count) #f)
(define (test-on-group-end-simple runner) #f)
(define (test-on-test-begin-simple runner) #t)
(define (test-on-bad-count-simple runner count expected)
  (format #t "*** Total number of tests was ~a but should be ~a. ***~%" count expected))
(define (test-on-bad-end-name-simple runner begin-name end-name)
  (error (format #f "test-end ~s does not match test-begin ~s" end-name begin-name)))

(define (group-prefix runner)
  (apply string-append (map (lambda (g) (string-append g ": ")) (test-runner-group-path runner))))

(define (describe-error e)
  (if (condition? e)
      (string-append (symbol->string (exception-kind e)) ": " (error-object-message e))
      (object->string e)))

(define (test-on-test-end-simple runner)
  (let ((kind (test-result-kind runner))
        (ref (lambda (key) (test-result-ref runner key))))
    (when (memq kind '(fail xpass))
      (format #t "~a: ~a~a~%" (if (eq? kind 'fail) "FAIL" "XPASS") (group-prefix runner)
              (test-runner-test-name runner))
      (when (eq? kind 'fail)
        (format #t "  form:     ~s~%" (ref 'source-form))
        (when (assq 'expected-value (test-result-alist runner))
          (format #t "  expected: ~s~%" (ref 'expected-value)))
        (when (symbol? (ref 'expected-error))
          (format #t "  expected: an error of type ~a~%" (ref 'expected-error)))
        (cond ((assq 'actual-error (test-result-alist runner))
               (format #t "  raised:   ~a~%" (describe-error (ref 'actual-error))))
              ((ref 'expected-error) (format #t "  expected an error, got: ~s~%" (ref 'actual-value)))
              (else (format #t "  ~a ~s~%" (if (assq 'expected-value (test-result-alist runner)) "actual:  " "result:  ")
                            (ref 'actual-value))))))))

(define (test-on-final-simple runner)
  (for-each (lambda (label count)
              (when (> count 0) (format #t "# of ~a~a~%" label count)))
            '("expected passes      " "expected failures    " "unexpected successes " "unexpected failures  "
              "skipped tests        ")
            (list (test-runner-pass-count runner) (test-runner-xfail-count runner)
                  (test-runner-xpass-count runner) (test-runner-fail-count runner)
                  (test-runner-skip-count runner))))

;;; Groups

;; The runner test-begin made because none was in use: the end of its
;; outermost group leaves no runner in use again.
(define %created-runner #f)

(define (tests-run runner)
  (+ (test-runner-pass-count runner) (test-runner-fail-count runner) (test-runner-xpass-count runner)
     (test-runner-xfail-count runner) (test-runner-skip-count runner)))

(define* (test-begin name #:optional count)
  (unless (test-runner-current)
    (set! %created-runner (test-runner-create))
    (test-runner-current %created-runner))
  (let ((runner (test-runner-current)))
    ((test-runner-on-group-begin runner) runner name count)
    (set-saved-lists! runner (cons (list (skip-list runner) (fail-list runner) count (tests-run runner))
                                   (saved-lists runner)))
    (set-group-stack! runner (cons name (test-runner-group-stack runner)))))

(define* (test-end #:optional name)
  (let* ((runner (test-runner-get))
         (stack (test-runner-group-stack runner)))
    (when (null? stack)
      (error "test-end: no test group is open"))
    (when (and name (not (equal? name (car stack))))
      ((test-runner-on-bad-end-name runner) runner (car stack) name))
    ((test-runner-on-group-end runner) runner)
    (let* ((saved (car (saved-lists runner)))
           (expected (caddr saved))
           (count (- (tests-run runner) (cadddr saved))))
      (when (and expected (not (= count expected)))
        ((test-runner-on-bad-count runner) runner count expected))
      (set-skip-list! runner (car saved))
      (set-fail-list! runner (cadr saved))
      (set-saved-lists! runner (cdr (saved-lists runner))))
    (set-group-stack! runner (cdr stack))
    (when (null? (cdr stack))
      ((test-runner-on-final runner) runner)
      (when (eq? runner %created-runner)
        (set! %created-runner #f)
        (test-runner-current #f)))))

(define-macro (test-group name . body)
  `(dynamic-wind (lambda () (test-begin ,name)) (lambda () ,@body) (lambda () (test-end ,name))))

(define-macro (test-group-with-cleanup name . body-and-cleanup)
  (let ((body (list-head body-and-cleanup (- (length body-and-cleanup) 1)))
        (cleanup (car (last-pair body-and-cleanup))))
    `(test-group ,name (dynamic-wind (lambda () #f) (lambda () ,@body) (lambda () ,cleanup)))))

;;; Choosing tests: a specifier is a test name, a count of the next tests,
;;; or a procedure of the runner.

(define (test-match-name name)
  (lambda (runner) (equal? name (test-runner-test-name runner))))
(define* (test-match-nth n #:optional (count 1))
  (let ((seen 0))
    (lambda (runner)
      (set! seen (+ seen 1))
      (and (>= seen n) (< seen (+ n count))))))
(define (specifier->procedure s)
  (cond ((procedure? s) s)
        ((string? s) (test-match-name s))
        ((integer? s) (test-match-nth 1 s))
        (else (error "not a test specifier" s))))
(define (test-match-any . specifiers)
  (let ((procs (map specifier->procedure specifiers)))
    ;; Every specifier sees every test, as counting ones must.
    (lambda (runner) (fold (lambda (p any?) (or (p runner) any?)) #f procs))))
(define (test-match-all . specifiers)
  (let ((procs (map specifier->procedure specifiers)))
    (lambda (runner) (fold (lambda (p all?) (and (p runner) all?)) #t procs))))

(define (test-skip . specifiers)
  (let ((runner (test-runner-get)))
    (set-skip-list! runner (cons (apply test-match-any specifiers) (skip-list runner)))))
(define (test-expect-fail . specifiers)
  (let ((runner (test-runner-get)))
    (set-fail-list! runner (cons (apply test-match-any specifiers) (fail-list runner)))))

;; (test-apply [runner] specifier ... thunk): run thunk running only the
;; tests the specifiers choose.
(define (test-apply first . rest)
  (let* ((runner (if (test-runner? first) first (or (test-runner-current) (test-runner-create))))
         (args (if (test-runner? first) rest (cons first rest)))
         (specifiers (list-head args (- (length args) 1)))
         (thunk (car (last-pair args)))
         (outer (run-list runner)))
    (test-with-runner runner
      (dynamic-wind
        (lambda () (set-run-list! runner (apply test-match-any specifiers)))
        thunk
        (lambda () (set-run-list! runner outer))))))

(define-macro (test-with-runner runner . body)
  (let ((saved (gensym "runner")))
    `(let ((,saved (test-runner-current)))
       (dynamic-wind (lambda () (test-runner-current ,runner))
                     (lambda () ,@body)
                     (lambda () (test-runner-current ,saved))))))

(define (test-read-eval-string string)
  (let* ((port (open-input-string string))
         (form (read port)))
    (unless (eof-object? (read-char port))
      (error "test-read-eval-string: more than one datum in" string))
    (eval form (current-module))))

;;; Running one test

;; Evaluate thunk: (value . #f), or (#f . condition) if it raised.
(define (try thunk)
  (call/ec
   (lambda (k)
     (with-exception-handler (lambda (e) (k (cons #f e))) (lambda () (cons (thunk) #f))))))

;; Run a test named `name` whose outcome `run` records in the result alist
;; and returns: whether it passed.
(define (run-test name form run)
  (let ((runner (or (test-runner-current) (begin (test-begin "") (test-runner-current)))))
    (set-result-alist! runner (list (cons 'test-name name) (cons 'source-form form)))
    ;; Every specifier sees every test, as counting ones must.
    (let* ((chosen? (lambda (specifiers) (fold (lambda (p chosen?) (or (p runner) chosen?)) #f specifiers)))
           (skip? (or (chosen? (skip-list runner))
                      (and (procedure? (run-list runner)) (not ((run-list runner) runner)))))
           (expect-fail? (chosen? (fail-list runner))))
      ((test-runner-on-test-begin runner) runner)
      (if skip?
          (begin (test-result-set! runner 'result-kind 'skip)
                 (set-skip-count! runner (+ 1 (test-runner-skip-count runner))))
          (let* ((ok? (run runner))
                 (kind (cond ((and ok? expect-fail?) 'xpass) (ok? 'pass) (expect-fail? 'xfail) (else 'fail))))
            (test-result-set! runner 'result-kind kind)
            (case kind
              ((pass) (set-pass-count! runner (+ 1 (test-runner-pass-count runner))))
              ((xpass) (set-xpass-count! runner (+ 1 (test-runner-xpass-count runner))))
              ((xfail) (set-xfail-count! runner (+ 1 (test-runner-xfail-count runner))))
              (else (set-fail-count! runner (+ 1 (test-runner-fail-count runner)))))))
      ((test-runner-on-test-end runner) runner))))

;; The macros expand into calls of these (exported) procedures, since a
;; define-macro expansion is resolved in the module where it is used.
(define (%test-assert name thunk form)
  (run-test name form
            (lambda (runner)
              (let ((result (try thunk)))
                (record-outcome runner result)
                (and (not (cdr result)) (car result) #t)))))

(define (%test-compare name same? expected-thunk actual-thunk form)
  (run-test name form
            (lambda (runner)
              (let ((expected (expected-thunk))
                    (result (try actual-thunk)))
                (test-result-set! runner 'expected-value expected)
                (record-outcome runner result)
                (and (not (cdr result)) (same? expected (car result)))))))

(define (%test-error name type thunk form)
  (run-test name form
            (lambda (runner)
              (let ((result (try thunk)))
                (test-result-set! runner 'expected-error type)
                (if (cdr result)
                    (test-result-set! runner 'actual-error (cdr result))
                    (test-result-set! runner 'actual-value (car result)))
                (and (cdr result) (error-of-type? type (cdr result)))))))

;; What test-error's type asks of the raised object: a symbol, that it is
;; an error of that key (`wrong-type-arg`); a procedure, that it holds;
;; #t, nothing.
(define (error-of-type? type e)
  (cond ((symbol? type) (and (condition? e) (eq? (exception-kind e) type)))
        ((procedure? type) (and (type e) #t))
        (else #t)))

(define (record-outcome runner result)
  (if (cdr result)
      (test-result-set! runner 'actual-error (cdr result))
      (test-result-set! runner 'actual-value (car result))))

;; (test-equal [name] expected expr) and its kind: the parts, the name
;; defaulting to the expression as text.
(define (named-parts args arity)
  (if (= (length args) arity)
      args
      (cons (object->string (cadr args)) args)))

(define-macro (test-equal . args)
  (let ((p (named-parts args 3)))
    `(%test-compare ,(car p) equal? (lambda () ,(cadr p)) (lambda () ,(caddr p)) ',(caddr p))))
(define-macro (test-eqv . args)
  (let ((p (named-parts args 3)))
    `(%test-compare ,(car p) eqv? (lambda () ,(cadr p)) (lambda () ,(caddr p)) ',(caddr p))))
(define-macro (test-eq . args)
  (let ((p (named-parts args 3)))
    `(%test-compare ,(car p) eq? (lambda () ,(cadr p)) (lambda () ,(caddr p)) ',(caddr p))))
(define-macro (test-approximate . args)
  (let ((p (if (= (length args) 4) args (cons (object->string (cadr args)) args))))
    `(%test-compare ,(car p) (lambda (a b) (<= (abs (- a b)) ,(cadddr p)))
                    (lambda () ,(cadr p)) (lambda () ,(caddr p)) ',(caddr p))))
(define-macro (test-assert . args)
  (let ((name (if (= (length args) 2) (car args) (object->string (car args))))
        (expr (car (last-pair args))))
    `(%test-assert ,name (lambda () ,expr) ',expr)))
;; (test-error [name] [type] expr): passes when expr raises an error of
;; the type (any error when it is #t or not given).
(define-macro (test-error . args)
  (let* ((expr (car (last-pair args)))
         (named? (and (>= (length args) 2) (string? (car args))))
         (name (if named? (car args) (object->string expr)))
         (type (case (- (length args) (if named? 1 0))
                 ((2) (if named? (cadr args) (car args)))
                 (else #t))))
    `(%test-error ,name ,type (lambda () ,expr) ',expr)))
