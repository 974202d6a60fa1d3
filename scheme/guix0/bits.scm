;;; The rest of SRFI-60 (integers as bits); logand, ash and the others are
;;; primitives. The root module offers these names, loading this file on
;;; first use.

(define-module (guix0 bits)
  #:export (bit-set? any-bits-set? first-set-bit log2-binary-factors bit-count bitwise-if bitwise-merge
            copy-bit bit-field bit-extract copy-bit-field rotate-bit-field reverse-bit-field
            integer->list list->integer booleans->integer))

(define (bit-set? index n) (logbit? index n))
(define (any-bits-set? mask n) (logtest mask n))
(define (first-set-bit n) (if (zero? n) -1 (- (integer-length (logand n (- n))) 1)))
(define (log2-binary-factors n) (first-set-bit n))
(define (bit-count n) (logcount n))
(define (bitwise-if mask a b) (logior (logand mask a) (logand (lognot mask) b)))
(define bitwise-merge bitwise-if)
(define (copy-bit index n bit)
  (if bit (logior n (ash 1 index)) (logand n (lognot (ash 1 index)))))
(define (bit-field n start end) (logand (ash n (- start)) (- (ash 1 (- end start)) 1)))
(define bit-extract bit-field)                  ; Guile's older name
(define (copy-bit-field n from start end)
  (let ((mask (ash (- (ash 1 (- end start)) 1) start)))
    (logior (logand n (lognot mask)) (logand (ash from start) mask))))
(define (rotate-bit-field n count start end)
  (let* ((width (- end start))
         (count (if (zero? width) 0 (modulo count width)))
         (field (bit-field n start end))
         (rotated (logior (logand (ash field count) (- (ash 1 width) 1)) (ash field (- count width)))))
    (copy-bit-field n rotated start end)))
(define (reverse-bit-field n start end)
  (let loop ((field (bit-field n start end)) (i (- end start)) (acc 0))
    (if (zero? i)
        (copy-bit-field n acc start end)
        (loop (ash field -1) (- i 1) (logior (ash acc 1) (logand field 1))))))
(define* (integer->list n #:optional (len (integer-length n)))
  (let loop ((i 0) (acc '()))
    (if (= i len) acc (loop (+ i 1) (cons (logbit? i n) acc)))))
(define (list->integer bools)
  (let loop ((bools bools) (n 0))
    (if (null? bools) n (loop (cdr bools) (+ (* 2 n) (if (car bools) 1 0))))))
(define (booleans->integer . bools) (list->integer bools))
