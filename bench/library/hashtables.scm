;;; hashtables -- Guile hash tables with integer, string and symbol keys:
;;; hash-set!, hash-ref, hashq-, hashv-, hash-remove!, hash-fold, hash-count.
(define (fill n)
  (let ((by-int (make-hash-table)) (by-string (make-hash-table)) (by-symbol (make-hash-table)))
    (do ((i 0 (+ i 1))) ((= i n))
      (hashv-set! by-int i (* i 3))
      (hash-set! by-string (string-append "key-" (number->string i)) i)
      (hashq-set! by-symbol (string->symbol (string-append "s" (number->string (modulo i 1000)))) i))
    (list by-int by-string by-symbol)))

(define (query tables n)
  (let ((by-int (car tables)) (by-string (cadr tables)) (by-symbol (caddr tables)))
    (let loop ((i 0) (acc 0))
      (if (= i n)
          acc
          (loop (+ i 1)
                (+ acc
                   (hashv-ref by-int i 0)
                   (hash-ref by-string (string-append "key-" (number->string (quotient i 2))) 0)
                   (hashq-ref by-symbol (string->symbol (string-append "s" (number->string (modulo i 997)))) 0)))))))

(define (drop-evens! table n)
  (do ((i 0 (+ i 2))) ((>= i n))
    (hashv-remove! table i)))

(define tables (fill 60000))
(define sum (query tables 60000))
(drop-evens! (car tables) 60000)
(define remaining (hash-count (lambda (k v) #t) (car tables)))
(define folded (hash-fold (lambda (k v acc) (+ acc v)) 0 (car tables)))
(display (number->string (+ sum remaining folded)))
(newline)
