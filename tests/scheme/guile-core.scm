;;; guile-core.scm -- more of Guile's default environment: version, hooks,
;;; object and symbol properties, (set! (f x) v) with procedures with
;;; setters, procedural records, and small list, number, string and
;;; file-name procedures. Every expected value is Guile 3.0.8's.

(use-modules (srfi srfi-64) (ice-9 match))

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
(test-error "setter of a procedure without one" 'wrong-type-arg (setter length))

;;; procedural records
(define point-type (make-record-type 'point '(x y)))
(define make-point (record-constructor point-type))
(define point-x (record-accessor point-type 'x))
(define set-point-x! (record-modifier point-type 'x))
(define p (make-point 1 2))
(set-point-x! p 10)
(test-equal "record-constructor, -accessor, -modifier, -predicate" '(#t 10 #t #f)
  (list ((record-predicate point-type) p) (point-x p) (record-type? point-type) ((record-predicate point-type) 5)))
(test-error "record-accessor of a field the type lacks" 'misc-error (record-accessor point-type 'z))

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

;;; gettext, reflection, odds and ends
(test-equal "gettext and ngettext give messages back untranslated" '("hello" "files" "file")
  (list (gettext "hello" "guix") (ngettext "file" "files" 2) (ngettext "file" "files" 1)))
(test-equal "procedure-minimum-arity" '((1 0 #f) (1 1 #f) (0 0 #t) (2 0 #t))
  (list (procedure-minimum-arity car) (procedure-minimum-arity (lambda* (a #:optional b #:key c) a))
        (procedure-minimum-arity list) (procedure-minimum-arity (lambda (a b . c) a))))
(test-equal "inf, nan, kw-arg-ref" '(+inf.0 #t 2 #f)
  (list (inf) (nan? (nan)) (kw-arg-ref '(#:x 1 #:y 2) #:y) (kw-arg-ref '(#:x 1) #:y)))
(test-equal "string-normalize-nf*" '(2 1 "fi" "ﬁ")
  (list (string-length (string-normalize-nfd "é")) (string-length (string-normalize-nfc (string #\e (integer->char #x301))))
        (string-normalize-nfkc "ﬁ") (string-normalize-nfc "ﬁ")))
(let ((m (make-module)))
  (module-add! m 'added (make-variable 42))
  (test-equal "make-module, module-add!, module-local-variable" '(42 #t #t #f)
    (list (module-ref m 'added) (module-locally-bound? m 'added) (variable? (module-local-variable m 'added))
          (module-local-variable m 'car)))
  (module-remove! m 'added)
  (test-eq "module-remove!" #f (module-local-variable m 'added))
  (test-assert "save-module-excursion restores the current module"
    (let ((here (current-module)))
      (save-module-excursion (lambda () (set-current-module m)))
      (eq? here (current-module)))))
(let ((p (make-mutable-parameter 1)))
  (p 5)
  (test-equal "make-mutable-parameter" 5 (p)))
(test-assert "object-address tells objects apart as eq? does"
  (let ((a (list 1)) (b (list 1)))
    (and (= (object-address a) (object-address a)) (not (= (object-address a) (object-address b))))))
(test-equal "current-source-location" '(#t 0)
  (let ((a (current-source-location)) (b (current-source-location)))
    (list (string? (assq-ref a 'filename)) (- (assq-ref a 'line) (assq-ref b 'line)))))
(test-equal "source properties a program sets" '(3 #f #f)
  (let ((datum (list 'a)))
    (set-source-property! datum 'line 3)
    (list (source-property datum 'line) (source-property datum 'filename) (supports-source-properties? 1))))
(test-equal "print-exception, display-error" "In procedure car: bad \"x\" and y\nThrow to key `foo' with args `(1 2)'.\n"
  (call-with-output-string
    (lambda (port)
      (print-exception port #f 'misc-error '("car" "bad ~S and ~A" ("x" "y") #f))
      (print-exception port #f 'foo '(1 2)))))
(test-equal "options taking unquoted names" '(() ())
  (list (begin (read-set! keywords 'prefix) '()) (begin (debug-set! stack 0) '())))

(test-equal "substring-fill!, substring-move!, restricted-vector-sort!" '("azzaa" "..xy." #(5 2 3 4 1))
  (let ((s (make-string 5 #\a)) (t (string-copy ".....")) (v (vector 5 4 3 2 1)))
    (substring-fill! s 1 3 #\z)
    (substring-move! "xyz" 0 2 t 2)
    (restricted-vector-sort! v < 1 4)
    (list s t v)))
(test-equal "symbol-interned?" '(#t #f) (list (symbol-interned? 'a) (symbol-interned? (make-symbol "a"))))
(test-assert "getgroups" (vector? (getgroups)))
(test-assert "mkstemp leaves its template alone"
  (let* ((template (string-append (or (getenv "TMPDIR") "/tmp") "/guix0-mkstemp-XXXXXX"))
         (port (mkstemp template))
         (name (port-filename port)))
    (close-port port)
    (delete-file name)
    (and (string-suffix? "XXXXXX" template) (not (string=? name template)))))
(test-equal "make-thread-local-fluid" 3 (fluid-ref (make-thread-local-fluid 3)))
(defmacro-public twice-it (x) `(* 2 ,x))
(test-equal "defmacro-public" 8 (twice-it 4))
(let ((saved (command-line)))
  (set-program-arguments '("prog" "x"))
  (test-equal "set-program-arguments" '("prog" "x") (command-line))
  (set-program-arguments saved))

;; Values Guix's modules use.
(test-assert "the-root-module is a module" (module? the-root-module))
(test-assert "module-variable of the-root-module" (variable? (module-variable the-root-module 'car)))
(test-assert "exit-hook and after-gc-hook are hooks" (and (hook? exit-hook) (hook? after-gc-hook)))
(test-equal "isatty? of a string port" #f (isatty? (open-input-string "")))
(let ((void (%make-void-port "w")))
  (display "dropped" void)
  (test-assert "%make-void-port: writes go nowhere" (output-port? void))
  (close-port void))

;; #nil, Emacs Lisp's nil, which (guix build json) reads JSON null as.
(test-equal "#nil is false to if, and, or and cond"
  '(2 #f 4 2) (list (if #nil 1 2) (and #nil 3) (or #nil 4) (cond (#nil 1) (else 2))))
(test-equal "#nil is null?, boolean?, nil? and a list of length 0"
  '(#t #t #t #t #t 0) (list (null? #nil) (boolean? #nil) (not #nil) (nil? #nil) (list? #nil) (length #nil)))
(test-equal "#nil is eq? to neither #f nor ()"
  '(#f #f #f #f #t) (list (eq? #nil #f) (eq? #nil '()) (equal? #nil '()) (equal? #nil #f) (eq? #nil #nil)))
(test-equal "nil? holds for #f and () too" '(#t #t #f) (list (nil? #f) (nil? '()) (nil? 0)))
(test-equal "#nil is written as #nil, and ends a list as () does"
  '("#nil" "(1 #nil)" "(1)") (map object->string (list #nil (list 1 #nil) (cons 1 #nil))))
(test-equal "#nil reads back" #t (eq? #nil (call-with-input-string "#nil" read)))
(test-equal "a #nil key in assq and hash tables"
  '(2 1) (list (cdr (assq #nil '((#f . 1) (#nil . 2))))
               (let ((h (make-hash-table))) (hash-set! h #f 0) (hash-set! h #nil 1) (hash-ref h #nil))))
;; As (guix build json)'s write-json tells them apart. (Defined outside
;; test-equal: Guile's expander rejects these patterns inside its body.)
(define (json-kind x)
  (match x
    (#f 'false)
    ((and (? boolean?) #nil) 'nil)
    (() 'null)))
(define (null-first x)
  (match x
    (() 'null)
    (_ 'other)))
(test-equal "match: the pattern #f is not #nil, the pattern () is"
  '(false null nil null) (list (json-kind #f) (json-kind '()) (json-kind #nil) (null-first #nil)))

(test-equal "while is #f once its test is" #f (while #f 1))
(test-equal "while: break leaves the loop" 5
  (let ((i 0)) (while (< i 10) (set! i (+ i 1)) (when (= i 5) (break))) i))
(test-equal "while: break gives while's value" 'done (let ((i 0)) (while #t (set! i (+ i 1)) (if (> i 3) (break 'done)))))
(test-equal "while: continue goes to the next test" '(4 2)
  (let ((acc '()) (j 0))
    (while (< j 5) (set! j (+ j 1)) (when (odd? j) (continue)) (set! acc (cons j acc)))
    acc))
(test-equal "basename keeps the slashes after the last name, as Guile's does"
  '("b/" "b//" "/" "" "a" "b" "." "c.scm" "b.scm/" "b" "")
  (append (map basename '("/a/b/" "b//" "//" "" "/a" "a/b" "x/." "/a/b/c.scm"))
          (list (basename "/a/b.scm/" ".scm") (basename "/a/b.scm" ".scm") (basename "b.scm" "b.scm"))))
(test-equal "dirname" '("/a" "a" "/a" "/" "." "." "/" "/a/b" "." "/" "a")
  (map dirname '("/a/b/" "a/b//" "/a//b" "//" "" "a" "/a" "/a/b/c" "a/" "///a" "a//b//")))
(test-equal "string-rindex within a range" '(2 3 #f)
  (list (string-rindex "/a/b/" #\/ 0 4) (string-rindex "abcabc" (lambda (c) (char=? c #\a)) 1)
        (string-rindex "abc" #\z)))

;; Stacks: a non-tail call of a named procedure is a frame of its own.
(define (stack-witness n)
  (let ((stack (make-stack #t)))
    (list n stack)))
(define (call-witness)
  (let ((result (stack-witness (length '(1 2)))))
    (cons 'after result)))
(define witnessed (caddr (call-witness)))
(define (frame-names stack)
  (map (lambda (i) (frame-procedure-name (stack-ref stack i))) (iota (stack-length stack))))
(test-assert "make-stack: a stack of frames" (and (stack? witnessed) (frame? (stack-ref witnessed 0))))
(test-equal "make-stack: frame 0 is make-stack's own" 'make-stack (frame-procedure-name (stack-ref witnessed 0)))
(test-assert "make-stack: the caller's frame, then its caller's"
  (let ((names (frame-names witnessed)))
    (equal? (list 'stack-witness 'call-witness) (filter (lambda (n) (memq n '(stack-witness call-witness))) names))))
(test-assert "frame-previous steps outwards; the outermost frame has none"
  (and (eq? (frame-procedure-name (frame-previous (stack-ref witnessed 0)))
            (frame-procedure-name (stack-ref witnessed 1)))
       (not (frame-previous (stack-ref witnessed (- (stack-length witnessed) 1))))))
(test-assert "frame-source: (address file line . column)"
  (let ((source (frame-source (stack-ref witnessed 1))))
    (and (string? (cadr source)) (string-suffix? "guile-core.scm" (cadr source)) (exact-integer? (caddr source)))))
(test-assert "make-stack: an integer cut drops innermost frames"
  (= (stack-length (make-stack #t 1)) (- (stack-length (make-stack #t)) 1)))
(test-error "stack-ref out of range" 'out-of-range (stack-ref witnessed (stack-length witnessed)))
(test-assert "display-backtrace names the frames"
  (let ((text (call-with-output-string (lambda (port) (display-backtrace witnessed port)))))
    (and (string-contains text "(call-witness)") (string-contains text "(stack-witness 2)"))))

(test-equal "unbound fluids" '(#f 1 #t #f)
  (let ((f (make-unbound-fluid)))
    (let* ((before (fluid-bound? f)) (set (begin (fluid-set! f 1) (fluid-ref f))) (bound (fluid-bound? f)))
      (fluid-unset! f)
      (list before set bound (fluid-bound? f)))))
(test-error "fluid-ref of an unbound fluid" 'misc-error (fluid-ref (make-unbound-fluid)))
(test-equal "fluid->parameter" 7 (let ((p (fluid->parameter (make-fluid 3)))) (parameterize ((p 7)) (p))))
(test-equal "with-continuation-barrier: the thunk's value, or #f after a throw" '(5 #f)
  (list (with-continuation-barrier (lambda () 5))
        (parameterize ((current-error-port (open-output-string)))
          (with-continuation-barrier (lambda () (throw 'oops 1))))))
(test-equal "string-bytes-per-char" '(1 1 4) (map string-bytes-per-char (list "abc" (string #\a (integer->char 233)) (string (integer->char 955)))))
(test-equal "substring/read-only" "bc" (substring/read-only "abcd" 1 3))

(test-end "guile-core")
