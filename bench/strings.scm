;;; strings -- building strings: number->string, string-append of many
;;; pieces, string->list/list->string, substring, character checksums.
(define (digits-string n)
  ;; "0 1 2 ... n-1" built from a list of pieces
  (let loop ((i (- n 1)) (acc '()))
    (if (< i 0)
        (apply string-append acc)
        (loop (- i 1) (cons (number->string i) (cons " " acc))))))

(define (checksum s)
  (let ((len (string-length s)))
    (let loop ((i 0) (acc 0))
      (if (= i len)
          acc
          (loop (+ i 1)
                (modulo (+ (* acc 31) (char->integer (string-ref s i))) 1000000007))))))

(define (reverse-string s) (list->string (reverse (string->list s))))

(define (strip-label s)
  ;; "pkg-12-144.tar.gz" -> "12-144"
  (substring s 4 (- (string-length s) 7)))

(define (label i)
  (string-append "pkg-" (number->string i) "-" (number->string (* i i)) ".tar.gz"))

(define (run rounds)
  (let loop ((r 0) (acc 0))
    (if (= r rounds)
        acc
        (let* ((s (digits-string 2000))
               (rs (reverse-string s))
               (labels (let build ((i 0) (l '()))
                         (if (= i 300) l (build (+ i 1) (cons (label (+ i r)) l)))))
               (stripped (map strip-label labels))
               (joined (apply string-append stripped)))
          (loop (+ r 1)
                (modulo (+ acc (checksum rs) (string-length joined)
                           (checksum joined))
                        1000000007))))))

(display (number->string (run 30)))
(newline)
