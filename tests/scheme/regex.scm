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
(test-equal "a group that took no part is written as #f, as Guile does" '("z[#f]z" "z[#f]z[x]")
  (list (regexp-substitute #f (string-match "a(x)?b" "zabz") 'pre "[" 1 "]" 'post)
        (regexp-substitute/global #f "a(x)?b" "zabzaxb" 'pre "[" 1 "]" 'post)))
(define (basic-match pattern string . flags)
  (let ((m (regexp-exec (apply make-regexp pattern regexp/basic flags) string)))
    (and m (map (lambda (i) (match:substring m i)) (iota (match:count m))))))
(test-equal "regexp/basic: \\( \\) group and bare parentheses are literal" '(("abbc" "bb") ("a(b)c"))
  (list (basic-match "a\\(b*\\)c" "xabbcx") (basic-match "a(b)c" "xa(b)cx")))
(test-equal "regexp/basic: \\{ \\} interval, \\| \\+ \\? as GNU reads them, bare ones literal"
  '(("aaa") ("a{2}") ("y") ("x|y") ("aaab") ("a+b?"))
  (list (basic-match "a\\{2,3\\}" "caaaa") (basic-match "a{2}" "a{2}") (basic-match "x\\|y" "zy")
        (basic-match "x|y" "x|y") (basic-match "a\\+b\\?" "aaab") (basic-match "a+b?" "a+b?")))
(test-equal "regexp/basic: a leading * and a ^ or $ inside are literal" '(("*a") ("*a") ("a^b$c") ("a" "a"))
  (list (basic-match "*a" "x*a") (basic-match "^*a" "*a") (basic-match "a^b$c" "a^b$c") (basic-match "\\(^a\\)" "ab")))
(test-equal "regexp/basic with regexp/icase and bracket classes" '(("ab" "b") ("23"))
  (list (basic-match "A\\(B\\)*" "xab" regexp/icase) (basic-match "[[:digit:]]\\{2\\}$" "a123")))
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

;;; POSIX semantics, as glibc gives them to Guile
(test-equal "leftmost-longest: the longest alternative wins" "abc"
  (match:substring (string-match "a|ab|abc" "xabcd")))
(test-equal "leftmost-longest: groups of the longest match" '((0 . 6) (0 . 3) (3 . 6))
  (let ((m (string-match "(foo|foobar)(bar)?" "foobar")))
    (map (lambda (i) (cons (match:start m i) (match:end m i))) '(0 1 2))))
(test-equal "the leftmost match wins over a longer one to its right" '(1 . 2)
  (let ((m (string-match "b|cdef" "abcdef"))) (cons (match:start m) (match:end m))))
(test-equal "a backslash in a bracket expression is an ordinary character" "a"
  (match:substring (string-match "[^\\/]+" "a\\b/c")))
(test-equal "a bracket expression starting with ]" "]a]"
  (match:substring (string-match "[]a]+" "]a]b")))
(test-equal "GNU word anchors" "ab" (match:substring (string-match "\\<ab\\>" "cab ab")))
(test-equal "the buffer anchor \\`" '(0 . 1)
  (let ((m (string-match "\\`a" "aa"))) (cons (match:start m) (match:end m))))
(test-equal "regexp/newline: a non-matching list does not match a newline" #f
  (regexp-exec (make-regexp "a[^b]c" regexp/newline) "a\nc"))
(test-equal "without regexp/newline it does" "a\nc"
  (match:substring (regexp-exec (make-regexp "a[^b]c") "a\nc")))

;;; searching from an offset: the rest is searched as a string of its own
(test-equal "^ matches at the start offset" '(1 . 2)
  (let ((m (regexp-exec (make-regexp "^a") "ba" 1))) (cons (match:start m) (match:end m))))
(test-eq "unless regexp/notbol" #f (regexp-exec (make-regexp "^a") "ba" 1 regexp/notbol))
(test-eq "regexp/noteol" #f (regexp-exec (make-regexp "a$") "ba" 0 regexp/noteol))
(test-equal "list-matches: ^ only at the start of the string" '("a")
  (map match:substring (list-matches "^a" "aaa")))
(test-equal "list-matches: each resumed search starts a word" 4
  (length (list-matches "\\<a" "aaa a")))
(test-equal "list-matches: no empty match from the search right after a match" '((1 . 2))
  (map (lambda (m) (cons (match:start m) (match:end m))) (list-matches "b|\\>" "abc")))
(test-equal "regexp-substitute/global: no empty match right after a match" "<a>\\<>c<>"
  (regexp-substitute/global #f "[a^-]?b*" "a\\c" 'pre "<" 0 ">" 'post))
(test-equal "regexp-substitute/global: ^ only at the start" "xaa"
  (regexp-substitute/global #f "^a" "aaa" 'pre "x" 'post))

(test-end "regex")
