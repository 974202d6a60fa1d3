;;; Custom ports: R6RS's make-custom-binary-input-port and friends, Guile's
;;; make-custom-textual-output-port and make-soft-port. Every expected value
;;; is Guile 3.0.8's.

(use-modules (srfi srfi-64) (srfi srfi-11) (rnrs io ports) (rnrs bytevectors) (ice-9 rdelim))

(test-begin "custom-ports")

;; An input port over SOURCE whose read! gives at most five bytes a call.
(define (five-at-a-time source)
  (let ((bytes (string->utf8 source)) (at 0) (closed? #f))
    (define (read! bv start count)
      (let ((n (min 5 count (- (bytevector-length bytes) at))))
        (bytevector-copy! bytes at bv start n)
        (set! at (+ at n))
        n))
    (values (make-custom-binary-input-port "five" read! (lambda () at) #f (lambda () (set! closed? #t)))
            (lambda () closed?))))

(let-values (((port closed?) (five-at-a-time "hello, world\nsecond line\nthird")))
  (test-assert "an input port, not an output port" (and (input-port? port) (not (output-port? port))))
  (test-equal "bytes across read! calls" '(104 101 (101 108 108))
    (let* ((a (get-u8 port)) (b (lookahead-u8 port)) (c (get-bytevector-n port 3)))
      (list a b (bytevector->u8-list c))))
  (test-equal "a read longer than one read! gives" "o, world\nse"
    (utf8->string (get-bytevector-n port 11)))
  (test-equal "port-position counts what was taken, not what was read ahead" 15 (port-position port))
  (test-equal "get-bytevector-all" "cond line\nthird" (utf8->string (get-bytevector-all port)))
  (test-assert "then the end" (eof-object? (get-u8 port)))
  (close-port port)
  (test-assert "close-port runs close" (closed?)))

(let-values (((port closed?) (five-at-a-time "hello, wörld\nsecond line\nthird")))
  (test-equal "lines and characters across read! calls, in ISO-8859-1 as on any binary port"
    (list (string-append "hello, w" (string (integer->char #xc3) (integer->char #xb6)) "rld")
          #\s "econd line" "third" #t)
    (let* ((a (read-line port)) (b (read-char port)) (c (read-line port)) (d (read-line port)))
      (list a b c d (eof-object? (read-line port))))))

(let-values (((port closed?) (five-at-a-time "(a b (c \"d\")) 42 sym")))
  (test-equal "read across read! calls" '((a b (c "d")) 42 sym #t)
    (let* ((a (read port)) (b (read port)) (c (read port)))
      (list a b c (eof-object? (read port))))))

(test-error "read! must return a count" 'wrong-type-arg
  (get-u8 (make-custom-binary-input-port "bad" (lambda (bv start count) 'many) #f #f #f)))

;; Output: write! takes what it is given, in order.
(define written '())
(define sink (make-custom-binary-output-port "sink"
               (lambda (bv start count)
                 (let ((taken (min count 4)))
                   (set! written (cons (bytevector->u8-list (let ((b (make-bytevector taken)))
                                                             (bytevector-copy! bv start b 0 taken)
                                                             b))
                                       written))
                   taken))
               #f #f #f))
(put-bytevector sink (string->utf8 "abcdefghij"))
(put-u8 sink 33)
(display "xyz" sink)
(force-output sink)
(test-equal "write! gets every byte, in order, a few at a time"
  "abcdefghij!xyz" (utf8->string (u8-list->bytevector (apply append (reverse written)))))

(define text '())
(define textual (make-custom-textual-output-port "text"
                  (lambda (s start count) (set! text (cons (substring s start (+ start count)) text)) count)
                  #f #f #f))
(display "héllo " textual)
(write '(sym "str") textual)
(force-output textual)
(test-equal "a textual output port's write! gets strings" "héllo (sym \"str\")"
  (apply string-append (reverse text)))

;; Soft ports: #(write-char write-string flush read-char close).
(define soft-log '())
(define soft (make-soft-port (vector (lambda (c) (set! soft-log (cons (string c) soft-log)))
                                     (lambda (s) (set! soft-log (cons s soft-log)))
                                     (lambda () (set! soft-log (cons 'flush soft-log)))
                                     #f
                                     (lambda () (set! soft-log (cons 'close soft-log))))
                             "w"))
(display "soft" soft)
(force-output soft)
(close-port soft)
(test-equal "a soft port writes with write-string, flushes and closes"
  '("soft" flush close) (reverse soft-log))

(define chars (string->list "ab\ncd"))
(define soft-in (make-soft-port (vector #f #f #f
                                        (lambda () (if (null? chars) #f
                                                       (let ((c (car chars))) (set! chars (cdr chars)) c)))
                                        #f)
                                "r"))
(test-equal "a soft port reads with read-char" '("ab" #\c #\d #t)
  (let* ((a (read-line soft-in)) (b (read-char soft-in)) (c (read-char soft-in)))
    (list a b c (eof-object? (read-char soft-in)))))

(test-end "custom-ports")
