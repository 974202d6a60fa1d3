;;; (srfi srfi-37) -- args-fold, the command-line parser of Guile and Guix
;;; scripts: `-abc` clusters, `-o VALUE` / `-oVALUE`, `--name=VALUE` /
;;; `--name VALUE`, and `--` ending the options.

(define-module (srfi srfi-37)
  #:export (option option? option-names option-required-arg?
            option-optional-arg? option-processor args-fold))

(define-record-type <option>
  (option names required-arg? optional-arg? processor)
  option?
  (names option-names)
  (required-arg? option-required-arg?)
  (optional-arg? option-optional-arg?)
  (processor option-processor))

;; As Guile 3.0 parses: a short option's argument is the rest of its
;; cluster or else the next argument, whatever it looks like; a long one's
;; comes only after `=`.
(define (args-fold args options unrecognized-option-proc operand-proc . seeds)
  (define (find-option name)
    (let loop ((options options))
      (cond ((null? options) #f)
            ((member name (option-names (car options))) (car options))
            (else (loop (cdr options))))))
  (define (missing-argument format-string name)
    (scm-error 'misc-error "args-fold" (string-append "Missing required argument after " format-string)
               (list name) #f))
  (define (call proc . leading)
    (lambda (seeds) (call-with-values (lambda () (apply proc (append leading seeds))) list)))
  (define (operands args seeds)
    (if (null? args)
        seeds
        (operands (cdr args) ((call operand-proc (car args)) seeds))))
  (define (short-options arg rest seeds)
    ;; ARG is "-abc": each letter an option until one takes an argument.
    (let loop ((i 1) (seeds seeds))
      (if (= i (string-length arg))
          (next rest seeds)
          (let* ((name (string-ref arg i))
                 (opt (find-option name))
                 (tail (substring arg (+ i 1) (string-length arg))))
            (cond ((not opt)
                   (loop (+ i 1) ((call unrecognized-option-proc (option (list name) #f #f unrecognized-option-proc)
                                        name #f)
                                  seeds)))
                  ((not (or (option-required-arg? opt) (option-optional-arg? opt)))
                   (loop (+ i 1) ((call (option-processor opt) opt name #f) seeds)))
                  ((not (string-null? tail))
                   (next rest ((call (option-processor opt) opt name tail) seeds)))
                  ((pair? rest)
                   (next (cdr rest) ((call (option-processor opt) opt name (car rest)) seeds)))
                  ((option-required-arg? opt) (missing-argument "`-~A'" name))
                  (else (next rest ((call (option-processor opt) opt name #f) seeds))))))))
  (define (long-option arg rest seeds)
    ;; ARG is "--name" or "--name=value".
    (let* ((eq (string-index arg #\=))
           (name (substring arg 2 (or eq (string-length arg))))
           (value (and eq (substring arg (+ eq 1) (string-length arg))))
           (opt (find-option name)))
      (cond ((not opt)
             ;; Guile names it by all that follows the dashes.
             (let ((whole (substring arg 2 (string-length arg))))
               (next rest ((call unrecognized-option-proc (option (list whole) #f #f unrecognized-option-proc)
                                 whole #f)
                           seeds))))
            ((and value (not (or (option-required-arg? opt) (option-optional-arg? opt))))
             (scm-error 'misc-error "args-fold" "Extraneous argument after `--~A'" (list name) #f))
            ((and (not value) (option-required-arg? opt)) (missing-argument "`--~A'" name))
            (else (next rest ((call (option-processor opt) opt name value) seeds))))))
  (define (next args seeds)
    (if (null? args)
        seeds
        (let ((arg (car args)) (rest (cdr args)))
          (cond ((string=? arg "--") (operands rest seeds))
                ((string-prefix? "--" arg) (long-option arg rest seeds))
                ((and (string-prefix? "-" arg) (> (string-length arg) 1))
                 (short-options arg rest seeds))
                (else (next rest ((call operand-proc arg) seeds)))))))
  (apply values (next args seeds)))
