;; A pattern variable is syntax: outside a template it is an error.
(define-syntax quote-it
  (lambda (x)
    (syntax-case x ()
      ((_ a) (list 'quote a)))))
(quote-it 1)
