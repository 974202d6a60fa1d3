;;; GNU Mes compatibility: the globals Mes defines before a program runs and
;;; the parts of Mes's boot layer that Mes programs call directly. The
;;; `core:` primitives are in src/runtime/mes.rs; `%datadir`, `%moduledir`,
;;; `%arch`, `%argv` and the `<cell:...>` types are set by the VM.

;; The Mes release whose dialect guix0 speaks.
(define %version "0.24.2")
;; Mes's cond-expand takes a clause whose feature names a defined variable.
(define mes %version)
(define mes? #t)
(define guile? #f)
(define %compiler "gnuc")

(define (core:apply f args . module) (apply f args))
(define (core:eval expr . module) (eval expr))
(define (boot-module) (resolve-module '(guile)))

;; Mes's pmatch (system/base/pmatch.scm) takes pairs apart with these.
(define pmatch-car car)
(define pmatch-cdr cdr)
