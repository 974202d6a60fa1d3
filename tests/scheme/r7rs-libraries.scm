;;; r7rs-libraries.scm -- R7RS `import` with its import sets (only, except,
;;; prefix, rename, nested), `(srfi N)` library names, and `define-library`
;;; (export, import, cond-expand) loaded from the load path.
;;;
;;; A define-library in the program itself (with include and an export
;;; rename) is tested only under guix0: Guile 3.0.8 leaves the rest of the
;;; file in the library's module, rejects (rename a b) in export, and
;;; resolves an include in a library found on the load path against the
;;; current directory.

(import (scheme base)
        (scheme write)
        (srfi 64))
(eval-when (expand load eval)
  (add-to-load-path (string-append (dirname (current-filename)) "/modules")))

(test-begin "r7rs-libraries")

(import (rename (only (guix0-test lifo) make-lifo lifo-size lifo-flavour)
                (lifo-size size)
                (lifo-flavour flavour)))
(test-equal "only and rename" 2 (size (make-lifo 'a 'b)))
(test-equal "cond-expand among the declarations" 'r7rs (flavour))

(import (except (guix0-test lifo) lifo-flavour))
(define s (make-lifo 1 2))
(lifo-push! s 3)
(test-equal "exported procedures" '(3 3 2) (list (lifo-size s) (lifo-pop! s) (lifo-pop! s)))
(test-assert "an exported record predicate" (lifo? s))
(test-assert "neither except nor rename imports a name under its own"
  (not (defined? 'lifo-flavour)))
(test-assert "a name the library does not export stays private"
  (not (defined? 'lifo-items)))

(import (prefix (only (srfi 1) iota fold) s1:))
(test-equal "prefix over only" 10 (s1:fold + 0 (s1:iota 5)))
(test-assert "only in a prefixed set" (not (defined? 's1:first)))

(import (rename (only (srfi 1) first second) (first head) (second neck)))
(test-equal "rename" '(a b) (list (head '(a b c)) (neck '(a b c))))

(import (prefix (rename (only (srfi 1) last) (last final)) my-))
(test-equal "prefix over rename" 'c (my-final '(a b c)))

(import (prefix (except (srfi 1) delete) e:))
(test-assert "except" (and (defined? 'e:delete-duplicates) (not (defined? 'e:delete))))

(import (prefix (scheme base) base:))
(test-equal "a prefixed standard library" 3 (base:+ 1 2))

(test-error "only with a name the library does not export"
  #t (eval '(import (only (srfi 1) no-such-procedure)) (current-module)))
(test-error "a library that does not exist"
  #t (eval '(import (guix0-test no-such-library)) (current-module)))

(cond-expand
 (guix0
  (define-library (guix0-test inline)
    (export twice (rename thrice three-times))
    (import (scheme base))
    (include "modules/guix0-test/multiples.scm"))
  (import (guix0-test inline))
  (test-equal "a define-library in the program" '(42 63) (list (twice 21) (three-times 21)))
  (test-assert "export rename hides the internal name" (not (defined? 'thrice)))
  (test-error "define-library inside a body" #t
    (eval '(let () (define-library (x) (begin)) 1) (current-module))))
 (else #t))

(test-end "r7rs-libraries")
