(define-public greeting
  (package
    (name "greeting") (version "1") (source #f)
    (inputs `(("greeting.txt" ,(origin (method url-fetch) (uri "https://example.org/greeting.txt")
                                       (sha256 (base32 "1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s"))))))
    (build-system trivial-build-system)
    (arguments `(#:builder (mkdir %output)))
    (synopsis "s") (description "d") (license license:gpl3+) (home-page "https://example.org")))
