;;; R6RS names from (rnrs base), (rnrs arithmetic bitwise) and (rnrs io
;;; ports) that Guix modules such as (guix base64) use. Every expected
;;; value is Guile 3.0.8's.

(use-modules (srfi srfi-64)
             ((rnrs base) #:select (div mod div0 mod0 div-and-mod div0-and-mod0
                                    integer-valued? rational-valued? real-valued? assertion-violation))
             (rnrs arithmetic bitwise) (rnrs io ports) (rnrs bytevectors))

(test-begin "rnrs")

(test-equal "div and mod are Euclidean" '(-2 1 -1 3) (list (div -7 4) (mod -7 4) (div 7 -4) (mod 7 -4)))
(test-equal "div0 and mod0 round to nearest" '(2 -1 -2 1) (list (div0 7 4) (mod0 7 4) (div0 -7 4) (mod0 -7 4)))
(test-equal "div-and-mod" '(-2 1) (call-with-values (lambda () (div-and-mod -7 4)) list))
(test-equal "div0-and-mod0" '(-2 1) (call-with-values (lambda () (div0-and-mod0 -7 4)) list))
(test-equal "integer-valued? and friends" '(#t #t #t #f)
  (list (integer-valued? 3.0) (rational-valued? 1/2) (real-valued? 1.5) (integer-valued? 1.5)))
(test-error "assertion-violation raises" #t (assertion-violation 'me "bad" 1 2))

(test-equal "bitwise-bit-count, of negatives too" '(3 -3) (list (bitwise-bit-count 13) (bitwise-bit-count -13)))
(test-equal "bitwise-length and bitwise-first-bit-set" '(4 2 -1)
  (list (bitwise-length 13) (bitwise-first-bit-set 12) (bitwise-first-bit-set 0)))
(test-equal "bitwise-bit-set? and bitwise-copy-bit" '(#t 15 12)
  (list (bitwise-bit-set? 13 2) (bitwise-copy-bit 13 1 1) (bitwise-copy-bit 13 0 0)))
(test-equal "bit fields" '(3 227)
  (list (bitwise-bit-field #b110110 1 4) (bitwise-copy-bit-field #b11111111 2 5 #b000)))
(test-equal "shifts" '(20 -5 48 3)
  (list (bitwise-arithmetic-shift 5 2) (bitwise-arithmetic-shift -20 -2)
        (bitwise-arithmetic-shift-left 3 4) (bitwise-arithmetic-shift-right 48 4)))
(test-equal "rotating and reversing bit fields" '(12 6 13)
  (list (bitwise-rotate-bit-field #b0110 0 4 1) (bitwise-reverse-bit-field #b0110 0 4)
        (bitwise-reverse-bit-field #b1011 0 4)))

(test-equal "port-eof?" '(#t #f #t)
  (list (port-eof? (open-input-string "")) (port-eof? (open-input-string "x"))
        (port-eof? (open-bytevector-input-port #vu8()))))
(test-equal "open-string-output-port's procedure gives what was written since it last gave"
  '("ab" "cd" "")
  (call-with-values open-string-output-port
    (lambda (port get)
      (put-string port "ab")
      (let ((first (get)))
        (put-string port "cd")
        (let ((second (get)))
          (list first second (get)))))))
(test-equal "call-with-string-output-port" "cd" (call-with-string-output-port (lambda (p) (put-string p "cd"))))
(test-equal "open-string-input-port" "l1" (get-line (open-string-input-port "l1\nl2")))
(test-equal "get-datum and put-datum" '((a . b) "(1 \"x\" #\\y)")
  (list (get-datum (open-string-input-port "(a . b) c"))
        (call-with-string-output-port (lambda (p) (put-datum p '(1 "x" #\y))))))
(test-equal "call-with-bytevector-output-port" #vu8(1 2 3)
  (call-with-bytevector-output-port (lambda (p) (put-u8 p 1) (put-bytevector p #vu8(2 3)))))
(test-equal "a port transcoded to UTF-8" "héllo"
  (get-string-all (transcoded-port (open-bytevector-input-port (string->utf8 "héllo"))
                                   (make-transcoder (utf-8-codec)))))
(test-equal "buffer-mode? and native-eol-style" '(#t #f none)
  (list (buffer-mode? 'block) (buffer-mode? 'x) (native-eol-style)))

(test-end "rnrs")
