;;; reader.scm -- the reader: every datum syntax, read from a string port,
;;; checked structurally and (where the printed form is standard) written back.
;;;
;;; Guile 3.0.8 vs R7RS, and what this file does about it:
;;;  * Guile's default reader reads "\x41;" as the two-digit escape \x41
;;;    followed by a literal ";", and does not know R7RS |odd symbol| syntax;
;;;    both are opt-in read options (r6rs-hex-escapes, r7rs-symbols).  This file
;;;    turns them on with `read-enable' before the tests that need them.
;;;  * Guile writes 'x as (quote x), #\escape as #\esc, #\null as #\nul and
;;;    |a b| as #{a b}#; only structural equality is checked for those.
;;;  * A string line continuation in Guile keeps the leading blanks of the next
;;;    line (R7RS drops them), so the continuation test has none.
;;;  * #vu8(...) is Guile/R6RS bytevector syntax (R7RS spells it #u8(...)).

(use-modules (srfi srfi-64)
             (rnrs bytevectors))

(test-begin "reader")

(define (rd s) (read (open-input-string s)))
(define (wr x)
  (let ((p (open-output-string)))
    (write x p)
    (get-output-string p)))
(define (ds x)
  (let ((p (open-output-string)))
    (display x p)
    (get-output-string p)))
;; read -> write -> read gives back an equal datum
(define (stable? s)
  (let ((d (rd s)))
    (equal? (rd (wr d)) d)))
;; read -> write gives exactly the same text
(define (same s) (wr (rd s)))

;;; lists and pairs
(test-equal "empty list" '() (rd "()"))
(test-equal "proper list" '(1 2 3) (rd "(1 2 3)"))
(test-equal "nested list" '(a (b (c)) d) (rd "(a (b (c)) d)"))
(test-equal "dotted pair" '(a . b) (rd "(a . b)"))
(test-equal "improper list" '(a b . c) (rd "(a b . c)"))
(test-equal "dot then list is a list" '(a b c) (rd "(a . (b c))"))
(test-equal "write dotted pair" "(a . b)" (same "(a . b)"))
(test-equal "write improper list" "(a b . c)" (same "( a  b .  c )"))
(test-equal "write nested list" "(1 (2 (3 ())) \"s\")" (same "(1 (2 (3 ())) \"s\")"))
(test-equal "whitespace and newlines" '(1 2 3) (rd "(\n  1\t2\r\n 3 )"))
(test-equal "several data from one port" '(1 (2) x)
  (let ((p (open-input-string "1 (2)  x")))
    (let* ((a (read p)) (b (read p)) (c (read p)))
      (list a b c))))
(test-assert "eof after last datum"
  (let ((p (open-input-string " 42  ")))
    (read p)
    (eof-object? (read p))))
(test-assert "empty input is eof" (eof-object? (rd "")))

;;; quote shorthands
(test-equal "quote" '(quote a) (rd "'a"))
(test-equal "quote list" '(quote (1 2)) (rd "'(1 2)"))
(test-equal "quasiquote/unquote/splicing"
  '(quasiquote (a (unquote b) (unquote-splicing c)))
  (rd "`(a ,b ,@c)"))
(test-equal "quote of empty list" '(quote ()) (rd "'()"))
(test-equal "nested quote" '(quote (quote x)) (rd "''x"))
(test-equal "quasiquote vector" '(quasiquote #(1 (unquote x))) (rd "`#(1 ,x)"))
(test-equal "syntax" '(syntax a) (rd "#'a"))
(test-equal "quasisyntax family"
  '(quasisyntax (a (unsyntax b) (unsyntax-splicing c)))
  (rd "#`(a #,b #,@c)"))
(test-assert "quote form stable" (stable? "'(a `(b ,c ,@d))"))

;;; comments
(test-equal "line comment" 42 (rd "; a comment\n42"))
(test-equal "comment inside list" '(1 2) (rd "(1 ; one\n 2)"))
(test-equal "block comment" 7 (rd "#| block |# 7"))
(test-equal "nested block comment" 'z (rd "#| a #| b |# c |# z"))
(test-equal "block comment inside list" '(1 2) (rd "(1 #| x #| y |# |# 2)"))
(test-equal "datum comment atom" '(1 3) (rd "(1 #;2 3)"))
(test-equal "datum comment list" '(1 4) (rd "(1 #; (2 3) 4)"))
(test-equal "datum comment before datum" 'y (rd "#;(x) y"))
(test-equal "datum comment at end of list" '(a) (rd "(a #;b)"))
(test-equal "read stops after a list holding a datum comment"
  '((a c) d)
  (call-with-input-string "(a #;b c) d" (lambda (p) (let* ((x (read p)) (y (read p))) (list x y)))))
(test-equal "two nested datum comments" '(3) (rd "(#;#;1 2 3)"))

;;; booleans
(test-eq "#t" #t (rd "#t"))
(test-eq "#f" #f (rd "#f"))
(test-eq "#true" #t (rd "#true"))
(test-eq "#false" #f (rd "#false"))
(test-equal "write booleans" "(#t #f)" (wr (rd "(#true #false)")))

;;; characters
(test-eqv "simple char" #\a (rd "#\\a"))
(test-eqv "upper char" 65 (char->integer (rd "#\\A")))
(test-eqv "#\\space" 32 (char->integer (rd "#\\space")))
(test-eqv "#\\newline" 10 (char->integer (rd "#\\newline")))
(test-eqv "#\\tab" 9 (char->integer (rd "#\\tab")))
(test-eqv "#\\nul" 0 (char->integer (rd "#\\nul")))
(test-eqv "#\\null" 0 (char->integer (rd "#\\null")))
(test-eqv "#\\alarm" 7 (char->integer (rd "#\\alarm")))
(test-eqv "#\\backspace" 8 (char->integer (rd "#\\backspace")))
(test-eqv "#\\delete" 127 (char->integer (rd "#\\delete")))
(test-eqv "#\\escape" 27 (char->integer (rd "#\\escape")))
(test-eqv "#\\return" 13 (char->integer (rd "#\\return")))
(test-eqv "#\\x41" #\A (rd "#\\x41"))
(test-eqv "#\\x3bb" 955 (char->integer (rd "#\\x3bb")))
(test-eqv "#\\x alone is the letter x" 120 (char->integer (rd "#\\x")))
(test-eqv "#\\( " 40 (char->integer (rd "#\\(")))
(test-eqv "#\\)" 41 (char->integer (rd "#\\)")))
(test-eqv "#\\;" 59 (char->integer (rd "#\\;")))
(test-eqv "#\\\\" 92 (char->integer (rd "#\\\\")))
(test-eqv "non-ASCII char literal" 955 (char->integer (rd "#\\λ")))
(test-equal "chars in a list" '(#\a #\space #\b) (rd "(#\\a #\\space #\\b)"))
(test-equal "write #\\a" "#\\a" (wr #\a))
(test-equal "write #\\space" "#\\space" (wr #\space))
(test-equal "write #\\newline" "#\\newline" (wr #\newline))
(test-equal "write #\\tab" "#\\tab" (wr #\tab))
(test-equal "write #\\alarm" "#\\alarm" (wr (integer->char 7)))
(test-equal "write #\\delete" "#\\delete" (wr (integer->char 127)))
(test-equal "write #\\return" "#\\return" (wr (integer->char 13)))
(test-equal "write #\\x41" "#\\A" (same "#\\x41"))
(test-equal "write lambda char" "#\\λ" (wr (integer->char 955)))
(test-equal "display char" "a" (ds #\a))
(test-assert "escape char stable" (stable? "#\\escape"))
(test-assert "nul char stable" (stable? "#\\nul"))
;; Invisible characters are written by name or code, as Guile writes them,
;; and read back.
(test-equal "write control, non-breaking, format and private-use chars by name or octal code"
  '("#\\soh" "#\\us" "#\\so" "#\\200" "#\\240" "#\\20013" "#\\30000" "#\\160000" "#\\é")
  (map (lambda (code) (wr (integer->char code))) '(1 31 14 128 160 8203 12288 57344 233)))
(test-equal "write invisible chars in a string by code"
  "\"a\\x01\\b\\v\\f\\x80\\xa0\\u200b\\u3000\\U10ffffé\""
  (wr (list->string (map integer->char '(97 1 8 11 12 128 160 8203 12288 1114111 233)))))
(test-assert "every char below 600 written and read back"
  (let ((chars (map integer->char (iota 600))))
    (and (equal? (rd (wr chars)) chars)
         (equal? (rd (wr (list->string chars))) (list->string chars)))))

;;; strings
(test-equal "plain string" "abc" (rd "\"abc\""))
(test-equal "empty string" "" (rd "\"\""))
(test-equal "\\n escape" (list->string (list #\a (integer->char 10) #\b)) (rd "\"a\\nb\""))
(test-equal "\\t escape" (list->string (list #\a (integer->char 9) #\b)) (rd "\"a\\tb\""))
(test-equal "\\\\ escape" (list->string (list #\a #\\ #\b)) (rd "\"a\\\\b\""))
(test-equal "\\\" escape" (list->string (list #\a #\" #\b)) (rd "\"a\\\"b\""))
(test-equal "\\a escape" (list->string (list (integer->char 7))) (rd "\"\\a\""))
(test-eqv "\\x41; escape starts with A" #\A (string-ref (rd "\"\\x41;\"") 0))
(test-equal "line continuation" "abcdef" (rd "\"abc\\\ndef\""))
(test-equal "literal newline kept" (list->string (list #\a (integer->char 10) #\b))
  (rd "\"a\nb\""))
(test-equal "non-ASCII string" 5 (string-length (rd "\"héllo\"")))
(test-equal "write string with escapes" "\"a\\nb\\t\\\\\\\"\"" (wr (rd "\"a\\nb\\t\\\\\\\"\"")))
(test-equal "write plain string" "\"hello world\"" (wr "hello world"))
(test-equal "write non-ASCII string" "\"héllo λ\"" (wr "héllo λ"))
(test-equal "display string" "a\"b" (ds "a\"b"))
(test-assert "string with escapes stable" (stable? "\"x\\ny\\t\\\"z\\\"\\\\\""))

;;; numbers
(test-eqv "integer" 42 (rd "42"))
(test-eqv "negative integer" -17 (rd "-17"))
(test-eqv "explicit plus" 5 (rd "+5"))
(test-eqv "#x" 255 (rd "#xff"))
(test-eqv "#X upper" 31 (rd "#X1F"))
(test-eqv "#x negative" -255 (rd "#x-ff"))
(test-eqv "#b" 5 (rd "#b101"))
(test-eqv "#o" 15 (rd "#o17"))
(test-eqv "#d" 10 (rd "#d10"))
(test-eqv "#e decimal" 3/2 (rd "#e1.5"))
(test-eqv "#e exponent" 1000 (rd "#e1e3"))
(test-eqv "#i fraction" 0.5 (rd "#i1/2"))
(test-eqv "#i integer" 3.0 (rd "#i3"))
(test-eqv "#e#x" 16 (rd "#e#x10"))
(test-eqv "#x#e" 16 (rd "#x#e10"))
(test-eqv "decimal" 1.5 (rd "1.5"))
(test-assert "decimal is inexact" (inexact? (rd "1.5")))
(test-eqv "exponent" 1000.0 (rd "1e3"))
(test-eqv "negative exponent" 0.001 (rd "1e-3"))
(test-eqv "negative decimal" -0.5 (rd "-0.5"))
(test-eqv "leading dot" 0.5 (rd ".5"))
(test-eqv "signed leading dot" -5.0 (rd "-.5e1"))
(test-eqv "trailing dot" 1.0 (rd "1."))
(test-eqv "ratio" 1/3 (rd "1/3"))
(test-assert "ratio is exact" (exact? (rd "1/3")))
(test-eqv "ratio normalised" 3/2 (rd "6/4"))
(test-eqv "ratio to integer" 2 (rd "4/2"))
(test-equal "bignum" (expt 10 30) (rd "1000000000000000000000000000000"))
(test-equal "negative bignum" (- (expt 2 100)) (rd "-1267650600228229401496703205376"))
(test-equal "write bignum" "1267650600228229401496703205376"
  (same "1267650600228229401496703205376"))
(test-equal "write ratio" "1/3" (same "1/3"))
(test-equal "write decimal" "1.5" (same "1.5"))
(test-equal "write negative decimal" "-0.5" (same "-0.5"))
(test-equal "write exponent as decimal" "1000.0" (same "1e3"))
(test-equal "write hex as decimal" "255" (same "#xff"))

;;; symbols
(test-eq "symbol" 'abc (rd "abc"))
(test-assert "case sensitive" (not (eq? 'abc (rd "ABC"))))
(test-equal "upper-case symbol name" "ABC" (symbol->string (rd "ABC")))
(test-eq "peculiar ..." '... (rd "..."))
(test-eq "peculiar +" '+ (rd "+"))
(test-eq "peculiar -" '- (rd "-"))
(test-eq "peculiar ->x" '->x (rd "->x"))
(test-assert "1+ is a symbol" (symbol? (rd "1+")))
(test-eq "a letter first makes a symbol" 'e10 (rd "e10"))
(test-assert "+inf.0 is a number" (and (real? (rd "+inf.0")) (> (rd "+inf.0") 1e308)))
(test-eqv "+5 is a number" 5 (rd "+5"))
(test-equal "symbol with punctuation" "set-car!" (symbol->string (rd "set-car!")))
(test-equal "symbol chars" "<=?*/$%&:@^_~" (symbol->string (rd "<=?*/$%&:@^_~")))
(test-equal "write symbol" "hello-world" (wr 'hello-world))

;;; vectors
(test-equal "vector" '#(1 2 3) (rd "#(1 2 3)"))
(test-equal "empty vector" '#() (rd "#()"))
(test-assert "vector is vector" (vector? (rd "#(a)")))
(test-equal "nested vector" '#(a #(b) ()) (rd "#(a #(b) ())"))
(test-equal "vector of mixed" (vector 1 "a" #\b '(c)) (rd "#(1 \"a\" #\\b (c))"))
(test-equal "write vector" "#(1 #(2) \"x\")" (same "#(1 #(2) \"x\")"))

;;; bytevectors (Guile / R6RS #vu8 syntax)
(test-assert "#vu8 is bytevector" (bytevector? (rd "#vu8(1 2 3)")))
(test-equal "#vu8 contents" '(1 2 255) (bytevector->u8-list (rd "#vu8(1 2 255)")))
(test-eqv "#vu8 empty" 0 (bytevector-length (rd "#vu8()")))
(test-equal "write #vu8" "#vu8(1 2 255)" (same "#vu8(1 2 255)"))

;;; keywords (Guile)
(test-assert "keyword" (keyword? (rd "#:key")))
(test-eq "keyword->symbol" 'a-b (keyword->symbol (rd "#:a-b")))
(test-eq "keywords are interned" (rd "#:x") (rd "#:x"))
(test-equal "write keyword" "#:key" (same "#:key"))
(test-equal "keyword in list" (list 'f (symbol->keyword 'x) 1) (rd "(f #:x 1)"))

;;; R7RS |symbol| and \x41; escapes (opt-in read options in Guile 3.0.8)
(read-enable 'r7rs-symbols)
(read-enable 'r6rs-hex-escapes)
(test-equal "|odd symbol|" "odd symbol" (symbol->string (rd "|odd symbol|")))
(test-eq "|odd symbol| is interned" (string->symbol "odd symbol") (rd "|odd symbol|"))
(test-equal "|| is the empty symbol" "" (symbol->string (rd "||")))
;; Guile's own extended symbol syntax.
(test-equal "#{odd symbol}#" '("odd symbol" "" "a(b)c")
  (map symbol->string (list (rd "#{odd symbol}#") (rd "#{}#") (rd "#{a(b)c}#"))))
(test-eq "#{odd symbol}# is the same symbol as |odd symbol|" (rd "|odd symbol|") (rd "#{odd symbol}#"))
(test-equal "#{...}# takes \\x41; escapes" "aAb" (symbol->string (rd "#{a\\x41;b}#")))
(test-assert "odd symbol stable" (stable? "(|a b| |c|)"))
(test-equal "\\x41; escape" "AB" (rd "\"\\x41;B\""))
(test-equal "\\x3bb; escape" (string (integer->char 955)) (rd "\"\\x3bb;\""))

;;; everything together survives write/read
(test-assert "composite round trip"
  (stable? "(define (f x . r) `(#(1 2.5 #\\a \"s\\n\") ,x ,@r #:k 1/3 #t #f ()))"))

;;; A dotted list whose tail is a list is that list, in code as in data.
(test-eqv "call written (+ . (1 2))" 3 (+ . (1 2)))
(test-equal "parameters written (f . (a b))" '(1 2) (let () (define (f . (a b)) (list a b)) (f 1 2)))
(test-equal "(a . (b . (c)))" '(a b c) '(a . (b . (c))))
(test-equal "(a . (b . c))" '(a b . c) (cons 'a (cons 'b 'c)))
(test-equal "(a . ())" '(a) '(a . ()))

;;; Data nested deeper than 10,000 are written in full and read back
(define (nested n) (let loop ((i 0) (x 0)) (if (= i n) x (loop (+ i 1) (list x)))))
(test-assert "20,000-deep nesting round-trips"
  (let ((text (with-output-to-string (lambda () (write (nested 20000))))))
    (and (= (string-length text) 40001) (equal? (rd text) (nested 20000)))))

;;; Decimal integers, short ones read by a fast path, long ones as bignums
(test-equal "decimal integers" '(1 -2 3 0 123456789012345678 -1234567890123456789 12345678901234567890)
  (rd "(1 -2 +3 -0 123456789012345678 -1234567890123456789 12345678901234567890)"))
(test-equal "signs alone are symbols" (list (string->symbol "-") (string->symbol "+")) (rd "(- +)"))
(test-equal "signed names read as symbols" (string->symbol "-1a") (rd "-1a"))

;;; Lists and vectors holding only atoms (built by the lexer in one step)
(test-equal "flat lists, pairs and vectors" '((1 . 2) (a b c) #(x y) () #())
  (rd "((1 . 2) (a b c) #(x y) () #())"))
(test-equal "a flat list after a quote mark" ''(a b) (rd "'(a b)"))
(test-equal "a flat list as a dotted tail" '(a b c) (rd "(a . (b c))"))
(test-equal "flat lists among nested ones" '(f (g x) (h (i j) #(1)) k) (rd "(f (g x) (h (i j) #(1)) k)"))
(test-equal "a datum comment in a list" '(a c) (rd "(a #;b c)"))
(test-equal "(. x) is x" 'x (rd "(. x)"))

(test-equal "symbols that would read as something else are written as #{...}#"
  '("#{foo bar}#" "#{}#" "#{1abc}#" "#{a;b}#" "#{#foo}#" "#{a\\x28;b}#" "#{tab\\x9;x}#" "#{1.5}#")
  (map (lambda (s) (object->string (string->symbol s)))
       (list "foo bar" "" "1abc" "a;b" "#foo" "a(b" (string #\t #\a #\b #\tab #\x) "1.5")))
(test-equal "other symbols are written as they are" '("+" "..." "+a" ".a" "a|b" "x'y" ":a" "é")
  (map (lambda (s) (object->string (string->symbol s))) '("+" "..." "+a" ".a" "a|b" "x'y" ":a" "é")))
(test-equal "#{...}# reads back" '("foo bar" "a(b" "")
  (map (lambda (s) (symbol->string (rd (object->string (string->symbol s))))) '("foo bar" "a(b" "")))
(test-assert "*unspecified* holds the unspecified value" (unspecified? *unspecified*))

(test-end "reader")
