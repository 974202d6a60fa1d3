;;; match.scm -- (ice-9 match): every pattern form, the binding forms
;;; (match-lambda, match-let ...), the (=> k) failure continuation, the
;;; match-error throw, and the idioms Guix code uses.
;;;
;;; Notes: Guile 3.0.8 mishandles a few forms its manual documents: `,@' and
;;; ellipses inside quasi-patterns, tail patterns after `..1', tail patterns
;;; after an ellipsis in a vector, and `..K' for K > 1; it has no
;;; match-define, and its match-letrec cannot refer to the variables it
;;; binds.  Those are tested under (cond-expand (guix0 ...)) only.

(use-modules (srfi srfi-64) (srfi srfi-9) (ice-9 match))

(test-begin "match")

;;; literals
(test-equal "number" 'one (match 1 (0 'zero) (1 'one)))
(test-equal "exact number is not inexact" 'other (match 1.0 (1 'one) (_ 'other)))
(test-equal "bignum" 'big (match (expt 10 30) (1000000000000000000000000000000 'big)))
(test-equal "string" 'yes (match "abc" ("abd" 'no) ("abc" 'yes)))
(test-equal "char" 'a (match #\a (#\b 'b) (#\a 'a)))
(test-equal "booleans" '(t f) (list (match #t (#f 'f) (#t 't)) (match #f (#t 't) (#f 'f))))
(test-equal "keyword" 'key (match #:x (#:y 'no) (#:x 'key)))
(test-equal "empty list" 'nil (match '() ((a) 'one) (() 'nil)))
(test-equal "() does not match a pair" 'pair (match '(1) (() 'nil) (_ 'pair)))

;;; variables, _ and quote
(test-eqv "variable" 5 (match 5 (x x)))
(test-equal "wildcard" 'any (match '(1 2) (_ 'any)))
(test-eqv "wildcards in a list" 2 (match '(1 2 3) ((_ b _) b)))
(test-equal "quoted symbol" 'b (match 'b ('a 'a) ('b 'b)))
(test-equal "quoted list" 'yes (match '(a (b)) ('(a (b)) 'yes)))
(test-equal "quote as a list element" '(x) (match '(quote x) (('quote . rest) rest)))
(test-equal "repeated variable: equal values" 'same (match '((1) (1)) ((a a) 'same) (_ 'different)))
(test-equal "repeated variable: different values" 'different
  (match '(1 2) ((a a) 'same) (_ 'different)))
(test-eqv "later pattern sees earlier variable" 2
  (match '(1 2) ((a (? (lambda (y) (> y a)) b)) b) (_ #f)))

;;; lists and pairs
(test-equal "fixed list" '(1 2 3) (match '(1 2 3) ((a b c) (list a b c))))
(test-equal "too long" 'no (match '(1 2 3) ((a b) 'yes) (_ 'no)))
(test-equal "too short" 'no (match '(1) ((a b) 'yes) (_ 'no)))
(test-equal "dotted pair" '(1 2) (match '(1 . 2) ((a . b) (list a b))))
(test-equal "dotted tail" '(1 (2 3)) (match '(1 2 3) ((a . rest) (list a rest))))
(test-equal "literal head" '(2 3) (match '(1 2 3) ((1 . rest) rest)))
(test-equal "nested" '(1 2 3) (match '(1 (2 (3))) ((a (b (c))) (list a b c))))
(test-equal "first matching clause wins" 'first
  (match '(1 2) ((a b) 'first) ((a . b) 'second)))
(test-eqv "subject evaluated once" 1
  (let ((n 0))
    (match (begin (set! n (+ n 1)) n)
      ((a) 'list)
      ((? string?) 'string)
      (_ n))))

;;; ellipses
(test-equal "(p ...)" '(1 2 3) (match '(1 2 3) ((x ...) x)))
(test-equal "(p ...) on ()" '() (match '() ((x ...) x)))
(test-equal "(p ...) rejects a dotted list" 'no (match '(1 2 . 3) ((x ...) x) (_ 'no)))
(test-equal "___" '(1 2 3) (match '(1 2 3) ((x ___) x)))
(test-equal "head then ellipsis" '(1 (2 3)) (match '(1 2 3) ((a b ...) (list a b))))
(test-equal "ellipsis then tail" '((1 2) 3 4) (match '(1 2 3 4) ((a ... b c) (list a b c))))
(test-equal "head, ellipsis, tail" '(1 (2 3) 4 5)
  (match '(1 2 3 4 5) ((a b ... c d) (list a b c d))))
(test-equal "ellipsis, literal tail" '(1) (match '(1 2 3) ((a ... 2 3) a)))
(test-equal "tail longer than list" 'no (match '(1) ((a ... b c) 'yes) (_ 'no)))
(test-equal "ellipsis of sub-patterns" '((a b) (1 2))
  (match '((a . 1) (b . 2)) (((k . v) ...) (list k v))))
(test-equal "ellipsis element fails" 'no (match '(1 x 3) (((? number? n) ...) n) (_ 'no)))
(test-equal "ellipsis of predicates" '((1 2) 3)
  (match '(1 2 3) ((a ... (? odd? b)) (list a b))))
(test-equal "..1" '(1 2 3) (match '(1 2 3) ((a ..1) a)))
(test-equal "..1 on ()" 'none (match '() ((a ..1) a) (_ 'none)))
(test-equal "nested ellipses" '((1 3) ((2) (4 5)))
  (match '((1 2) (3 4 5)) (((a b ...) ...) (list a b))))
(test-equal "nested ellipses, empty inner" '(1 ((2 3) () (4)))
  (match '(1 (2 3) () (4)) ((x (y ...) ...) (list x y))))
(test-equal "variable matched before an ellipsis, repeated in it" '((1 (2 3)) no)
  (list (match '(1 (2 1) (3 1)) ((a (b a) ...) (list a b)) (_ 'no))
        (match '(1 (2 1) (3 5)) ((a (b a) ...) (list a b)) (_ 'no))))
(test-equal "predicate in an ellipsis sees an earlier variable" '(ok no)
  (list (match '(2 3 4 5) ((a (? (lambda (x) (> x a))) ...) 'ok) (_ 'no))
        (match '(2 3 1 5) ((a (? (lambda (x) (> x a))) ...) 'ok) (_ 'no))))
(test-equal "repeated variable inside ellipsis" '(1 2)
  (match '((1 1) (2 2)) (((a a) ...) a)))

;;; vectors
(test-equal "vector" '(1 2) (match #(1 2) (#(a b) (list a b))))
(test-equal "vector length" 'two (match #(1 2) (#(a b c) 'three) (#(a b) 'two)))
(test-equal "vector is not a list" 'no (match #(1 2) ((a b) 'list) (_ 'no)))
(test-equal "vector ellipsis" '(1 (2 3 4)) (match #(1 2 3 4) (#(a b ...) (list a b))))
(test-equal "empty vector" 'empty (match #() (#(a) 'one) (#() 'empty)))

;;; and, or, not
(test-equal "and" '(1 2 (1 2)) (match '(1 2) ((and (a b) c) (list a b c))))
(test-equal "and, empty" 'ok (match 5 ((and) 'ok)))
(test-equal "or" 'small (match 2 ((or 1 2 3) 'small) (_ 'big)))
(test-equal "or, empty" 'no (match 5 ((or) 'yes) (_ 'no)))
(test-equal "or binding the same variables" '(1 1)
  (list (match '(1 x) ((or (a 'x) ('x a)) a))
        (match '(x 1) ((or (a 'x) ('x a)) a))))
(test-equal "or of predicates" '("s" sym)
  (list (match "s" ((or (? string? s) (? symbol? s)) s))
        (match 'sym ((or (? string? s) (? symbol? s)) s))))
(test-equal "not" 'ok (match 5 ((not 4) 'ok)))
(test-equal "not fails" 'no (match 4 ((not 4) 'ok) (_ 'no)))
(test-equal "not with a bound variable" '(diff same)
  (list (match '(1 2) ((a (not a)) 'diff) (_ 'same))
        (match '(1 1) ((a (not a)) 'diff) (_ 'same))))

;;; ? and =
(test-eqv "? with a variable" 3 (match 3 ((? odd? x) x)))
(test-equal "? without a variable" 'num (match 5 ((? string?) 'str) ((? number?) 'num)))
(test-equal "? with several patterns" '(3 4) (match 3 ((? odd? x (= 1+ y)) (list x y))))
(test-equal "? with a lambda" 'big (match 10 ((? (lambda (n) (> n 5))) 'big) (_ 'small)))
(test-equal "=" "abc" (match 'abc ((= symbol->string s) s)))
(test-equal "= then literal" 'ten (match 5 ((= (lambda (x) (* x 2)) 10) 'ten)))
(test-equal "? then =" "a" (match 'a ((? symbol? (= symbol->string s)) s)))

;;; records
(define-record-type <point> (make-point x y) point? (x point-x) (y point-y))
(test-equal "$ record" '(1 2) (match (make-point 1 2) (($ <point> a b) (list a b))))
(test-equal "$ record, fewer fields" 1 (match (make-point 1 2) (($ <point> a) a)))
(test-equal "$ wrong type" 'no (match '(1 2) (($ <point> a b) 'yes) (_ 'no)))

;;; set! and get!
(test-equal "set! in a list" '(1 9)
  (let ((p (list 1 2))) (match p ((a (set! s)) (s 9) p))))
(test-equal "set! of a dotted tail" '(1 . x)
  (let ((p (list 1 2))) (match p ((a . (set! s)) (s 'x) p))))
(test-equal "set! in a vector" #(1 9)
  (let ((v (vector 1 2))) (match v (#(a (set! s)) (s 9) v))))
(test-equal "get!" '(2 3)
  (let ((p (list 1 2)))
    (match p ((a (get! g)) (let ((before (g))) (set-car! (cdr p) 3) (list before (g)))))))

;;; quasi-patterns
(test-equal "quasi: symbols are literal" '(2 3)
  (match '(1 (2 3)) (`(1 (,a ,b)) (list a b))))
(test-equal "quasi: unquote in tail" '(2 3) (match '(1 2 3) (`(1 . ,r) r)))
(test-equal "quasi: dotted" '(1 2) (match '(1 . 2) (`(,a . ,b) (list a b))))
(test-equal "quasi: symbol" 'yes (match 'foo (`foo 'yes)))
(test-equal "quasi: _ is literal" '(no 2)
  (list (match '(1 2) (`(_ ,x) x) (_ 'no))
        (match '(_ 2) (`(_ ,x) x) (_ 'no))))
(test-equal "quasi: vector" 2 (match #(1 2) (`#(1 ,x) x)))
(test-equal "quasi: keyword-like head" '(a b)
  (match '(define (f) a b) (`(define (f) . ,body) body)))

;;; failure continuation and match-error
(test-equal "(=> k) resumes with the next clause" 'second
  (match '(1 2) ((a b) (=> next) (if (> a 0) (next) 'first)) ((a b) 'second)))
(test-equal "(=> k) not called" 'first
  (match '(1 2) ((a b) (=> next) 'first) ((a b) 'second)))
(test-equal "match-error key and arguments" '(match-error "match" "no matching pattern" 5)
  (catch 'match-error
    (lambda () (match 5 ((a) 1) ("x" 2)))
    (lambda (key . args) (cons key args))))
(test-error "no clause matches" #t (match '(1 2 3) ((a b) 1)))
(test-equal "(=> k) past the last clause is a match-error" 'match-error
  (catch #t
    (lambda () (match 1 (a (=> next) (next))))
    (lambda (key . args) key)))

;;; hygiene: local bindings do not disturb the expansion
(test-equal "local length, car, list?" '(1 (2 3))
  (let ((length 5) (car 6) (list? 7) (reverse 8))
    (match '(1 2 3) ((a b ...) (list a b)))))
(test-equal "pattern variables named like syntax" '(1 2 3)
  (match '(1 (2 3)) ((if (let lambda)) (list if let lambda))))
(test-equal "body with internal definitions" 3
  (match '(1 2) ((a b) (define c (+ a b)) c)))

;;; match-lambda and friends
(test-equal "match-lambda" '(1 none)
  (map (match-lambda ((a . b) a) (_ 'none)) '((1 2) ())))
(test-equal "match-lambda over an alist" '("a=1" "b=2")
  (map (match-lambda
         ((key . value) (string-append (symbol->string key) "=" (number->string value))))
       '((a . 1) (b . 2))))
(test-eqv "match-lambda*" 3 ((match-lambda* ((a b) (+ a b)) ((a) a)) 1 2))
(test-eqv "match-lambda* one argument" 7 ((match-lambda* ((a b) (+ a b)) ((a) a)) 7))
(test-equal "match-let" '(1 2) (match-let (((a b) '(1 2))) (list a b)))
(test-equal "match-let, several" '(1 2 3)
  (match-let (((a b) '(1 2)) ((c) '(3))) (list a b c)))
(test-equal "match-let evaluates every expression first" '(2 1)
  (let ((a 1) (b 2))
    (match-let ((a b) (b a)) (list a b))))
(test-equal "match-let, empty" 5 (match-let () 5))
(test-equal "named match-let" 6
  (match-let loop (((x . rest) '(1 2 3)) (acc 0))
    (if (null? rest) (+ x acc) (loop rest (+ x acc)))))
(test-equal "match-let*" '(1 2 1) (match-let* (((a b) '(1 2)) ((c) (list a))) (list a b c)))
(test-equal "match-letrec" '(1 2) (match-letrec (((a b) '(1 2))) (list a b)))
(test-error "match-let failure" #t (match-let (((a b) '(1))) a))

;;; Guix idioms
(define inputs `(("glibc" ,(make-point 1 2)) ("gcc" ,(make-point 3 4) "lib")))
(test-equal "labels of inputs" '("glibc" "gcc")
  (match inputs (((labels packages . _) ...) labels)))
(test-equal "packages of inputs" '(1 3)
  (match inputs (((_ ($ <point> x _) . _) ...) x)))
(test-equal "input with or without output" '("out" "lib")
  (map (match-lambda
         ((_ _) "out")
         ((_ _ output) output))
       inputs))
(test-equal "dispatch on a tagged list" '(3 -4 unknown)
  (map (match-lambda
         (('add a b) (+ a b))
         (('neg a) (- a))
         (_ 'unknown))
       '((add 1 2) (neg 4) (mul 2 3))))
(test-equal "optional trailing element" '((a #f) (b 2))
  (map (match-lambda
         ((name) (list name #f))
         ((name value) (list name value)))
       '((a) (b 2))))

(cond-expand
 (guix0
  ;; Forms Guile 3.0.8 does not implement as documented.
  (test-equal "quasi: ellipsis" '(2 3) (match '(x 2 3) (`(x ,a ...) a)))
  (test-equal "quasi: ,@ at the end" '(2 3) (match '(1 2 3) (`(1 ,@r) r)))
  (test-equal "quasi: ,@ in the middle" '(2) (match '(1 2 3) (`(1 ,@r 3) r)))
  (test-equal "quasi: ,@ with a list pattern" '(2 3) (match '(1 2 3) (`(1 ,@(a b)) (list a b))))
  (test-equal "quasi: ,@ needs the tail" 'no (match '(1 2 3) (`(,@r 4) r) (_ 'no)))
  (test-equal "..1 then tail" '((1 2) 3) (match '(1 2 3) ((a ..1 b) (list a b))))
  (test-equal "..2" '(no (1 2))
    (list (match '(1) ((a ..2) a) (_ 'no)) (match '(1 2) ((a ..2) a))))
  (test-equal "vector ellipsis then tail" '(1 (2 3) 4)
    (match #(1 2 3 4) (#(a b ... c) (list a b c))))
  (test-equal "not with several patterns" '(yes no)
    (list (match 6 ((not 4 5) 'yes) (_ 'no)) (match 5 ((not 4 5) 'yes) (_ 'no))))
  (test-equal "set! inside an ellipsis" '(0 0 0)
    (let ((l (list 1 2 3)))
      (match l (((set! s) ...) (for-each (lambda (set) (set 0)) s) l))))
  (test-equal "match-define" '(1 (2 3))
    (let ()
      (match-define (a b ...) '(1 2 3))
      (list a b)))
  (test-eqv "match-letrec: recursive" 120
    (match-letrec (((fact) (list (lambda (n) (if (= n 0) 1 (* n (fact (- n 1))))))))
      (fact 5))))
 (else))

;; An ellipsis as a dotted tail matches any rest (Guix's make-desktop-entry-file).
(test-equal "(key value . ...) takes the first two" '((1 2) (1 2) no)
  (map (lambda (l) (match l ((key value . ...) (list key value)) (_ 'no))) '((1 2 3) (1 2) (1))))

(test-end "match")
