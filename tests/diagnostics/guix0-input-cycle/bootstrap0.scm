(define-public chicken
  (package
    (name "chicken") (version "1") (source #f)
    (inputs (list egg))
    (build-system trivial-build-system)
    (arguments `(#:builder (mkdir %output)))
    (synopsis "s") (description "d") (license license:gpl3+) (home-page "https://example.org")))

(define-public egg
  (package
    (inherit chicken)
    (name "egg")
    (inputs (list chicken))))
