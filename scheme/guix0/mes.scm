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

;; (mes type-0): predicates over Mes's cell types.
(define cell:type-alist
  (map (lambda (name) (cons (module-ref (current-module) name) name))
       '(<cell:char> <cell:bytes> <cell:closure> <cell:continuation> <cell:keyword>
         <cell:macro> <cell:number> <cell:pair> <cell:port> <cell:ref> <cell:special>
         <cell:string> <cell:struct> <cell:symbol> <cell:values> <cell:variable>
         <cell:vector> <cell:broken-heart>)))
(define (cell:type-name x) (cdr (assq (core:type x) cell:type-alist)))
(define (atom? x) (not (pair? x)))
(define (bytes? x) (bytevector? x))
(define (broken-heart? x) #f)
(define (closure? x) (eq? (core:type x) <cell:closure>))
(define (continuation? x) (eq? (core:type x) <cell:continuation>))
(define (macro? x) #f)
(define (special? x) (eq? (core:type x) <cell:special>))
(define (struct? x) (eq? (core:type x) <cell:struct>))
(define (values? x) (eq? (core:type x) <cell:values>))
(define (variable? x) (eq? (core:type x) <cell:variable>))
(define (keyword->list k) (string->list (keyword->string k)))
(define (symbol->list s) (string->list (symbol->string s)))

;; (mes scm), (mes guile), (mes posix) names guix0 has no other way.
(define (ceil x) (ceiling x))
(define (symbol-prefix? prefix symbol)
  (string-prefix? (symbol->string prefix) (symbol->string symbol)))
(define-macro (cond-expand-provide . _) #t)
(define (drain-input port) (read-string port))
(define (with-error-to-file file thunk)
  (let ((port (open-output-file file)))
    (call-with-values (lambda () (with-error-to-port port thunk))
      (lambda vals (close-port port) (apply values vals)))))
(define guile-1.8? #f)
(define guile-2? #f)

;; Mes's `(eval x (current-module))` inside a procedure, which sees the
;; locals (see src/expand/lexical_eval.rs): X runs with NAMES bound to
;; VALUES, then SET-LOCALS! takes what X left in them. A definition (or a
;; `begin` holding one) is evaluated in MODULE and stays there (Mes adds it
;; to the procedure's environment, out of reach afterwards).
(define (%definition? x)
  (and (pair? x)
       (or (memq (car x) '(define define-public define-macro define-syntax define-module
                           define-record-type))
           (and (eq? (car x) 'begin)
                (let loop ((forms (cdr x)))
                  (and (pair? forms) (or (%definition? (car forms)) (loop (cdr forms)))))))))
(define (%eval-with-locals x module names values set-locals!)
  (if (%definition? x)
      (eval x module)
      (let ((result (gensym "result")))
        (call-with-values
            (lambda ()
              (apply (eval `(lambda ,names (let ((,result ,x)) (values ,result (list ,@names))))
                           module)
                     values))
          (lambda (value new-values)
            (apply set-locals! new-values)
            value)))))

;; Mes's `core:macro-expand`: the form with its macro uses expanded, at any
;; depth but inside quote. Core syntax (`let`, `lambda`, ...) stays.
(define (core:macro-expand x)
  (cond ((or (not (pair? x)) (eq? (car x) 'quote)) x)
        (else
         (let ((expanded (%macro-expand-1 x)))
           (if (eq? expanded x)
               (let walk ((x x))
                 (if (pair? x)
                     (cons (core:macro-expand (car x)) (walk (cdr x)))
                     x))
               (core:macro-expand expanded))))))
