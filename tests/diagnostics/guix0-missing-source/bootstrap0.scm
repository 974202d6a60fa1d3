(define-public greeting
  (package
    (name "greeting") (version "1") (source #f)
    (inputs `(("greeting.txt" ,(origin (method url-fetch) (uri "https://example.org/greeting.txt")
                                       (sha256 (base32 "0ix4jahrkll5zg01wandq78jw3ab30q4nscph67rniqg5x7r0j59"))))))
    (build-system trivial-build-system)
    (arguments `(#:builder (mkdir %output)))
    (synopsis "s") (description "d") (license license:gpl3+) (home-page "https://example.org")))
