;;; modules.scm -- Guile's module system as Guix code uses it: module files
;;; on the load path, #:export, #:select with renaming, #:prefix,
;;; #:renamer, @ and @@, re-exports, define-public, resolve-module,
;;; resolve-interface and module-use!.

(use-modules (srfi srfi-64))
(eval-when (expand load eval)
  (add-to-load-path (string-append (dirname (current-filename)) "/modules")))

(test-begin "modules")

(use-modules (guix0-test greet))
(test-equal "exported procedure" "hello, guix!" (greet "guix"))
(test-equal "define-public" "HELLO, GUIX!" (shout "guix"))
(test-equal "re-exported binding" 6 (fold + 0 '(1 2 3)))
(test-equal "private binding via @@" "x!" ((@@ (guix0-test greet) punctuate) "x"))
(test-equal "public binding via @" "hello, a!" ((@ (guix0-test greet) greet) "a"))
(test-assert "a private binding is not imported"
  (not (module-defined? (current-module) 'punctuate)))

(use-modules (guix0-test users))
(test-equal "a module using another with #:select renaming" '("hello, a!" "hello, b!") (welcome '("a" "b")))

(use-modules ((guix0-test greet) #:prefix g:))
(test-equal "#:prefix" "hello, p!" (g:greet "p"))
(use-modules ((guix0-test greet) #:select (shout) #:renamer (symbol-prefix-proc 'r:)))
(test-equal "#:renamer" "HELLO, R!" (r:shout "r"))

(define m (resolve-module '(guix0-test greet)))
(test-assert "resolve-module" (module? m))
(test-equal "module-ref" "hello, m!" ((module-ref m 'greet) "m"))
(test-assert "a module's state is shared by its users" (> (module-ref m 'greeting-count) 3))
(test-equal "module-name" '(guix0-test greet) (module-name m))

(define i (resolve-interface '(guix0-test greet) #:select '((greet . hi))))
(test-equal "resolve-interface with #:select renaming" "hello, i!" ((module-ref i 'hi) "i"))
(test-equal "module-map and module-for-each see an interface's variables" '((hi) 1)
  (let ((n 0))
    (module-for-each (lambda (name variable) (set! n (+ n 1))) i)
    (list (module-map (lambda (name variable) name) i) n)))
(test-assert "resolve-interface offers only what it selected" (not (module-defined? i 'shout)))
(test-equal "an interface is named after its module" '(guix0-test greet) (module-name i))
(define used (make-fresh-user-module))
(module-use! used (resolve-interface '(guix0-test greet)))
(test-equal "module-use! imports an interface's bindings" "HELLO, U!" (eval '(shout "u") used))
(test-assert "but not its private ones" (not (module-defined? used 'punctuate)))
(eval '(define defined-by-eval 42) used)
(test-equal "eval runs in the module it is given" '(42 #f (guile-user))
  (list (eval 'defined-by-eval used) (module-defined? (current-module) 'defined-by-eval)
        (module-name (current-module))))

;; First-class variables.
(define var (make-variable 1))
(test-equal "make-variable, variable-ref" '(#t 1 #t) (list (variable? var) (variable-ref var) (variable-bound? var)))
(variable-set! var 2)
(test-equal "variable-set!" 2 (variable-ref var))
(test-assert "an undefined variable is not bound" (not (variable-bound? (make-undefined-variable))))
(test-error "variable-ref of an unbound variable is an error" #t (variable-ref (make-undefined-variable)))
(define settable 1)
(module-set! (current-module) 'settable 5)
(test-equal "module-set! assigns the module's variable" 5 settable)
(test-error "module-set! of an unbound name is an error" #t
  (module-set! (current-module) 'no-such-variable-anywhere 1))
(test-equal "module-variable gives the variable module-set! changed" 5
  (variable-ref (module-variable (current-module) 'settable)))
(test-equal "module-for-each sees the module's own variables" 5
  (let ((seen #f))
    (module-for-each (lambda (name v) (if (eq? name 'settable) (set! seen (variable-ref v)))) (current-module))
    seen))
(test-assert "module-map gives one result per variable"
  (memq 'settable (module-map (lambda (name v) name) (current-module))))
(test-equal "module-public-interface offers the exports" "HELLO, U!"
  ((module-ref (module-public-interface (resolve-module '(guix0-test greet))) 'shout) "u"))
(test-equal "raise-exception raises, to a handler that does not return"
  'boom (call/cc (lambda (k) (with-exception-handler k (lambda () (raise-exception 'boom))))))
(test-equal "raise-exception #:continuable? #t returns the handler's value" 11
  (with-exception-handler (lambda (e) 10) (lambda () (+ 1 (raise-exception 'c #:continuable? #t)))))

;; A macro's private names reach the code it expands to through match and
;; SRFI-35's condition (define-macro style forms in guix0).
(use-modules (guix0-test helpers) (srfi srfi-35))
(test-equal "a macro's private helper, called from inside match" '(helped 5) (helped 5))
(test-equal "a macro's match falls through" 'not-a-number (helped "five"))
(test-equal "a macro's private condition type" "oops" (condition-message (labelled-condition "oops" 'tag)))

(test-equal "a macro named with @ at the head of a form" '(helped 7) ((@ (guix0-test helpers) helped) 7))

(test-end "modules")
