;; A value raised and never caught is reported where it was raised.
(define (check n)
  (if (< n 0) (raise (list (quote negative) n)) n))
(check -1)
