;;; vectors.scm -- vectors (R7RS procedures available in Guile's default
;;; environment) and bytevectors through (rnrs bytevectors), the module Guix
;;; uses for them.
;;;
;;; Notes: vector-map, vector-for-each, vector->list with a range,
;;; vector->string/string->vector and the R7RS `bytevector' constructor are
;;; only exported by (scheme base) in Guile 3.0.8 -- see r7rs.scm.
;;; bytevector-copy! here is the R6RS one (source, source-start, target,
;;; target-start, count), which is what (rnrs bytevectors) exports; the R7RS
;;; argument order is tested in r7rs.scm.

(use-modules (srfi srfi-64)
             (rnrs bytevectors))

(test-begin "vectors")

;;; vectors
(test-assert "vector?" (vector? #(1 2)))
(test-assert "list is not a vector" (not (vector? '(1 2))))
(test-equal "vector" '#(1 a "s") (vector 1 'a "s"))
(test-equal "vector no args" '#() (vector))
(test-equal "make-vector fill" '#(x x x) (make-vector 3 'x))
(test-eqv "make-vector length" 4 (vector-length (make-vector 4)))
(test-eqv "vector-length" 3 (vector-length #(1 2 3)))
(test-eqv "vector-length empty" 0 (vector-length #()))
(test-eqv "vector-ref" 'b (vector-ref #(a b c) 1))
(test-error "vector-ref out of range" 'out-of-range (vector-ref #(1 2) 2))
(test-error "vector-ref negative" 'out-of-range (vector-ref #(1 2) -1))
(test-equal "vector-set!" '#(1 x 3) (let ((v (vector 1 2 3))) (vector-set! v 1 'x) v))
(test-equal "vector->list" '(1 2 3) (vector->list #(1 2 3)))
(test-equal "vector->list empty" '() (vector->list #()))
(test-equal "list->vector" '#(1 2) (list->vector '(1 2)))
(test-equal "vector-fill!" '#(0 0 0) (let ((v (vector 1 2 3))) (vector-fill! v 0) v))
(test-equal "vector-fill! range" '#(0 7 7 0 0)
  (let ((v (make-vector 5 0))) (vector-fill! v 7 1 3) v))
(test-equal "vector-copy" '#(1 2 3) (vector-copy #(1 2 3)))
(test-assert "vector-copy is fresh"
  (let* ((a (vector 1 2)) (b (vector-copy a))) (vector-set! b 0 'x) (eqv? 1 (vector-ref a 0))))
(test-equal "vector-copy start" '#(3 4) (vector-copy #(1 2 3 4) 2))
(test-equal "vector-copy range" '#(2 3) (vector-copy #(1 2 3 4) 1 3))
(test-equal "vector-copy!" '#(0 2 0 0 0)
  (let ((v (make-vector 5 0))) (vector-copy! v 1 #(1 2 3) 1 2) v))
(test-equal "vector-copy! whole source" '#(0 1 2 3 0)
  (let ((v (make-vector 5 0))) (vector-copy! v 1 #(1 2 3)) v))
(test-equal "vector-copy! overlapping right" '#(1 2 1 2 3 4)
  (let ((v (vector 1 2 3 4 5 6))) (vector-copy! v 2 v 0 4) v))
(test-equal "vector-copy! overlapping left" '#(3 4 5 6 5 6)
  (let ((v (vector 1 2 3 4 5 6))) (vector-copy! v 0 v 2 6) v))
(test-error "vector-copy! too small" 'out-of-range (vector-copy! (make-vector 1 0) 0 #(1 2)))
(test-assert "equal? vectors" (equal? #(1 (2) "x") (vector 1 (list 2) "x")))
(test-assert "not equal? vectors" (not (equal? #(1 2) #(1 2 3))))
(test-assert "not eqv? distinct vectors" (not (eqv? (vector 1) (vector 1))))
(test-equal "nested vectors" 'deep (vector-ref (vector-ref #(#(a) #(b deep)) 1) 1))
(test-eqv "large vector" 99999
  (let ((v (make-vector 100000 0)))
    (do ((i 0 (+ i 1))) ((= i 100000)) (vector-set! v i i))
    (vector-ref v 99999)))
(test-equal "sort! vector in place" '#(1 2 3) (let ((v (vector 3 1 2))) (sort! v <) v))
(test-equal "vector of vectors built by do" '#(#(0 0) #(0 1) #(0 2))
  (do ((v (make-vector 3)) (i 0 (+ i 1))) ((= i 3) v) (vector-set! v i (vector 0 i))))

;;; bytevectors
(test-assert "bytevector?" (bytevector? (make-bytevector 2 0)))
(test-assert "vector is not a bytevector" (not (bytevector? #(1 2))))
(test-eqv "make-bytevector length" 3 (bytevector-length (make-bytevector 3 0)))
(test-equal "make-bytevector fill" '(7 7) (bytevector->u8-list (make-bytevector 2 7)))
(test-eqv "bytevector-u8-ref" 2 (bytevector-u8-ref #vu8(1 2 3) 1))
(test-equal "bytevector-u8-set!" '(1 255 3)
  (let ((b (u8-list->bytevector (list 1 2 3)))) (bytevector-u8-set! b 1 255) (bytevector->u8-list b)))
(test-error "bytevector-u8-ref out of range" 'out-of-range (bytevector-u8-ref #vu8(1) 1))
(test-error "bytevector-u8-set! value too large" 'out-of-range (bytevector-u8-set! (make-bytevector 1 0) 0 256))
(test-eqv "bytevector-s8-ref" -1 (bytevector-s8-ref #vu8(255) 0))
(test-assert "bytevector=?" (bytevector=? #vu8(1 2) (u8-list->bytevector '(1 2))))
(test-assert "equal? bytevectors" (equal? #vu8(1 2) (u8-list->bytevector '(1 2))))
(test-assert "not equal? bytevectors" (not (equal? #vu8(1 2) #vu8(1 3))))
(test-equal "bytevector-copy" '(1 2 3) (bytevector->u8-list (bytevector-copy #vu8(1 2 3))))
(test-assert "bytevector-copy is fresh"
  (let* ((a (make-bytevector 2 0)) (b (bytevector-copy a)))
    (bytevector-u8-set! b 0 9)
    (= 0 (bytevector-u8-ref a 0))))
(test-equal "bytevector-copy! (R6RS order)" '(0 1 2 3 0)
  (let ((b (make-bytevector 5 0)))
    (bytevector-copy! #vu8(1 2 3) 0 b 1 3)
    (bytevector->u8-list b)))
(test-equal "bytevector-fill!" '(9 9 9)
  (let ((b (make-bytevector 3 7))) (bytevector-fill! b 9) (bytevector->u8-list b)))
(test-eqv "bytevector-u16-ref big" 258 (bytevector-u16-ref #vu8(1 2) 0 (endianness big)))
(test-eqv "bytevector-u16-ref little" 513 (bytevector-u16-ref #vu8(1 2) 0 (endianness little)))
(test-eqv "bytevector-u32-ref big" 258 (bytevector-u32-ref #vu8(0 0 1 2) 0 (endianness big)))
(test-eqv "bytevector-u32-ref little" 33619968 (bytevector-u32-ref #vu8(0 0 1 2) 0 (endianness little)))
(test-equal "bytevector-u32-set! big" '(222 173 190 239)
  (let ((b (make-bytevector 4 0)))
    (bytevector-u32-set! b 0 #xdeadbeef (endianness big))
    (bytevector->u8-list b)))
(test-equal "bytevector-u64-ref big is a bignum-safe value" #xfffffffffffffffe
  (bytevector-u64-ref #vu8(255 255 255 255 255 255 255 254) 0 (endianness big)))
(test-equal "string->utf8" '(104 195 169) (bytevector->u8-list (string->utf8 "hé")))
(test-eqv "string->utf8 length" 6 (bytevector-length (string->utf8 "héllo")))
(test-equal "utf8->string" "hé" (utf8->string #vu8(104 195 169)))
(test-equal "utf8 round trip" "aλ€😀" (utf8->string (string->utf8 "aλ€😀")))
(test-eqv "bytevector of 256 values" 32640
  (let ((b (make-bytevector 256 0)))
    (do ((i 0 (+ i 1))) ((= i 256)) (bytevector-u8-set! b i i))
    (let loop ((i 0) (sum 0)) (if (= i 256) sum (loop (+ i 1) (+ sum (bytevector-u8-ref b i)))))))

(test-equal "vector-move-left! within one vector" #(2 3 4 4 5)
  (let ((v (vector 1 2 3 4 5))) (vector-move-left! v 1 4 v 0) v))
(test-equal "vector-move-right! within one vector" #(1 1 2 3 5)
  (let ((v (vector 1 2 3 4 5))) (vector-move-right! v 0 3 v 1) v))
(test-equal "vector-move-left! into another vector" #(0 2 3)
  (let ((w (make-vector 3 0))) (vector-move-left! #(1 2 3) 1 3 w 1) w))
(test-error "utf8->string of bytes that are not UTF-8" 'decoding-error (utf8->string #vu8(65 255 66)))
(test-end "vectors")
