;;; srfi-14.scm -- (srfi srfi-14): character sets. The standard sets are
;;; checked on ASCII and Latin-1 members and a few others; their sizes
;;; depend on the Unicode version and are not compared. char-set-unfold
;;; takes Guile's argument order (stop? f next seed). Not tested, as Guile
;;; 3.0.8 gets them wrong: (char-set-intersection) with no argument (full),
;;; char-set-diff+intersection, complements of sets holding U+0000 or the
;;; last code points.

(use-modules (srfi srfi-64) (srfi srfi-14) (ice-9 regex))

(test-begin "srfi-14")

(define (cs->string cs) (char-set->string cs))
(define (latin-1 cs)
  (char-set->string (char-set-intersection cs (ucs-range->char-set 0 256))))

;;; construction and queries
(test-assert "char-set?" (char-set? (char-set #\a)))
(test-assert "not char-set?" (not (char-set? "abc")))
(test-equal "char-set->list sorted" '(#\a #\b #\c) (char-set->list (char-set #\c #\a #\b)))
(test-equal "char-set->string" "ac" (char-set->string (char-set #\c #\a)))
(test-equal "duplicates" "ab" (cs->string (char-set #\a #\b #\a)))
(test-eqv "char-set-size" 3 (char-set-size (char-set #\x #\y #\z)))
(test-eqv "char-set-size empty" 0 (char-set-size (char-set)))
(test-equal "list->char-set" "abc" (cs->string (list->char-set '(#\c #\b #\a))))
(test-equal "list->char-set base" "abxy" (cs->string (list->char-set '(#\a #\b) (char-set #\x #\y))))
(test-equal "list->char-set!" "ab" (cs->string (list->char-set! '(#\a) (char-set #\b))))
(test-equal "string->char-set" "ehlo" (cs->string (string->char-set "hello")))
(test-equal "string->char-set base" "abz" (cs->string (string->char-set "ba" (char-set #\z))))
(test-equal "string->char-set!" "ab" (cs->string (string->char-set! "a" (char-set #\b))))
(test-equal "string->char-set! updates its argument" "ab"
  (let ((cs (char-set #\b)))
    (string->char-set! "a" cs)
    (cs->string cs)))
(test-equal "ucs-range->char-set" "abc" (cs->string (ucs-range->char-set 97 100)))
(test-equal "ucs-range->char-set base" "abz"
  (cs->string (ucs-range->char-set 97 99 #f (char-set #\z))))
(test-eqv "ucs-range->char-set skips surrogates" 4096
  (char-set-size (ucs-range->char-set #xD000 #xE800)))
(test-equal "ucs-range->char-set!" "ab" (cs->string (ucs-range->char-set! 97 98 #f (char-set #\b))))
(test-equal "char-set-filter" "24" (cs->string (char-set-filter (lambda (c) (even? (char->integer c)))
                                                               (string->char-set "1234"))))
(test-equal "char-set-filter base" "2z" (cs->string (char-set-filter (lambda (c) (char=? c #\2))
                                                                    (string->char-set "123")
                                                                    (char-set #\z))))
(test-equal "char-set-filter!" "1" (cs->string (char-set-filter! char-numeric? (string->char-set "a1") (char-set))))
(test-equal "->char-set string" "ab" (cs->string (->char-set "ba")))
(test-equal "->char-set char" "a" (cs->string (->char-set #\a)))
(test-assert "->char-set char-set" (char-set= (char-set #\a) (->char-set (char-set #\a))))
(test-assert "char-set-copy" (char-set= (char-set #\a #\b) (char-set-copy (char-set #\a #\b))))

;;; membership
(test-assert "char-set-contains?" (char-set-contains? (char-set #\a #\z) #\z))
(test-assert "not char-set-contains?" (not (char-set-contains? (char-set #\a #\z) #\m)))
(test-assert "contains in range" (char-set-contains? (ucs-range->char-set 1000 2000) (integer->char 1500)))
(test-assert "contains range end excluded" (not (char-set-contains? (ucs-range->char-set 1000 2000) (integer->char 2000))))
(test-assert "contains range start" (char-set-contains? (ucs-range->char-set 1000 2000) (integer->char 1000)))
(test-assert "empty contains nothing" (not (char-set-contains? char-set:empty #\a)))
(test-assert "full contains everything"
  (and (char-set-contains? char-set:full #\nul)
       (char-set-contains? char-set:full (integer->char #x10FFFF))
       (char-set-contains? char-set:full (integer->char #xD7FF))))
(test-eqv "char-set-count" 2 (char-set-count char-upper-case? (string->char-set "aBcD")))
(test-assert "char-set-every" (char-set-every char-alphabetic? (string->char-set "abc")))
(test-assert "not char-set-every" (not (char-set-every char-alphabetic? (string->char-set "ab1"))))
(test-assert "char-set-any" (char-set-any char-numeric? (string->char-set "ab1")))
(test-assert "not char-set-any" (not (char-set-any char-numeric? (string->char-set "ab"))))

;;; comparison
(test-assert "char-set=" (char-set= (char-set #\a #\b) (string->char-set "ba") (list->char-set '(#\b #\a))))
(test-assert "not char-set=" (not (char-set= (char-set #\a) (char-set #\a #\b))))
(test-assert "char-set= trivial" (and (char-set=) (char-set= (char-set #\a))))
(test-assert "char-set<=" (char-set<= (char-set #\a) (char-set #\a #\b) char-set:full))
(test-assert "not char-set<=" (not (char-set<= (char-set #\a #\c) (char-set #\a #\b))))
(test-assert "char-set-hash equal sets"
  (= (char-set-hash (char-set #\a #\b)) (char-set-hash (string->char-set "ba"))))
(test-assert "char-set-hash bound" (< (char-set-hash char-set:letter 10) 10))

;;; iteration
(test-equal "char-set-fold" '(#\c #\b #\a) (char-set-fold cons '() (char-set #\a #\b #\c)))
(test-equal "char-set-for-each" '(#\b #\a)
  (let ((acc '())) (char-set-for-each (lambda (c) (set! acc (cons c acc))) (char-set #\a #\b)) acc))
(test-equal "char-set-map" "AB" (cs->string (char-set-map char-upcase (char-set #\a #\b))))
(test-equal "char-set-unfold" "abc"
  (cs->string (char-set-unfold null? car cdr '(#\a #\b #\c))))
(test-equal "char-set-unfold base" "abz"
  (cs->string (char-set-unfold null? car cdr '(#\a #\b) (char-set #\z))))
(test-equal "char-set-unfold!" "az"
  (cs->string (char-set-unfold! null? car cdr '(#\a) (char-set #\z))))
(test-equal "cursors" '(#\a #\b #\x)
  (let ((cs (char-set #\x #\a #\b)))
    (let loop ((cur (char-set-cursor cs)) (acc '()))
      (if (end-of-char-set? cur)
          (reverse acc)
          (let ((c (char-set-ref cs cur)))
            (loop (char-set-cursor-next cs cur) (cons c acc)))))))
(test-assert "cursor of empty set" (end-of-char-set? (char-set-cursor (char-set))))

;;; algebra
(test-equal "char-set-adjoin" "abc" (cs->string (char-set-adjoin (char-set #\a) #\c #\b)))
(test-equal "char-set-adjoin!" "ab" (cs->string (char-set-adjoin! (char-set #\a) #\b)))
(test-equal "char-set-delete" "ac" (cs->string (char-set-delete (string->char-set "abc") #\b #\z)))
(test-equal "char-set-delete!" "a" (cs->string (char-set-delete! (string->char-set "ab") #\b)))
(test-equal "char-set-union" "abcd" (cs->string (char-set-union (char-set #\a #\c) (char-set #\b #\d))))
(test-equal "char-set-union adjacent" "abc" (cs->string (char-set-union (char-set #\a) (char-set #\b) (char-set #\c))))
(test-equal "char-set-union none" "" (cs->string (char-set-union)))
(test-equal "char-set-union!" "ab" (cs->string (char-set-union! (char-set #\a) (char-set #\b))))
(test-equal "char-set-intersection" "b" (cs->string (char-set-intersection (char-set #\a #\b) (char-set #\b #\c))))
(test-equal "char-set-intersection!" "b" (cs->string (char-set-intersection! (char-set #\a #\b) (char-set #\b))))
(test-equal "char-set-difference" "a" (cs->string (char-set-difference (string->char-set "abc") (char-set #\b) (char-set #\c))))
(test-equal "char-set-difference!" "a" (cs->string (char-set-difference! (string->char-set "ab") (char-set #\b))))
(test-equal "char-set-xor" "ac" (cs->string (char-set-xor (char-set #\a #\b) (char-set #\b #\c))))
(test-equal "char-set-xor three" "abc" (cs->string (char-set-xor (char-set #\a #\b) (char-set #\b #\c) (char-set #\b))))
(test-equal "char-set-xor!" "a" (cs->string (char-set-xor! (char-set #\a #\b) (char-set #\b))))
(test-equal "char-set-diff+intersection!" '("" "a")
  (call-with-values (lambda () (char-set-diff+intersection! (char-set #\a) (char-set #\a)))
    (lambda (d i) (list (cs->string d) (cs->string i)))))
(test-assert "complement" (not (char-set-contains? (char-set-complement (char-set #\a)) #\a)))
(test-assert "complement contains others" (char-set-contains? (char-set-complement (char-set #\a)) #\b))
(test-eqv "complement of empty" 1112064 (char-set-size (char-set-complement char-set:empty)))
(test-eqv "complement size" (- (char-set-size char-set:full) 2)
  (char-set-size (char-set-complement (char-set #\a #\b))))
(test-equal "letter, Latin-1"
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzªµºÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"
  (latin-1 char-set:letter))
(test-equal "lower-case, Latin-1" "abcdefghijklmnopqrstuvwxyzµßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"
  (latin-1 char-set:lower-case))
(test-equal "upper-case, Latin-1" "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ"
  (latin-1 char-set:upper-case))
(test-assert "title-case" (char-set-contains? char-set:title-case (integer->char #x01C5)))
(test-equal "digit, Latin-1" "0123456789" (latin-1 char-set:digit))
(test-assert "digit, Arabic-Indic" (char-set-contains? char-set:digit (integer->char #x0663)))
(test-assert "digit excludes superscripts" (not (char-set-contains? char-set:digit (integer->char #xB2))))
(test-equal "letter+digit, ASCII" "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
  (char-set->string (char-set-intersection char-set:letter+digit char-set:ascii)))
(test-equal "whitespace, Latin-1" (list->string (map integer->char '(9 10 11 12 13 32 160)))
  (latin-1 char-set:whitespace))
(test-assert "whitespace, ideographic space" (char-set-contains? char-set:whitespace (integer->char #x3000)))
(test-equal "blank, Latin-1" (list->string (map integer->char '(9 32 160))) (latin-1 char-set:blank))
(test-equal "punctuation, Latin-1" "!\"#%&'()*,-./:;?@[\\]_{}¡§«¶·»¿" (latin-1 char-set:punctuation))
(test-equal "symbol, Latin-1" "$+<=>^`|~¢£¤¥¦¨©¬®¯°±´¸×÷" (latin-1 char-set:symbol))
(test-eqv "graphic, ASCII" 94 (char-set-size (char-set-intersection char-set:graphic char-set:ascii)))
(test-assert "graphic has marks" (char-set-contains? char-set:graphic (integer->char #x0301)))
(test-assert "graphic lacks space" (not (char-set-contains? char-set:graphic #\space)))
(test-eqv "printing, ASCII" 100 (char-set-size (char-set-intersection char-set:printing char-set:ascii)))
(test-eqv "iso-control" 65 (char-set-size char-set:iso-control))
(test-equal "hex-digit" "0123456789ABCDEFabcdef" (cs->string char-set:hex-digit))
(test-eqv "ascii" 128 (char-set-size char-set:ascii))
(test-eqv "empty" 0 (char-set-size char-set:empty))
(test-eqv "full" 1112064 (char-set-size char-set:full))
(test-assert "letter is not digit" (char-set= char-set:empty (char-set-intersection char-set:letter char-set:digit)))
(test-assert "CJK letter" (char-set-contains? char-set:letter (integer->char #x4E2D)))
(test-assert "plane 2 letter" (char-set-contains? char-set:letter (integer->char #x20000)))
(test-assert "emoji symbol" (char-set-contains? char-set:symbol (integer->char #x1F600)))

(test-error "char-set-contains? of a non-char-set" 'wrong-type-arg (char-set-contains? "abc" #\a))

(test-equal "printed as Guile prints it: runs and single characters" "#<charset {#\\space #\\a..#\\c #\\x}>"
  (object->string (char-set #\a #\b #\c #\x #\space)))
(test-equal "the empty set printed" "#<charset {}>" (object->string (char-set)))
(let ((text (object->string (list->char-set (map integer->char (iota 60 0 2))))))
  (test-equal "at most 51 runs printed..." 51 (length (list-matches "#\\\\" text)))
  (test-assert "... then an ellipsis" (string-suffix? " #\\d ...}>" text)))

(test-end "srfi-14")
