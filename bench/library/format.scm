;;; format -- (ice-9 format) and string ports: a report written with
;;; format's ~a ~s ~d ~x ~% and padding into string ports, read back with
;;; read-line and read.
(use-modules (ice-9 format) (ice-9 rdelim))

(define (report n)
  (call-with-output-string
   (lambda (port)
     (do ((i 0 (+ i 1))) ((= i n))
       (format port "~a ~s ~d ~x ~10a|~%" (string-append "item" (number->string i)) (list i 'x "y") i (* i 7) i)))))

(define (count-lines text)
  (let ((port (open-input-string text)))
    (let loop ((n 0) (chars 0))
      (let ((line (read-line port)))
        (if (eof-object? line) (+ n chars) (loop (+ n 1) (+ chars (string-length line))))))))

(define (sum-data n)
  (let ((port (open-input-string
               (with-output-to-string
                 (lambda () (do ((i 0 (+ i 1))) ((= i n)) (write (list i (* 2 i))) (newline)))))))
    (let loop ((acc 0))
      (let ((datum (read port)))
        (if (eof-object? datum) acc (loop (+ acc (car datum) (cadr datum))))))))

(define (run rounds)
  (let loop ((i 0) (acc 0))
    (if (= i rounds) acc (loop (+ i 1) (+ acc (count-lines (report 2000)) (sum-data 2000))))))

(display (number->string (run 12)))
(newline)
