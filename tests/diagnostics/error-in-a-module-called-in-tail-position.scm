;; The library procedure is called in tail position, so no frame of this
;; file is left when it raises: the error points at the top-level form.
(use-modules (ice-9 getopt-long))
(getopt-long (list "prog" "--foo") '((bar (bogus #t))))
