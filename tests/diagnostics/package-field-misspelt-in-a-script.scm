;; A package definition in a plain script (not through guix0.scm): the
;; record macro's own diagnostic, with its code, the form and the help.
(use-modules (guix packages) (guix build-system gnu) ((guix licenses) #:select (gpl3+)))

(define-public hello
  (package
    (name "hello")
    (version "2.10")
    (source #f)
    (build-system gnu-build-system)
    (synopsis "An example")
    (descriptoin "A typo in a field name.")
    (license gpl3+)
    (home-page "https://www.gnu.org/software/hello/")))
