;;; (guix records): `define-record-type*`, Guix's records with a syntactic
;;; constructor `(package (field value) ...)`, field defaults, thunked
;;; fields (re-evaluated on access, with `this-package`-style self
;;; reference), sanitizers, `(inherit record)`, and "missing field" /
;;; "extraneous field" errors reported when the form is expanded.

(define-module (guix records)
  #:export (define-record-type* %record-construct))

;; A field spec at run time: #(name raw-getter default-thunk thunked? sanitize)
(define (spec-name s) (vector-ref s 0))
(define (spec-getter s) (vector-ref s 1))
(define (spec-default s) (vector-ref s 2))
(define (spec-thunked? s) (vector-ref s 3))
(define (spec-sanitize s) (vector-ref s 4))

;; The old-style labelled input shape, written without a backquote as the
;; seed does: ("label" ,obj) — a list whose head is a string literal.
(define (labelled-entry? expr)
  (and (pair? expr) (string? (car expr))))

(define (field-value-form who name exprs)
  (cond ((and (pair? exprs) (null? (cdr exprs)) (not (labelled-entry? (car exprs)))) (car exprs))
        ((and (pair? exprs) (every labelled-entry? exprs))
         `(list ,@(map (lambda (e) (list 'quasiquote e)) exprs)))
        (else (error (string-append (symbol->string who) ": field `" (symbol->string name)
                                    "' takes one value")))))

;; Compute the constructor call for `(who clause ...)`. Procedures are
;; inserted as values, so the expansion does not depend on what the user's
;; module can see.
(define (%record-construct who ctor specs this clauses)
  (let* ((inherit-clause (find (lambda (c) (and (pair? c) (eq? (car c) 'inherit))) clauses))
         (clauses (filter (lambda (c) (not (eq? c inherit-clause))) clauses))
         (names (map spec-name specs))
         (base (gensym "base")))
    (for-each (lambda (c)
                (unless (and (pair? c) (symbol? (car c)))
                  (error (string-append (symbol->string who) ": each field must be written (name value)") c)))
              clauses)
    (let ((extraneous (filter (lambda (n) (not (memq n names))) (map car clauses))))
      (unless (null? extraneous)
        (%raise-diagnostic 'record-field
                           (string-append "remove it or correct its spelling; the fields of " (symbol->string who)
                                          " are: " (string-join (map symbol->string names) " "))
                           (string-append (symbol->string who) ": extraneous field initializers "
                                          (object->string extraneous)))))
    (let ((duplicates (let loop ((names (map car clauses)) (acc '()))
                        (cond ((null? names) (reverse acc))
                              ((and (memq (car names) (cdr names)) (not (memq (car names) acc)))
                               (loop (cdr names) (cons (car names) acc)))
                              (else (loop (cdr names) acc))))))
      (unless (null? duplicates)
        (%raise-diagnostic 'record-field
                           "give each field once; delete or merge the repeated ones"
                           (string-append (symbol->string who) ": duplicate field initializers "
                                          (object->string duplicates)))))
    (let ((missing (filter (lambda (s)
                             (and (not (assq (spec-name s) clauses))
                                  (not inherit-clause)
                                  (not (spec-default s))))
                           specs)))
      (unless (null? missing)
        (%raise-diagnostic 'record-field
                           (string-append "add "
                                          (string-join (map (lambda (s) (string-append "(" (symbol->string (spec-name s)) " ...)"))
                                                            missing)
                                                       " ")
                                          ", or start with (inherit OTHER-" (symbol->string who) ")")
                           (string-append (symbol->string who) ": missing field initializers "
                                          (object->string (map spec-name missing))))))
    ;; As in Guix, the fields written are bound by name, in the order
    ;; written, so that a value can use an earlier one:
    ;; (version "2.10") (source (origin (uri (string-append ... version))))
    (let ((bindings
           (map (lambda (clause)
                  (let* ((s (find (lambda (s) (eq? (spec-name s) (car clause))) specs))
                         (value (field-value-form who (spec-name s) (cdr clause)))
                         (value (if (spec-sanitize s) (list (spec-sanitize s) value) value)))
                    (list (car clause) (if (spec-thunked? s) `(lambda (,this) ,value) value))))
                clauses))
          (args
           (map (lambda (s)
                  (let ((clause (assq (spec-name s) clauses)))
                    (cond (clause (spec-name s))
                          (inherit-clause (list (spec-getter s) base))
                          ((spec-thunked? s)
                           (if (spec-sanitize s)
                               `(lambda (,this) (,(spec-sanitize s) (,(spec-default s))))
                               `(lambda (,this) (,(spec-default s)))))
                          (else (list (spec-default s))))))
                specs)))
      (if inherit-clause
          `((lambda (,base) (let* ,bindings (,ctor ,@args))) ,(cadr inherit-clause))
          `(let* ,bindings (,ctor ,@args))))))

;; (define-record-type* <type> syntactic-ctor constructor predicate
;;   [this-identifier] (field accessor [(default expr)] [(thunked)] [(sanitize proc)] [(innate)]) ...)
(define-macro (define-record-type* type syntactic-ctor constructor predicate . rest)
  (let* ((this-id (and (pair? rest) (symbol? (car rest)) (car rest)))
         (fields (if this-id (cdr rest) rest))
         (option (lambda (f key) (find (lambda (o) (and (pair? o) (eq? (car o) key))) (cddr f))))
         (raw (lambda (f) (symbol-append '% type '- (car f))))
         (spec-var (symbol-append '% syntactic-ctor '-field-specs)))
    `(begin
       (define-record-type ,type
         (,constructor ,@(map car fields))
         ,predicate
         ,@(map (lambda (f) (list (car f) (raw f))) fields))
       ,@(map (lambda (f)
                (if (option f 'thunked)
                    `(define (,(cadr f) record) ((,(raw f) record) record))
                    `(define ,(cadr f) ,(raw f))))
              fields)
       (define ,spec-var
         (list ,@(map (lambda (f)
                        (let ((default (option f 'default))
                              (sanitize (option f 'sanitize)))
                          `(vector ',(car f) ,(raw f)
                                   ,(if default `(lambda () ,(cadr default)) #f)
                                   ,(and (option f 'thunked) #t)
                                   ,(if sanitize (cadr sanitize) #f))))
                      fields)))
       (define-macro (,syntactic-ctor . clauses)
         (%record-construct ',syntactic-ctor ,constructor ,spec-var ',(or this-id 'this-record) clauses)))))
