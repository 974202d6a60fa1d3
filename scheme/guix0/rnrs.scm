;;; What R6RS's (rnrs base), (rnrs arithmetic bitwise) and (rnrs io ports)
;;; have that the rest of guix0's library does not. Those modules are the
;;; root module in guix0, which offers these names, loading this file on
;;; first use.

(define-module (guix0 rnrs)
  #:use-module (ice-9 exceptions)
  #:export (div mod div-and-mod div0 mod0 div0-and-mod0
            integer-valued? rational-valued? real-valued? assertion-violation
            bitwise-bit-count bitwise-length bitwise-first-bit-set bitwise-bit-set?
            bitwise-copy-bit bitwise-bit-field bitwise-copy-bit-field
            bitwise-arithmetic-shift bitwise-arithmetic-shift-left bitwise-arithmetic-shift-right
            bitwise-rotate-bit-field bitwise-reverse-bit-field
            port-eof? open-string-input-port open-string-output-port
            call-with-string-output-port call-with-bytevector-output-port
            get-datum put-datum open-file-input-port open-file-output-port
            standard-input-port standard-output-port standard-error-port
            utf-8-codec latin-1-codec native-eol-style native-transcoder make-transcoder
            transcoded-port buffer-mode?))

;;; Division: div and mod are Euclidean (0 <= mod < |y|); div0 and mod0
;;; round to nearest (-|y|/2 <= mod0 < |y|/2).

(define (div x y) (euclidean-quotient x y))
(define (mod x y) (euclidean-remainder x y))
(define (div-and-mod x y) (euclidean/ x y))
(define (div0 x y) (centered-quotient x y))
(define (mod0 x y) (centered-remainder x y))
(define (div0-and-mod0 x y) (centered/ x y))

(define (real-valued? x) (real? x))
(define (rational-valued? x) (rational? x))
(define (integer-valued? x) (integer? x))

(define (assertion-violation who message . irritants)
  (raise-exception
   (make-exception (make-assertion-failure) (make-exception-with-origin who)
                   (make-exception-with-message message) (make-exception-with-irritants irritants))))


;;; Bits, on exact integers in two's complement.

(define (bitwise-bit-count n) (if (negative? n) (lognot (logcount n)) (logcount n)))
(define (bitwise-length n) (integer-length n))
(define (bitwise-first-bit-set n) (if (zero? n) -1 (- (integer-length (logand n (- n))) 1)))
(define (bitwise-bit-set? n index) (logbit? index n))
(define (bitwise-copy-bit n index bit) (copy-bit index n (= bit 1)))
(define (bitwise-bit-field n start end) (bit-extract n start end))
(define (bitwise-copy-bit-field to start end from) (copy-bit-field to from start end))
(define (bitwise-arithmetic-shift n by) (ash n by))
(define (bitwise-arithmetic-shift-left n by) (ash n by))
(define (bitwise-arithmetic-shift-right n by) (ash n (- by)))
(define (bitwise-rotate-bit-field n start end count)
  (rotate-bit-field n (if (< start end) (modulo count (- end start)) 0) start end))
(define (bitwise-reverse-bit-field n start end) (reverse-bit-field n start end))

;;; Ports. guix0 has no transcoders: a codec is its encoding's name, and
;;; transcoding a port sets its encoding.

(define (port-eof? port)
  (eof-object? (if (binary-port? port) (lookahead-u8 port) (peek-char port))))

(define (open-string-input-port string) (open-input-string string))

;; A port and a procedure that gives what was written to it since it last
;; gave, as R6RS has it.
(define (open-string-output-port)
  (let ((port (open-output-string)) (taken 0))
    (values port
            (lambda ()
              (let* ((all (get-output-string port)) (text (substring all taken)))
                (set! taken (string-length all))
                text)))))

(define (call-with-string-output-port proc) (call-with-output-string proc))
(define (call-with-bytevector-output-port proc . transcoder) (call-with-output-bytevector proc))

(define* (get-datum port) (read port))
(define (put-datum port datum) (write datum port))

(define* (open-file-input-port file #:optional options buffer-mode transcoder)
  (let ((port (open-file file "rb")))
    (when transcoder (set-port-encoding! port transcoder))
    port))

(define* (open-file-output-port file #:optional options buffer-mode transcoder)
  (let ((port (open-file file "wb")))
    (when transcoder (set-port-encoding! port transcoder))
    port))

(define (standard-input-port) (current-input-port))
(define (standard-output-port) (current-output-port))
(define (standard-error-port) (current-error-port))

(define (utf-8-codec) "UTF-8")
(define (latin-1-codec) "ISO-8859-1")
(define (native-eol-style) 'none)
(define (native-transcoder) "UTF-8")
(define* (make-transcoder codec #:optional eol-style handling-mode) codec)
(define (transcoded-port port transcoder)
  (set-port-encoding! port transcoder)
  port)
(define (buffer-mode? mode) (and (memq mode '(none line block)) #t))
