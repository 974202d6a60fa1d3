;;; (srfi srfi-26) -- specializing parameters without currying.
;;;
;;; (cut f <> x) is (lambda (a) (f a x)); a final <...> collects the remaining
;;; arguments.  `cut' evaluates the non-slot expressions at each call, `cute'
;;; once, when the procedure is made.

(define-module (srfi srfi-26)
  #:export (cut cute))

;; The code for (cut . FORMS), or (cute . FORMS) when ONCE? is true.
(define (expand-cut who forms once?)
  (when (null? forms)
    (error (string-append (symbol->string who) ": no procedure expression")))
  (let loop ((forms forms) (params '()) (bindings '()) (call '()))
    (cond ((null? forms)
           `(let ,(reverse bindings)
              (lambda ,(reverse params) ,(reverse call))))
          ((eq? (car forms) '<...>)
           (unless (null? (cdr forms))
             (error (string-append (symbol->string who) ": <...> must come last") forms))
           (let ((rest (gensym "rest")))
             `(let ,(reverse bindings)
                (lambda ,(append (reverse params) rest)
                  ((@@ (srfi srfi-26) apply) ,@(reverse call) ,rest)))))
          ((eq? (car forms) '<>)
           (let ((x (gensym "x")))
             (loop (cdr forms) (cons x params) bindings (cons x call))))
          ((and once? (or (pair? (car forms)) (symbol? (car forms))))
           (let ((t (gensym "t")))
             (loop (cdr forms) params (cons (list t (car forms)) bindings) (cons t call))))
          (else
           (loop (cdr forms) params bindings (cons (car forms) call))))))

(define-macro (cut . forms) (expand-cut 'cut forms #f))
(define-macro (cute . forms) (expand-cut 'cute forms #t))
