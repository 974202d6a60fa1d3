;;; guix0.scm — the Guix 0 driver, run as `guix0 guix0.scm [COMMAND] ...`.
;;; A copy of this file in the current directory takes precedence over the
;;; one built into guix0, so `mes guix0.scm` → `guix0 guix0.scm` works in a
;;; directory that only holds definitions and tarballs.

(use-modules (guix0 hash-command))

(define (usage)
  (display "Usage: guix0 guix0.scm [COMMAND] [OPTION]...

Commands:
  hash [-r | -S nar|none] [-f FORMAT] [-H ALGORITHM] FILE...
                  print the hash of each FILE, like `guix hash`
  --help          show this help
"))

(define (main args)
  (let ((rest (if (pair? args) (cdr args) '())))
    (cond ((null? rest) (usage) (exit 2))
          ((member (car rest) '("--help" "-h" "help")) (usage) (exit 0))
          ((string=? (car rest) "hash") (exit (hash-command (cdr rest))))
          (else
           (display (string-append "guix0: unknown command `" (car rest) "'\n") (current-error-port))
           (display "Try `guix0 guix0.scm --help'.\n" (current-error-port))
           (exit 2)))))

(main (command-line))
