;;; (system base target) -- what Guile's compiler targets. guix0 compiles
;;; for the machine it runs on; Guix's records ask for its fixnum range.

(define-module (system base target)
  #:export (target-type target-cpu target-vendor target-os target-endianness
            target-word-size target-max-vector-length
            target-most-positive-fixnum target-most-negative-fixnum
            with-target with-native-target))

(define (target-type) %host-type)
;; cpu-vendor-os, the os keeping its own dashes (linux-gnu).
(define (target-parts) (string-split %host-type #\-))
(define (target-cpu) (car (target-parts)))
(define (target-vendor) (cadr (target-parts)))
(define (target-os) (string-join (cddr (target-parts)) "-"))
(define (target-endianness) (native-endianness))
(define (target-word-size) 8)
(define (target-max-vector-length) most-positive-fixnum)
(define (target-most-positive-fixnum) most-positive-fixnum)
(define (target-most-negative-fixnum) most-negative-fixnum)
(define (with-target target thunk) (thunk))
(define (with-native-target thunk) (thunk))
