;;; syntax.scm -- syntax-rules macros: hygiene (both directions), ellipses
;;; (nested, custom, escaped, with tails), literals, vector and dotted
;;; patterns, recursion, let-syntax / letrec-syntax, Guile's
;;; define-syntax-rule, macros expanding into definitions.
;;;
;;; Not tested on purpose: a top-level definition whose *name* is introduced
;;; by the macro template rather than passed in by the user.  Guile renames
;;; such identifiers (they are not visible as the plain name afterwards);
;;; R7RS leaves this open.

(use-modules (srfi srfi-64))

(test-begin "syntax")

;;; hygiene: introduced bindings do not capture user variables
(define-syntax my-or
  (syntax-rules ()
    ((_) #f)
    ((_ e) e)
    ((_ e r ...) (let ((temp e)) (if temp temp (my-or r ...))))))

(test-eqv "my-or basic" 3 (my-or #f 3))
(test-eq "my-or empty" #f (my-or))
(test-eqv "my-or does not capture user temp" 5
  (let ((temp 5)) (my-or #f temp)))
(test-eqv "my-or R7RS example" 7
  (let ((x #f) (y 7) (temp 8) (let odd?) (if even?))
    (my-or x (let temp) (if y) y)))

(define-syntax swap!
  (syntax-rules ()
    ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
(test-equal "swap!" '(2 1) (let ((x 1) (y 2)) (swap! x y) (list x y)))
(test-equal "swap! with a variable named tmp" '(2 1)
  (let ((tmp 1) (other 2)) (swap! tmp other) (list tmp other)))
(test-equal "swap! with tmp second" '(b a)
  (let ((p 'a) (tmp 'b)) (swap! p tmp) (list p tmp)))

;;; hygiene: free identifiers in templates mean what they meant at definition
(define (helper x) (* x 2))
(define-syntax double (syntax-rules () ((_ e) (helper e))))
(test-eqv "template refers to global helper" 10 (double 5))
(test-eqv "local shadowing of helper does not affect macro" 10
  (let ((helper (lambda (x) 'wrong))) (double 5)))

(define-syntax my-if
  (syntax-rules () ((_ c a b) (cond (c a) (else b)))))
(test-eqv "macro using cond/else" 2 (my-if #f 1 2))
(test-eqv "user binding of else does not break the macro" 2
  (let ((else #f)) (my-if #f 1 2)))
(test-eq "user binding of if does not break the macro" 'yes
  (let ((if list)) (my-if #t 'yes 'no)))
(test-eq "R7RS: locally bound => is not the literal" 'ok
  (let ((=> #f)) (cond (#t => 'ok))))

(define-syntax simple-unless
  (syntax-rules () ((_ c body ...) (if c #f (begin body ...)))))
(test-eq "macro using if, nothing shadowed" 'ran (simple-unless #f 'ran))
(test-eq "macro using if, false branch" #f (simple-unless #t 'ran))

;;; a local variable shadows a macro of the same name
(define-syntax shadowed (syntax-rules () ((_ x) 'macro)))
(test-eq "macro used" 'macro (shadowed 1))
(test-eqv "local variable shadows macro" 1
  (let ((shadowed (lambda (x) x))) (shadowed 1)))

;;; literals
(define-syntax arrow-test
  (syntax-rules (=>)
    ((_ a => b) (list 'arrow a b))
    ((_ a b c) (list 'plain a b c))))
(test-equal "literal matches" '(arrow 1 2) (arrow-test 1 => 2))
(test-equal "non-literal falls through" '(plain 1 2 3) (arrow-test 1 2 3))

(define-syntax my-cond
  (syntax-rules (else)
    ((_ (else e ...)) (begin e ...))
    ((_ (c e ...) clause ...) (if c (begin e ...) (my-cond clause ...)))))
(test-eq "recursive macro with else literal" 'b
  (my-cond (#f 'a) ((= 1 1) 'b) (else 'c)))
(test-eq "recursive macro reaches else" 'c (my-cond (#f 'a) (else 'c)))

;;; ellipses
(define-syntax my-list (syntax-rules () ((_ x ...) (list x ...))))
(test-equal "simple ellipsis" '(1 2 3) (my-list 1 2 3))
(test-equal "empty ellipsis" '() (my-list))

(define-syntax my-let*
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((x v) rest ...) body ...) (let ((x v)) (my-let* (rest ...) body ...)))))
(test-eqv "recursive my-let*" 6 (my-let* ((a 1) (b (+ a 1)) (c (* b 3))) c))

(define-syntax flatten-pairs
  (syntax-rules ()
    ((_ (a b ...) ...) '(a ... (b ... ...)))))
(test-equal "nested ellipsis and ... ..." '(1 4 (2 3 5))
  (flatten-pairs (1 2 3) (4 5)))

(define-syntax my-let
  (syntax-rules ()
    ((_ ((name val) ...) body1 body2 ...) ((lambda (name ...) body1 body2 ...) val ...))))
(test-eqv "my-let via lambda" 3 (my-let ((a 1) (b 2)) (+ a b)))

(define-syntax nested
  (syntax-rules ()
    ((_ (k v ...) ...) (list (cons 'k (list v ...)) ...))))
(test-equal "nested ellipsis depth 2" '((a 1 2) (b) (c 3))
  (nested (a 1 2) (b) (c 3)))

(define-syntax tail-pattern
  (syntax-rules ()
    ((_ a ... last) '(last a ...))))
(test-equal "ellipsis followed by a tail pattern" '(4 1 2 3) (tail-pattern 1 2 3 4))
(test-equal "tail pattern with empty ellipsis" '(1) (tail-pattern 1))

(define-syntax custom-ellipsis
  (syntax-rules ::: ()
    ((_ x :::) (list (list x '...) :::))))
(test-equal "custom ellipsis, ... is an ordinary symbol" '((1 ...) (2 ...))
  (custom-ellipsis 1 2))

(define-syntax be-like-begin
  (syntax-rules ()
    ((_ name)
     (define-syntax name
       (syntax-rules ()
         ((_ expr (... ...)) (begin expr (... ...))))))))
(be-like-begin sequence)
(test-eqv "escaped ellipsis in macro-defining macro" 4 (sequence 1 2 3 4))

(define-syntax underscore
  (syntax-rules () ((_ _ b _) b)))
(test-eq "underscore matches anything" 'b (underscore 'a 'b 'c))

;;; vector and dotted patterns
(define-syntax vec-sum
  (syntax-rules () ((_ #(x ...)) (+ x ...))))
(test-eqv "vector pattern" 6 (vec-sum #(1 2 3)))

(define-syntax vec-first
  (syntax-rules () ((_ #(a b ...)) '(a (b ...)))))
(test-equal "vector pattern with head" '(1 (2 3)) (vec-first #(1 2 3)))

(define-syntax vec-template
  (syntax-rules () ((_ x ...) (vector x ... 'end))))
(test-equal "vector in template" '#(1 2 end) (vec-template 1 2))

(define-syntax dotted
  (syntax-rules () ((_ a . rest) '(a rest))))
(test-equal "dotted pattern" '(1 (2 3)) (dotted 1 2 3))
(test-equal "dotted pattern, empty rest" '(1 ()) (dotted 1))

(define-syntax dotted-inner
  (syntax-rules () ((_ (a . b)) '(b a))))
(test-equal "dotted inner pattern" '(2 1) (dotted-inner (1 . 2)))
(test-equal "dotted inner pattern against list" '((2 3) 1) (dotted-inner (1 2 3)))

;;; macros expanding into definitions
(define-syntax define-const
  (syntax-rules () ((_ name val) (define (name) val))))
(define-const forty-two 42)
(test-eqv "macro defines a top-level procedure" 42 (forty-two))

(define-syntax define-two
  (syntax-rules () ((_ a b v) (begin (define a v) (define b (+ v 1))))))
(define-two first-def second-def 10)
(test-equal "macro defines two top-level variables" '(10 11) (list first-def second-def))

(test-eqv "macro defines internal definitions" 24
  (let ()
    (define-two p q 11)
    (define r 1)
    (+ p q r)))

(define-syntax define-getter-setter
  (syntax-rules ()
    ((_ get set init)
     (begin
       (define cell init)
       (define (get) cell)
       (define (set v) (set! cell v))))))
;; the introduced `cell' must be renamed per expansion (internal definitions)
(test-equal "introduced helper definitions do not clash" '(100 2)
  (let ()
    (define-getter-setter get-x set-x! 1)
    (define-getter-setter get-y set-y! 2)
    (set-x! 100)
    (list (get-x) (get-y))))

;;; macro-defining macros
(define-syntax define-alias-macro
  (syntax-rules ()
    ((_ new old) (define-syntax new (syntax-rules () ((_ args (... ...)) (old args (... ...))))))))
(define-alias-macro plus +)
(test-eqv "macro-defining macro" 6 (plus 1 2 3))

;;; let-syntax / letrec-syntax
(test-eq "let-syntax scoping (R7RS example)" 'outer
  (let ((x 'outer))
    (let-syntax ((m (syntax-rules () ((m) x))))
      (let ((x 'inner))
        (m)))))

(test-eqv "letrec-syntax recursion (R7RS example)" 7
  (letrec-syntax
      ((my-or (syntax-rules ()
                ((my-or) #f)
                ((my-or e) e)
                ((my-or e1 e2 ...)
                 (let ((temp e1)) (if temp temp (my-or e2 ...)))))))
    (let ((x #f) (y 7) (temp 8) (let odd?) (if even?))
      (my-or x (let temp) (if y) y))))

(test-equal "let-syntax binding several macros" '(1 2)
  (let-syntax ((one (syntax-rules () ((_) 1)))
               (two (syntax-rules () ((_) 2))))
    (list (one) (two))))

(test-eq "let-syntax macro shadows global macro" 'local
  (let-syntax ((shadowed (syntax-rules () ((_ x) 'local))))
    (shadowed 1)))

(test-eqv "internal define-syntax" 9
  (let ()
    (define-syntax sq (syntax-rules () ((_ x) (* x x))))
    (sq 3)))

;;; Guile's define-syntax-rule
(define-syntax-rule (inc! v) (set! v (+ v 1)))
(test-eqv "define-syntax-rule" 2 (let ((n 1)) (inc! n) n))
(define-syntax-rule (my-while c body ...)
  (let lp () (when c body ... (lp))))
(test-eqv "define-syntax-rule with ellipsis" 10
  (let ((i 0)) (my-while (< i 10) (set! i (+ i 1))) i))
(test-eqv "define-syntax-rule loop name is hygienic" 3
  (let ((lp 0) (i 0)) (my-while (< i 3) (set! i (+ i 1)) (set! lp (+ lp 1))) lp))

;;; a macro whose expansion uses a later-defined procedure
(define-syntax call-later (syntax-rules () ((_ x) (later-proc x))))
(define (later-proc x) (list 'later x))
(test-equal "template refers to a procedure defined after the macro" '(later 1)
  (call-later 1))

;;; macros in operand positions and quoted data
(test-equal "macro output inside quasiquote" '(1 (2 3))
  `(1 ,(my-list 2 3)))
(test-equal "macro name inside quote is just a symbol" '(my-list 1)
  '(my-list 1))

(define-syntax count-args
  (syntax-rules ()
    ((_) 0)
    ((_ x rest ...) (+ 1 (count-args rest ...)))))
(test-eqv "recursive counting macro" 5 (count-args a b c d e))

(define-syntax my-do-times
  (syntax-rules ()
    ((_ (var n) body ...)
     (let loop ((var 0))
       (when (< var n) body ... (loop (+ var 1)))))))
(test-eqv "loop macro does not capture user `loop'" 45
  (let ((sum 0) (loop 'user))
    (my-do-times (i 10) (set! sum (+ sum i)))
    sum))

;; A pattern's literal data match the same data whether read or inserted
;; by a define-macro transformer (as values).
(define-syntax classify-literal
  (syntax-rules () ((_ 0) 'zero) ((_ 2.5) 'two-and-a-half) ((_ "s") 'string) ((_ #\c) 'char) ((_ x) 'other)))
(define-macro (classify-sum a b) `(classify-literal ,(+ a b)))
(define-macro (classify-string-of c) `(classify-literal ,(string c)))
(define-macro (classify-char-of n) `(classify-literal ,(integer->char n)))
(test-equal "literal data read from source" '(zero two-and-a-half string char other)
  (list (classify-literal 0) (classify-literal 2.5) (classify-literal "s") (classify-literal #\c) (classify-literal 1)))
(test-equal "literal data a define-macro computed" '(zero two-and-a-half string char other other)
  (list (classify-sum 1 -1) (classify-sum 2 .5) (classify-string-of #\s) (classify-char-of 99)
        (classify-sum 1 1) (classify-sum 0. 0)))

;; define-macro inside a procedure body, next to the procedure's parameters.
(define (body-macro x)
  (define-macro (twice e) `(* 2 ,e))
  (let ((y 1)) (twice (+ x y))))
(test-equal "define-macro in a body" 10 (body-macro 4))
(test-equal "define-macro in a lambda with a rest parameter" 1
  ((lambda s (define-macro (s) 1) (s))))

;; Guile takes a docstring before the rules (Guix's records and build utils have them).
(define-syntax documented-twice (syntax-rules () "Make a list of X twice." ((_ x) (list x x))))
(test-equal "syntax-rules with a docstring" '(1 1) (documented-twice 1))

;; What a template binds stays its own inside forms that are define-macros
;; in guix0 (match, let-values, cut, receive, and-let*, false-if-exception).
(use-modules (ice-9 match) (ice-9 receive) (srfi srfi-2) (srfi srfi-11) (srfi srfi-26))
(define k 'global)
(define-syntax local-k-in-match (syntax-rules () ((_ x) (let ((k 'local)) (match x ((? number? n) (list k n)) (_ k))))))
(test-equal "a template's binding seen inside match" '((local 1) local) (list (local-k-in-match 1) (local-k-in-match "a")))
(define-syntax local-k-in-forms
  (syntax-rules ()
    ((_ x) (let ((k 'local))
             (list (let-values (((a b) (values k x))) (list a b))
                   ((cut list k <>) x)
                   (receive (a . rest) (values k x) (cons a rest))
                   (and-let* ((y x)) (list k y))
                   (false-if-exception (list k x)))))))
(test-equal "a template's binding seen inside let-values, cut, receive, and-let*, false-if-exception"
  '((local 1) (local 1) (local 1) (local 1) (local 1))
  (local-k-in-forms 1))

;; define-values in a body a template writes: its names are the template's.
(define-syntax sum-of-two-values
  (syntax-rules () ((_ e) (let () (define-values (a b) e) (+ a b)))))
(define a 'global-a)
(test-equal "define-values names introduced by a template" 3 (sum-of-two-values (values 1 2)))
(define-values (dv-first dv-second . dv-rest) (values 1 2 3 4))
(test-equal "define-values with a rest name" '(1 2 (3 4)) (list dv-first dv-second dv-rest))
(define-values dv-all (values 1 2))
(test-equal "define-values with one name for all" '(1 2) dv-all)
(test-equal "case-lambda* picks the clause that takes the arguments" '((one 1) (two 1 2 #f) (two 1 2 3))
  (let ((f (case-lambda* ((x) (list 'one x)) ((x y #:optional z) (list 'two x y z)))))
    (list (f 1) (f 1 2) (f 1 2 3))))

;; A template's pattern variable and the user's variable of the same name,
;; in one match (as in Guix's substitute*): each keeps its own.
(define-syntax each-with-rest
  (syntax-rules ()
    ((_ lst user-var body)
     (let loop ((items lst) (acc '()))
       (match items
         (() (reverse acc))
         ((item . rest) (let ((user-var item)) (loop rest (cons body acc)))))))))
(test-equal "a template's match variable does not capture the user's" '((1 x) (2 x))
  (each-with-rest '(1 2) rest (list rest 'x)))

;; A literal matches an identifier bound as it is where the macro was
;; defined: a locally bound => is an ordinary variable (R7RS 4.3.2)
(define-syntax arrow-or-plain
  (syntax-rules (=>) ((_ a => b) (list 'arrow a b)) ((_ a b c) (list 'plain a b c))))
(test-equal "a literal in a macro use" '(arrow 1 2) (arrow-or-plain 1 => 2))
(test-equal "a locally bound literal is no literal" '(plain 1 5 2) (let ((=> 5)) (arrow-or-plain 1 => 2)))
(test-equal "cond with a locally bound =>" 'ok (let ((=> #f)) (cond (#t => 'ok))))

(test-end "syntax")
