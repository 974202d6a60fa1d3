;; A module using another, with a selection and a renaming.
(define-module (guix0-test users)
  #:use-module ((guix0-test greet) #:select ((greet . say-hello)))
  #:export (welcome))

(define (welcome names) (map say-hello names))
