(define-public greeting
  (package
    (name "greeting") (version "1") (source #f)
    (colour "blue")
    (build-system trivial-build-system)
    (arguments `(#:builder (mkdir %output)))
    (synopsis "s") (description "d") (license license:gpl3+) (home-page "https://example.org")))
