;;; guix0.scm — the Guix 0 driver, run as `guix0 guix0.scm [COMMAND] ...`.
;;; A copy of this file in the current directory takes precedence over the
;;; one built into guix0, so `mes guix0.scm` → `guix0 guix0.scm` works in a
;;; directory that only holds definitions and tarballs.

(use-modules (guix0 hash-command) (guix0 main))

(define (main args)
  (let ((rest (if (pair? args) (cdr args) '())))
    (if (and (pair? rest) (string=? (car rest) "hash"))
        (exit (hash-command (cdr rest)))
        (guix0-main rest))))

;; Only as the program: `(use-modules (guix0))` in a script or the REPL
;; finds this file too, and must not run the builder.
(when (string-suffix? "guix0.scm" (car (command-line)))
  (main (command-line)))
