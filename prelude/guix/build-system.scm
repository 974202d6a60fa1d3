;;; (guix build-system): what a package's `build-system` field holds.

(define-module (guix build-system)
  #:use-module (guix records)
  #:export (build-system build-system? build-system-name build-system-description
            build-system-builder))

;; builder: (lambda (package inputs outputs) -> builder expression (data)).
(define-record-type* <build-system> build-system make-build-system
  build-system?
  (name build-system-name)
  (description build-system-description (default ""))
  (builder build-system-builder))
