;;; regex -- (ice-9 regex): POSIX extended expressions matched, searched
;;; and substituted over generated text, as substitute* and Guix code do.
(use-modules (ice-9 regex))

(define (line i)
  (string-append "lib" (number->string (modulo i 37)) ".so." (number->string (modulo i 5))
                 " -> /gnu/store/" (number->string (* i 7919)) "-name-" (number->string i)))

(define version-rx (make-regexp "\\.so\\.([0-9]+)$"))
(define store-rx (make-regexp "/gnu/store/([0-9]+)-([a-z]+)-([0-9]+)"))

(define (score i)
  (let* ((text (line i))
         (m (regexp-exec store-rx text))
         (v (string-match "lib([0-9]+)" text))
         (rewritten (regexp-substitute/global #f "[0-9]+" text 'pre "N" 'post)))
    (+ (if m (string-length (match:substring m 2)) 0)
       (if v (string->number (match:substring v 1)) 0)
       (string-length rewritten)
       (length (list-matches "[a-z]+" text))
       (if (regexp-exec version-rx "libfoo.so.3") 1 0))))

(define (run n)
  (let loop ((i 0) (acc 0))
    (if (= i n) acc (loop (+ i 1) (+ acc (score i))))))

(display (number->string (run 20000)))
(newline)
