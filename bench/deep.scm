;;; deep -- non-tail recursion 1,000,000 frames deep (mes needs a big
;;; MES_STACK and MES_ARENA for this; see bench/run).
;; mes-env: MES_ARENA=40000000 MES_MAX_ARENA=40000000 MES_STACK=20000000
(define (deep n)
  (if (= n 0)
      0
      (+ 1 (deep (- n 1)))))

(define (build n)
  (if (= n 0)
      '()
      (cons n (build (- n 1)))))

(define (sum lst)
  (if (null? lst)
      0
      (+ (car lst) (sum (cdr lst)))))

(display (number->string (deep 1000000)))
(display " ")
(display (number->string (sum (build 1000000))))
(newline)
