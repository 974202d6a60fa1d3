;;; chars.scm -- characters: comparison, classification and case mapping,
;;; ASCII and beyond.
;;;
;;; Notes: R7RS char-foldcase and digit-value are only exported by
;;; (scheme char) in Guile 3.0.8 -- see r7rs.scm.  Guile writes some named
;;; characters differently from R7RS (#\esc, #\nul), so the printed form is
;;; only checked in reader.scm for names both agree on.

(use-modules (srfi srfi-64))

(test-begin "chars")

(test-assert "char?" (char? #\a))
(test-assert "string is not a char" (not (char? "a")))
(test-eqv "char->integer" 97 (char->integer #\a))
(test-eqv "integer->char" #\A (integer->char 65))
(test-eqv "char->integer of lambda" 955 (char->integer #\λ))
(test-eqv "integer->char max code point" 1114111 (char->integer (integer->char #x10FFFF)))
(test-error "integer->char surrogate" 'out-of-range (integer->char #xD800))
(test-eqv "round trip" #\λ (integer->char (char->integer #\λ)))

;;; comparison
(test-assert "char=?" (char=? #\a #\a))
(test-assert "char=? n-ary" (char=? #\a #\a #\a))
(test-assert "not char=?" (not (char=? #\a #\b)))
(test-assert "char<?" (char<? #\a #\b))
(test-assert "char<? n-ary" (char<? #\a #\b #\c))
(test-assert "char<? n-ary fails" (not (char<? #\a #\c #\b)))
(test-assert "char>?" (char>? #\b #\a))
(test-assert "char<=?" (char<=? #\a #\a #\b))
(test-assert "char>=?" (char>=? #\c #\b #\b))
(test-assert "char<? by code point" (char<? #\Z #\a))
(test-assert "char<? non-ASCII" (char<? #\z #\é))
(test-assert "char-ci=?" (char-ci=? #\a #\A))
(test-assert "char-ci=? n-ary" (char-ci=? #\a #\A #\a))
(test-assert "char-ci<?" (char-ci<? #\a #\B))
(test-assert "char-ci>?" (char-ci>? #\C #\b))
(test-assert "eqv? chars" (eqv? #\x (string-ref "x" 0)))

;;; classification
(test-assert "char-alphabetic? a" (char-alphabetic? #\a))
(test-assert "char-alphabetic? Z" (char-alphabetic? #\Z))
(test-assert "not char-alphabetic? 1" (not (char-alphabetic? #\1)))
(test-assert "not char-alphabetic? space" (not (char-alphabetic? #\space)))
(test-assert "char-alphabetic? lambda" (char-alphabetic? #\λ))
(test-assert "char-alphabetic? é" (char-alphabetic? #\é))
(test-assert "char-numeric? 5" (char-numeric? #\5))
(test-assert "not char-numeric? a" (not (char-numeric? #\a)))
(test-assert "char-numeric? Arabic-Indic three" (char-numeric? (integer->char #x0663)))
(test-assert "char-whitespace? space" (char-whitespace? #\space))
(test-assert "char-whitespace? tab" (char-whitespace? #\tab))
(test-assert "char-whitespace? newline" (char-whitespace? #\newline))
(test-assert "char-whitespace? return" (char-whitespace? (integer->char 13)))
(test-assert "char-whitespace? ideographic space" (char-whitespace? (integer->char #x3000)))
(test-assert "not char-whitespace? a" (not (char-whitespace? #\a)))
(test-assert "char-upper-case?" (char-upper-case? #\A))
(test-assert "not char-upper-case?" (not (char-upper-case? #\a)))
(test-assert "char-upper-case? Greek" (char-upper-case? #\Λ))
(test-assert "char-lower-case?" (char-lower-case? #\a))
(test-assert "not char-lower-case? digit" (not (char-lower-case? #\1)))

;;; case mapping
(test-eqv "char-upcase" #\A (char-upcase #\a))
(test-eqv "char-upcase unchanged" #\A (char-upcase #\A))
(test-eqv "char-upcase digit" #\1 (char-upcase #\1))
(test-eqv "char-upcase of a char whose upper case is two" #\xDF (char-upcase #\xDF))
(test-eqv "char-downcase" #\a (char-downcase #\A))
(test-eqv "char-upcase é" #\É (char-upcase #\é))
(test-eqv "char-upcase ä" #\Ä (char-upcase #\ä))
(test-eqv "char-downcase Sigma" #\σ (char-downcase #\Σ))
(test-eqv "char-upcase lambda" #\Λ (char-upcase #\λ))
(test-equal "char-general-category" '(Ll Lu Nd Zs Ps Cc Ll Zl Sc Sm Pc Mn Cn Co)
  (map char-general-category
       (list #\a #\A #\1 #\space #\( #\x0 #\xe9 #\x2028 #\$ #\+ #\_ #\x300 #\x378 #\xe000)))

;;; chars in other places
(test-equal "list of chars to string" "a b" (list->string (list #\a #\space #\b)))
(test-eqv "case on chars" 'vowel (case #\e ((#\a #\e #\i #\o #\u) 'vowel) (else 'consonant)))
(test-eqv "memv on chars" 3 (length (memv #\c (string->list "abcde"))))
(test-equal "char arithmetic via integers" #\e (integer->char (+ (char->integer #\a) 4)))
(test-equal "digit from char" 7 (- (char->integer #\7) (char->integer #\0)))

;; Guile compares characters case-blind in upper case, strings in upper
;; then lower case: final sigma is sigma, the long s is s, but the Kelvin
;; sign is no k and the dotted capital I no i (as characters)
(test-equal "char-ci on letters with two lower cases"
  '(#t #t #t #f #f #t)
  (list (char-ci=? #\x3c2 #\x3c3) (char-ci=? #\x3c2 #\x3a3) (char-ci=? #\x17f #\s)
        (char-ci=? #\x212a #\k) (char-ci=? #\x130 #\i) (char-ci<? #\a #\_)))
(test-equal "string-ci on letters with two lower cases"
  '(#t #t #f #t #f #t)
  (list (string-ci=? "ς" "Σ") (string-ci=? "ſ" "S") (string-ci=? "straße" "STRASSE")
        (string-ci=? "İ" "i") (string-ci<? "a" "_") (string-ci<? "ſ" "t")))

(test-end "chars")
