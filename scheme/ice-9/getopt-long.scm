;;; (ice-9 getopt-long): Guile's command-line option parser.
;;;
;;; A grammar lists option specs: (NAME PROPERTY ...), a property being
;;; (single-char CHAR), (value #t | #f | optional), (required? BOOL) or
;;; (predicate PROC). (getopt-long ARGS GRAMMAR) reads ARGS (the program
;;; name first) and returns an alist: (() NON-OPTION-ARG ...) first, then
;;; (NAME . VALUE) per option seen, the last one first; VALUE is a string,
;;; or #t for an option given without one.
;;;
;;; Accepted syntax, as in Guile: --name, --name=value, --name value;
;;; -c, -c value; clusters -abc; letters then other characters, -o3, give
;;; the rest as the next argument ("-o" "3"); "--" ends the options.
;;; Non-option arguments may come between options unless
;;; #:stop-at-first-non-option is true.
;;;
;;; A bad command line (unknown option, missing or unexpected value,
;;; missing required option, failed predicate) is the user's mistake, not
;;; the program's: as Guile does, getopt-long prints the program name and
;;; the problem ("prog: no such option: --bogus") and exits with status 1.
;;; A bad grammar raises misc-error.

(define-module (ice-9 getopt-long)
  #:export (getopt-long option-ref))

(define-record-type <option-spec>
  (make-option-spec name char value required? predicate)
  option-spec?
  (name spec-name)
  (char spec-char)
  (value spec-value)            ; #t, #f or optional
  (required? spec-required?)
  (predicate spec-predicate))

(define (bad-grammar message . args)
  (scm-error 'misc-error "getopt-long" message args #f))

(define (parse-spec spec)
  (let loop ((props (cdr spec)) (char #f) (value #f) (required? #f) (predicate #f))
    (if (null? props)
        (make-option-spec (car spec) char value required? predicate)
        (let ((prop (car props)) (rest (cdr props)))
          (case (car prop)
            ((single-char)
             (unless (char? (cadr prop)) (bad-grammar "single-char expects a character: ~s" prop))
             (loop rest (cadr prop) value required? predicate))
            ((value) (loop rest char (cadr prop) required? predicate))
            ((required?) (loop rest char value (cadr prop) predicate))
            ((predicate) (loop rest char value required? (cadr prop)))
            (else (bad-grammar "invalid getopt-long option property: ~s" (car prop))))))))

(define (ascii-letter? c)
  (or (char<=? #\a c #\z) (char<=? #\A c #\Z)))

;; --name or --name=value (not "--" alone, nor "--=...").
(define (long-option? arg)
  (and (> (string-length arg) 2)
       (string-prefix? "--" arg)
       (not (char=? (string-ref arg 2) #\=))))

;; -c..., a dash and a letter.
(define (short-option? arg)
  (and (> (string-length arg) 1)
       (char=? (string-ref arg 0) #\-)
       (ascii-letter? (string-ref arg 1))))

;; An argument that cannot be an option's value.
(define (option-like? arg)
  (or (string-prefix? "--" arg) (short-option? arg)))

;; "-abc3" -> ("-a" "-b" "-c" "3").
(define (split-cluster arg)
  (let loop ((i 1) (acc '()))
    (if (and (< i (string-length arg)) (ascii-letter? (string-ref arg i)))
        (loop (+ i 1) (cons (string #\- (string-ref arg i)) acc))
        (reverse (if (< i (string-length arg))
                     (cons (substring arg i (string-length arg)) acc)
                     acc)))))

(define* (getopt-long args grammar #:key stop-at-first-non-option)
  (let ((specs (map parse-spec grammar)))
    (define (bad-command-line message . details)
      (format (current-error-port) "~a: ~a~%" (car args) (apply format #f message details))
      (exit 1))
    (define (by-name name)
      (find (lambda (s) (string=? (symbol->string (spec-name s)) name)) specs))
    (define (by-char c)
      (find (lambda (s) (eqv? (spec-char s) c)) specs))
    ;; The value of option SPEC: from "=value" (INLINE, or #f) or from the
    ;; next argument: (values value remaining-args).
    (define (take-value spec inline args)
      (let ((flag (string-append "--" (symbol->string (spec-name spec))))
            (next-ok? (and (pair? args) (not (option-like? (car args))))))
        (case (spec-value spec)
          ((#f)
           (when inline (bad-command-line "option does not support argument: ~a" flag))
           (values #t args))
          ((optional)
           (cond (inline (values inline args))
                 (next-ok? (values (car args) (cdr args)))
                 (else (values #t args))))
          (else
           (cond (inline (values inline args))
                 (next-ok? (values (car args) (cdr args)))
                 (else (bad-command-line "option must be specified with argument: ~a" flag)))))))
    (define (check spec value)
      (when (and (string? value) (spec-predicate spec)
                 (not ((spec-predicate spec) value)))
        (bad-command-line "option predicate failed: --~a" (spec-name spec)))
      (cons (spec-name spec) value))
    ;; FOUND holds (name . value) newest first; REST the non-options, reversed.
    (let loop ((args (cdr args)) (found '()) (rest '()))
      (define (option spec inline args)
        (receive (value args) (take-value spec inline args)
          (loop args (cons (check spec value) found) rest)))
      (cond ((null? args)
             (for-each (lambda (s)
                         (when (and (spec-required? s) (not (assq (spec-name s) found)))
                           (bad-command-line "option must be specified: --~a" (spec-name s))))
                       specs)
             (cons (cons '() (reverse rest)) found))
            ((string=? (car args) "--")
             (loop '() found (append-reverse (cdr args) rest)))
            ((long-option? (car args))
             (let* ((arg (car args))
                    (eq (string-index arg #\=))
                    (name (substring arg 2 (or eq (string-length arg))))
                    (spec (or (by-name name) (bad-command-line "no such option: --~a" name))))
               (option spec (and eq (substring arg (+ eq 1) (string-length arg))) (cdr args))))
            ((and (short-option? (car args)) (> (string-length (car args)) 2))
             (loop (append (split-cluster (car args)) (cdr args)) found rest))
            ((short-option? (car args))
             (let ((c (string-ref (car args) 1)))
               (option (or (by-char c) (bad-command-line "no such option: -~a" c)) #f (cdr args))))
            (stop-at-first-non-option
             (loop '() found (append-reverse args rest)))
            (else (loop (cdr args) found (cons (car args) rest)))))))

;; The value of option KEY in OPTIONS (a getopt-long result), else DEFAULT.
(define (option-ref options key default)
  (let ((entry (assq key options)))
    (if entry (cdr entry) default)))
