(define-public tool
  (package
    (name "tool") (version "1.0")
    (source (origin (method url-fetch) (uri "https://example.org/tool-1.0.tar.gz")
                    (sha256 (base32 "11g7wjkck001fi5lh7nwcfn68ppkcwybpmgf8j9k87ryd9v0ncn4"))))
    (build-system gnu-build-system)
    (arguments
     '(#:phases (modify-phases %standard-phases
                  (delete 'configure)
                  (replace 'build (lambda _ (invoke "make-is-not-here" "all"))))))
    (synopsis "s") (description "d") (license license:gpl3+) (home-page "https://example.org")))
