;;; guix0 root library: records (SRFI-9), multiple-value binding forms,
;;; string ports and port redirection.

;;; Records (SRFI-9)

(define-macro (define-record-type type constructor predicate . fields)
  (%record-type-definition type constructor predicate fields #f))

;; (srfi srfi-9 gnu): the "modifiers" return an updated copy.
(define-macro (define-immutable-record-type type constructor predicate . fields)
  (%record-type-definition type constructor predicate fields #t))

(define (%record-type-definition type constructor predicate fields immutable?)
  (let* ((field-names (map (lambda (f) (if (pair? f) (car f) f)) fields))
         (index-of (lambda (name)
                     (let loop ((names field-names) (i 0))
                       (cond ((null? names) (error "define-record-type: unknown field" name))
                             ((eq? (car names) name) i)
                             (else (loop (cdr names) (+ i 1)))))))
         (type-name (if (pair? type) (car type) type)))
    `(begin
       (define ,type-name (make-record-type ',type-name ',field-names))
       ,@(if constructor
             (let ((ctor (if (pair? constructor) (car constructor) constructor))
                   (args (if (pair? constructor) (cdr constructor) field-names)))
               `((define (,ctor ,@args)
                   (%make-record ,type-name
                                 ,@(map (lambda (f) (if (memq f args) f #f)) field-names)))))
             '())
       (define (,predicate obj) (%record-is-a? ,type-name obj))
       ,@(apply append
                (map (lambda (f)
                       (if (pair? f)
                           (let ((i (index-of (car f))))
                             (append
                              (if (pair? (cdr f))
                                  `((define (,(cadr f) r) (%record-ref ,type-name r ,i ',(cadr f)))
                                    (hashq-set! %record-accessors ,(cadr f) (cons ,type-name ,i)))
                                  '())
                              (cond ((not (and (pair? (cdr f)) (pair? (cddr f)))) '())
                                    (immutable?
                                     `((define (,(caddr f) r v)
                                         (let ((copy (%record-copy r)))
                                           (%record-set! ,type-name copy ,i v ',(caddr f))
                                           copy))))
                                    (else
                                     `((define (,(caddr f) r v) (%record-set! ,type-name r ,i v ',(caddr f))))))))
                           '()))
                     fields)))))

;; Accessor procedure → (record type . field index), for set-field.
(define %record-accessors (make-hash-table))

;; (srfi srfi-9 gnu)'s functional update: a copy of RECORD whose field
;; reached through the accessor path (a b ...) holds VALUE.
(define (%record-update record accessors value)
  (if (null? accessors)
      value
      (let ((field (hashq-ref %record-accessors (car accessors))))
        (unless (and field (%record-is-a? (car field) record))
          (error "set-field: not an accessor of this record:" (car accessors)))
        (let ((copy (%record-copy record)))
          (%record-set! (car field) copy (cdr field)
                        (%record-update ((car accessors) record) (cdr accessors) value)
                        'set-field)
          copy))))
(define-macro (set-field record path value)
  `(%record-update ,record (list ,@path) ,value))
(define-macro (set-fields record . updates)
  (let ((r (gensym "record")))
    `(let ((,r ,record))
       ,@(map (lambda (u) `(set! ,r (set-field ,r ,(car u) ,(cadr u)))) updates)
       ,r)))

;;; Optional and keyword arguments from a list ((ice-9 optargs))

;; (let-optional rest ((a 1) b) body): bind from the list REST in order,
;; defaulting missing ones.
(define-macro (let-optional rest bindings . body)
  (let ((r (gensym "rest")))
    `(let ((,r ,rest))
       (let* ,(let loop ((bs bindings))
                (if (null? bs)
                    '()
                    (let ((b (car bs)))
                      (append
                       (if (pair? b)
                           `((,(car b) (if (pair? ,r) (car ,r) ,(cadr b))))
                           `((,b (if (pair? ,r) (car ,r) #f))))
                       `((,r (if (pair? ,r) (cdr ,r) ,r)))
                       (loop (cdr bs))))))
         ,@body))))
(define-macro (let-optional* rest bindings . body) `(let-optional ,rest ,bindings ,@body))

;; (let-keywords rest allow-other-keys? ((k default) ...) body).
(define-macro (let-keywords rest allow-other? bindings . body)
  (let ((r (gensym "rest")))
    `(let ((,r ,rest))
       (let* ,(map (lambda (b)
                     (let ((name (if (pair? b) (car b) b))
                           (default (if (pair? b) (cadr b) #f)))
                       `(,name (let ((tail (memq ,(symbol->keyword name) ,r)))
                                 (if (and tail (pair? (cdr tail))) (cadr tail) ,default)))))
                   bindings)
         ,@body))))
(define-macro (let-keywords* rest allow-other? bindings . body)
  `(let-keywords ,rest ,allow-other? ,bindings ,@body))

;;; SRFI-2: (and-let* (clause ...) body ...), a clause being (var expr),
;;; (expr) or var; each must be true for the next to run.
(define-macro (and-let* clauses . body)
  (if (null? clauses)
      (if (null? body) #t `(begin ,@body))
      (let ((c (car clauses)) (rest `(and-let* ,(cdr clauses) ,@body)))
        (cond ((symbol? c) `(if ,c ,rest #f))
              ((null? (cdr c)) `(if ,(car c) ,rest #f))
              (else `(let ((,(car c) ,(cadr c))) (if ,(car c) ,rest #f)))))))

;;; Multiple-value binding forms

(define-macro (receive formals expr . body)
  `(call-with-values (lambda () ,expr) (lambda ,formals ,@body)))

(define-macro (let-values bindings . body)
  (if (null? bindings)
      `(let () ,@body)
      ;; Bind every formal to a temporary first, so inits do not see each other.
      (let* ((temps (map (lambda (b)
                           (let loop ((f (car b)))
                             (cond ((null? f) '())
                                   ((pair? f) (cons (cons (car f) (gensym "lv")) (loop (cdr f))))
                                   (else (list (cons f (gensym "lv")))))))
                         bindings))
             (rename (lambda (f renames)
                       (let loop ((f f) (r renames))
                         (cond ((null? f) '())
                               ((pair? f) (cons (cdar r) (loop (cdr f) (cdr r))))
                               (else (cdar r)))))))
        (let build ((bs bindings) (ts temps))
          (if (null? bs)
              `(let ,(map (lambda (pair) (list (car pair) (cdr pair))) (apply append temps)) ,@body)
              `(call-with-values (lambda () ,(cadar bs))
                 (lambda ,(rename (caar bs) (car ts))
                   ,(build (cdr bs) (cdr ts)))))))))

(define-macro (let*-values bindings . body)
  (if (null? bindings)
      `(let () ,@body)
      `(call-with-values (lambda () ,(cadar bindings))
         (lambda ,(caar bindings)
           (let*-values ,(cdr bindings) ,@body)))))

;; (define-values formals expr): each name is defined, then set from the
;; values. Written with syntax-rules so that names a macro template
;; introduces stay that template's; `temp` is fresh at each step.
(define-syntax define-values
  (syntax-rules ()
    ((_ formals expr) (%define-values formals () () expr))))

;; (%define-values formals-left ((name temp) ...) (temp-formal ...) expr)
(define-syntax %define-values
  (syntax-rules ()
    ((_ () (binding ...) (tf ...) expr)
     (%define-values-set (binding ...) (tf ...) expr))
    ((_ (name . rest) (binding ...) (tf ...) expr)
     (%define-values rest (binding ... (name temp)) (tf ... temp) expr))
    ((_ name (binding ...) (tf ...) expr)
     (%define-values-set (binding ... (name temp)) (tf ... . temp) expr))))

(define-syntax %define-values-set
  (syntax-rules ()
    ((_ ((name temp) ...) temp-formals expr)
     (begin
       (define name #f) ...
       (call-with-values (lambda () expr)
         (lambda temp-formals (set! name temp) ...))))))

;; A case-lambda or case-lambda* called with a number of arguments that
;; none of its clauses takes.
(define (%no-clause-takes who n)
  (scm-error 'wrong-number-of-args who
             "Wrong number of arguments to ~A: no clause takes ~A" (list who n) #f))

;; Guile's case-lambda*: the first clause whose lambda* takes as many
;; arguments as were given runs.
(define-syntax case-lambda*
  (syntax-rules ()
    ((_ (formals body ...) ...)
     (%case-lambda* (list (lambda* formals body ...) ...)))))

(define (%case-lambda* procedures)
  (define (accepts? proc n)
    (let ((arity (procedure-minimum-arity proc)))
      (and (>= n (car arity))
           (or (caddr arity) (<= n (+ (car arity) (cadr arity)))))))
  (lambda args
    (let ((n (length args)))
      (let loop ((procs procedures))
        (cond ((null? procs)
               (%no-clause-takes "case-lambda*" n))
              ((accepts? (car procs) n) (apply (car procs) args))
              (else (loop (cdr procs))))))))

;;; String ports and redirection

(define (call-with-output-string proc)
  (let ((port (open-output-string)))
    (proc port)
    (get-output-string port)))

(define (%with-port setter port thunk)
  (let ((old #f))
    (dynamic-wind
      (lambda () (set! old (setter port)))
      thunk
      (lambda () (set! port (setter old))))))

(define (with-output-to-string thunk)
  (let ((port (open-output-string)))
    (%with-port set-current-output-port port thunk)
    (get-output-string port)))

(define (with-error-to-string thunk)
  (let ((port (open-output-string)))
    (%with-port set-current-error-port port thunk)
    (get-output-string port)))

(define (with-input-from-string string thunk)
  (%with-port set-current-input-port (open-input-string string) thunk))

(define (call-with-input-string string proc)
  (proc (open-input-string string)))

(define (with-output-to-port port thunk)
  (%with-port set-current-output-port port thunk))

(define (with-error-to-port port thunk)
  (%with-port set-current-error-port port thunk))

(define (with-input-from-port port thunk)
  (%with-port set-current-input-port port thunk))

(define (call-with-port port proc)
  (call-with-values (lambda () (proc port))
    (lambda vals (close-port port) (apply values vals))))

(define (call-with-output-file file proc . options)
  (call-with-port (apply %open-file-for file "w" options) proc))

(define (call-with-input-file file proc . options)
  (call-with-port (apply %open-file-for file "r" options) proc))

(define (with-output-to-file file thunk . options)
  (let ((port (apply %open-file-for file "w" options)))
    (call-with-values (lambda () (with-output-to-port port thunk))
      (lambda vals (close-port port) (apply values vals)))))

(define (with-input-from-file file thunk . options)
  (let ((port (apply %open-file-for file "r" options)))
    (call-with-values (lambda () (with-input-from-port port thunk))
      (lambda vals (close-port port) (apply values vals)))))

;; Guile's keywords of the procedures above: #:binary #t reads and writes
;; bytes as ISO-8859-1 characters, #:encoding names the encoding. Files are
;; not scanned for a coding: line, so #:guess-encoding changes nothing.
(define* (%open-file-for file mode #:key (binary #f) (encoding #f) (guess-encoding #f))
  (let ((port (open-file file mode)))
    (cond (binary (set-port-encoding! port "ISO-8859-1"))
          (encoding (set-port-encoding! port encoding)))
    port))

;;; R6RS identifier-syntax: a macro used as a variable stands for E; used at
;;; the head of a form, E is called with the arguments.
(define-syntax identifier-syntax
  (lambda (x)
    (syntax-case x ()
      ((_ e)
       #'(lambda (x)
           (syntax-case x ()
             (id (identifier? #'id) #'e)
             ((_ arg (... ...)) #'(e arg (... ...)))))))))
