;;; pretty-print.scm -- (ice-9 pretty-print): the layouts Guile's
;;; pretty-print chooses (one line when it fits; bodies of define, lambda,
;;; let ... indented by 2; arguments under the first argument; long heads
;;; on their own line), abbreviations, and the #:width, #:max-expr-width,
;;; #:per-line-prefix and #:display? options.  The expected texts are
;;; Guile 3.0.8's output.

(use-modules (srfi srfi-64) (ice-9 pretty-print))

;; What pretty-print writes for DATUM, through a port argument.
(define (pp datum . options)
  (call-with-output-string
    (lambda (port) (apply pretty-print datum port options))))

;; LINES, each ended by a newline.
(define (lines . lines)
  (apply string-append (map (lambda (line) (string-append line "\n")) lines)))

(test-begin "pretty-print")

(test-equal "short list"
  (lines
   "(a b c)")
  (pp '(a b c)))

(test-equal "fits in max-expr-width"
  (lines
   "(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18)")
  (pp '(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18)))

(test-equal "max-expr-width breaks a list that fits the width"
  (lines
   "(aaaaaaaaaa"
   "  bbbbbbbbbb"
   "  cccccccccc"
   "  dddddddddd"
   "  eeeeeeeeee)")
  (pp '(aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee)))

(test-equal "define, if, named let"
  (lines
   "(define (f x)"
   "  (if (pair? x)"
   "    (car x)"
   "    (let loop ((i 0) (acc '()))"
   "      (if (< i 10)"
   "        (loop (+ i 1) (cons i acc))"
   "        (reverse acc)))))")
  (pp '(define (f x) (if (pair? x) (car x) (let loop ((i 0) (acc '())) (if (< i 10) (loop (+ i 1) (cons i acc)) (reverse acc)))))))

(test-equal "call: arguments under the first"
  (lines
   "(foo (bar baz qux)"
   "     (quux corge"
   "           grault"
   "           garply"
   "           waldo"
   "           fred"
   "           plugh"
   "           xyzzy"
   "           thud)"
   "     (another list here))")
  (pp '(foo (bar baz qux) (quux corge grault garply waldo fred plugh xyzzy thud) (another list here))))

(test-equal "call with a long head"
  (lines
   "(foobarbaz"
   "  (bar baz qux)"
   "  (quux corge"
   "        grault"
   "        garply"
   "        waldo"
   "        fred"
   "        plugh"
   "        xyzzy"
   "        thud)"
   "  (another list here))")
  (pp '(foobarbaz (bar baz qux) (quux corge grault garply waldo fred plugh xyzzy thud) (another list here))))

(test-equal "list with a non-symbol head"
  (lines
   "((a b)"
   " (quux corge"
   "       grault"
   "       garply"
   "       waldo"
   "       fred"
   "       plugh"
   "       xyzzy"
   "       thud)"
   " (another list here and more stuff))")
  (pp '((a b) (quux corge grault garply waldo fred plugh xyzzy thud) (another list here and more stuff))))

(test-equal "dotted list on one line"
  (lines
   "(a b . c)")
  (pp '(a b . c)))

(test-equal "dotted list broken"
  (lines
   "(aaaaaaaaaaaa"
   "  bbbbbbbbbbbbbbbb"
   "  cccccccccccccccccc"
   "  dddddddddddddddd"
   "  eeeeeeeeeeee"
   "  ."
   "  ffffffffff)")
  (pp '(aaaaaaaaaaaa bbbbbbbbbbbbbbbb cccccccccccccccccc dddddddddddddddd eeeeeeeeeeee . ffffffffff)))

(test-equal "dotted pair broken"
  (lines
   "(a ."
   "   b)")
  (pp '(a . b) #:width 3))

(test-equal "quote abbreviations"
  (lines
   "(x 'y `(a ,b ,@c) ''z)")
  (pp '(x 'y `(a ,b ,@c) ''z)))

(test-equal "quote with two operands"
  (lines
   "(quote x y)")
  (pp '(quote x y)))

(test-equal "improper lists and vectors are not abbreviated"
  (lines
   "(((quote a) . b) #((quote c)))")
  (pp '(('a . b) #('c))))

(test-equal "quoted list broken"
  (lines
   "(define (f)"
   "  '(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
   "     bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb))")
  (pp '(define (f) '(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb))))

(test-equal "vector broken"
  (lines
   "#(define"
   "  (f x)"
   "  aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
   "  bbbbbbbbbbbbbbbbbbbbbbbbbbbb)")
  (pp '#(define (f x) aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbb)))

(test-equal "cond"
  (lines
   "(cond ((pair? x) (display \"this is a pair\") (car x))"
   "      ((null? x) (display \"this is null\") '())"
   "      (else x))")
  (pp '(cond ((pair? x) (display "this is a pair") (car x)) ((null? x) (display "this is null") '()) (else x))))

(test-equal "case"
  (lines
   "(case x"
   "  ((a b c) (display \"this is abc\") 1)"
   "  ((d e f) (display \"this is def\") 2)"
   "  (else 3))")
  (pp '(case x ((a b c) (display "this is abc") 1) ((d e f) (display "this is def") 2) (else 3))))

(test-equal "lambda"
  (lines
   "(lambda (x y z)"
   "  (display x)"
   "  (display y)"
   "  (display z)"
   "  (newline)"
   "  (+ x y z)"
   "  (* x y z))")
  (pp '(lambda (x y z) (display x) (display y) (display z) (newline) (+ x y z) (* x y z))))

(test-equal "let"
  (lines
   "(let ((a 1) (b 2) (c 3))"
   "  (display a)"
   "  (display b)"
   "  (display c)"
   "  (newline)"
   "  (+ a b c))")
  (pp '(let ((a 1) (b 2) (c 3)) (display a) (display b) (display c) (newline) (+ a b c))))

(test-equal "begin"
  (lines
   "(begin"
   "  (display a)"
   "  (display b)"
   "  (display c)"
   "  (newline)"
   "  (+ a b c)"
   "  (display \"hello world\"))")
  (pp '(begin (display a) (display b) (display c) (newline) (+ a b c) (display "hello world"))))

(test-equal "and"
  (lines
   "(and (pair? x)"
   "     (pair? (cdr x))"
   "     (null? (cddr x))"
   "     (symbol? (car x))"
   "     (string? (cadr x)))")
  (pp '(and (pair? x) (pair? (cdr x)) (null? (cddr x)) (symbol? (car x)) (string? (cadr x)))))

(test-equal "do"
  (lines
   "(do ((i 0 (+ i 1)) (acc '() (cons i acc)))"
   "    ((= i 10) (reverse acc))"
   "  (display i)"
   "  (newline))")
  (pp '(do ((i 0 (+ i 1)) (acc '() (cons i acc))) ((= i 10) (reverse acc)) (display i) (newline))))

(test-equal "set!"
  (lines
   "(set! some-variable-name"
   "  (compute-something-complicated"
   "    with"
   "    many"
   "    arguments"
   "    here))")
  (pp '(set! some-variable-name (compute-something-complicated with many arguments here))))

(test-equal "when is a plain call"
  (lines
   "(when (pair? x)"
   "      (list a"
   "            b"
   "            aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
   "            bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
   "            cccc))")
  (pp '(when (pair? x) (list a b aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb cccc))))

(test-equal "define-syntax and syntax-rules"
  (lines
   "(define-syntax foo"
   "  (syntax-rules ()"
   "    ((_ a)"
   "     (list a"
   "           b"
   "           aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
   "           bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
   "           cccc))))")
  (pp '(define-syntax foo (syntax-rules () ((_ a) (list a b aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb cccc))))))

(test-equal "syntax-case"
  (lines
   "(syntax-case x ()"
   "  ((_ a)"
   "   (list a"
   "         b"
   "         aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
   "         bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
   "         cccc)))")
  (pp '(syntax-case x () ((_ a) (list a b aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb cccc)))))

(test-equal "define-module"
  (lines
   "(define-module"
   "  (guix packages)"
   "  #:use-module"
   "  (guix utils)"
   "  #:use-module"
   "  (srfi srfi-1)"
   "  #:export"
   "  (package))")
  (pp '(define-module (guix packages) #:use-module (guix utils) #:use-module (srfi srfi-1) #:export (package))))

(test-equal "package"
  (lines
   "(package"
   "  (name \"hello\")"
   "  (version \"2.10\")"
   "  (source"
   "    (origin"
   "      (method url-fetch)"
   "      (uri \"mirror://gnu/hello/hello-2.10.tar.gz\")"
   "      (sha256"
   "        (base32"
   "          \"0ssi1wpaf7plaswqqjwigppsg5fyh99vdlb9kzl7c9lng89ndq1i\"))))"
   "  (build-system gnu-build-system))")
  (pp '(package (name "hello") (version "2.10") (source (origin (method url-fetch) (uri "mirror://gnu/hello/hello-2.10.tar.gz") (sha256 (base32 "0ssi1wpaf7plaswqqjwigppsg5fyh99vdlb9kzl7c9lng89ndq1i")))) (build-system gnu-build-system))))

(test-equal "special forms with missing parts"
  (lines
   "((let) (if a) (define . x) (let x . y))")
  (pp '((let) (if a) (define . x) (let x . y))))

(test-equal "per-line-prefix"
  (lines
   ";; (aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
   ";;   bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
   ";;   cc)")
  (pp '(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb cc) #:per-line-prefix ";; "))

(test-equal "per-line-prefix takes room"
  (lines
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;(0"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 1"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 2"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 3"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 4"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 5"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 6"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 7"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 8"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 9"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 10"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 11"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 12"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 13"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 14"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 15"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 16"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 17"
   ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;; 18)")
  (pp '(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18) #:per-line-prefix ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;"))

(test-equal "width"
  (lines
   "(define (f x)"
   "  (+ x 1))")
  (pp '(define (f x) (+ x 1)) #:width 20))

(test-equal "max-expr-width"
  (lines
   "(a b"
   "   c"
   "   d"
   "   e"
   "   f"
   "   g"
   "   h"
   "   i"
   "   j)")
  (pp '(a b c d e f g h i j) #:max-expr-width 10))

(test-equal "display?"
  (lines
   "(a b (c d))")
  (pp '("a" #\b (c "d")) #:display? #t))

(test-equal "atoms"
  (lines
   "(5 sym \"str\" #\\a 1.5 #t #f () #())")
  (pp '(5 sym "str" #\a 1.5 #t #f () #())))

(test-equal "nested calls"
  (lines
   "(f (g (h (i (j (k (l (m (n (o (p (q (r (s (t (u (v (w (x (y (z 1"
   "                                                               2"
   "                                                               3"
   "                                                               4"
   "                                                               5"
   "                                                               6"
   "                                                               7"
   "                                                               8"
   "                                                               9"
   "                                                               10"
   "                                                               11"
   "                                                               12)))))))))))))))))))))")
  (pp '(f (g (h (i (j (k (l (m (n (o (p (q (r (s (t (u (v (w (x (y (z 1 2 3 4 5 6 7 8 9 10 11 12)))))))))))))))))))))))

(test-equal "current output port by default" "(a b)\n"
  (with-output-to-string (lambda () (pretty-print '(a b)))))
(test-equal "#:port" "(a b)\n"
  (call-with-output-string (lambda (port) (pretty-print '(a b) #:port port))))
(test-equal "ends with a newline" #\newline
  (let ((s (pp 'x))) (string-ref s (- (string-length s) 1))))

(test-end "pretty-print")
