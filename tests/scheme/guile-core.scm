;;; guile-core.scm -- more of Guile's default environment: version, hooks,
;;; object and symbol properties, (set! (f x) v) with procedures with
;;; setters, procedural records, and small list, number, string and
;;; file-name procedures. Every expected value is Guile 3.0.8's.

(use-modules (srfi srfi-64))

(test-begin "guile-core")

(define (values->list thunk) (call-with-values thunk list))

(test-equal "the Guile version whose language this is" '("3.0" "3" "0")
  (list (effective-version) (major-version) (minor-version)))
(test-assert "version" (string-prefix? (effective-version) (version)))

;;; hooks
(define hook (make-hook 1))
(define ran '())
(add-hook! hook (lambda (x) (set! ran (cons (list 'first x) ran))))
(add-hook! hook (lambda (x) (set! ran (cons (list 'second x) ran))))
(add-hook! hook (lambda (x) (set! ran (cons (list 'last x) ran))) #t)
(run-hook hook 5)
(test-equal "run-hook: the last added first, unless appended" '((second 5) (first 5) (last 5)) (reverse ran))
(test-equal "hook?, hook-empty?, hook->list" '(#t #f 3 #t)
  (list (hook? hook) (hook-empty? hook) (length (hook->list hook)) (hook-empty? (make-hook))))
(reset-hook! hook)
(test-assert "reset-hook!" (hook-empty? hook))

;;; properties and setters
(define color (make-object-property))
(define thing (list 1))
(set! (color thing) 'red)
(test-equal "an object property, set with set!" '(red #f) (list (color thing) (color (list 1))))
(set-object-property! thing 'size 3)
(test-equal "object-property" '(3 #f ((size . 3)))
  (list (object-property thing 'size) (object-property thing 'nope) (object-properties thing)))
(set-symbol-property! 'guix0-test-symbol 'k 1)
(test-equal "symbol-property" '(1 #f)
  (list (symbol-property 'guix0-test-symbol 'k) (symbol-property 'guix0-test-symbol 'j)))
(symbol-property-remove! 'guix0-test-symbol 'k)
(test-equal "symbol-property-remove!" #f (symbol-property 'guix0-test-symbol 'k))
(define cell (make-procedure-with-setter car set-car!))
(define pair (list 1 2))
(set! (cell pair) 10)
(test-equal "make-procedure-with-setter" '(10 2) pair)
(test-assert "procedure-with-setter?" (and (procedure-with-setter? cell) (not (procedure-with-setter? car))))
(test-error "setter of a procedure without one" #t (setter car))

;;; procedural records
(define point-type (make-record-type 'point '(x y)))
(define make-point (record-constructor point-type))
(define point-x (record-accessor point-type 'x))
(define set-point-x! (record-modifier point-type 'x))
(define p (make-point 1 2))
(set-point-x! p 10)
(test-equal "record-constructor, -accessor, -modifier, -predicate" '(#t 10 #t #f)
  (list ((record-predicate point-type) p) (point-x p) (record-type? point-type) ((record-predicate point-type) 5)))
(test-error "record-accessor of a field the type lacks" #t (record-accessor point-type 'z))

;;; lists
(test-equal "and-map, or-map" '(#t #t #f 2)
  (list (and-map odd? '(1 3)) (and-map odd? '()) (or-map even? '(1 3)) (and-map (lambda (x) x) '(1 2))))
(test-equal "assv-set!, assv-remove!, sloppy-assq" '(((1 . 3)) ((3 . 4)) (b . 2))
  (list (assv-set! (list (cons 1 2)) 1 3) (assv-remove! (list (cons 1 2) (cons 3 4)) 1)
        (sloppy-assq 'b '((a . 1) (b . 2)))))
(test-equal "delq1!, delv1!, delete1! remove the first only" '((b a) (2 1) ("b" "a") (2 3))
  (list (delq1! 'a (list 'a 'b 'a)) (delv1! 1 (list 1 2 1)) (delete1! "a" (list "a" "b" "a"))
        (list-cdr-ref '(1 2 3) 1)))
(test-equal "sort-list, merge!" '((1 2 3) (1 2 3 4)) (list (sort-list '(3 1 2) <) (merge! (list 1 3) (list 2 4) <)))

;;; numbers
(test-equal "integer-expt, modulo-expt" '(1024 1/4 4) (list (integer-expt 2 10) (integer-expt 2 -2) (modulo-expt 3 100 7)))
(test-equal "round/" '((4 -1) (2 1) 2 1)
  (list (values->list (lambda () (round/ 7 2))) (values->list (lambda () (round/ 5 2)))
        (round-quotient 5 2) (round-remainder 5 2)))
(test-equal "euclidean/" '((-4 1) (-3 1) 4 1)
  (list (values->list (lambda () (euclidean/ -7 2))) (values->list (lambda () (euclidean/ 7 -2)))
        (euclidean-quotient -7 -2) (euclidean-remainder -7 -2)))
(test-equal "centered/" '((4 -1) (-3 -1) 2 -1)
  (list (values->list (lambda () (centered/ 7 2))) (values->list (lambda () (centered/ -7 2)))
        (centered-quotient 5 3) (centered-remainder 5 3)))
(test-equal "ceiling/" '((4 -1) -3 -1)
  (list (values->list (lambda () (ceiling/ 7 2))) (ceiling-quotient -7 2) (ceiling-remainder -7 2)))
(test-equal "round-ash" '(2 4 12 -2) (list (round-ash 5 -1) (round-ash 7 -1) (round-ash 3 2) (round-ash -5 -1)))
(test-equal "log10, and the real numbers' complex parts" '(3.0 3 0 3.141592653589793 0.0 2 2)
  (list (log10 1000) (real-part 3) (imag-part 3) (angle -1) (angle 1) (make-rectangular 2 0) (make-polar 2 0)))
(test-equal "hyperbolic functions, exact where Guile's are" '(0 1 0 0 0 0 1.1752011936438014)
  (list (sinh 0) (cosh 0) (tanh 0) (asinh 0) (acosh 1) (atanh 0) (sinh 1.0)))

;;; strings, symbols, characters, file names
(test-equal "symbol, list->symbol, string-capitalize" '(ac ab "Hello World Foo-Bar")
  (list (symbol #\a #\c) (list->symbol (list #\a #\b)) (string-capitalize "hello wORLD foo-bar")))
(test-equal "->bool, unspecified?, self-evaluating?" '(#t #f #t #t #f #t #f)
  (list (->bool 3) (->bool #f) (unspecified? (if #f #f)) (self-evaluating? 1) (self-evaluating? 'a)
        (self-evaluating? "s") (self-evaluating? '(1))))
(test-equal "char-ci<=?, char-ci>=?, string-ci<=?, string-ci>=?" '(#t #t #t #t #f)
  (list (char-ci<=? #\a #\B #\c) (char-ci>=? #\c #\B #\a) (string-ci<=? "abc" "ABD") (string-ci>=? "abd" "ABC")
        (string-ci<=? "b" "A")))
(test-equal "string-utf8-length" 2 (string-utf8-length "é"))
(test-equal "file names" '(#t #f "/a/b" "/a/b" "b" #t)
  (list (absolute-file-name? "/a") (absolute-file-name? "a") (in-vicinity "/a" "b") (in-vicinity "/a/" "b")
        (in-vicinity "" "b") (file-name-separator? #\/)))

;;; definitions, features, R7RS syntax-error
(define-once defined-once 1)
(define-once defined-once 2)
(test-equal "define-once keeps the first value" 1 defined-once)
(test-equal "λ" 8 ((λ (a) (* a 2)) 4))
(test-equal "provided?, provide" '(#t #f #t)
  (list (provided? 'posix) (provided? 'guix0-test-feature)
        (begin (provide 'guix0-test-feature) (provided? 'guix0-test-feature))))
(define-syntax must-be-pair
  (syntax-rules ()
    ((_ (a . b)) 'pair)
    ((_ x) (syntax-error "must-be-pair wants a pair, got" x))))
(test-equal "syntax-error: a use the macro accepts" 'pair (must-be-pair (1 . 2)))
(test-error "syntax-error: a use it rejects, when expanded" 'syntax-error
  (eval '(must-be-pair 5) (interaction-environment)))

(test-end "guile-core")
