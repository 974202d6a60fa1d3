;;; srfi-13.scm -- the SRFI-13 string library as Guile's (srfi srfi-13)
;;; provides it: every procedure, with its optional start/end ranges and its
;;; char / char-set / predicate arguments.
;;;
;;; Notes: string literals are immutable in Guile, so mutation works on
;;; (string-copy ...) or (make-string ...).  Hash values are only checked
;;; for consistency.  Guile 3.0.8 departs from SRFI-13 in xsubstring with a
;;; start argument (it replicates s[0, end - start)) and in string-xcopy!
;;; (it ignores tstart), so those cases are tested only where both readings
;;; agree.  Case mappings that change a string's length ("ß") are avoided.

(use-modules (srfi srfi-64) (srfi srfi-13) (srfi srfi-14))

(test-begin "srfi-13")

;;; predicates
(test-assert "string?" (string? "abc"))
(test-assert "string-null?" (string-null? ""))
(test-assert "string-null? non-empty" (not (string-null? "a")))
(test-eq "string-any first true value" 'yes
  (string-any (lambda (c) (and (char=? c #\b) 'yes)) "abc"))
(test-assert "string-any char" (string-any #\b "abc"))
(test-assert "string-any char-set" (string-any char-set:digit "ab1"))
(test-assert "string-any range" (not (string-any #\a "abca" 1 3)))
(test-assert "string-any empty" (not (string-any char-alphabetic? "")))
(test-eqv "string-every last value" 99 (string-every char->integer "abc"))
(test-assert "string-every char-set" (string-every char-set:letter "abc"))
(test-assert "string-every fails" (not (string-every char-alphabetic? "ab1")))
(test-assert "string-every range" (string-every char-alphabetic? "1ab2" 1 3))
(test-assert "string-every empty" (string-every char-alphabetic? ""))
(test-error "string-every bad range" 'out-of-range (string-every char-alphabetic? "abc" 2 5))

;;; constructors
(test-equal "make-string" "xxx" (make-string 3 #\x))
(test-equal "string" "ab" (string #\a #\b))
(test-equal "string-tabulate" "ABC"
  (string-tabulate (lambda (i) (integer->char (+ i 65))) 3))
(test-equal "string-tabulate empty" "" (string-tabulate (lambda (i) #\a) 0))
(test-equal "string->list range" '(#\b #\c) (string->list "abcd" 1 3))
(test-equal "list->string" "abc" (list->string '(#\a #\b #\c)))
(test-equal "reverse-list->string" "cba" (reverse-list->string '(#\a #\b #\c)))
(test-equal "string-join default" "a b c" (string-join '("a" "b" "c")))
(test-equal "string-join infix" "a-b" (string-join '("a" "b") "-" 'infix))
(test-equal "string-join suffix" "a-b-" (string-join '("a" "b") "-" 'suffix))
(test-equal "string-join strict-infix" "a-b" (string-join '("a" "b") "-" 'strict-infix))
(test-error "string-join strict-infix of no strings" 'misc-error (string-join '() "-" 'strict-infix))
(test-equal "string-join prefix" "-a-b" (string-join '("a" "b") "-" 'prefix))
(test-equal "string-join strict-infix" "a-b" (string-join '("a" "b") "-" 'strict-infix))

;;; selection
(test-eqv "string-length" 3 (string-length "abc"))
(test-eqv "string-ref" #\b (string-ref "abc" 1))
(test-equal "string-copy" "abc" (string-copy "abc"))
(test-equal "string-copy start" "bc" (string-copy "abc" 1))
(test-equal "string-copy range" "b" (string-copy "abc" 1 2))
(test-equal "substring/shared" "llo" (substring/shared "hello" 2))
(test-equal "substring/shared range" "el" (substring/shared "hello" 1 3))
(test-error "substring/shared bad range" 'out-of-range (substring/shared "abc" 2 1))
(test-equal "string-copy!" "axyd"
  (let ((s (string-copy "abcd"))) (string-copy! s 1 "xy") s))
(test-equal "string-copy! range" "ayzd"
  (let ((s (string-copy "abcd"))) (string-copy! s 1 "xyz" 1) s))
(test-equal "string-take" "ab" (string-take "abcd" 2))
(test-equal "string-drop" "cd" (string-drop "abcd" 2))
(test-equal "string-take-right" "cd" (string-take-right "abcd" 2))
(test-equal "string-drop-right" "ab" (string-drop-right "abcd" 2))
(test-error "string-take too many" 'out-of-range (string-take "ab" 3))
(test-equal "string-pad" "  abc" (string-pad "abc" 5))
(test-equal "string-pad truncates left" "def" (string-pad "abcdef" 3))
(test-equal "string-pad char" "**abc" (string-pad "abc" 5 #\*))
(test-equal "string-pad start" "***bc" (string-pad "abc" 5 #\* 1))
(test-equal "string-pad range" "bcd" (string-pad "abcdef" 3 #\* 1 4))
(test-equal "string-pad empty" "  " (string-pad "" 2))
(test-equal "string-pad-right" "abc  " (string-pad-right "abc" 5))
(test-equal "string-pad-right truncates right" "abc" (string-pad-right "abcdef" 3))
(test-equal "string-pad-right range" "bc**" (string-pad-right "abcd" 4 #\* 1 3))
(test-equal "string-trim" "ab  " (string-trim "  ab  "))
(test-equal "string-trim char" "ab" (string-trim "xxab" #\x))
(test-equal "string-trim char-set" "ab1" (string-trim "12ab1" char-set:digit))
(test-equal "string-trim start" "ab  " (string-trim "  ab  " char-whitespace? 1))
(test-equal "string-trim-right" "  ab" (string-trim-right "  ab  "))
(test-equal "string-trim-right range" "abc" (string-trim-right "abc  x" #\space 0 4))
(test-equal "string-trim-both" "a b" (string-trim-both "  a b  "))
(test-equal "string-trim-both char range" "ab" (string-trim-both "xxabxx" #\x 1 5))
(test-equal "string-trim-both all trimmed" "" (string-trim-both "   "))

;;; modification
(test-equal "string-set!" "axc" (let ((s (string-copy "abc"))) (string-set! s 1 #\x) s))
(test-equal "string-fill!" "xxx" (let ((s (string-copy "abc"))) (string-fill! s #\x) s))
(test-equal "string-fill! range" "axxd"
  (let ((s (string-copy "abcd"))) (string-fill! s #\x 1 3) s))

;;; comparison
(test-eqv "string-compare less" 2 (string-compare "abc" "abd" values (lambda (i) 'eq) (lambda (i) 'gt)))
(test-eq "string-compare equal" 'eq (string-compare "abc" "abc" values (lambda (i) 'eq) values))
(test-eqv "string-compare equal index" 3 (string-compare "abc" "abc" - values -))
(test-eqv "string-compare greater" -2 (string-compare "abd" "abc" - - -))
(test-equal "string-compare prefix is less" '(lt 2)
  (string-compare "ab" "abc" (lambda (i) (list 'lt i)) list list))
(test-equal "string-compare ranges" '(eq 3)
  (string-compare "xab" "ab" list (lambda (i) (list 'eq i)) list 1))
(test-equal "string-compare-ci" '(lt 2)
  (string-compare-ci "ABc" "abd" (lambda (i) (list 'lt i)) list list))
(test-assert "string=" (string= "abc" "abc"))
(test-assert "string= differs" (not (string= "abc" "abd")))
(test-assert "string= ranges" (string= "xabc" "yabc" 1 4 1 4))
(test-assert "string= length differs" (not (string= "ab" "abc")))
(test-assert "string<>" (string<> "abc" "abd"))
(test-assert "string<> equal" (not (string<> "abc" "abc")))
(test-assert "string<" (string< "abc" "abd"))
(test-assert "string< prefix" (string< "ab" "abc"))
(test-assert "string< start1" (string< "xabc" "abd" 1))
(test-assert "string< not" (not (string< "abd" "abc")))
(test-assert "string>" (string> "abd" "abc"))
(test-assert "string<=" (string<= "abc" "abc"))
(test-assert "string<= not" (not (string<= "abd" "abc")))
(test-assert "string>=" (string>= "abd" "abc"))
(test-assert "string>= not" (not (string>= "ab" "abc")))
(test-assert "string-ci=" (string-ci= "ABC" "abc"))
(test-assert "string-ci= ranges" (string-ci= "xABC" "abcy" 1 4 0 3))
(test-assert "string-ci<>" (string-ci<> "ABC" "abd"))
(test-assert "string-ci<" (string-ci< "ABC" "abd"))
(test-assert "string-ci< folds to lower case" (string-ci< "_" "A"))
(test-assert "string-ci>" (string-ci> "ABD" "abc"))
(test-assert "string-ci<=" (string-ci<= "ABC" "abc"))
(test-assert "string-ci>=" (string-ci>= "abc" "ABC"))
(test-error "string= bad range" 'out-of-range (string= "abc" "abc" 0 4))

;;; hashing
(test-assert "string-hash equal strings" (= (string-hash "hello") (string-hash (string-copy "hello"))))
(test-assert "string-hash bound" (< -1 (string-hash "hello" 7) 7))
(test-assert "string-hash range" (= (string-hash "xabcx" 100 1 4) (string-hash "abc" 100)))
(test-assert "string-hash-ci case" (= (string-hash-ci "HeLLo" 1000) (string-hash-ci "hello" 1000)))
(test-assert "string-hash-ci bound" (< -1 (string-hash-ci "hello" 5) 5))

;;; prefixes and suffixes
(test-eqv "string-prefix-length" 2 (string-prefix-length "abcd" "abxy"))
(test-eqv "string-prefix-length ranges" 2 (string-prefix-length "abcd" "abcd" 1 3 1 4))
(test-eqv "string-prefix-length none" 0 (string-prefix-length "abc" "xbc"))
(test-eqv "string-suffix-length" 3 (string-suffix-length "xbcd" "abcd"))
(test-eqv "string-suffix-length ranges" 1 (string-suffix-length "abcd" "xc" 0 3))
(test-eqv "string-prefix-length-ci" 2 (string-prefix-length-ci "ABcd" "abxy"))
(test-eqv "string-suffix-length-ci" 2 (string-suffix-length-ci "xyCD" "abcd"))
(test-assert "string-prefix?" (string-prefix? "ab" "abc"))
(test-assert "string-prefix? no" (not (string-prefix? "b" "abc")))
(test-assert "string-prefix? empty" (string-prefix? "" "abc"))
(test-assert "string-prefix? start1" (string-prefix? "xab" "abc" 1))
(test-assert "string-prefix? ranges" (string-prefix? "abc" "xabc" 0 3 1))
(test-assert "string-suffix?" (string-suffix? "bc" "abc"))
(test-assert "string-suffix? no" (not (string-suffix? "abc" "bc")))
(test-assert "string-suffix? ranges" (string-suffix? "bcx" "abcd" 0 2 0 3))
(test-assert "string-prefix-ci?" (string-prefix-ci? "AB" "abc"))
(test-assert "string-suffix-ci?" (string-suffix-ci? "BC" "abc"))

;;; searching
(test-eqv "string-index char" 2 (string-index "hello" #\l))
(test-eqv "string-index predicate" 1 (string-index "a1b" char-numeric?))
(test-eqv "string-index char-set" 2 (string-index "ab1" char-set:digit))
(test-eqv "string-index start" 4 (string-index "hello" #\o 3))
(test-assert "string-index range misses" (not (string-index "hello" #\l 4)))
(test-eqv "string-index range" 1 (string-index "abc" (lambda (c) (char=? c #\b)) 1 2))
(test-error "string-index bad start" 'out-of-range (string-index "abc" #\a 4))
(test-error "string-index start after end" 'out-of-range (string-index "abc" #\a 2 1))
(test-eqv "string-index-right" 3 (string-index-right "hello" #\l))
(test-eqv "string-index-right range" 2 (string-index-right "hello" #\l 0 3))
(test-assert "string-index-right none" (not (string-index-right "abc" #\z)))
(test-eqv "string-skip" 2 (string-skip "  ab" #\space))
(test-eqv "string-skip char-set" 2 (string-skip "12ab" char-set:digit))
(test-assert "string-skip all" (not (string-skip "aaa" #\a)))
(test-eqv "string-skip range" 3 (string-skip "aaab" #\a 1))
(test-eqv "string-skip-right" 1 (string-skip-right "ab  " #\space))
(test-eqv "string-skip-right range" 0 (string-skip-right "abbb" #\b 0 3))
(test-eqv "string-count char" 3 (string-count "banana" #\a))
(test-eqv "string-count predicate range" 2 (string-count "banana" (lambda (c) (char=? c #\a)) 2))
(test-eqv "string-count char-set range" 2 (string-count "banana" (string->char-set "n") 0 5))
(test-eqv "string-contains" 4 (string-contains "hello world" "o"))
(test-eqv "string-contains start1" 7 (string-contains "hello world" "o" 5))
(test-eqv "string-contains empty" 0 (string-contains "hello" ""))
(test-assert "string-contains missing" (not (string-contains "hello" "xyz")))
(test-eqv "string-contains ranges" 2 (string-contains "hello" "lx" 0 5 0 1))
(test-assert "string-contains end1" (not (string-contains "hello" "lo" 0 4)))
(test-eqv "string-contains non-ASCII" 1 (string-contains "éab" "ab"))
(test-eqv "string-contains-ci" 2 (string-contains-ci "HELLO" "ll"))
(test-eqv "string-contains-ci ranges" 3 (string-contains-ci "aBcBc" "xbc" 2 5 1))

;;; case
(test-equal "string-upcase" "ABC" (string-upcase "abc"))
(test-equal "string-upcase range" "aBCdef" (string-upcase "abcdef" 1 3))
(test-equal "string-downcase" "abc" (string-downcase "ABC"))
(test-equal "string-downcase start" "ABcd" (string-downcase "ABCD" 2))
(test-equal "string-upcase!" "abCDEF"
  (let ((s (string-copy "abcdef"))) (string-upcase! s 2) s))
(test-equal "string-downcase!" "AbcD"
  (let ((s (string-copy "ABCD"))) (string-downcase! s 1 3) s))
(test-equal "string-titlecase" "Hello World Foo1Bar It'S X-Ray"
  (string-titlecase "hello WORLD foo1bar it's x-ray"))
(test-equal "string-titlecase start" "abC Def" (string-titlecase "abc def" 2))
(test-equal "string-titlecase range" "aBc Def" (string-titlecase "abc def" 1 5))
(test-equal "string-titlecase digraph" (string (integer->char #x1C5) #\a)
  (string-titlecase (string (integer->char #x1C6) #\A)))
(test-equal "char-titlecase" (list #\A #\1 (integer->char #x1C5) (integer->char #x1F2))
  (map char-titlecase (list #\a #\1 (integer->char #x1C6) (integer->char #x1F1))))
(test-equal "string-titlecase!" "Foo Bar"
  (let ((s (string-copy "fOO bar"))) (string-titlecase! s) s))
(test-equal "string-titlecase! range" "fOo bar"
  (let ((s (string-copy "fOO bar"))) (string-titlecase! s 1 3) s))

;;; reverse and append
(test-equal "string-reverse" "cba" (string-reverse "abc"))
(test-equal "string-reverse start" "abfedc" (string-reverse "abcdef" 2))
(test-equal "string-reverse range" "acbdef" (string-reverse "abcdef" 1 3))
(test-equal "string-reverse!" "cba" (let ((s (string-copy "abc"))) (string-reverse! s) s))
(test-equal "string-reverse! range" "adcbef"
  (let ((s (string-copy "abcdef"))) (string-reverse! s 1 4) s))
(test-equal "string-append" "abcd" (string-append "ab" "" "cd"))
(test-equal "string-append/shared" "abcd" (string-append/shared "ab" "cd"))
(test-equal "string-append/shared none" "" (string-append/shared))
(test-equal "string-concatenate" "abc" (string-concatenate '("a" "b" "c")))
(test-equal "string-concatenate/shared" "abc" (string-concatenate/shared '("a" "bc")))
(test-equal "string-concatenate-reverse" "abc" (string-concatenate-reverse '("c" "b" "a")))
(test-equal "string-concatenate-reverse final" "abcxyz"
  (string-concatenate-reverse '("c" "b" "a") "xyz"))
(test-equal "string-concatenate-reverse end" "abcx"
  (string-concatenate-reverse '("c" "b" "a") "xyz" 1))
(test-error "string-concatenate-reverse bad end" 'out-of-range
  (string-concatenate-reverse '("a") "xy" 3))
(test-equal "string-concatenate-reverse/shared" "abx"
  (string-concatenate-reverse/shared '("b" "a") "x"))

;;; fold, map, unfold, iteration
(test-equal "string-map" "ABC" (string-map char-upcase "abc"))
(test-equal "string-map range" "BC" (string-map char-upcase "abcd" 1 3))
(test-equal "string-map!" "aBCd"
  (let ((s (string-copy "abcd"))) (string-map! char-upcase s 1 3) s))
(test-equal "string-fold" '(#\c #\b #\a) (string-fold cons '() "abc"))
(test-equal "string-fold start" '(#\c #\b) (string-fold cons '() "abc" 1))
(test-eqv "string-fold count" 2
  (string-fold (lambda (c n) (if (char=? c #\a) (+ n 1) n)) 0 "banana" 0 4))
(test-equal "string-fold-right" '(#\a #\b #\c) (string-fold-right cons '() "abc"))
(test-equal "string-fold-right range" '(#\a #\b) (string-fold-right cons '() "abc" 0 2))
(test-equal "string-unfold" "ab" (string-unfold null? car cdr '(#\a #\b)))
(test-equal "string-unfold base and final" "preabpost"
  (string-unfold null? car cdr '(#\a #\b) "pre" (lambda (seed) "post")))
(test-equal "string-unfold counting" "0123"
  (string-unfold (lambda (i) (= i 4)) (lambda (i) (integer->char (+ i 48))) (lambda (i) (+ i 1)) 0))
(test-equal "string-unfold-right" "ba" (string-unfold-right null? car cdr '(#\a #\b)))
(test-equal "string-unfold-right base and final" "postbapre"
  (string-unfold-right null? car cdr '(#\a #\b) "pre" (lambda (seed) "post")))
(test-equal "string-for-each" '(#\c #\b #\a)
  (let ((acc '())) (string-for-each (lambda (c) (set! acc (cons c acc))) "abc") acc))
(test-equal "string-for-each range" '(#\c #\b)
  (let ((acc '())) (string-for-each (lambda (c) (set! acc (cons c acc))) "abcd" 1 3) acc))
(test-equal "string-for-each-index" '(2 1 0)
  (let ((acc '())) (string-for-each-index (lambda (i) (set! acc (cons i acc))) "abc") acc))
(test-equal "string-for-each-index start" '(2 1)
  (let ((acc '())) (string-for-each-index (lambda (i) (set! acc (cons i acc))) "abc" 1) acc))

;;; replication
(test-equal "xsubstring rotate" "cdefab" (xsubstring "abcdef" 2))
(test-equal "xsubstring negative from" "efabcd" (xsubstring "abcdef" -2 4))
(test-equal "xsubstring repeats" "abcabca" (xsubstring "abc" 0 7))
(test-equal "xsubstring empty result" "" (xsubstring "abc" 2 2))
(test-equal "xsubstring range" "baba" (xsubstring "abab" 1 5 2 4))
(test-error "xsubstring of an empty string" 'misc-error (xsubstring "" 0 1))
(test-equal "string-xcopy!" "bcabca"
  (let ((s (make-string 6 #\-))) (string-xcopy! s 0 "abc" 1 7) s))
(test-equal "string-xcopy! default sto" "abc---"
  (let ((s (make-string 6 #\-))) (string-xcopy! s 0 "abc" 0) s))

;;; replacing, tokens, filtering
(test-equal "string-replace" "hXYlo" (string-replace "hello" "XY" 1 3))
(test-equal "string-replace ranges" "hYlo" (string-replace "hello" "XYZ" 1 3 1 2))
(test-equal "string-tokenize" '("a" "b" "c") (string-tokenize "  a b\tc "))
(test-equal "string-tokenize drops control characters" '("a" "b")
  (string-tokenize (string #\a (integer->char 1) #\b)))
(test-equal "string-tokenize char-set start" '("lo" "world" "foo")
  (string-tokenize "hello world, foo" char-set:letter 3))
(test-equal "string-tokenize range" '("b" "c") (string-tokenize "a b c d" char-set:letter 1 5))
(test-equal "string-tokenize empty" '() (string-tokenize "   "))
(test-equal "string-filter predicate" "abc" (string-filter char-alphabetic? "a1b2c3"))
(test-equal "string-filter char" "aaa" (string-filter #\a "banana"))
(test-equal "string-filter range" "bc" (string-filter char-alphabetic? "a1b2c3" 1))
(test-equal "string-delete char-set" "bnn" (string-delete (string->char-set "aeiou") "banana"))
(test-equal "string-delete range" "nn" (string-delete #\a "banana" 2 5))

(test-error "string-replace with its end before its start" 'out-of-range (string-replace "abc" "x" 2 1))
(test-error "string-replace past the end" 'out-of-range (string-replace "abc" "x" 2 7))

(test-end "srfi-13")
