;;; format.scm -- (ice-9 format): the directives Guix code uses, their
;;; parameters and modifiers, destinations, and Guile's core simple-format.
;;;
;;; Expected strings are what Guile 3.0.8 prints. Not tested: ~w (not in
;;; Guile 3.0.8), ~:( and ~@( (Guile 3.0.8 upcases instead of capitalizing),
;;; rounding carries in ~e.

(use-modules (srfi srfi-64) (srfi srfi-9) (ice-9 format))

(test-begin "format")

(define (fmt . args) (apply format #f args))

;;; ~a ~s and padding
(test-equal "~a" "x 1 sym (1 x y)" (fmt "~a ~a ~a ~a" "x" 1 'sym '(1 "x" #\y)))
(test-equal "~s" "\"x\" #\\a 1/2" (fmt "~s ~s ~s" "x" #\a 1/2))
(test-equal "upper-case directives" "x \"y\" 5" (fmt "~A ~S ~D" "x" "y" 5))
(test-equal "~a unicode" "é" (fmt "~a" "é"))
(test-equal "~10a pads right" "abc       |" (fmt "~10a|" "abc"))
(test-equal "~10@a pads left" "       abc|" (fmt "~10@a|" "abc"))
(test-equal "~5s" "\"a\"  |" (fmt "~5s|" "a"))
(test-equal "~5@s" "  \"a\"|" (fmt "~5@s|" "a"))
(test-equal "padchar" "a----|" (fmt "~5,,,'-a|" "a"))
(test-equal "colinc" "ab  |" (fmt "~3,2a|" "ab"))
(test-equal "colinc steps" "ab         |" (fmt "~10,3a|" "ab"))
(test-equal "minpad" "ab   |" (fmt "~2,1,3a|" "ab"))
(test-equal "a character where a number goes counts as its code"
  (string-append (make-string 119 #\y) "1|") (fmt "~'x,'yd|" 1))
(test-equal "~a too wide" "abcdef" (fmt "~3a" "abcdef"))

;;; integers
(test-equal "~d" "42" (fmt "~d" 42))
(test-equal "~d bignum" "123456789012345678901234567890" (fmt "~d" 123456789012345678901234567890))
(test-equal "~5,'0d" "00042" (fmt "~5,'0d" 42))
(test-equal "~5d" "   42" (fmt "~5d" 42))
(test-equal "~@d" "+42" (fmt "~@d" 42))
(test-equal "~:d" "1,234,567" (fmt "~:d" 1234567))
(test-equal "~:@d" "+1,234,567" (fmt "~:@d" 1234567))
(test-equal "~:d negative" "-1,234" (fmt "~:d" -1234))
(test-equal "comma char and width" "1.2345.6789" (fmt "~,,'.,4:d" 123456789))
(test-equal "~20,'-:d" "---------123,456,789" (fmt "~20,'-:d" 123456789))
(test-equal "~d inexact integer" "3.0" (fmt "~d" 3.0))
(test-equal "~x ~o ~b" "ff 10 101" (fmt "~x ~o ~b" 255 8 5))
(test-equal "~X" "ff" (fmt "~X" 255))
(test-equal "~x negative" "-ff" (fmt "~x" -255))
(test-equal "~b negative" "-101" (fmt "~b" -5))
(test-equal "~8,'0x" "000000ff" (fmt "~8,'0x" 255))
(test-equal "~2r ~16r" "101 ff" (fmt "~2r ~16r" 5 255))
(test-equal "~2,8,'0r" "00000101" (fmt "~2,8,'0r" 5))
(test-equal "V parameter" "xxxx42|" (fmt "~v,'xd|" 6 42))
(test-equal "# parameter" " 42|" (fmt "~#d|" 42 1 2))

;;; ~r words and Roman numerals
(test-equal "~r" "forty-two" (fmt "~r" 42))
(test-equal "~r zero" "zero" (fmt "~r" 0))
(test-equal "~r teens" "thirteen" (fmt "~r" 13))
(test-equal "~r hundreds" "one hundred fifteen" (fmt "~r" 115))
(test-equal "~r millions"
  "one million, two hundred thirty-four thousand, five hundred sixty-seven"
  (fmt "~r" 1234567))
(test-equal "~r skips zero groups" "one thousand, two" (fmt "~r" 1002))
(test-equal "~r trillion" "one trillion" (fmt "~r" 1000000000000))
(test-equal "~r negative" "minus twelve" (fmt "~r" -12))
(test-equal "~:r" "forty-second" (fmt "~:r" 42))
(test-equal "~:r twenty-first" "twenty-first" (fmt "~:r" 21))
(test-equal "~:r y -> ieth" "twentieth" (fmt "~:r" 20))
(test-equal "~:r irregular" "third twelfth fifth" (fmt "~:r ~:r ~:r" 3 12 5))
(test-equal "~:r hundredth" "one hundredth" (fmt "~:r" 100))
(test-equal "~:r zeroth" "zeroth" (fmt "~:r" 0))
(test-equal "~:r 1002" "one thousand second" (fmt "~:r" 1002))
(test-equal "~:r 1100" "one thousand, one hundredth" (fmt "~:r" 1100))
(test-equal "~@r" "MCMXCIV" (fmt "~@r" 1994))
(test-equal "~@r 4000" "MMMM" (fmt "~@r" 4000))
(test-equal "~:@r" "MDCCCCLXXXXIIII" (fmt "~:@r" 1994))

;;; ~c ~p
(test-equal "~c" "a" (fmt "~c" #\a))
(test-equal "~@c" "#\\a" (fmt "~@c" #\a))
(test-equal "~:c control" "^A" (fmt "~:c" (integer->char 1)))
(test-equal "~p" "1 item 2 items" (fmt "~d item~p ~d item~p" 1 1 2 2))
(test-equal "~:p ~:@p" "1 item 2 families" (fmt "~d item~:p ~d famil~:@p" 1 2))

;;; ~f ~e ~$
(test-equal "~,2f" "3.14" (fmt "~,2f" 3.14159))
(test-equal "~8,3f" "   2.500" (fmt "~8,3f" 2.5))
(test-equal "~f" "1.5" (fmt "~f" 1.5))
(test-equal "~f exact integer" "10.0" (fmt "~f" 10))
(test-equal "~f rational" "0.3333333333333333" (fmt "~f" 1/3))
(test-equal "~,3f rational" "0.333" (fmt "~,3f" 1/3))
(test-equal "~,0f" "3." (fmt "~,0f" 2.5))
(test-equal "~f large" "1000000000000000000000.0" (fmt "~f" 1e21))
(test-equal "~f small" "0.0000000001" (fmt "~f" 1e-10))
(test-equal "~f rounds half up 0.005" "0.01" (fmt "~,2f" 0.005))
(test-equal "~f rounds half up 0.015" "0.02" (fmt "~,2f" 0.015))
(test-equal "~f rounds half up 2.675" "2.68" (fmt "~,2f" 2.675))
(test-equal "~f rounds 0.05" "0.1" (fmt "~,1f" 0.05))
(test-equal "~f rounding carry" "100.0" (fmt "~,1f" 99.95))
(test-equal "~f carry to 1" "1.0" (fmt "~,1f" 0.95))
(test-equal "~f negative" "   -3.14|" (fmt "~8,2f|" -3.14159))
(test-equal "~f negative zero result" "-0.00" (fmt "~,2f" -0.001))
(test-equal "~f width only" " 3.14159|" (fmt "~8f|" 3.14159))
(test-equal "~f width cuts digits" "3.14|" (fmt "~4f|" 3.14159))
(test-equal "~f drops leading zero" ".50|" (fmt "~3,2f|" 0.5))
(test-equal "~f keeps leading zero" "0.50|" (fmt "~4,2f|" 0.5))
(test-equal "~f overflow" "123.5|" (fmt "~4,1f|" 123.456))
(test-equal "~f overflow char" "****|" (fmt "~4,1,,'*f|" 123.456))
(test-equal "~f scale" "150.00" (fmt "~,2,2f" 1.5))
(test-equal "~f padchar" "******1.50|" (fmt "~10,2,,,'*f|" 1.5))
(test-equal "~@f" "+1.5" (fmt "~@f" 1.5))
(test-equal "~f number string" "1.23" (fmt "~,2f" "1.234"))
(test-equal "~f digits beyond precision" "12345678901234567000.00"
  (fmt "~,2f" 12345678901234567890.0))
(test-equal "~e" "1.2345678E+4" (fmt "~e" 12345.678))
(test-equal "~,2e" "1.23E-3" (fmt "~,2e" 0.00123))
(test-equal "~10,3e" "  1.500E+0" (fmt "~10,3e" 1.5))
(test-equal "~e zero" "0.0E+0" (fmt "~e" 0))
(test-equal "~e big exponent" "1.0E+100" (fmt "~e" 1e100))
(test-equal "~e negative" "-5.0E-1" (fmt "~e" -0.5))
(test-equal "~e exponent digits" "1.23E+004" (fmt "~,2,3e" 12345.0))
(test-equal "~e scale 2" "12.3E+3" (fmt "~,2,,2e" 12345.0))
(test-equal "~e scale 0" "0.123E+4" (fmt "~,3,,0e" 1234.5))
(test-equal "~e scale -1" "0.012E+5" (fmt "~,3,,-1e" 1234.5))
(test-equal "~e no fraction digits" "1.E+4" (fmt "~,0e" 12345.0))
(test-equal "~e width" "3.1416E+0" (fmt "~9e" 3.14159))
(test-equal "~$" "3.14" (fmt "~$" 3.14159))
(test-equal "~$ parameters" "3.50|0003.14|      1.00|" (fmt "~$|~2,4$|~,,10$|" 3.5 3.14159 1.0))
(test-equal "~@$" "+2.00" (fmt "~@$" 2.0))

;;; newlines, tildes, tabs, columns
(test-equal "~% ~& ~~" "a\nb\nc\n\nd~" (fmt "a~%b~&~&c~2%d~~"))
(test-equal "~& at start" "x" (fmt "~&~a" "x"))
(test-equal "~2&" "x\n\n" (fmt "~a~2&" "x"))
(test-equal "~3%" "\n\n\n|" (fmt "~3%|"))
(test-equal "~2~" "~~|" (fmt "~2~|"))
(test-equal "~/" "\t|" (fmt "~/|"))
(test-equal "trailing tilde" "~" (fmt "~"))
(test-equal "~newline" "xy" (fmt "x~
   y"))
(test-equal "~:newline" "x   y" (fmt "x~:
   y"))
(test-equal "~@newline" "x\ny" (fmt "x~@
   y"))
(test-equal "~t" " |" (fmt "~t|"))
(test-equal "~10t" "ab        X" (fmt "ab~10tX"))
(test-equal "~3,4t" "ab |" (fmt "ab~3,4t|"))
(test-equal "~3,4t past column" "abcdef |" (fmt "abcdef~3,4t|"))
(test-equal "~3,0t past column" "abcdef|" (fmt "abcdef~3,0t|"))
(test-equal "~@t" "ab  |ab   |" (fmt "ab~2@t|ab~2,5@t|"))

;;; argument motion
(test-equal "~*" "1  3" (fmt "~a ~* ~a" 1 2 3))
(test-equal "~:*" "1  1" (fmt "~a ~:* ~a" 1))
(test-equal "~@*" "1 2 2" (fmt "~a ~a ~1@*~a" 1 2))
(test-equal "~0@*" "1 2 1" (fmt "~0@*~a ~a ~0@*~a" 1 2))
(test-equal "extra arguments ignored" "1" (fmt "~a" 1 2))

;;; ~? indirection
(test-equal "~?" "<1 2> 3" (fmt "~? ~a" "<~a ~a>" '(1 2) 3))
(test-equal "~@?" "1+2" (fmt "~@?" "~a+~a" 1 2))
(test-equal "~k" "1!" (fmt "~k" "~a!" '(1)))

;;; ~{ ~} iteration
(test-equal "~{ ~^ ~}" "1, 2, 3" (fmt "~{~a~^, ~}" '(1 2 3)))
(test-equal "~{ empty" "" (fmt "~{~a~^ ~}" '()))
(test-equal "~{ two per step" "1 23 4" (fmt "~{~a ~a~}" '(1 2 3 4)))
(test-equal "~1{" "1" (fmt "~1{~a~}" '(1 2 3 4)))
(test-equal "~:{" "<1 2><3 4>" (fmt "~:{<~a ~a>~}" '((1 2) (3 4))))
(test-equal "~:{ ~^ ends a step" "1-2|34-5|" (fmt "~:{~a~^-~a|~}" '((1 2) (3) (4 5))))
(test-equal "~@{" "123" (fmt "~@{~a~}" 1 2 3))
(test-equal "~@{ ~^" "1 2 3" (fmt "~@{~a~^ ~}" 1 2 3))
(test-equal "~3@{" "123" (fmt "~3@{~a~}" 1 2 3 4 5))
(test-equal "~:@{" "13" (fmt "~:@{~a~}" '(1 2) '(3 4)))
(test-equal "~{~} format from argument" "1.2." (fmt "~{~}" "~a." '(1 2)))
(test-equal "~# in iteration" "1, 2, and 3"
  (fmt "~{~a~#[~;, and ~:;, ~]~}" '(1 2 3)))

;;; ~[ ~] conditionals
(test-equal "~[" "one" (fmt "~[zero~;one~;two~:;many~]" 1))
(test-equal "~[ default" "many" (fmt "~[zero~;one~;two~:;many~]" 9))
(test-equal "~[ out of range" "" (fmt "~[a~;b~]" 5))
(test-equal "~0[" "a" (fmt "~0[a~;b~]"))
(test-equal "~:[ false" "no" (fmt "~:[no~;yes~]" #f))
(test-equal "~:[ true" "yes" (fmt "~:[no~;yes~]" 'x))
(test-equal "~@[ true" "val: 5" (fmt "~@[val: ~a~]" 5))
(test-equal "~@[ false" "" (fmt "~@[val: ~a~]" #f))

;;; ~( ~) and ~y
(test-equal "~( lower" "hello world" (fmt "~(HeLLo wORld~)"))
(test-equal "~:@( upper" "FOO BAR foo" (fmt "~:@(~a~) ~(~a~)" "foo bar" "FOO"))
(test-equal "~y short" "(a b)\n" (fmt "~y" '(a b)))
(test-equal "~y long, one element per line"
  (string-append "(0" (apply string-append
                             (map (lambda (i) (string-append "\n " (number->string i))) (iota 39 1)))
                 ")\n")
  (fmt "~y" (iota 40)))

;;; escapes
(test-equal "~^ at top level" "1" (fmt "~a~^x" 1))
(test-equal "~^ with nothing left" "" (fmt "~^x"))

;;; destinations
(test-equal "#t writes to the current output port" "hi 1\n"
  (with-output-to-string (lambda () (format #t "hi ~a~%" 1))))
(test-equal "#t returns #t" #t
  (let ((r #f)) (with-output-to-string (lambda () (set! r (format #t "x")))) r))
(test-equal "port destination" "<x>"
  (call-with-output-string (lambda (port) (format port "<~a>" 'x))))

;;; errors
(test-error "too few arguments" 'misc-error (fmt "~a ~a" 1))
(test-error "unknown directive" 'misc-error (fmt "~z" 1))
(test-error "~d of a non-number" 'misc-error (fmt "~d" 'a))
(test-error "~d of a non-integer" 'misc-error (fmt "~d" 1.5))
(test-error "~f of a non-number" 'misc-error (fmt "~,2f" 'a))
(test-error "~c of a non-char" 'misc-error (fmt "~c" 65))
(test-error "~{ of a non-list" 'misc-error (fmt "~{~a~}" 5))
(test-error "~[ negative" 'misc-error (fmt "~[a~:;b~]" -1))
(test-error "unterminated directive" 'misc-error (fmt "~5"))
(test-error "~@r of zero" 'misc-error (fmt "~@r" 0))
(test-error "~* past the end" 'misc-error (fmt "~a~*" 1))

;;; simple-format
(test-equal "simple-format" "x \"y\"\n~" (simple-format #f "~a ~s~%~~" "x" "y"))
(test-equal "simple-format upper case" "x \"y\"" (simple-format #f "~A ~S" "x" "y"))
(test-equal "simple-format to a port" "a1"
  (call-with-output-string (lambda (port) (simple-format port "a~a" 1))))
(test-error "simple-format ~d" 'misc-error (simple-format #f "~d" 1))
(test-error "simple-format too few" 'misc-error (simple-format #f "~a ~a" 1))
(test-error "simple-format too many" 'misc-error (simple-format #f "~a" 1 2))

;; The common directives take a faster path (src/runtime/format.rs); these
;; pin down its edges against Guile's output.
(define-record-type <point> (make-point x y) point? (x point-x) (y point-y))
(test-equal "common directives: padding counts characters, ~d of a bignum, negative radixes"
  "é         |    -ff|1267650600228229401496703205376|00101|\"é\"|"
  (format #f "~10a|~7x|~d|~5,'0b|~s|" "é" -255 (expt 2 100) 5 "é"))
(test-equal "common directives: ~a and ~s of a record, symbols and characters"
  "#<<point> x: 1 y: 2> sym #\\a a"
  (format #f "~a ~a ~s ~a" (make-point 1 2) 'sym #\a #\a))
(test-equal "common directives: extra arguments are ignored" "1" (format #f "~a" 1 2))
(test-error "common directives: ~d of a flonum is an error" 'misc-error (format #f "~d" 1.5))
(test-equal "a wide column" 70000 (string-length (format #f "~70000a" 1)))
(test-equal "simple-format with ~~ and ~%" "a~\nb" (simple-format #f "a~~~%~a" "b"))

(test-end "format")
