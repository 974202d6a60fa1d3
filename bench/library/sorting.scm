;;; sorting -- the library's sort, stable-sort, sort! and list-sort on
;;; numbers, strings and records of pairs.
(define (numbers n seed)
  (let loop ((i 0) (x seed) (acc '()))
    (if (= i n) acc (loop (+ i 1) (modulo (+ (* x 1103515245) 12345) 2147483648) (cons x acc)))))

(define (checksum lst)
  (let loop ((l lst) (i 1) (acc 0))
    (if (null? l) acc (loop (cdr l) (+ i 1) (modulo (+ acc (* i (car l))) 1000000007)))))

(define (run)
  (let* ((xs (numbers 100000 42))
         (sorted (sort xs <))
         (strings (map number->string (list-head xs 30000)))
         (sorted-strings (sort strings string<?))
         (pairs (map (lambda (x) (cons (modulo x 100) x)) (list-head xs 50000)))
         (stable (stable-sort pairs (lambda (a b) (< (car a) (car b)))))
         (v (list->vector (list-head xs 50000))))
    (sort! v >)
    (+ (checksum sorted)
       (checksum (map string-length sorted-strings))
       (checksum (map cdr stable))
       (vector-ref v 0))))

(display (number->string (run)))
(newline)
