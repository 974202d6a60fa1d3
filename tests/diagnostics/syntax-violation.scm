;; syntax-violation reports at the macro's use.
(define-syntax needs-two
  (lambda (x)
    (syntax-case x ()
      ((_ a b) #'(list a b))
      (_ (syntax-violation 'needs-two "expected two arguments" x)))))
(display (needs-two 1 2))
(newline)
(display (needs-two 1))
