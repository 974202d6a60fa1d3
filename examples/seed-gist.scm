;;; examples/seed-gist.scm: the seed's example package definitions, as written.
;;;
;;; Everything between the two "VERBATIM" markers is copied character for
;;; character from the gist "bootstrapping Guix from an existing operating
;;; system" (../../shared/seed/guix0-gist.txt), with two exceptions.  The
;;; gist's bodies of `tcc' and `guile' are `...'; they are replaced by the
;;; minimal stubs marked STUB, plus a `guile-3.0' alias that the gist's gash
;;; refers to.  The stubs are there only so that the file can be loaded.
;;;
;;; Guix 0 must accept these definitions as written (DESIGN.md, "Guix 0:
;;; what must hold"), quirks included:
;;;   - mes's inputs are `("exe" ,(origin ...))': no backquote and no outer
;;;     list around the labelled input;
;;;   - the hashes are the placeholder "xxxxxx", and gash declares
;;;     (arguments '(#:output-hash "xxxxxx"));
;;;   - mes's builder copies the executable onto the output path that it has
;;;     just created as a directory (`mkdir' then `copy-file' to the same
;;;     path).  ../bootstrap0.scm installs it as bin/mes instead.
;;; The real, buildable definitions are in ../bootstrap0.scm.
;;;
;;; Not from the gist: the `use-modules' form, which makes `package',
;;; `origin', the build systems and the `license:'-prefixed names visible.

(use-modules (guix packages)
             (guix download)
             (guix build-system gnu)
             (guix build-system trivial)
             ((guix licenses) #:prefix license:))

;;; ---- VERBATIM from the gist (except the STUBs) ----

; Example package definitions in ‘boostrap0.scm’ for Guix 0.

(define-public mes
  (package
    (name "mes")
    (version "0")
    (source #f)
    (build-system trivial-build-system)
    (inputs
      ("exe"
       ,(origin
          (method url-fetch)
            (uri "https://example.org/mes") ; TODO: Actually use a URL pointing to the Mes executable.
            (sha256 (base32 "xxxxxx")))))
    (arguments
     `(#:builder
        (begin
          (mkdir (assoc-ref %outputs "out"))
          (copy-file (assoc-ref %build-inputs "exe") (assoc-ref %outputs "out")))))
    (home-page #f)
    (synopsis "...")
    (description "...")
    (license license:gpl3+)))

(define-public gash
  (package
    (name "gash")
    (version "0.2.0")
    (source
      (origin (method url-fetch)
        (uri (string-append "mirror://savannah/gash/gash-0.2.0.tar.gz"))
        (sha256 (base32 "xxxxxx"))))
    (build-system gnu-build-system)
    (inputs (list guile-3.0))
    (arguments '(#:output-hash "xxxxxx"))
    (home-page #f)
    (synopsis "...")
    (description "...")
    (license license:gpl3+)))

(define-public tcc
  ;; STUB, not in the gist, which writes `...' here.  Just enough for the
  ;; file to load.  The real definition is in ../bootstrap0.scm.
  (package (inherit gash) (name "tcc")))

(define-public guile
  ;; STUB, not in the gist, which writes `...' here.  Just enough for the
  ;; file to load.  `(inputs '())' breaks the cycle that inheriting gash's
  ;; (inputs (list guile-3.0)) would make.  The real definition is in
  ;; ../bootstrap0.scm.
  (package (inherit gash) (name "guile") (inputs '())))

;; STUB, not in the gist: the gist's gash takes `guile-3.0' as input but
;; never defines it.  (Inputs are thunked, as in Guix, so this definition
;; may come after gash.)
(define-public guile-3.0 guile)

;;; ---- end of VERBATIM ----
