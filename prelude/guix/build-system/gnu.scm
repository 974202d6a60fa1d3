;;; (guix build-system gnu), client side: a package's keyword arguments
;;; become a call of `gnu-build` from (guix build gnu-build-system), run
;;; by the builder process with every keyword Guix passes.

(define-module (guix build-system gnu)
  #:use-module (guix build-system)
  #:use-module (guix packages)
  #:export (gnu-build-system %gnu-build-defaults))

(define %gnu-build-defaults
  '(#:configure-flags '() #:make-flags '() #:out-of-source? #f #:tests? #t #:test-target "check"
    #:parallel-build? #t #:parallel-tests? #t #:patch-shebangs? #t #:strip-binaries? #t
    #:strip-flags '("--strip-unneeded" "--enable-deterministic-archives")
    #:strip-directories '("lib" "lib64" "libexec" "bin" "sbin")
    #:phases %standard-phases #:locale "en_US.utf8"
    #:bootstrap-scripts '("bootstrap" "bootstrap.sh" "autogen.sh") #:implicit-inputs? #t))

;; Package arguments over the defaults (later keys win), minus the ones
;; that only guix0 itself reads.
(define (merge-arguments arguments)
  (let loop ((args arguments) (acc (list-copy %gnu-build-defaults)))
    (cond ((or (null? args) (null? (cdr args))) acc)
          ((memq (car args) '(#:output-hash #:modules #:imported-modules #:guile)) (loop (cddr args) acc))
          (else
           (let ((tail (memq (car args) acc)))
             (if tail
                 (begin (set-car! (cdr tail) (cadr args)) (loop (cddr args) acc))
                 (loop (cddr args) (append acc (list (car args) (cadr args))))))))))

(define (gnu-builder package arguments)
  `(begin
     (use-modules (guix build gnu-build-system))
     (gnu-build #:name ,(package-full-name package "-")
                #:source (assoc-ref %build-inputs "source")
                #:inputs %build-inputs
                #:outputs %outputs
                ,@(merge-arguments arguments))))

(define gnu-build-system
  (build-system
    (name 'gnu)
    (description "The GNU Build System: ./configure && make && make check && make install")
    (builder gnu-builder)))
