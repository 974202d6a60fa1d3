;;; (guix gexp): G-expressions as Guix package definitions use them.
;;;
;;; #~EXP reads as (gexp EXP), #$X as (ungexp X), #$@X as (ungexp-splicing
;;; X); #+ and #+@ are their native variants (the same here: Guix 0 does not
;;; cross-compile). A gexp is build-side code with holes: each #$X is
;;; evaluated where the gexp is written and kept as an input; `#$output`
;;; (or `#$output:NAME`, `(ungexp output "NAME")`) is a build output. When
;;; guix0 writes a builder, the gexp is lowered to plain code with every
;;; package replaced by its store path and every output by its path.

(define-module (guix gexp)
  #:export (gexp gexp? gexp-input? file-append file-append? with-imported-modules with-extensions
            gexp->datum gexp-output? gexp-output-name gexp-input-thing gexp-input-output
            file-append-base file-append-suffix))

(define-record-type <gexp>
  (%make-gexp tree)
  gexp?
  (tree gexp-tree))

;; A hole: THING (a package, origin, string, list, gexp...) and the output
;; of it wanted.
(define-record-type <gexp-input>
  (%make-gexp-input thing output)
  gexp-input?
  (thing gexp-input-thing)
  (output gexp-input-output))

;; #$output: an output of the package being built.
(define-record-type <gexp-output>
  (%make-gexp-output name)
  gexp-output?
  (name gexp-output-name))

;; (file-append package "/bin/sh"): a file in a store item.
(define-record-type <file-append>
  (file-append* base suffix)
  file-append?
  (base file-append-base)
  (suffix file-append-suffix))

(define (file-append base . suffixes)
  (file-append* base (apply string-append suffixes)))

(set-record-type-printer! <gexp>
  (lambda (g port) (display "#<gexp " port) (write (gexp->datum g (lambda (x) x)) port) (display ">" port)))

;; #$glib:bin is output "bin" of glib, and #$output:doc output "doc" of
;; the package being built: a hole's identifier X:NAME is (X "NAME").
(define (split-output-suffix sym)
  (let* ((s (symbol->string sym))
         (colon (string-index s #\:)))
    (if (and colon (> colon 0) (< colon (- (string-length s) 1)))
        (values (string->symbol (substring s 0 colon)) (substring s (+ colon 1) (string-length s)))
        (values sym #f))))

(define (%gexp-inputs items)
  (map (lambda (item) (%make-gexp-input item "out")) items))

;; The code that builds EXP's tree: quoted data, with each hole evaluated.
;; Procedures are inserted as values so the expansion works whatever the
;; using module imports.
(define (gexp-template exp)
  (define (hole form)
    (call-with-values
        (lambda () (if (symbol? (cadr form)) (split-output-suffix (cadr form)) (values (cadr form) #f)))
      (lambda (x suffix)
        (let ((output (cond ((pair? (cddr form)) (caddr form)) (suffix suffix) (else "out"))))
          (if (eq? x 'output)
              `(,%make-gexp-output ,output)
              `(,%make-gexp-input ,x ,output))))))
  (define (hole? x) (and (pair? x) (memq (car x) '(ungexp ungexp-native)) (pair? (cdr x))))
  (define (splice? x) (and (pair? x) (memq (car x) '(ungexp-splicing ungexp-native-splicing)) (pair? (cdr x))))
  (define (walk x)
    (cond ((hole? x) (hole x))
          ((pair? x)
           (if (splice? (car x))
               `(,append (,%gexp-inputs ,(cadar x)) ,(walk (cdr x)))
               `(,cons ,(walk (car x)) ,(walk (cdr x)))))
          ((vector? x) `(,list->vector ,(walk (vector->list x))))
          (else `(quote ,x))))
  (walk exp))

(define-macro (gexp exp)
  `(,%make-gexp ,(gexp-template exp)))

;; Guix's module and extension plumbing: every module guix0 provides is
;; available to builders already.
(define-macro (with-imported-modules modules . body) `(begin ,@body))
(define-macro (with-extensions extensions . body) `(begin ,@body))

;; Lower a gexp (or any value holding gexps) to a plain datum: RESOLVE maps
;; each hole's thing — a package, origin, output or file-append record,
;; given with the output wanted — to the datum put in its place; strings,
;; numbers, symbols and lists of them are inserted as they are.
(define (gexp->datum x resolve)
  (define (lower-thing thing output)
    (cond ((gexp? thing) (gexp->datum thing resolve))
          ((pair? thing) (map (lambda (t) (lower-thing t "out")) thing))
          ((gexp-output? thing) (resolve thing))
          ((file-append? thing)
           (let ((base (lower-thing (file-append-base thing) "out")))
             (if (string? base) (string-append base (file-append-suffix thing)) (resolve thing))))
          ((or (string? thing) (number? thing) (boolean? thing) (symbol? thing) (char? thing) (keyword? thing)
               (null? thing))
           thing)
          (else (resolve (if (string=? output "out") thing (list thing output))))))
  (let walk ((x x))
    (cond ((gexp? x) (walk (gexp-tree x)))
          ((gexp-input? x) (lower-thing (gexp-input-thing x) (gexp-input-output x)))
          ((gexp-output? x) (resolve x))
          ((pair? x) (cons (walk (car x)) (walk (cdr x))))
          ((vector? x) (list->vector (map walk (vector->list x))))
          (else x))))
