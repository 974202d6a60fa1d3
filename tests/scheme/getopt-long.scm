;;; getopt-long.scm -- (ice-9 getopt-long): long and short options, values
;;; (required, optional, none), clusters, "--", required options,
;;; predicates and option-ref. A bad command line prints a message and
;;; exits, in Guile and in guix0: tests/guile_conformance.rs compares those
;;; messages with Guile's.

(use-modules (srfi srfi-64) (ice-9 getopt-long))

(test-begin "getopt-long")

(define grammar
  `((verbose (single-char #\v) (value #f))
    (output (single-char #\o) (value #t))
    (level (single-char #\l) (value optional))
    (num (value #t) (predicate ,string->number))
    (x (single-char #\x))))

(define (parse . args) (getopt-long (cons "prog" args) grammar))

;;; results
(test-equal "no arguments" '((())) (parse))
(test-equal "flag and operands" '((() "a" "b") (verbose . #t)) (parse "-v" "a" "b"))
(test-equal "long flag" '((()) (verbose . #t)) (parse "--verbose"))
(test-equal "--opt=val" '((() "x") (output . "f") (verbose . #t)) (parse "--verbose" "--output=f" "x"))
(test-equal "--opt val" '((() "x") (output . "f")) (parse "--output" "f" "x"))
(test-equal "--opt= empty value" '((()) (output . "")) (parse "--output="))
(test-equal "-o val" '((() "x") (output . "f")) (parse "-o" "f" "x"))
(test-equal "-o3 attached" '((()) (output . "3")) (parse "-o3"))
(test-equal "-o=3" '((()) (output . "=3")) (parse "-o=3"))
(test-equal "cluster" '((()) (x . #t) (verbose . #t)) (parse "-vx"))
(test-equal "cluster ending with a value option" '((()) (output . "f") (verbose . #t)) (parse "-vo" "f"))
(test-equal "cluster rest is an operand" '((() "3") (verbose . #t)) (parse "-v3"))
(test-equal "-- ends options" '((() "-v" "x")) (parse "--" "-v" "x"))
(test-equal "-- only once" '((() "--" "a") (verbose . #t) (x . #t)) (parse "-xv" "--" "--" "a"))
(test-equal "operands between options" '((() "a" "b") (verbose . #t)) (parse "a" "-v" "b"))
(test-equal "lone dash is an operand" '((() "-")) (parse "-"))
(test-equal "negative number operand" '((() "-3")) (parse "-3"))
(test-equal "value may start with a dash" '((()) (output . "-3")) (parse "-o" "-3"))
(test-equal "value may be a lone dash" '((()) (output . "-")) (parse "-o" "-"))
(test-equal "optional value given" '((()) (level . "x")) (parse "--level" "x"))
(test-equal "optional value inline" '((() "x") (level . "3")) (parse "--level=3" "x"))
(test-equal "optional value short" '((() "x") (level . "3")) (parse "-l3" "x"))
(test-equal "optional value absent" '((()) (level . #t)) (parse "--level"))
(test-equal "optional value before option" '((()) (verbose . #t) (level . #t)) (parse "--level" "-v"))
(test-equal "repeated option, last first" '((()) (output . "b") (output . "a"))
  (parse "--output=a" "--output=b"))
(test-equal "repeated flag" '((()) (verbose . #t) (verbose . #t)) (parse "-v" "-v"))
(test-equal "predicate passes" '((()) (num . "12")) (parse "--num" "12"))
(test-equal "stop at first non-option" '((() "a" "-v" "b"))
  (getopt-long '("prog" "a" "-v" "b") grammar #:stop-at-first-non-option #t))
(test-equal "--=3 is an operand" '((() "--=3")) (parse "--=3"))

;;; required options
(define required-grammar '((req (required? #t) (value #t)) (v (single-char #\v))))
(test-equal "required present" '((()) (v . #t) (req . "1"))
  (getopt-long '("prog" "--req=1" "-v") required-grammar))

;;; errors in the grammar (those on the command line exit)
(test-error "bad property" 'misc-error (getopt-long '("p") '((a (bogus #t)))))

;;; option-ref
(define options (parse "--output=f" "a"))
(test-equal "option-ref" "f" (option-ref options 'output "default"))
(test-equal "option-ref default" "default" (option-ref options 'level "default"))
(test-equal "option-ref operands" '("a") (option-ref options '() #f))
(test-equal "option-ref last given" "b" (option-ref (parse "-o" "a" "-o" "b") 'output #f))

(test-end "getopt-long")
