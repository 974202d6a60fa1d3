;;; nqueens -- count all solutions of the N-queens problem with lists.
(define (ok? row dist placed)
  (or (null? placed)
      (and (not (= (car placed) (+ row dist)))
           (not (= (car placed) (- row dist)))
           (not (= (car placed) row))
           (ok? row (+ dist 1) (cdr placed)))))

(define (try-rows candidates rest placed)
  ;; candidates: rows still to try in this column; rest: the others
  (if (null? candidates)
      0
      (let ((row (car candidates)))
        (+ (if (ok? row 1 placed)
               (let ((remaining (append (cdr candidates) rest)))
                 (if (null? remaining)
                     1
                     (try-rows remaining '() (cons row placed))))
               0)
           (try-rows (cdr candidates) (cons row rest) placed)))))

(define (range-list n)
  (let loop ((i n) (acc '()))
    (if (= i 0) acc (loop (- i 1) (cons i acc)))))

(define (queens n) (try-rows (range-list n) '() '()))

(display (number->string (queens 9)))
(display " ")
(display (number->string (queens 10)))
(newline)
