;;; The rest of (rnrs bytevectors) as Guile has it: integers of any size,
;;; native-endian accessors, lists of integers, and UTF-16/UTF-32 strings.
;;; The root module offers these names, loading this file on first use.

(define-module (guix0 bytevectors)
  #:export (bytevector-uint-ref bytevector-sint-ref bytevector-uint-set! bytevector-sint-set!
            bytevector->uint-list bytevector->sint-list uint-list->bytevector sint-list->bytevector
            bytevector-s8-set!
            bytevector-u16-native-ref bytevector-s16-native-ref bytevector-u32-native-ref
            bytevector-s32-native-ref bytevector-u64-native-ref bytevector-s64-native-ref
            bytevector-u16-native-set! bytevector-s16-native-set! bytevector-u32-native-set!
            bytevector-s32-native-set! bytevector-u64-native-set! bytevector-s64-native-set!
            bytevector-ieee-single-native-ref bytevector-ieee-double-native-ref
            bytevector-ieee-single-native-set! bytevector-ieee-double-native-set!
            string->utf16 string->utf32 utf16->string utf32->string))

;; Byte i (0: least significant) of a `size`-byte integer at k.
(define (byte-index k i endianness size)
  (if (eq? endianness 'little) (+ k i) (+ k (- size 1 i))))

(define (bytevector-uint-ref bv k endianness size)
  (let loop ((i (- size 1)) (n 0))
    (if (< i 0)
        n
        (loop (- i 1) (+ (* n 256) (bytevector-u8-ref bv (byte-index k i endianness size)))))))

(define (bytevector-sint-ref bv k endianness size)
  (let ((n (bytevector-uint-ref bv k endianness size)))
    (if (>= n (expt 2 (- (* 8 size) 1))) (- n (expt 2 (* 8 size))) n)))

(define (bytevector-uint-set! bv k n endianness size)
  (unless (and (exact-integer? n) (<= 0 n) (< n (expt 2 (* 8 size))))
    (scm-error 'out-of-range "bytevector-uint-set!" "Value out of range: ~S" (list n) (list n)))
  (let loop ((i 0) (n n))
    (when (< i size)
      (bytevector-u8-set! bv (byte-index k i endianness size) (modulo n 256))
      (loop (+ i 1) (quotient n 256)))))

(define (bytevector-sint-set! bv k n endianness size)
  (let ((limit (expt 2 (- (* 8 size) 1))))
    (unless (and (exact-integer? n) (<= (- limit) n) (< n limit))
      (scm-error 'out-of-range "bytevector-sint-set!" "Value out of range: ~S" (list n) (list n)))
    (bytevector-uint-set! bv k (if (negative? n) (+ n (* 2 limit)) n) endianness size)))

(define (bytevector->int-list ref bv endianness size)
  (unless (zero? (remainder (bytevector-length bv) size))
    (scm-error 'wrong-type-arg "bytevector->uint-list" "Wrong type argument in position ~A: ~S"
               (list 1 bv) (list bv)))
  (let loop ((k (- (bytevector-length bv) size)) (acc '()))
    (if (< k 0) acc (loop (- k size) (cons (ref bv k endianness size) acc)))))
(define (bytevector->uint-list bv endianness size) (bytevector->int-list bytevector-uint-ref bv endianness size))
(define (bytevector->sint-list bv endianness size) (bytevector->int-list bytevector-sint-ref bv endianness size))

(define (int-list->bytevector set! lst endianness size)
  (let ((bv (make-bytevector (* size (length lst)))))
    (let loop ((lst lst) (k 0))
      (unless (null? lst)
        (set! bv k (car lst) endianness size)
        (loop (cdr lst) (+ k size))))
    bv))
(define (uint-list->bytevector lst endianness size) (int-list->bytevector bytevector-uint-set! lst endianness size))
(define (sint-list->bytevector lst endianness size) (int-list->bytevector bytevector-sint-set! lst endianness size))

(define (bytevector-s8-set! bv k n)
  (unless (and (exact-integer? n) (<= -128 n 127))
    (scm-error 'out-of-range "bytevector-s8-set!" "Value out of range: ~S" (list n) (list n)))
  (bytevector-u8-set! bv k (if (negative? n) (+ n 256) n)))

(define (bytevector-u16-native-ref bv k) (bytevector-u16-ref bv k (native-endianness)))
(define (bytevector-s16-native-ref bv k) (bytevector-s16-ref bv k (native-endianness)))
(define (bytevector-u32-native-ref bv k) (bytevector-u32-ref bv k (native-endianness)))
(define (bytevector-s32-native-ref bv k) (bytevector-s32-ref bv k (native-endianness)))
(define (bytevector-u64-native-ref bv k) (bytevector-u64-ref bv k (native-endianness)))
(define (bytevector-s64-native-ref bv k) (bytevector-s64-ref bv k (native-endianness)))
(define (bytevector-u16-native-set! bv k n) (bytevector-u16-set! bv k n (native-endianness)))
(define (bytevector-s16-native-set! bv k n) (bytevector-s16-set! bv k n (native-endianness)))
(define (bytevector-u32-native-set! bv k n) (bytevector-u32-set! bv k n (native-endianness)))
(define (bytevector-s32-native-set! bv k n) (bytevector-s32-set! bv k n (native-endianness)))
(define (bytevector-u64-native-set! bv k n) (bytevector-u64-set! bv k n (native-endianness)))
(define (bytevector-s64-native-set! bv k n) (bytevector-s64-set! bv k n (native-endianness)))
(define (bytevector-ieee-single-native-ref bv k) (bytevector-ieee-single-ref bv k (native-endianness)))
(define (bytevector-ieee-double-native-ref bv k) (bytevector-ieee-double-ref bv k (native-endianness)))
(define (bytevector-ieee-single-native-set! bv k x) (bytevector-ieee-single-set! bv k x (native-endianness)))
(define (bytevector-ieee-double-native-set! bv k x) (bytevector-ieee-double-set! bv k x (native-endianness)))

;; UTF-16 and UTF-32 without a byte-order mark, big-endian unless told.
(define* (string->utf16 s #:optional (endianness 'big))
  (let ((units (append-map (lambda (c)
                             (let ((n (char->integer c)))
                               (if (< n #x10000)
                                   (list n)
                                   (let ((m (- n #x10000)))
                                     (list (+ #xd800 (quotient m 1024)) (+ #xdc00 (modulo m 1024)))))))
                           (string->list s))))
    (uint-list->bytevector units endianness 2)))
(define* (string->utf32 s #:optional (endianness 'big))
  (uint-list->bytevector (map char->integer (string->list s)) endianness 4))
;; Decoding gives `?' for what is not a character (an unpaired surrogate,
;; a number past #x10FFFF) and drops a last partial unit, as Guile does.
(define (unit->char n)
  (if (or (> n #x10ffff) (<= #xd800 n #xdfff)) #\? (integer->char n)))
(define (whole-units bv size)
  (bytevector-copy bv 0 (- (bytevector-length bv) (modulo (bytevector-length bv) size))))
(define* (utf16->string bv #:optional (endianness 'big))
  (let loop ((units (bytevector->uint-list (whole-units bv 2) endianness 2)) (acc '()))
    (cond ((null? units) (list->string (reverse acc)))
          ((and (<= #xd800 (car units) #xdbff) (pair? (cdr units)) (<= #xdc00 (cadr units) #xdfff))
           (loop (cddr units)
                 (cons (integer->char (+ #x10000 (* 1024 (- (car units) #xd800)) (- (cadr units) #xdc00))) acc)))
          (else (loop (cdr units) (cons (unit->char (car units)) acc))))))
(define* (utf32->string bv #:optional (endianness 'big))
  (list->string (map unit->char (bytevector->uint-list (whole-units bv 4) endianness 4))))
