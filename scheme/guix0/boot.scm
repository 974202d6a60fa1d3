;;; guix0 boot library: the parts of the standard library that are clearer
;;; in Scheme than in Rust. It runs in the root module (guile) when guix0
;;; starts; the other root library files (lists.scm, ...) run there when a
;;; program first names something they define. Higher-order procedures live
;;; here (not in Rust) so that continuations captured inside their callbacks
;;; stay re-entrant.

;;; `(not (< a b))` and the like run as one operation (NEGATIONS in
;;; src/vm/code.rs); when its fast path does not apply, it calls one of
;;; these, which use the `not` and the test of the moment. `not` is called
;;; through a local so that the bodies are not compiled as that same
;;; operation.

(define (%not< a b) (let ((negate not)) (negate (< a b))))
(define (%not> a b) (let ((negate not)) (negate (> a b))))
(define (%not<= a b) (let ((negate not)) (negate (<= a b))))
(define (%not>= a b) (let ((negate not)) (negate (>= a b))))
(define (%not= a b) (let ((negate not)) (negate (= a b))))

;;; Loading and evaluation

;; The loader counts and compares with the procedures of boot time, as
;; Guile's compiled loader does: a program that rebinds + or eq? must not
;; change how the rest of its own file is run.
(define %boot+ +)
(define %boot- -)
(define %boot> >)
(define %boot-eq? eq?)

(define (%load-source source)
  (let loop ((i 0) (result *unspecified*))
    (let ((thunk (%source-form source i)))
      (cond ((%boot-eq? thunk #t) (loop (%boot+ i 1) *unspecified*))
            (thunk (loop (%boot+ i 1) (thunk)))
            (else result)))))

;; How many loads are in progress, one inside the other: a file that loads
;; itself stops with an error at the limit instead of filling memory.
(define %load-depth 0)
(define %max-load-depth 1000)

(define (primitive-load file)
  (let ((module (current-module)))
    (dynamic-wind
      (lambda () (set! %load-depth (%boot+ %load-depth 1)))
      (lambda ()
        (if (%boot> %load-depth %max-load-depth)
            (scm-error 'misc-error "load"
                       "~S is loaded inside ~A other loads: does a file load itself?"
                       (list file %max-load-depth) #f))
        (%load-source (%open-source file)))
      (lambda ()
        (set! %load-depth (%boot- %load-depth 1))
        (set-current-module module)))))

;; The file this form is in, known when the form is expanded.
(define-macro (current-filename) (%current-filename))

(define (load file . _)
  (primitive-load file))

(define (%eval-string name text)
  (%load-source (%open-source-string name text)))

(define (%repl-eval name text)
  (%load-source (%open-source-string name text)))

(define (eval-string text . _)
  (%eval-string "<eval-string>" text))

(define (eval expr . env)
  ;; In the module given, as Guile's; Mes code's (eval x (current-module))
  ;; stays where it is (and sees the locals around it: lexical_eval.rs).
  (let ((module (and (pair? env) (module? (car env)) (car env)))
        (here (current-module)))
    (if (or (not module) (equal? (module-name module) (module-name here)))
        ((%compile-datum expr))
        (dynamic-wind
          (lambda () (set-current-module module))
          (lambda () ((%compile-datum expr)))
          (lambda () (set-current-module here))))))

;; A new module seeing the default environment, as (guile-user) does.
(define %fresh-user-modules 0)
(define (make-fresh-user-module)
  (set! %fresh-user-modules (%boot+ %fresh-user-modules 1))
  (%make-module (list '%fresh-user-module (string->symbol (number->string %fresh-user-modules)))))

(define primitive-eval eval)
(define (interaction-environment) (current-module))
(define (scheme-report-environment . _) (current-module))
(define (null-environment . _) (current-module))
(define (environment . _) (current-module))

;;; Multiple values and dynamic-wind

(define (call-with-values producer consumer)
  (%apply-values consumer (producer)))

(define (dynamic-wind before thunk after)
  (before)
  (%set-winders! (cons (cons before after) (%winders)))
  (call-with-values thunk
    (lambda results
      (%set-winders! (cdr (%winders)))
      (after)
      (apply values results))))

;; Run the `after` thunks out to the common ancestor of the current and the
;; target winders, then the `before` thunks in to the target.
(define (%rewind target)
  (define (common a b)
    ;; Escaping outwards (b a tail of a) is the common case: no lengths.
    (let outward ((x a))
      (cond ((eq? x b) b)
            ((pair? x) (outward (cdr x)))
            (else
             (let ((la (length a)) (lb (length b)))
               (let loop ((a (if (> la lb) (list-tail a (- la lb)) a))
                          (b (if (> lb la) (list-tail b (- lb la)) b)))
                 (if (eq? a b) a (loop (cdr a) (cdr b)))))))))
  (let ((base (common (%winders) target)))
    (let unwind ()
      (let ((w (%winders)))
        (unless (eq? w base)
          (%set-winders! (cdr w))
          ((cdar w))
          (unwind))))
    (let rewind ((w target))
      (unless (eq? w base)
        (rewind (cdr w))
        ((caar w))
        (%set-winders! w)))))

(define (%rewind-and-resume k vals)
  (%rewind (%continuation-winders k))
  (%resume k vals))

;;; Exceptions: R7RS and Guile's catch/throw on one mechanism

(define (%with-handlers handlers thunk)
  (let ((saved (%handlers)))
    (%set-handlers! handlers)
    (call-with-values thunk
      (lambda vals
        (%set-handlers! saved)
        (apply values vals)))))

;; Continuations carry the handlers in force, so escaping out of THUNK or
;; back into it restores them without a dynamic-wind.
(define (with-exception-handler handler thunk)
  (%with-handlers (cons handler (%handlers)) thunk))

(define (raise obj)
  (let ((handlers (%handlers)))
    (if (null? handlers)
        (%uncaught obj)
        (%with-handlers (cdr handlers)
          (lambda ()
            ((car handlers) obj)
            ;; R7RS: a handler returning from `raise` is itself an error,
            ;; raised where the handler ran (Guile's &non-continuable).
            (raise (%make-condition 'non-continuable
                                    (list 'raise "the handler returned from a non-continuable raise of ~S"
                                          (list obj) #f))))))))

(define (raise-continuable obj)
  (let ((handlers (%handlers)))
    (if (null? handlers)
        (%uncaught obj)
        (%with-handlers (cdr handlers) (lambda () ((car handlers) obj))))))

(define (error message . irritants)
  (raise (%make-error #f message irritants)))

;; A problem in a program's data rather than in its code (a wrong hash,
;; a missing record field): reported as guix0::CODE with MESSAGE and a HELP
;; line, without a backtrace; raised by a macro, it points at the form.
(define (%raise-diagnostic code help message)
  (raise (%make-condition 'guix0-error (list #f message '() (list code help (%expansion-site))))))

(define (throw key . args)
  (raise (%make-condition key args)))

(define (scm-error key who message args rest)
  (raise (%make-condition key (list who message args rest))))

(define (%exception-key obj)
  (if (condition? obj) (exception-kind obj) '%exception))

(define (%exception-args obj)
  (if (condition? obj) (exception-args obj) (list obj)))

(define (%catch-matches? key obj)
  (or (eq? key #t) (eq? key (%exception-key obj))))

;; Guile's call/ec: a continuation that can only escape, and only while
;; PROC runs; it copies no stack, unlike call/cc.
(define (call-with-escape-continuation proc)
  (let ((live #t))
    (call-with-values
      (lambda ()
        (%call/ec (lambda (k)
                    (proc (lambda vals
                            (if live
                                (apply k vals)
                                (error "call/ec: the continuation was called after its extent ended")))))))
      (lambda vals
        (set! live #f)
        (apply values vals)))))
(define call/ec call-with-escape-continuation)

(define (catch key thunk handler . pre-unwind)
  (let ((caught? #f) (caught #f))
    (call-with-values
      (lambda ()
        ;; The handler escapes only while thunk runs: no stack copy, so
        ;; nested catches cost no more than the calls.
        (%call/ec
          (lambda (k)
            (with-exception-handler
              (lambda (obj)
                (if (%catch-matches? key obj)
                    (begin
                      (if (pair? pre-unwind)
                          (apply (car pre-unwind) (%exception-key obj) (%exception-args obj)))
                      (set! caught? #t)
                      (set! caught obj)
                      (k #f))
                    (raise-continuable obj)))
              thunk))))
      ;; All the thunk's values, as in Guile.
      (lambda results
        (if caught?
            (apply handler (%exception-key caught) (%exception-args caught))
            (apply values results))))))

(define (with-throw-handler key thunk handler)
  (with-exception-handler
    (lambda (obj)
      (if (%catch-matches? key obj)
          (apply handler (%exception-key obj) (%exception-args obj)))
      (raise-continuable obj))
    thunk))

(define (false-if-exception* thunk)
  (catch #t thunk (lambda args #f)))

(define-macro (false-if-exception expr)
  `(false-if-exception* (lambda () ,expr)))

(define (error-object? obj) (condition? obj))
(define (error-object-message obj)
  (if (condition? obj) (%condition-message obj) ""))
(define (error-object-irritants obj)
  (if (condition? obj) (%condition-irritants obj) '()))
(define (read-error? obj) (and (condition? obj) (eq? (exception-kind obj) 'read-error)))
(define (file-error? obj) (and (condition? obj) (eq? (exception-kind obj) 'system-error)))
(define (error-message obj) (error-object-message obj))

;; (guard (var clause ...) body ...): clauses as in cond; no clause
;; matching re-raises in the original context.
(define-macro (guard spec . body)
  (let ((var (car spec))
        (clauses (cdr spec))
        (k (gensym "guard-k"))
        (obj (gensym "guard-obj")))
    (define (has-else? cs)
      (and (pair? cs) (or (and (pair? (car cs)) (eq? (caar cs) 'else)) (has-else? (cdr cs)))))
    `((%call/ec
        (lambda (,k)
          (with-exception-handler
            (lambda (,obj)
              (,k (lambda ()
                    (let ((,var ,obj))
                      (cond ,@clauses
                            ,@(if (has-else? clauses) '() `((else (raise-continuable ,obj)))))))))
            (lambda ()
              (call-with-values (lambda () ,@body)
                (lambda vals (,k (lambda () (apply values vals))))))))))))
