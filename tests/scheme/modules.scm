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
(test-assert "resolve-interface offers only what it selected" (not (module-defined? i 'shout)))
(define used (make-fresh-user-module))
(module-use! used (resolve-interface '(guix0-test greet)))
(test-equal "module-use! imports an interface's bindings" "HELLO, U!" (eval '(shout "u") used))
(test-assert "but not its private ones" (not (module-defined? used 'punctuate)))
(eval '(define defined-by-eval 42) used)
(test-equal "eval runs in the module it is given" '(42 #f (guile-user))
  (list (eval 'defined-by-eval used) (module-defined? (current-module) 'defined-by-eval)
        (module-name (current-module))))

(test-end "modules")
