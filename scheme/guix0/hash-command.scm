;;; `guix0 guix0.scm hash`: what `guix hash` does, with the same options
;;; and output (one hash per line, nothing else).

(define-module (guix0 hash-command)
  #:export (hash-command))

(define (fail fmt . args)
  (display "guix0 hash: error: " (current-error-port))
  (display (apply string-append fmt (map (lambda (a) (if (string? a) a (object->string a))) args))
           (current-error-port))
  (newline (current-error-port))
  #f)

(define (directory? file)
  (catch #t (lambda () (eq? 'directory (stat:type (stat file)))) (lambda _ #f)))

;; Parse the options: returns (serializer format algorithm files) or #f.
(define (parse-options args)
  (let loop ((args args) (serializer 'none) (format "nix-base32") (algorithm 'sha256) (files '()))
    (cond ((null? args) (list serializer format algorithm (reverse files)))
          ((member (car args) '("-r" "--recursive")) (loop (cdr args) 'nar format algorithm files))
          ((and (member (car args) '("-S" "--serializer")) (pair? (cdr args)))
           (let ((s (string->symbol (cadr args))))
             (if (memq s '(nar none))
                 (loop (cddr args) s format algorithm files)
                 (fail "unsupported serializer `" (cadr args) "' (use nar or none)"))))
          ((and (member (car args) '("-f" "--format")) (pair? (cdr args)))
           (loop (cddr args) serializer (cadr args) algorithm files))
          ((and (member (car args) '("-H" "--hash")) (pair? (cdr args)))
           (loop (cddr args) serializer format (string->symbol (cadr args)) files))
          ((string-prefix? "--format=" (car args))
           (loop (cdr args) serializer (substring (car args) 9) algorithm files))
          ((string-prefix? "--serializer=" (car args))
           (loop (cons "-S" (cons (substring (car args) 13) (cdr args))) serializer format algorithm files))
          ((and (> (string-length (car args)) 1) (string-prefix? "-" (car args)))
           (fail "unrecognized option `" (car args) "'"))
          (else (loop (cdr args) serializer format algorithm (cons (car args) files))))))

(define (hash-one serializer format algorithm file)
  (catch #t
    (lambda ()
      (let ((digest (cond ((eq? serializer 'nar) (nar-hash file algorithm))
                          ((string=? file "-") (file-hash algorithm "/dev/stdin"))
                          ((directory? file)
                           (error (string-append file " is a directory; use -r to hash it as a nar")))
                          (else (file-hash algorithm file)))))
        (display (%hash-encode digest format))
        (newline)
        #t))
    (lambda (key . args)
      (fail (if (and (pair? args) (condition-message-of key args)) (condition-message-of key args) (object->string args))))))

(define (condition-message-of key args)
  (and (= (length args) 4) (string? (cadr args))
       (let ((message (cadr args)) (irritants (caddr args)))
         (if (and (pair? irritants) (string=? message "~A"))
             (car irritants)
             message))))

;; Returns the exit status.
(define (hash-command args)
  (let ((options (parse-options args)))
    (cond ((not options) 1)
          ((null? (cadddr options))
           (fail "no file given") 1)
          (else
           (let ((results (map (lambda (f) (hash-one (car options) (cadr options) (caddr options) f))
                               (cadddr options))))
             (if (memq #f results) 1 0))))))
