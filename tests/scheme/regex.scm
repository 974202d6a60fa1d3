;;; regex.scm -- (ice-9 regex): POSIX extended syntax as Guix's substitute*
;;; uses it, match structures, folding and substitution.

(use-modules (srfi srfi-64) (ice-9 regex))

(test-begin "regex")

(define m (string-match "([a-z]+)-([0-9.]+)" "see hello-2.10.tar.gz"))
(test-assert "string-match finds" (regexp-match? m))
(test-equal "whole match" "hello-2.10." (match:substring m))
(test-equal "group 1" "hello" (match:substring m 1))
(test-equal "group 2" "2.10." (match:substring m 2))
(test-eqv "match:start" 4 (match:start m))
(test-eqv "match:end" 15 (match:end m))
(test-eqv "match:start of a group" 10 (match:start m 2))
(test-eqv "match:count" 3 (match:count m))
(test-equal "match:prefix" "see " (match:prefix m))
(test-equal "match:suffix" "tar.gz" (match:suffix m))
(test-equal "match:string" "see hello-2.10.tar.gz" (match:string m))
(test-eq "no match" #f (string-match "z{3}" "zz"))
(test-equal "start offset" "b2" (match:substring (string-match "[a-z][0-9]" "a1 b2" 1)))

(define opt (string-match "(foo)?bar" "bar"))
(test-eq "unmatched group: start" #f (match:start opt 1))
(test-eq "unmatched group: end" #f (match:end opt 1))
(test-eq "unmatched group: substring" #f (match:substring opt 1))

(test-assert "make-regexp gives a regexp" (regexp? (make-regexp "a+")))
(test-equal "regexp-exec" "aaa" (match:substring (regexp-exec (make-regexp "a+") "baaac")))
(test-equal "regexp/icase" "HeLLo"
  (match:substring (regexp-exec (make-regexp "hello" regexp/icase) "say HeLLo")))
(test-eq "without regexp/icase" #f (regexp-exec (make-regexp "hello") "say HeLLo"))
(test-equal "regexp/newline: ^ after a newline" "two"
  (match:substring (regexp-exec (make-regexp "^t[a-z]+" regexp/newline) "one\ntwo")))
(test-eq "without regexp/newline: ^ only at the start" #f
  (regexp-exec (make-regexp "^t[a-z]+") "one\ntwo"))

;;; POSIX ERE as substitute* writes it
(test-equal "bracket classes" "ab12"
  (match:substring (string-match "[[:alpha:]]+[[:digit:]]+" "--ab12--")))
(test-equal "interval" "aaa" (match:substring (string-match "a{2,3}" "aaaa")))
(test-equal "alternation" "cat" (match:substring (string-match "dog|cat" "a cat")))
(test-equal "escaped dot" ".tar" (match:substring (string-match "\\.tar" "x.tar")))
(test-equal "anchored" "/bin/sh" (match:substring (string-match "^#!(/[^ ]+)" "#!/bin/sh -e") 1))

;;; all matches
(test-equal "list-matches" '("1" "22" "333")
  (map match:substring (list-matches "[0-9]+" "a1b22c333")))
(test-equal "fold-matches" 6
  (fold-matches "[0-9]" "1a2b3" 0 (lambda (m n) (+ n (string->number (match:substring m))))))
(test-equal "list-matches of an empty pattern" 4 (length (list-matches "x*" "abc")))
(test-equal "no empty match where the previous match ended" '((0 . 0) (1 . 4) (5 . 5))
  (map (lambda (m) (cons (match:start m) (match:end m))) (list-matches "a*" "baaac")))

;;; substitution
(test-equal "regexp-substitute" "2.10./hello"
  (regexp-substitute #f m 2 "/" 1))
(test-equal "regexp-substitute with pre and post" "see [hello]-2.10.tar.gz"
  (regexp-substitute #f (string-match "hello" "see hello-2.10.tar.gz") 'pre "[" 0 "]" 'post))
(test-equal "regexp-substitute/global" "a-b-c"
  (regexp-substitute/global #f "[ ,]+" "a, b ,c" 'pre "-" 'post))
(test-equal "regexp-substitute/global with a procedure" "x=2 y=4"
  (regexp-substitute/global #f "[0-9]" "x=1 y=2"
                            'pre (lambda (m) (number->string (* 2 (string->number (match:substring m))))) 'post))
(test-equal "regexp-substitute/global with empty matches" "-a-b-c-"
  (regexp-substitute/global #f "x*" "abc" 'pre "-" 'post))
(test-equal "regexp-substitute/global to a port" "A.B"
  (call-with-output-string
    (lambda (port) (regexp-substitute/global port "-" "A-B" 'pre "." 'post))))

(test-end "regex")
