;;; A first Guix 0 project: two packages built from the sources next to
;;; this file, in the way ../../bootstrap0.scm builds Guile.
;;;
;;;   guix0 guix0.scm           build both into ./store0, checking every hash
;;;   guix0 guix0.scm show greeter
;;;   guix0 guix0.scm graph | dot -Tsvg > graph.svg
;;;   ./store0/*-greeter-1.0/bin/greeter
;;;
;;; Sources are never downloaded: guix0 finds motd.txt and
;;; greeter-1.0.tar.gz here by their names and checks their sha256.

;; The host programs the C build may use, declared as a package of their
;; own: nothing else of the host is visible to a build.
(define host-seed
  (host-tools '("sh" "make" "cc" "cpp" "ld" "as" "sed" "grep" "cp" "mkdir")))

;; A package made by a Scheme builder (trivial-build-system).
(define-public motd
  (package
    (name "motd")
    (version "1")
    (source #f)
    (inputs `(("motd.txt" ,(origin (method url-fetch)
                                   (uri "https://example.org/motd.txt")
                                   (sha256 (base32 "1innry98l5zq62vnnvcm5na797wjsg72asw11awxlr6b59c4qpmm"))))))
    (build-system trivial-build-system)
    (arguments
     `(#:builder
       (begin
         (use-modules (guix build utils))
         (install-file (assoc-ref %build-inputs "motd.txt") (string-append %output "/share")))))
    (synopsis "A message of the day")
    (description "The greeting the greeter prints.")
    (home-page "https://example.org")
    (license license:gpl3+)))

;; A package built as GNU packages are: configure, make, make check, make
;; install, with a phase of its own that reads another package's output.
(define-public greeter
  (package
    (name "greeter")
    (version "1.0")
    (source (origin (method url-fetch)
                    (uri "https://example.org/greeter-1.0.tar.gz")
                    (sha256 (base32 "1lhzi0djkf4jbnghlh3k4zw2w9z28mjlicg403dxjn7xv20b7n4l"))))
    (build-system gnu-build-system)
    (inputs (list host-seed motd))
    (arguments
     '(#:phases
       (modify-phases %standard-phases
         (add-after 'configure 'use-the-motd
           (lambda* (#:key inputs #:allow-other-keys)
             (let ((motd (call-with-input-file (search-input-file inputs "share/motd.txt") read-line)))
               (substitute* "Makefile"
                 (("^GREETING = .*$") (string-append "GREETING = \"" motd "\"\n")))))))))
    (synopsis "Prints a greeting")
    (description "A small C program, built by Guix 0's gnu-build-system.")
    (home-page "https://example.org")
    (license license:gpl3+)))
