;;; Guile's other names for port operations: R6RS-style (ice-9 textual-ports)
;;; and (ice-9 binary-ports), and the rest of (ice-9 rdelim). The root
;;; module offers these names, loading this file on first use.

(define-module (guix0 ports)
  #:export (get-char lookahead-char put-char put-string unget-char unget-string get-string-n!
            get-u8 lookahead-u8 get-bytevector-n! get-bytevector-some
            open-bytevector-input-port open-bytevector-output-port
            call-with-output-bytevector call-with-input-bytevector
            write-line %read-line read-line! read-string! read-delimited! %read-delimited!
            port-position set-port-position! port-has-port-position? port-has-set-port-position!?
            make-custom-binary-input-port make-custom-binary-output-port
            make-custom-binary-input/output-port make-custom-textual-output-port make-soft-port
            the-eof-object file-position file-set-position flush-all-ports port-mode
            fdopen duplicate-port dup->inport dup->outport start-stack
            alist->hashq-table alist->hashv-table))

(define (get-char port) (read-char port))
(define (lookahead-char port) (peek-char port))
(define (put-char port char) (write-char char port))
(define* (put-string port string #:optional (start 0) (count (- (string-length string) start)))
  (write-string (substring string start (+ start count)) port))
(define (unget-char port char) (unread-char char port))
(define (unget-string port string)
  (let loop ((i (- (string-length string) 1)))
    (when (>= i 0)
      (unread-char (string-ref string i) port)
      (loop (- i 1)))))

;; Read up to `count` characters into `string` from `start`: how many were
;; read, or the end-of-file object if there were none.
(define (get-string-n! port string start count)
  (let loop ((i 0))
    (if (= i count)
        i
        (let ((c (read-char port)))
          (cond ((not (eof-object? c)) (string-set! string (+ start i) c) (loop (+ i 1)))
                ((= i 0) c)
                (else i))))))

(define (port-position port) (seek port 0 SEEK_CUR))
(define (set-port-position! port position) (seek port position SEEK_SET))
(define (port-has-port-position? port) (false-if-exception (begin (seek port 0 SEEK_CUR) #t)))
(define (port-has-set-port-position!? port) (port-has-port-position? port))

(define (get-u8 port) (read-u8 port))
(define (lookahead-u8 port) (peek-u8 port))
(define (get-bytevector-n! port bv start count)
  (let ((got (get-bytevector-n port count)))
    (if (eof-object? got)
        got
        (begin (bytevector-copy! got 0 bv start (bytevector-length got))
               (bytevector-length got)))))
(define (get-bytevector-some port) (get-bytevector-n port 4096))

(define* (open-bytevector-input-port bv #:optional transcoder) (open-input-bytevector bv))
;; A port and a procedure that returns what was written since the last
;; call, as Guile gives them.
(define* (open-bytevector-output-port #:optional transcoder)
  (let ((port (open-output-bytevector))
        (taken 0))
    (values port
            (lambda ()
              (let* ((bytes (get-output-bytevector port))
                     (fresh (bytevector-copy bytes taken)))
                (set! taken (bytevector-length bytes))
                fresh)))))
(define (call-with-output-bytevector proc)
  (let ((port (open-output-bytevector)))
    (proc port)
    (get-output-bytevector port)))
(define (call-with-input-bytevector bv proc) (proc (open-input-bytevector bv)))

;;; (ice-9 rdelim)

(define* (write-line obj #:optional (port (current-output-port)))
  (display obj port)
  (newline port))

;; The next line and what ended it: a newline or the end-of-file object.
(define* (%read-line #:optional (port (current-input-port)))
  (read-delimited "\n" port 'split))

;; Read characters into buf[start, end) until one of `delims`, which is
;; left in the port: (delimiter-or-eof-or-#f . count), #f when buf filled up.
(define (%read-delimited! delims buf gobble? port start end)
  (let loop ((i start))
    (if (= i end)
        (cons #f (- i start))
        (let ((c (peek-char port)))
          (cond ((eof-object? c) (cons c (- i start)))
                ((string-index delims c)
                 (when gobble? (read-char port))
                 (cons c (- i start)))
                (else (read-char port) (string-set! buf i c) (loop (+ i 1))))))))

(define* (read-delimited! delims buf #:optional (port (current-input-port)) (handle-delim 'trim)
                          (start 0) (end (string-length buf)))
  (let* ((found (%read-delimited! delims buf (not (eq? handle-delim 'peek)) port start end))
         (delim (car found))
         (n (cdr found)))
    (cond ((and (eof-object? delim) (= n 0)) delim)
          ((and (eq? handle-delim 'concat) (char? delim) (< (+ start n) end))
           (string-set! buf (+ start n) delim)
           (+ n 1))
          (else n))))

;; A line into buf: its length, #f if it did not fit, or the end-of-file object.
(define* (read-line! buf #:optional (port (current-input-port)))
  (let* ((found (%read-delimited! "\n" buf #t port 0 (string-length buf)))
         (delim (car found)))
    (cond ((and (eof-object? delim) (= (cdr found) 0)) delim)
          (delim (cdr found))
          (else #f))))

(define* (read-string! buf #:optional (port (current-input-port)) (start 0) (end (string-length buf)))
  (let ((n (get-string-n! port buf start (- end start))))
    (if (eof-object? n) 0 n)))

;;; Custom ports (R6RS, and Guile's soft ports): `read!` and `write!` take a
;;; bytevector, a start and a count, and return how many bytes they gave or
;;; took (`read!` 0 at the end). guix0 asks `read!` for 4096 bytes at a time
;;; and hands `write!` what each write wrote.

(define (make-custom-binary-input-port id read! get-position set-position! close)
  (%make-custom-port id read! #f get-position set-position! close #f))

(define (make-custom-binary-output-port id write! get-position set-position! close)
  (%make-custom-port id #f write! get-position set-position! close #f))

(define (make-custom-binary-input/output-port id read! write! get-position set-position! close)
  (%make-custom-port id read! write! get-position set-position! close #f))

;; Its write! takes a string, a start and a count of characters.
(define (make-custom-textual-output-port id write! get-position set-position! close)
  (define (write-bytes! bv start count)
    (let ((text (utf8->string bv start (+ start count))))
      (let loop ((done 0))
        (when (< done (string-length text))
          (loop (+ done (write! text done (- (string-length text) done))))))
      count))
  (let ((port (%make-custom-port id #f write-bytes! get-position set-position! close #f)))
    ;; Text, not bytes: characters go to write! through UTF-8.
    (set-port-encoding! port "UTF-8")
    port))

;; PV holds write-char, write-string, flush, read-char and close (each may
;; be #f); MODES is "r", "w" or both. Characters are read one at a time, as
;; Guile does, so a soft port over the terminal does not wait for more; a
;; newline written is flushed, as Guile's line buffering does.
(define (make-soft-port pv modes)
  (define (slot i) (and (> (vector-length pv) i) (vector-ref pv i)))
  (define (read-one! bv start count)
    (let ((c ((slot 3))))
      (if (or (not c) (eof-object? c))
          0
          (let ((bytes (string->utf8 (string c))))
            (bytevector-copy! bytes 0 bv start (bytevector-length bytes))
            (bytevector-length bytes)))))
  (define (write-all! bv start count)
    (let ((text (utf8->string bv start (+ start count))))
      (if (slot 1)
          ((slot 1) text)
          (string-for-each (slot 0) text))
      (when (and (slot 2) (string-index text #\newline))
        ((slot 2)))
      count))
  (define port
    (%make-custom-port "soft"
                       (and (string-index modes #\r) (slot 3) read-one!)
                       (and (or (string-index modes #\w) (string-index modes #\a)) write-all!)
                       #f #f (slot 4) (slot 2)))
  ;; As make-custom-textual-output-port.
  (set-port-encoding! port "UTF-8")
  port)

;;; The rest of (ice-9 ports) and (ice-9 hash-table).

(define the-eof-object (eof-object))
(define* (file-position port) (seek port 0 SEEK_CUR))
(define* (file-set-position port offset #:optional (whence SEEK_SET)) (seek port offset whence))
(define (flush-all-ports)
  (force-output (current-output-port))
  (force-output (current-error-port)))
(define (port-mode port)
  (cond ((and (input-port? port) (output-port? port)) "r+")
        ((input-port? port) "r")
        (else "w")))
;; A port that owns descriptor FD (closing the port closes it), reading or
;; writing as MODE says. (fdes->inport and fdes->outport use copies.)
(define (fdopen fd mode)
  (let ((port (if (string-index mode #\r) (fdes->inport fd) (fdes->outport fd))))
    (close-fdes fd)
    port))
(define* (duplicate-port port #:optional (mode (port-mode port)))
  (fdopen (dup->fdes port) mode))
;; With FD, descriptor FD becomes a copy too, and stays open.
(define* (dup->inport port/fd #:optional fd)
  (if fd (fdes->inport (dup->fdes port/fd fd)) (fdopen (dup->fdes port/fd) "r")))
(define* (dup->outport port/fd #:optional fd)
  (if fd (fdes->outport (dup->fdes port/fd fd)) (fdopen (dup->fdes port/fd) "w")))
;; Guile names the stack for its debugger; guix0's backtraces need no name.
(define (start-stack id value) value)

;; The first entry for a key wins, as in assq.
(define (%alist->table put! alist)
  (let ((table (make-hash-table)))
    (for-each (lambda (entry) (put! table (car entry) (cdr entry))) (reverse alist))
    table))
(define (alist->hashq-table alist . size) (%alist->table hashq-set! alist))
(define (alist->hashv-table alist . size) (%alist->table hashv-set! alist))
