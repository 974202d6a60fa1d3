;; syntax-case through Mes's psyntax port (see src/expand/portable.rs):
;; tests/mes_suite.rs runs this under mes and guix0 and compares the output.
(mes-use-module (mes psyntax))
(define-syntax swap!
  (lambda (x)
    (syntax-case x ()
      ((_ a b) #'(let ((tmp a)) (set! a b) (set! b tmp))))))
(define p 1)
(define tmp 2)
(swap! p tmp)
(write (list p tmp)) (newline)
(write (syntax-case '((1 2) (3 4)) () (((x ...) ...) (syntax (x ... ...))))) (newline)
(define-syntax my-if
  (lambda (x)
    (syntax-case x (then else)
      ((_ c then t else e) #'(if c t e)))))
(write (my-if #f then 'yes else 'no)) (newline)
(let ((v 5))
  (define-syntax inc! (lambda (x) (syntax-case x () ((_ var) #'(set! var (+ var 1))))))
  (inc! v)
  (write v) (newline))
