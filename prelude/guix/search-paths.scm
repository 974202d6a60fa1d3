;;; (guix search-paths): where Guix defines search path specifications;
;;; guix0 keeps them in (guix packages), which Guix re-exports them from.

(define-module (guix search-paths)
  #:use-module (guix packages)
  #:re-export (search-path-specification search-path-specification?
               search-path-specification-variable search-path-specification-files
               search-path-specification-separator search-path-specification-file-type
               search-path-specification-file-pattern))
