(define-syntax my-if (syntax-rules () ((_ c t e) (if c t e))))
(my-if 1 2)
