;;; strings.scm -- R7RS string procedures, Unicode strings, and the Guile
;;; core string procedures (SRFI-13 subset) that Guix code calls.
;;;
;;; Notes: string literals are immutable in Guile once compiled, so every
;;; mutation here works on (string-copy ...) or (make-string ...).  R7RS
;;; multi-string string-map/string-for-each are not in Guile's default
;;; environment (see r7rs.scm); here they take one string.  "ß"-style case
;;; mappings that change the length are avoided.

(use-modules (srfi srfi-64))

(test-begin "strings")

;;; construction and access
(test-assert "string?" (string? "abc"))
(test-assert "symbol is not a string" (not (string? 'abc)))
(test-equal "make-string" "xxx" (make-string 3 #\x))
(test-eqv "make-string length" 4 (string-length (make-string 4)))
(test-equal "string" "abc" (string #\a #\b #\c))
(test-equal "string no args" "" (string))
(test-eqv "string-length" 5 (string-length "hello"))
(test-eqv "string-length empty" 0 (string-length ""))
(test-eqv "string-ref" #\e (string-ref "hello" 1))
(test-error "string-ref out of range" 'out-of-range (string-ref "abc" 3))
(test-equal "string-set!" "hallo"
  (let ((s (string-copy "hello"))) (string-set! s 1 #\a) s))

;;; comparison
(test-assert "string=?" (string=? "abc" "abc"))
(test-assert "string=? n-ary" (string=? "a" "a" "a"))
(test-assert "not string=?" (not (string=? "abc" "abd")))
(test-assert "string<?" (string<? "abc" "abd"))
(test-assert "string<? prefix" (string<? "ab" "abc"))
(test-assert "string<? n-ary" (string<? "a" "b" "c"))
(test-assert "string<? n-ary fails" (not (string<? "a" "b" "a")))
(test-assert "string>?" (string>? "b" "a"))
(test-assert "string<=?" (string<=? "a" "a" "b"))
(test-assert "string>=?" (string>=? "b" "b" "a"))
(test-assert "string-ci=?" (string-ci=? "Hello" "hELLO"))
(test-assert "string-ci<?" (string-ci<? "abc" "ABD"))
(test-assert "code point order" (string<? "z" "é"))
(test-assert "equal? on strings" (equal? "abc" (string #\a #\b #\c)))
(test-assert "strings are not eq? after copy" (not (eq? "abc" (string-copy "abc"))))

;;; substrings and copying
(test-equal "substring" "ell" (substring "hello" 1 4))
(test-equal "substring empty" "" (substring "hello" 2 2))
(test-equal "substring to end" "llo" (substring "hello" 2))
(test-error "substring bad range" 'out-of-range (substring "abc" 2 1))
(test-equal "string-append" "foobarbaz" (string-append "foo" "bar" "baz"))
(test-equal "string-append none" "" (string-append))
(test-equal "string-copy" "hello" (string-copy "hello"))
(test-equal "string-copy start" "llo" (string-copy "hello" 2))
(test-equal "string-copy start end" "el" (string-copy "hello" 1 3))
(test-equal "string-copy!" "ayzaa"
  (let ((s (make-string 5 #\a))) (string-copy! s 1 "xyz" 1) s))
(test-equal "string-copy! full" "axyza"
  (let ((s (make-string 5 #\a))) (string-copy! s 1 "xyz") s))
(test-equal "string-copy! overlapping right" "ababcd"
  (let ((s (string-copy "abcdef"))) (string-copy! s 2 s 0 4) s))
(test-equal "string-copy! overlapping left" "cdefef"
  (let ((s (string-copy "abcdef"))) (string-copy! s 0 s 2 6) s))
(test-error "string-copy! too small" 'out-of-range (string-copy! (make-string 2 #\a) 0 "abc"))
(test-equal "string-fill!" "zzz"
  (let ((s (make-string 3 #\a))) (string-fill! s #\z) s))
(test-equal "string-fill! range" "abba"
  (let ((s (string-copy "aaaa"))) (string-fill! s #\b 1 3) s))

;;; conversion
(test-equal "string->list" '(#\a #\b #\c) (string->list "abc"))
(test-equal "string->list start" '(#\b #\c) (string->list "abc" 1))
(test-equal "string->list range" '(#\b #\c) (string->list "abcde" 1 3))
(test-equal "list->string" "abc" (list->string '(#\a #\b #\c)))
(test-equal "list->string empty" "" (list->string '()))
(test-equal "string->symbol" 'abc (string->symbol "abc"))
(test-equal "symbol->string" "abc" (symbol->string 'abc))
(test-eqv "string->number" 42 (string->number "42"))
(test-equal "number->string" "42" (number->string 42))
(test-equal "string-upcase" "HELLO" (string-upcase "Hello"))
(test-equal "string-downcase" "hello" (string-downcase "HeLLo"))

;;; higher order (single string)
(test-equal "string-map" "ABC" (string-map char-upcase "abc"))
(test-equal "string-for-each order" '(#\c #\b #\a)
  (let ((acc '())) (string-for-each (lambda (c) (set! acc (cons c acc))) "abc") acc))

;;; Unicode
(test-eqv "string-length of héllo" 5 (string-length "héllo"))
(test-eqv "string-ref non-ASCII" #\é (string-ref "héllo" 1))
(test-eqv "string-ref after non-ASCII" #\o (string-ref "héllo" 4))
(test-eqv "string-ref lambda" 955 (char->integer (string-ref "aλb" 1)))
(test-equal "substring across non-ASCII" "él" (substring "héllo" 1 3))
(test-equal "string->list non-ASCII" '(#\h #\é #\l #\l #\o) (string->list "héllo"))
(test-equal "list->string non-ASCII" "aλ" (list->string (list #\a (integer->char 955))))
(test-equal "string-upcase non-ASCII" "HÉLLO" (string-upcase "héllo"))
(test-equal "string-downcase non-ASCII" "äb" (string-downcase "ÄB"))
;; Guile maps case one character at a time (R7RS also allows the longer
;; mappings): ß stays, a final sigma is σ, İ is i.
(test-equal "case maps character by character, as Guile's"
  (list "STRAßE" "σοφοσ" "ix" #\i)
  (list (string-upcase "straße") (string-downcase "ΣΟΦΟΣ") (string-downcase "İx") (char-downcase #\İ)))
(test-equal "string-set! non-ASCII into ASCII string" '("éello" 5 #\o)
  (let ((s (string-copy "hello")))
    (string-set! s 0 #\é)
    (list s (string-length s) (string-ref s 4))))
(test-equal "make-string with non-ASCII fill" "λλλ" (make-string 3 (integer->char 955)))
(test-equal "string-append mixed" "aλb€" (string-append "aλ" "b" "€"))
(test-eqv "astral plane char" 128512 (char->integer (string-ref "x😀y" 1)))
(test-eqv "astral plane length" 3 (string-length "x😀y"))

;;; Guile core string procedures used throughout Guix (SRFI-13 subset)
(test-assert "string-null?" (string-null? ""))
(test-assert "string-prefix?" (string-prefix? "he" "hello"))
(test-assert "not string-prefix?" (not (string-prefix? "lo" "hello")))
(test-assert "string-suffix?" (string-suffix? "lo" "hello"))
(test-equal "string-join default" "a b c" (string-join '("a" "b" "c")))
(test-equal "string-join delimiter" "a,b,c" (string-join '("a" "b" "c") ","))
(test-equal "string-join suffix" "a-b-c-" (string-join '("a" "b" "c") "-" 'suffix))
(test-equal "string-split" '("a" "b" "" "c") (string-split "a,b,,c" #\,))
(test-equal "string-split no delimiter" '("abc") (string-split "abc" #\,))
(test-equal "string-split empty" '("") (string-split "" #\,))
(test-eqv "string-index" 2 (string-index "hello" #\l))
(test-eqv "string-rindex" 3 (string-rindex "hello" #\l))
(test-eq "string-index missing" #f (string-index "hello" #\z))
(test-eqv "string-contains" 4 (string-contains "hello world" "o w"))
(test-eq "string-contains missing" #f (string-contains "hello" "xyz"))
(test-equal "string-trim-both" "hi" (string-trim-both "  hi  "))
(test-equal "string-trim" "hi  " (string-trim "  hi  "))
(test-equal "string-trim-right" "  hi" (string-trim-right "  hi  "))
(test-equal "string-pad" "   42" (string-pad "42" 5))
(test-equal "string-pad char" "00042" (string-pad "42" 5 #\0))
(test-equal "string-pad-right" "42   " (string-pad-right "42" 5))
(test-equal "string-take" "he" (string-take "hello" 2))
(test-equal "string-drop" "llo" (string-drop "hello" 2))
(test-equal "string-reverse" "cba" (string-reverse "abc"))
(test-equal "string-tokenize" '("a" "b" "c") (string-tokenize "a b  c"))
(test-eqv "string-count" 3 (string-count "banana" #\a))

;;; string ports as string builders
(test-equal "open-output-string" "a1(b)"
  (let ((p (open-output-string)))
    (display "a" p) (write 1 p) (write '(b) p)
    (get-output-string p)))
(test-equal "with-output-to-string" "hi 5"
  (with-output-to-string (lambda () (display "hi ") (display 5))))
(test-equal "read-char from string port" '(#\a #\λ)
  (let ((p (open-input-string "aλ")))
    (let* ((a (read-char p)) (b (read-char p))) (list a b))))
(test-assert "eof on empty string port" (eof-object? (read-char (open-input-string ""))))
(test-eqv "peek-char does not consume" #\x
  (let ((p (open-input-string "xy"))) (peek-char p) (read-char p)))

(test-end "strings")
