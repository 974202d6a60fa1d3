;;; (ice-9 match) -- Guile's pattern matcher, written for guix0.
;;;
;;; `match' is a define-macro that compiles its clauses into nested
;;; `let'/`if' code: the subject is evaluated once and every part of it is
;;; held in a gensym'd temporary.  Pattern variables are bound only around
;;; the clause body, and around a later `(? pred)', `(= proc)' or `($ type)'
;;; expression that mentions them (as in Guile, those see the variables
;;; matched before them).  So a pattern variable named `if' or `list' cannot
;;; capture the expansion's own code, and since every procedure the
;;; expansion calls is named `(@@ (ice-9 match) NAME)', neither can a user
;;; binding such as a local `length'.
;;;
;;; Patterns (as in Guile's manual):
;;;   _  id  ()  #t #f  number  string  char  keyword  'datum  `quasi-pattern
;;;   (p ...)  (p ... tail ...)  (p ___)  (p ..1)  (p ..K)  (p . q)
;;;   #(p ...)  (and p ...)  (or p ...)  (not p ...)  (? pred p ...)
;;;   (= proc p)  ($ record-type p ...)  (set! id)  (get! id)
;;; A variable appearing twice in a pattern must match `equal?' values.
;;; A clause may start its body with (=> k): calling (k) resumes matching
;;; with the next clause.  When no clause matches, match throws
;;; (match-error "match" "no matching pattern" VALUE).
;;; Not supported: tree patterns (id *** p), ..= and ..*, levels of nested
;;; quasiquotes.  `..K' with K > 1 is an ellipsis here, and so is `..1'
;;; followed by more patterns (Guile 3.0.8 reads both as variables).  An
;;; ellipsis does not match an improper list, and its pattern is not tried
;;; on the elements of one (Guile tries it first).

(define-module (ice-9 match)
  #:export (match match-lambda match-lambda* match-let match-let*
            match-letrec match-define))

;;; Run-time support

(define (%match-error value)
  (throw 'match-error "match" "no matching pattern" value))

;; For `,@p' followed by K more quasi-patterns: split a proper list of at
;; least K elements into (HEAD . LAST-K), or return #f.
(define (%splice k)
  (lambda (l)
    (and (list? l)
         (>= (length l) k)
         (let ((n (- (length l) k)))
           (cons (list-head l n) (list-tail l n))))))

;;; Expansion-time helpers

;; NAME as seen from this module, whatever the user's module binds it to.
(define (r name) `(@@ (ice-9 match) ,name))

(define (syntax-error message form)
  (error (string-append "match: " message) form))

;; The minimum repetition count of an ellipsis symbol (..., ___, ..1, ..K),
;; or #f when SYM is not one.
(define (ellipsis-min sym)
  (and (symbol? sym)
       (let ((s (symbol->string sym)))
         (cond ((member s '("..." "___")) 0)
               ((and (> (string-length s) 2) (string=? (substring s 0 2) ".."))
                (let ((n (string->number (substring s 2))))
                  (and (exact-integer? n) (positive? n) n)))
               (else #f)))))

(define (ellipsis? x) (and (ellipsis-min x) #t))

(define (pattern-var? x)
  (and (symbol? x) (not (eq? x '_)) (not (ellipsis? x))))

;; Remove duplicates, keeping the first occurrence of each symbol.
(define (uniq syms)
  (let loop ((syms syms) (acc '()))
    (cond ((null? syms) (reverse acc))
          ((memq (car syms) acc) (loop (cdr syms) acc))
          (else (loop (cdr syms) (cons (car syms) acc))))))

;; Check that special pattern FORM has between MIN and MAX (#f: any) operands.
(define (check-arity form min max)
  (let ((n (length (cdr form))))
    (when (or (< n min) (and max (> n max)))
      (syntax-error "malformed pattern" form))))

;; The variables a pattern binds, in order of appearance.  An `or' binds
;; only the variables common to all its branches.
(define (pattern-vars pat)
  (uniq
   (let walk ((pat pat))
     (cond ((pattern-var? pat) (list pat))
           ((vector? pat) (append-map walk (vector->list pat)))
           ((not (pair? pat)) '())
           (else
            (case (car pat)
              ((quote not) '())
              ((quasiquote) (walk (quasi->pattern (cadr pat))))
              ((and) (append-map walk (cdr pat)))
              ((or) (if (null? (cdr pat))
                        '()
                        (let ((others (map walk (cddr pat))))
                          (filter (lambda (v) (every (lambda (o) (memq v o)) others))
                                  (walk (cadr pat))))))
              ((? $) (append-map walk (cddr pat)))
              ((=) (walk (caddr pat)))
              ((set! get!) (list (cadr pat)))
              (else (append (walk (car pat)) (walk (cdr pat))))))))))

;; Whether matching PAT calls a procedure of the program's (`?', `=', `$',
;; `set!', `get!'), whose effects the order of the tests can show.
(define (calls-code? pat)
  (cond ((vector? pat) (any calls-code? (vector->list pat)))
        ((not (pair? pat)) #f)
        ((memq (car pat) '(? = $ set! get!)) #t)
        ((eq? (car pat) 'quote) #f)
        ((eq? (car pat) 'quasiquote) (calls-code? (quasi->pattern (cadr pat))))
        (else (or (calls-code? (car pat)) (calls-code? (cdr pat))))))

;; Translate a quasi-pattern into an ordinary pattern: symbols and other
;; data become literals, `,p' is the pattern p, `,@p' matches p against the
;; rest of the list (before any quasi-patterns that follow it).  Nested
;; quasiquotes are not given levels: their unquotes are patterns too.
(define (quasi->pattern q)
  (cond ((and (pair? q) (eq? (car q) 'unquote) (pair? (cdr q)) (null? (cddr q)))
         (cadr q))
        ((and (pair? q) (pair? (car q)) (eq? (caar q) 'unquote-splicing))
         (let ((p (cadar q)) (rest (cdr q)))
           (cond ((null? rest) p)
                 ((and (list? rest) (not (any ellipsis? rest)))
                  `(= (,(r '%splice) ,(length rest))
                      (,p . ,(map quasi->pattern rest))))
                 (else (syntax-error "bad quasi-pattern after unquote-splicing" q)))))
        ((pair? q) (cons (quasi->pattern (car q)) (quasi->pattern (cdr q))))
        ((vector? q) (list->vector (map quasi->pattern (vector->list q))))
        ((ellipsis? q) q)
        ((symbol? q) `(quote ,q))
        (else q)))

;; Bind FAIL-CODE as a thunk (unless it already is a call to one) and pass
;; the code calling it to BUILD: failure code is then cheap to duplicate.
(define (with-fail fail-code build)
  (if (and (pair? fail-code) (null? (cdr fail-code)) (symbol? (car fail-code)))
      (build fail-code)
      (let ((f (gensym "fail")))
        `(let ((,f (lambda () ,fail-code)))
           ,(build (list f))))))

;; `let' bindings of the variables in BOUND (the latest of each name).
(define (let-bindings bound)
  (let loop ((bound bound) (acc '()))
    (cond ((null? bound) (reverse acc))
          ((assq (caar bound) acc) (loop (cdr bound) acc))
          (else (loop (cdr bound) (cons (list (caar bound) (cdar bound)) acc))))))

;; User expression EXPR, seeing the variables of BOUND that it mentions.
(define (in-scope expr bound)
  (define (mentions? x sym)
    (or (eq? x sym)
        (and (pair? x) (or (mentions? (car x) sym) (mentions? (cdr x) sym)))))
  (let ((used (filter (lambda (b) (mentions? expr (car b))) (let-bindings bound))))
    (if (null? used) expr `(let ,used ,expr))))

;;; The pattern compiler
;;;
;;; (compile pat v loc bound sk fk) returns code that matches the value held
;;; in the variable V against PAT.
;;;   LOC    #f, or (getter setter obj arg ...) saying where V was read from,
;;;          for set! and get! patterns;
;;;   BOUND  an alist from the pattern variables matched so far at this
;;;          level to the temporaries holding their values;
;;;   SK     a procedure from the updated BOUND to the success code;
;;;   FK     the failure code, a call to a thunk.

(define (compile pat v loc bound sk fk)
  (cond ((eq? pat '_) (sk bound))
        ((ellipsis? pat) (syntax-error "misplaced ellipsis" pat))
        ((symbol? pat)
         (let ((seen (assq pat bound)))
           (if seen
               `(if (,(r 'equal?) ,v ,(cdr seen)) ,(sk bound) ,fk)
               (sk (cons (cons pat v) bound)))))
        ((pair? pat) (compile-form pat v loc bound sk fk))
        ((vector? pat) (compile-vector (vector->list pat) v bound sk fk))
        (else (compile-literal pat v bound sk fk))))

;; `()' is matched with null?, as in Guile, so it matches #nil too.
(define (compile-literal datum v bound sk fk)
  (let ((test (cond ((eq? datum '()) `(,(r 'null?) ,v))
                    ((or (symbol? datum) (boolean? datum) (keyword? datum)) `(,(r 'eq?) ,v ',datum))
                    ((or (number? datum) (char? datum)) `(,(r 'eqv?) ,v ',datum))
                    (else `(,(r 'equal?) ,v ',datum)))))
    `(if ,test ,(sk bound) ,fk)))

;; Match every pattern of PATS against V, in order.
(define (compile-all pats v loc bound sk fk)
  (if (null? pats)
      (sk bound)
      (compile (car pats) v loc bound
               (lambda (bound) (compile-all (cdr pats) v loc bound sk fk))
               fk)))

;; A list pattern whose head is a keyword (quote, and, ?, ...) or a pair.
(define (compile-form pat v loc bound sk fk)
  (case (car pat)
    ((quote)
     (check-arity pat 1 1)
     (compile-literal (cadr pat) v bound sk fk))
    ((quasiquote)
     (check-arity pat 1 1)
     (compile (quasi->pattern (cadr pat)) v loc bound sk fk))
    ((and) (compile-all (cdr pat) v loc bound sk fk))
    ((or) (compile-or (cdr pat) v loc bound sk fk))
    ((not)
     ;; Succeed when no operand matches; bindings made inside are dropped.
     (let ((ok (gensym "ok")))
       `(let ((,ok (lambda () ,(sk bound))))
          ,(let loop ((pats (cdr pat)))
             (if (null? pats)
                 `(,ok)
                 (with-fail (loop (cdr pats))
                   (lambda (fail)
                     (compile (car pats) v loc bound (lambda (b) fk) fail))))))))
    ((?)
     (check-arity pat 1 #f)
     `(if (,(in-scope (cadr pat) bound) ,v) ,(compile-all (cddr pat) v loc bound sk fk) ,fk))
    ((=)
     (check-arity pat 2 2)
     (let ((w (gensym "field")))
       `(let ((,w (,(in-scope (cadr pat) bound) ,v)))
          ,(compile (caddr pat) w #f bound sk fk))))
    (($)
     (check-arity pat 1 #f)
     (let ((rtd (gensym "type")))
       `(let ((,rtd ,(in-scope (cadr pat) bound)))
          (if (,(r '%record-is-a?) ,rtd ,v)
              ,(let loop ((pats (cddr pat)) (i 0) (bound bound))
                 (if (null? pats)
                     (sk bound)
                     (let ((w (gensym "field")))
                       `(let ((,w (,(r '%record-ref) ,rtd ,v ,i '$)))
                          ,(compile (car pats) w #f bound
                                    (lambda (b) (loop (cdr pats) (+ i 1) b))
                                    fk)))))
              ,fk))))
    ((set! get!)
     (check-arity pat 1 1)
     (unless (and loc (pattern-var? (cadr pat)))
       (syntax-error "set! and get! need a variable, inside a pair or vector" pat))
     (let ((t (gensym "access")) (x (gensym "x")))
       `(let ((,t ,(if (eq? (car pat) 'get!)
                       `(lambda () (,(r (car loc)) ,@(cddr loc)))
                       `(lambda (,x) (,(r (cadr loc)) ,@(cddr loc) ,x)))))
          ,(sk (cons (cons (cadr pat) t) bound)))))
    (else
     (if (and (pair? (cdr pat)) (ellipsis? (cadr pat)))
         (compile-ellipsis (car pat) (cadr pat) (cddr pat) v bound sk fk)
         (compile-pair pat v bound sk fk)))))

(define (compile-pair pat v bound sk fk)
  ;; An ellipsis as a dotted tail, (key value . ...), matches any rest, as
  ;; in Guile.
  (let ((rest (if (ellipsis? (cdr pat)) '_ (cdr pat))))
    ;; PART-PAT against (GETTER V), read into a temporary unless it is `_'.
    ;; The cdr is read only once the car has matched: most clauses fail
    ;; on the car.
    (define (match-part getter setter part-pat bound sk)
      (if (eq? part-pat '_)
          (sk bound)
          (let ((t (gensym (symbol->string getter))))
            `(let ((,t (,(r getter) ,v)))
               ,(compile part-pat t `(,getter ,setter ,v) bound sk fk)))))
    (if (and (null? rest) (calls-code? (car pat)))
        ;; The last element of a list pattern, if matching it runs code of
        ;; the program's: as in Guile, the list must end there before, so
        ;; that a `(= proc p)' or `(? pred)' is not tried on a list of
        ;; another length. Otherwise the car goes first, as it fails more.
        `(if (,(r 'pair?) ,v)
             (if (,(r 'null?) (,(r 'cdr) ,v))
                 ,(match-part 'car 'set-car! (car pat) bound sk)
                 ,fk)
             ,fk)
        `(if (,(r 'pair?) ,v)
             ,(match-part 'car 'set-car! (car pat) bound
                          (lambda (bound) (match-part 'cdr 'set-cdr! rest bound sk)))
             ,fk))))

;; (P OOO . TAIL): the proper list V ends with as many elements as TAIL has,
;; which match TAIL; each element before them matches P, at least as many
;; times as OOO requires.  P's new variables are bound to lists (those
;; matched before must be equal in every element).
(define (compile-ellipsis p ooo tail v bound sk fk)
  (unless (list? tail)
    (syntax-error "dotted tail not allowed after ellipsis" tail))
  (when (any ellipsis? tail)
    (syntax-error "multiple ellipsis patterns not allowed at the same level" tail))
  (let* ((vars (filter (lambda (x) (not (assq x bound))) (pattern-vars p)))
         (accs (map (lambda (x) (gensym "acc")) vars))
         (temps (map (lambda (x) (gensym (symbol->string x))) vars))
         (loop (gensym "loop")) (ls (gensym "ls")) (i (gensym "i"))
         (n (gensym "n")) (e (gensym "elt")))
    `(if (,(r 'list?) ,v)
         (let ((,n (,(r '-) (,(r 'length) ,v) ,(length tail))))
           (if (,(r '>=) ,n ,(ellipsis-min ooo))
               (let ,loop ((,ls ,v) (,i ,n) ,@(map (lambda (a) `(,a '())) accs))
                 (if (,(r '=) ,i 0)
                     (let ,(map (lambda (t a) `(,t (,(r 'reverse) ,a))) temps accs)
                       ,(compile tail ls #f (append (map cons vars temps) bound) sk fk))
                     (let ((,e (,(r 'car) ,ls)))
                       ,(compile p e `(car set-car! ,ls) bound
                                 (lambda (b)
                                   `(,loop (,(r 'cdr) ,ls) (,(r '-) ,i 1)
                                           ,@(map (lambda (x a) `(,(r 'cons) ,(cdr (assq x b)) ,a))
                                                  vars accs)))
                                 fk))))
               ,fk))
         ,fk)))

(define (compile-or pats v loc bound sk fk)
  (let* ((new (filter (lambda (x) (not (assq x bound))) (pattern-vars `(or ,@pats))))
         (temps (map (lambda (x) (gensym (symbol->string x))) new))
         (k (gensym "or")))
    `(let ((,k (lambda ,temps ,(sk (append (map cons new temps) bound)))))
       ,(let loop ((pats pats))
          (if (null? pats)
              fk
              (with-fail (loop (cdr pats))
                (lambda (fail)
                  (compile (car pats) v loc bound
                           (lambda (b) `(,k ,@(map (lambda (x) (cdr (assq x b))) new)))
                           fail))))))))

;; A vector pattern: fixed-length ones index the vector, ones with an
;; ellipsis match its elements as a list.
(define (compile-vector pats v bound sk fk)
  (if (any ellipsis? pats)
      (let ((l (gensym "list")))
        `(if (,(r 'vector?) ,v)
             (let ((,l (,(r 'vector->list) ,v))) ,(compile pats l #f bound sk fk))
             ,fk))
      `(if (,(r 'vector?) ,v)
           (if (,(r '=) (,(r 'vector-length) ,v) ,(length pats))
               ,(let loop ((pats pats) (i 0) (bound bound))
                  (if (null? pats)
                      (sk bound)
                      (let ((e (gensym "elt")))
                        `(let ((,e (,(r 'vector-ref) ,v ,i)))
                           ,(compile (car pats) e `(vector-ref vector-set! ,v ,i) bound
                                     (lambda (b) (loop (cdr pats) (+ i 1) b))
                                     fk)))))
               ,fk)
           ,fk)))

;;; The forms

;; (match SUBJECT CLAUSE ...) as code.
(define (expand-match subject clauses)
  (when (null? clauses) (syntax-error "no clauses" subject))
  (let ((v (gensym "v")))
    `(let ((,v ,subject))
       ,(let loop ((clauses clauses))
          (if (null? clauses)
              ;; Not a tail call, so that the procedure running the match
              ;; keeps its frame and an error report can point at the match.
              `(begin (,(r '%match-error) ,v) #f)
              (let ((fail (gensym "next")))
                `(let ((,fail (lambda () ,(loop (cdr clauses)))))
                   ,(expand-clause (car clauses) v fail))))))))

(define (expand-clause clause v fail)
  (unless (and (pair? clause) (list? clause))
    (syntax-error "bad clause" clause))
  (let* ((k (and (pair? (cdr clause)) (pair? (cadr clause)) (eq? (car (cadr clause)) '=>)
                 (cadr (cadr clause))))
         (body (if k (cddr clause) (cdr clause))))
    (when (null? body) (syntax-error "empty body" clause))
    (compile (car clause) v #f '()
             (lambda (bound)
               `(let (,@(if k `((,k ,fail)) '()) ,@(let-bindings bound))
                  ,@body))
             `(,fail))))

(define-macro (match subject . clauses)
  (expand-match subject clauses))

(define-macro (match-lambda . clauses)
  (let ((x (gensym "x")))
    `(lambda (,x) ,(expand-match x clauses))))

(define-macro (match-lambda* . clauses)
  (let ((args (gensym "args")))
    `(lambda ,args ,(expand-match args clauses))))

;; Evaluate every expression of BINDINGS ((pat expr) ...), then match each.
(define (expand-match-let bindings body)
  (let ((temps (map (lambda (b) (gensym "v")) bindings)))
    `(let ,(map (lambda (t b) `(,t ,(cadr b))) temps bindings)
       ,(let loop ((bindings bindings) (temps temps))
          (if (null? bindings)
              `(let () ,@body)
              (expand-match (car temps)
                            `((,(caar bindings) ,(loop (cdr bindings) (cdr temps))))))))))

;; (match-let ((pat expr) ...) body ...) or, as a named let,
;; (match-let name ((pat expr) ...) body ...).
(define-macro (match-let first . rest)
  (if (symbol? first)
      (let ((temps (map (lambda (b) (gensym "v")) (car rest))))
        `(let ,first ,(map (lambda (t b) `(,t ,(cadr b))) temps (car rest))
           ,(expand-match-let (map (lambda (t b) `(,(car b) ,t)) temps (car rest))
                              (cdr rest))))
      (expand-match-let first rest)))

(define-macro (match-let* bindings . body)
  (let loop ((bindings bindings))
    (if (null? bindings)
        `(let () ,@body)
        (expand-match-let (list (car bindings)) (list (loop (cdr bindings)))))))

;; The variables of every pattern are in scope of every expression (as
;; with letrec); they are assigned once all patterns have matched.
(define-macro (match-letrec bindings . body)
  (let* ((vars (uniq (append-map pattern-vars (map car bindings))))
         (temps (map (lambda (x) (gensym "v")) vars))
         (assign (gensym "assign")))
    `(let ,(map (lambda (x) `(,x #f)) vars)
       (let ((,assign (lambda ,temps ,@(map (lambda (x t) `(set! ,x ,t)) vars temps))))
         ,(expand-match-let bindings `((,assign ,@vars))))
       (let () ,@body))))

(define-macro (match-define pat expr)
  (let ((vars (pattern-vars pat)))
    `(define-values ,vars
       ,(expand-match expr `((,pat (,(r 'values) ,@vars)))))))
