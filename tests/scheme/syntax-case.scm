;;; syntax-case.scm -- procedural macros as Guile writes them: syntax-case
;;; with literals, fenders and ellipses, #' templates, with-syntax,
;;; quasisyntax (#` #, #,@), datum->syntax for deliberate capture,
;;; syntax->datum, identifier?, bound-identifier=?, generate-temporaries,
;;; syntax-violation, and hygiene in both directions.

(use-modules (srfi srfi-64) (srfi srfi-1) (srfi srfi-9))

(test-begin "syntax-case")

;;; hygiene: the template's tmp is not the user's tmp
(define-syntax swap!
  (lambda (x)
    (syntax-case x ()
      ((_ a b) #'(let ((tmp a)) (set! a b) (set! b tmp))))))
(test-equal "swap! with a user variable named tmp" '(2 1)
  (let ((p 1) (tmp 2)) (swap! p tmp) (list p tmp)))

;;; hygiene: an introduced free identifier means what it meant where the
;;; macro was defined, whatever the user binds at the use
(define-syntax my-if
  (lambda (x)
    (syntax-case x ()
      ((_ c a b) #'(cond (c a) (else b))))))
(test-equal "introduced cond and else ignore local bindings" 'no
  (let ((else #f) (cond list)) (my-if #f 'yes 'no)))

;;; the same identifier in two templates of one expansion is one identifier
(define-syntax bind-and-use
  (lambda (x)
    (syntax-case x ()
      ((_ e) (with-syntax ((binder #'tmp)) #'(let ((binder e)) (* tmp 2)))))))
(test-equal "one identifier in two templates" 10 (let ((tmp 100)) (bind-and-use 5)))

;;; recursion, ellipses, several clauses
(define-syntax my-or
  (lambda (x)
    (syntax-case x ()
      ((_) #'#f)
      ((_ e) #'e)
      ((_ e r ...) #'(let ((t e)) (if t t (my-or r ...)))))))
(test-equal "recursive macro" 5 (let ((t 5)) (my-or #f t)))
(test-equal "no arguments" #f (my-or))

;;; literals and fenders
(define-syntax classify
  (lambda (x)
    (syntax-case x (=>)
      ((_ a => b) #''arrow)
      ((_ a b) (identifier? #'a) #''identifier)
      ((_ a b) #''other))))
(test-equal "literal, fender, fallback" '(arrow identifier other)
  (list (classify 1 => 2) (classify car 3) (classify 4 5)))

;;; computing at expansion time
(define-syntax count-args
  (lambda (x)
    (syntax-case x ()
      ((_ arg ...) (datum->syntax #'x (length #'(arg ...)))))))
(test-equal "a template list is a list" 3 (count-args a b c))

(define-syntax stringify
  (lambda (x)
    (syntax-case x ()
      ((_ id ...) #`(list #,@(map (lambda (i) (symbol->string (syntax->datum i))) #'(id ...)))))))
(test-equal "quasisyntax splicing" '("foo" "bar") (stringify foo bar))

(define-syntax plus-three
  (lambda (x) (syntax-case x () ((_ e) #`(+ e #,(+ 1 2))))))
(test-equal "unsyntax" 13 (plus-three 10))
(define-syntax dotted (lambda (x) (syntax-case x () ((_ f) #`(f . #,(list 2 3))))))
(test-equal "unsyntax as a dotted tail" 5 (dotted +))

;;; nested ellipses and definitions
(define-syntax define-getters
  (lambda (x)
    (syntax-case x ()
      ((_ (name index) ...) #'(begin (define (name v) (vector-ref v index)) ...)))))
(define-getters (get-first 0) (get-second 1))
(test-equal "a macro that defines" 'b (get-second #(a b c)))

(define-syntax flatten
  (lambda (x)
    (syntax-case x ()
      ((_ (a ...) ...) #''(a ... ...)))))
(test-equal "nested ellipsis" '(1 2 3 4) (flatten (1 2) (3 4)))

;;; with-syntax and deliberate capture
(define-syntax while
  (lambda (x)
    (syntax-case x ()
      ((k test body ...)
       (with-syntax ((break (datum->syntax #'k 'break)))
         #'(call-with-current-continuation
            (lambda (break)
              (let lp () (when test body ... (lp))))))))))
(test-equal "datum->syntax captures break" 5
  (let ((i 0)) (while #t (set! i (+ i 1)) (if (= i 5) (break i)))))

(define-syntax with-prefix
  (lambda (x)
    (syntax-case x ()
      ((_ prefix (name value) ...)
       (with-syntax (((full ...)
                      (map (lambda (n)
                             (datum->syntax n (symbol-append (syntax->datum #'prefix) (syntax->datum n))))
                           #'(name ...))))
         #'(begin (define full value) ...))))))
(with-prefix my- (a 1) (b 2))
(test-equal "names made with datum->syntax" '(1 2) (list my-a my-b))

;;; a helper procedure that writes a macro definition, as (guix records)
;;; does: nested quasisyntax, (... ...) for the inner macro's ellipsis
(define (make-keyword-constructor name ctor fields)
  (with-syntax ((name name) (ctor ctor) (expected fields))
    #`(define-syntax name
        (lambda (s)
          (define (value-of f given)
            (or (find (lambda (x) (eq? (syntax->datum f) (car (syntax->datum x)))) given)
                (syntax-violation 'name "missing field" s)))
          (syntax-case s ()
            ((_ (field value) (... ...))
             #`(ctor #,@(map (lambda (f) (cadr (value-of f #'((field value) (... ...)))))
                             #'expected))))))))
(define-syntax define-record*
  (lambda (s)
    (syntax-case s ()
      ((_ type kw ctor pred (field get) ...)
       #`(begin
           (define-record-type type (ctor field ...) pred (field get) ...)
           #,(make-keyword-constructor #'kw #'ctor #'(field ...)))))))
(define-record* <thing> thing make-thing thing? (name thing-name) (size thing-size))
(test-equal "a macro-defining macro with keyword fields" '(#t "box" 3)
  (let ((t (thing (size 3) (name "box")))) (list (thing? t) (thing-name t) (thing-size t))))
(define-syntax nest
  (lambda (x) (syntax-case x () ((_ a) #`(quote (outer #,(+ 1 2) #`(inner #,a)))))))
(test-equal "nested quasisyntax keeps the inner insertions"
  '(outer 3 (quasisyntax (inner (unsyntax 5)))) (nest 5))

;;; templates written in different places rename apart, even within one
;;; expansion: (secret) in wrap's template is the global, the other the local
(define (secret) "outer")
(define (wrap e) #`(list (secret) #,e))
(define (use-wrap)
  (let ((secret (lambda () "inner")))
    (define-syntax m (lambda (x) (wrap #'(secret))))
    (m)))
(test-equal "two templates, two places" '("outer" "inner") (use-wrap))

;;; the whole form as datum->syntax's context
(define-syntax def-y (lambda (s) (syntax-case s () ((_ v) #`(define #,(datum->syntax s 'captured-y) v)))))
(def-y 5)
(test-equal "datum->syntax with the form as context" 5 captured-y)

;;; a transformer cannot see the local variables around it
(test-error "a local variable in a transformer" 'syntax-error
  (eval '(let ((y 1)) (define-syntax m (lambda (x) (if (> y 0) #'1 #'2))) (m))
        (interaction-environment)))

;;; local macros
(test-equal "let-syntax with a procedure" 6
  (let-syntax ((double (lambda (x) (syntax-case x () ((_ e) #'(* 2 e))))))
    (double 3)))
(test-equal "an internal define-syntax" 7
  (let ()
    (define-syntax inc (lambda (x) (syntax-case x () ((_ e) #'(+ e 1)))))
    (inc 6)))

;;; identifier macros
(define cells (vector 1 2 3))
(define-syntax first-cell (identifier-syntax (vector-ref cells 0)))
(test-equal "identifier-syntax as a variable" 1 first-cell)
(test-equal "identifier-syntax follows its expression" '(10 11)
  (begin (vector-set! cells 0 10) (list first-cell (+ first-cell 1))))
(define-syntax add (identifier-syntax +))
(test-equal "identifier-syntax at the head of a form" 3 (add 1 2))

;;; procedures on syntax
(test-equal "syntax->datum" '(a (b . c) #(d))
  (syntax->datum #'(a (b . c) #(d))))
(test-assert "identifier?" (and (identifier? #'a) (not (identifier? #'(a))) (not (identifier? 'a))))
(test-assert "bound-identifier=?"
  (and (bound-identifier=? #'a #'a) (not (bound-identifier=? #'a #'b))))
(test-assert "free-identifier=?" (free-identifier=? #'car #'car))
(test-equal "generate-temporaries" 3 (length (generate-temporaries '(a b c))))
(test-assert "temporaries differ"
  (let ((ts (generate-temporaries '(a b))))
    (not (bound-identifier=? (car ts) (cadr ts)))))
(define-syntax two-lets
  (lambda (x)
    (syntax-case x ()
      ((_ e1 e2)
       (with-syntax (((t1 t2) (generate-temporaries '(1 2))))
         #'(let ((t1 e1) (t2 e2)) (list t2 t1)))))))
(test-equal "temporaries as binders" '(2 1) (two-lets 1 2))

;;; syntax parameters: a macro's keyword that syntax-parameterize rebinds
;;; for its body, also where another macro's expansion uses it
(define-syntax-parameter return
  (lambda (x) (syntax-violation 'return "return outside with-return" x)))
(define-syntax with-return
  (syntax-rules ()
    ((_ body ...)
     (call-with-current-continuation
      (lambda (k)
        (syntax-parameterize ((return (syntax-rules () ((_ v) (k v)))))
          body ...))))))
(define (first-even lst)
  (with-return
    (for-each (lambda (x) (when (even? x) (return x))) lst)
    #f))
(test-equal "syntax-parameterize in a macro's expansion" 4 (first-even '(1 3 4 5 6)))
(test-equal "the body's own value" #f (first-even '(1 3)))
(test-error "the default transformer outside" 'syntax-error (eval '(return 1) (interaction-environment)))
(define-syntax-parameter it (lambda (x) (syntax-violation 'it "it outside aif" x)))
(define-syntax aif
  (syntax-rules ()
    ((_ test then else)
     (let ((t test))
       (if t (syntax-parameterize ((it (identifier-syntax t))) then) else)))))
(test-equal "an identifier-syntax parameter" 2 (aif (assq 'b '((a . 1) (b . 2))) (cdr it) 'none))
(test-equal "nested: the innermost binding" '(inner outer)
  (let ()
    (define-syntax-parameter who (syntax-rules () ((_) 'default)))
    (syntax-parameterize ((who (syntax-rules () ((_) 'outer))))
      (list (syntax-parameterize ((who (syntax-rules () ((_) 'inner)))) (who))
            (who)))))
(test-error "only syntax parameters can be parameterized" 'syntax-error
  (eval '(syntax-parameterize ((car (syntax-rules () ((_ x) x)))) (car 1)) (interaction-environment)))

;;; errors
(define-syntax needs-two
  (lambda (x)
    (syntax-case x ()
      ((_ a b) #'(list a b))
      (_ (syntax-violation 'needs-two "expected two arguments" x)))))
(test-error "syntax-violation" 'syntax-error (eval '(needs-two 1) (interaction-environment)))
(test-error "no clause matches" 'syntax-error
  (eval '(let-syntax ((m (lambda (x) (syntax-case x () ((_ a) #'a))))) (m)) (interaction-environment)))

(define-syntax list-with-colons
  (lambda (x)
    (with-ellipsis :::
      (syntax-case x ()
        ((_ (a b :::) :::) #'(quote ((b ::: a) :::)))))))
(test-equal "with-ellipsis: a custom ellipsis, nested" '((2 3 1) (5 4)) (list-with-colons (1 2 3) (4 5)))
(define-syntax keeps-three-dots
  (lambda (x)
    (with-ellipsis ::
      (syntax-case x ()
        ((_ a ::) #'(quote (a :: ...)))))))
(test-equal "with-ellipsis: ... is then an ordinary identifier" '(1 2 ...) (keeps-three-dots 1 2))

;; syntax-source: where the macro use was read (Guix's formatted-message
;; and define-deprecated record it).
(define-syntax use-site
  (lambda (s)
    (syntax-case s ()
      ((_ x) (let ((loc (syntax-source s)))
               #`'#,(datum->syntax s (list (string? (assq-ref loc 'filename)) (assq-ref loc 'line) (assq-ref loc 'column))))))))
(test-equal "syntax-source of a macro use: file, line and column from 0" '(#t 261 2)
  (use-site 1))

(test-end "syntax-case")
