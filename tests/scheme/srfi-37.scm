;;; srfi-37.scm -- args-fold as Guile 3.0 parses: short option clusters,
;;; a short option's argument from the rest of its cluster or the next
;;; argument, a long one's only after `=`, `--` ending the options,
;;; unrecognized options, several seeds, and the errors.

(use-modules (srfi srfi-64) (srfi srfi-37))

(test-begin "srfi-37")

(define options
  (list (option '(#\v "verbose") #f #f
                (lambda (opt name arg result) (cons (list 'verbose name arg) result)))
        (option '(#\o "output") #t #f
                (lambda (opt name arg result) (cons (list 'output name arg) result)))
        (option '(#\l "level") #f #t
                (lambda (opt name arg result) (cons (list 'level name arg) result)))))

(define (parse . args)
  (reverse (args-fold args options
                      (lambda (opt name arg result) (cons (list 'unknown name arg (option-names opt)) result))
                      (lambda (operand result) (cons (list 'operand operand) result))
                      '())))

(test-equal "a flag and an operand" '((verbose #\v #f) (operand "file")) (parse "-v" "file"))
(test-equal "--name=value" '((output "output" "x.o")) (parse "--output=x.o"))
(test-equal "-oVALUE and -o VALUE" '((output #\o "foo") (output #\o "bar")) (parse "-ofoo" "-o" "bar"))
(test-equal "a cluster ending in an option that takes an argument"
  '((verbose #\v #f) (output #\o "baz")) (parse "-vo" "baz"))
(test-equal "a short option's argument is the next one, whatever it looks like"
  '((level #\l "-v") (output #\o "--")) (parse "-l" "-v" "-o" "--"))
(test-equal "an optional argument: the cluster's rest, else none at the end"
  '((level #\l "3") (verbose #\v #f) (level #\l #f)) (parse "-l3" "-vl"))
(test-equal "a long option's optional argument comes only after ="
  '((level "level" #f) (operand "a") (level "level" "4")) (parse "--level" "a" "--level=4"))
(test-equal "- is an operand, -- ends the options"
  '((operand "-") (operand "-v") (operand "--x")) (parse "-" "--" "-v" "--x"))
(test-equal "unrecognized options, named as Guile names them"
  '((unknown #\q #f (#\q)) (unknown "unknown=1" #f ("unknown=1")) (verbose #\v #f) (unknown #\q #f (#\q)))
  (parse "-q" "--unknown=1" "-vq"))
(test-equal "several seeds" '(11 ("b" "a"))
  (call-with-values
      (lambda ()
        (args-fold '("a" "-v" "b")
                   (list (option '(#\v) #f #f (lambda (opt name arg count operands) (values (* 10 count) operands))))
                   (lambda (opt name arg count operands) (values count operands))
                   (lambda (operand count operands) (values (+ count 1) (cons operand operands)))
                   0 '()))
    list))
(test-equal "option accessors" '((#\o "output") #t #f)
  (let ((o (cadr options))) (list (option-names o) (option-required-arg? o) (option-optional-arg? o))))
(test-error "a required argument missing at the end" 'misc-error (parse "-o"))
(test-error "a long option's required argument needs =" 'misc-error (parse "--output" "y.o"))
(test-error "an argument given to a flag" 'misc-error (parse "--verbose=3"))

(test-end "srfi-37")
