;;; numbers.scm -- the numeric tower as Guile 3 and R7RS agree on it:
;;; exact integers of any size (fixnum overflow must promote to bignum and
;;; results must come back down), exact rationals, flonums, and the R7RS
;;; numeric procedures.
;;;
;;; Flonum notation outside 1e-3..1e7 is Guile's choice (R7RS leaves it
;;; open), tested as such at the end. Avoided on purpose: (sqrt -4) (Guile gives a
;;; complex flonum), exactness of (exp 0) / (* 0 1.5) (either is allowed),
;;; and the R7RS names `exact'/`inexact'/`square', which Guile only exports
;;; from (scheme base) -- see r7rs.scm.

(use-modules (srfi srfi-64))

(test-begin "numbers")

(define (->string x) (number->string x))
(define (values->list thunk) (call-with-values thunk list))

(define (every-n? pred lst) (or (null? lst) (and (pred (car lst)) (every-n? pred (cdr lst)))))
(define max-i64 9223372036854775807)
(define min-i64 -9223372036854775808)

;;; big integers
(test-equal "expt 2 100" 1267650600228229401496703205376 (expt 2 100))
(test-equal "expt 2 100 printed" "1267650600228229401496703205376" (->string (expt 2 100)))
(test-equal "big product exact" 9999999999800000000001 (* 99999999999 99999999999))
(test-assert "big product is exact" (exact? (* 99999999999 99999999999)))
(test-equal "factorial 30"
  265252859812191058636308480000000
  (let f ((n 30)) (if (= n 0) 1 (* n (f (- n 1))))))
(test-equal "bignum subtraction to small" 1 (- (expt 2 100) (- (expt 2 100) 1)))
(test-eqv "bignum back to fixnum is eqv to a literal" 5
  (- (+ (expt 10 40) 5) (expt 10 40)))
(test-equal "bignum quotient" (expt 10 18) (quotient (expt 10 30) (expt 10 12)))
(test-equal "bignum remainder" 1 (remainder (+ (expt 10 30) 1) (expt 10 12)))
(test-equal "bignum division exact integer" 100 (/ (expt 10 20) (expt 10 18)))
(test-equal "bignum negative" "-1267650600228229401496703205376" (->string (- (expt 2 100))))
(test-assert "bignum comparison" (< (expt 2 64) (expt 2 65)))
(test-assert "bignum vs fixnum comparison" (> (expt 2 64) max-i64))
(test-assert "negative bignum comparison" (< (- (expt 2 64)) min-i64))
(test-assert "bignum = " (= (expt 2 70) (* (expt 2 35) (expt 2 35))))
(test-assert "bignum even?" (even? (expt 2 80)))
(test-assert "bignum odd?" (odd? (+ (expt 2 80) 1)))
(test-eqv "bignum gcd" (expt 2 40) (gcd (expt 2 80) (* 3 (expt 2 40))))

;;; fixnum overflow into bignum and back
(test-equal "+ overflows 64 bits" 9223372036854775808 (+ max-i64 1))
(test-equal "- overflows 64 bits" -9223372036854775809 (- min-i64 1))
(test-equal "* overflows 64 bits" 18446744073709551616 (* 4294967296 4294967296))
(test-equal "* overflow negative" -85070591730234615847396907784232501249
  (* max-i64 (- max-i64)))
(test-equal "negate most negative 64-bit" 9223372036854775808 (- min-i64))
(test-equal "abs most negative 64-bit" 9223372036854775808 (abs min-i64))
(test-equal "* -1 most negative" 9223372036854775808 (* -1 min-i64))
(test-equal "quotient most negative by -1" 9223372036854775808 (quotient min-i64 -1))
(test-eqv "remainder most negative by -1" 0 (remainder min-i64 -1))
(test-eqv "modulo most negative by -1" 0 (modulo min-i64 -1))
(test-equal "expt -2 63" min-i64 (expt -2 63))
(test-equal "expt -2 64" 18446744073709551616 (expt -2 64))
(test-equal "back down after +" max-i64 (- (+ max-i64 1) 1))
(test-eqv "back down to small" 3 (- (* 4294967296 4294967296) 18446744073709551613))
(test-equal "sum loop crosses 2^62 and 2^63"
  (* 4 (expt 2 62))
  (let loop ((i 0) (acc 0)) (if (= i 4) acc (loop (+ i 1) (+ acc (expt 2 62))))))
(test-equal "ash into bignum" 18446744073709551616 (ash 1 64))
(test-eqv "ash back down" 1 (ash (ash 1 100) -100))

;;; rationals
(test-eqv "1/3 via /" 1/3 (/ 1 3))
(test-assert "(/ 1 3) is exact" (exact? (/ 1 3)))
(test-assert "(/ 1 3) is not an integer" (not (integer? (/ 1 3))))
(test-equal "(/ 1 3) printed" "1/3" (->string (/ 1 3)))
(test-eqv "(/ 6 4)" 3/2 (/ 6 4))
(test-eqv "(/ 6 3) is an integer" 2 (/ 6 3))
(test-eqv "(/ 2)" 1/2 (/ 2))
(test-eqv "(/ -1 3)" -1/3 (/ -1 3))
(test-eqv "(/ 1 -3) sign moves up" -1/3 (/ 1 -3))
(test-eqv "rational sum" 1 (+ 1/3 2/3))
(test-eqv "rational product" 1 (* 1/3 3))
(test-eqv "rational difference" 1/6 (- 1/2 1/3))
(test-eqv "numerator" 3 (numerator 6/4))
(test-eqv "denominator" 2 (denominator 6/4))
(test-eqv "denominator of integer" 1 (denominator 5))
(test-assert "rational <" (< 1/3 1/2))
(test-equal "exact->inexact 1/3 printed" "0.3333333333333333" (->string (exact->inexact 1/3)))
(test-equal "exact->inexact 2/3 printed" "0.6666666666666666" (->string (exact->inexact 2/3)))
(test-eqv "inexact->exact 0.5" 1/2 (inexact->exact 0.5))
(test-eqv "inexact->exact 0.25" 1/4 (inexact->exact 0.25))
(test-eqv "inexact->exact 3.0" 3 (inexact->exact 3.0))
(test-assert "inexact->exact gives exact" (exact? (inexact->exact 2.5)))

;;; flonums and printing
(test-equal "1.5 printed" "1.5" (->string 1.5))
(test-equal "-0.5 printed" "-0.5" (->string -0.5))
(test-equal "3.0 printed" "3.0" (->string 3.0))
(test-equal "100.0 printed" "100.0" (->string (exact->inexact 100)))
(test-equal "0.1 printed" "0.1" (->string 0.1))
(test-equal "0.1 + 0.2 shortest round trip" "0.30000000000000004" (->string (+ 0.1 0.2)))
(test-equal "123.456 printed" "123.456" (->string 123.456))
(test-equal "-0.0 printed" "-0.0" (->string (- 0.0)))
;; Guile's notation: plain for exponents -3 to 6, and beyond 1e7 while at
;; most three zeros follow the digits; `e' notation otherwise.
(test-equal "Guile's choice between plain and e notation"
  '("1000000.0" "1.0e7" "1.5e7" "12345000.0" "123456789.0" "1.2345e8" "123456000.0"
    "12345678000.0" "1.2345678e11" "123456789012345680.0" "1.2345678901234567e20"
    "1.0e21" "0.001" "0.0012345678" "1.0e-4" "1.2345678e-4" "5.0e-324" "-1.0e7" "-12345678000.0")
  (map ->string '(1e6 1e7 1.5e7 12345000.0 123456789.0 1.2345e8 123456000.0
                  12345678000.0 123456780000.0 123456789012345678.0 1.2345678901234567e20
                  1e21 0.001 0.0012345678 1e-4 0.00012345678 5e-324 -1e7 -12345678000.0)))
(test-eqv "float arithmetic" 2.5 (+ 1.5 1))
(test-eqv "float division" 2.5 (/ 5.0 2))
(test-eqv "exact/inexact contagion +" 1.0 (+ 1/2 0.5))
(test-assert "contagion makes inexact" (inexact? (* 2 1.0)))
(test-assert "= across exactness" (= 2 2.0))
(test-assert "eqv? distinguishes exactness" (not (eqv? 2 2.0)))
(test-eqv "sqrt 16 exact" 4 (sqrt 16))
(test-assert "sqrt 16 is exact" (exact? (sqrt 16)))
(test-eqv "sqrt 1/4 exact" 1/2 (sqrt 1/4))
(test-assert "sqrt 2 inexact" (inexact? (sqrt 2)))
(test-assert "sqrt 2 accurate" (< (abs (- (* (sqrt 2) (sqrt 2)) 2)) 1e-12))
(test-eqv "sqrt 16.0" 4.0 (sqrt 16.0))
(test-eqv "sqrt of big square exact" (expt 10 20) (sqrt (expt 10 40)))
(test-assert "exp 0 is one" (= 1 (exp 0)))
(test-assert "log e" (< (abs (- (log (exp 1)) 1)) 1e-12))
(test-assert "atan 1 1 is pi/4" (< (abs (- (* 4 (atan 1 1)) 3.141592653589793)) 1e-12))
(test-assert "sin 0" (= 0 (sin 0)))
(test-eqv "expt float" 8.0 (expt 2.0 3))
(test-eqv "expt negative exponent exact" 1/4 (expt 2 -2))
(test-eqv "expt of rational" 1/8 (expt 1/2 3))
(test-eqv "expt 0 0" 1 (expt 0 0))
(test-eqv "expt x 0" 1 (expt 12345 0))
(test-assert "nan? of 0/0 float" (nan? (/ 0.0 0.0)))
(test-assert "infinity compares" (> (/ 1.0 0.0) (expt 10 400)))

;;; rounding
(test-eqv "floor -2.5" -3.0 (floor -2.5))
(test-eqv "ceiling -2.5" -2.0 (ceiling -2.5))
(test-eqv "truncate -2.5" -2.0 (truncate -2.5))
(test-eqv "round -2.5 to even" -2.0 (round -2.5))
(test-eqv "round 2.5 to even" 2.0 (round 2.5))
(test-eqv "round 3.5 to even" 4.0 (round 3.5))
(test-eqv "round 2.6" 3.0 (round 2.6))
(test-eqv "round 7/2 exact" 4 (round 7/2))
(test-eqv "floor 7/2 exact" 3 (floor 7/2))
(test-eqv "ceiling -7/2 exact" -3 (ceiling -7/2))
(test-eqv "truncate -7/2 exact" -3 (truncate -7/2))
(test-eqv "floor of integer" 5 (floor 5))

;;; integer division
(test-eqv "quotient 17 5" 3 (quotient 17 5))
(test-eqv "quotient -17 5" -3 (quotient -17 5))
(test-eqv "quotient 17 -5" -3 (quotient 17 -5))
(test-eqv "quotient -17 -5" 3 (quotient -17 -5))
(test-eqv "remainder 17 5" 2 (remainder 17 5))
(test-eqv "remainder -17 5" -2 (remainder -17 5))
(test-eqv "remainder 17 -5" 2 (remainder 17 -5))
(test-eqv "remainder -17 -5" -2 (remainder -17 -5))
(test-eqv "modulo 17 5" 2 (modulo 17 5))
(test-eqv "modulo -17 5" 3 (modulo -17 5))
(test-eqv "modulo 17 -5" -3 (modulo 17 -5))
(test-eqv "modulo -17 -5" -2 (modulo -17 -5))
(test-eqv "remainder 7 -2" 1 (remainder 7 -2))
(test-eqv "modulo float" -3.0 (modulo 17.0 -5))
(test-equal "floor/ -7 2" '(-4 1) (values->list (lambda () (floor/ -7 2))))
(test-equal "floor/ 7 -2" '(-4 -1) (values->list (lambda () (floor/ 7 -2))))
(test-equal "truncate/ -7 2" '(-3 -1) (values->list (lambda () (truncate/ -7 2))))
(test-equal "truncate/ 7 -2" '(-3 1) (values->list (lambda () (truncate/ 7 -2))))
(test-eqv "floor-quotient" -4 (floor-quotient -7 2))
(test-eqv "floor-remainder" 1 (floor-remainder -7 2))
(test-eqv "truncate-quotient" -3 (truncate-quotient -7 2))
(test-eqv "truncate-remainder" -1 (truncate-remainder -7 2))
(test-equal "exact-integer-sqrt 17" '(4 1) (values->list (lambda () (exact-integer-sqrt 17))))
(test-equal "exact-integer-sqrt 16" '(4 0) (values->list (lambda () (exact-integer-sqrt 16))))
(test-equal "exact-integer-sqrt bignum" (list (expt 10 15) 1)
  (values->list (lambda () (exact-integer-sqrt (+ (expt 10 30) 1)))))
(test-error "quotient by zero" 'numerical-overflow (quotient 1 0))
(test-error "exact division by zero" 'numerical-overflow (/ 1 0))

;;; gcd, lcm, abs, min, max
(test-eqv "gcd" 6 (gcd 12 18))
(test-eqv "gcd negative" 6 (gcd -12 18))
(test-eqv "gcd with zero" 5 (gcd 0 5))
(test-eqv "gcd no args" 0 (gcd))
(test-eqv "gcd three args" 4 (gcd 8 12 20))
(test-eqv "lcm" 12 (lcm 4 6))
(test-eqv "lcm negative" 12 (lcm -4 6))
(test-eqv "lcm no args" 1 (lcm))
(test-eqv "abs" 5 (abs -5))
(test-eqv "abs float" 5.5 (abs -5.5))
(test-eqv "abs rational" 1/2 (abs -1/2))
(test-eqv "max exact" 3 (max 1 3 2))
(test-eqv "min exact" 1 (min 3 1 2))
(test-eqv "max contagion" 2.0 (max 1 2.0))
(test-eqv "min contagion" 1.0 (min 1 2.0))
(test-assert "min contagion is inexact" (inexact? (min 1 2.0)))
(test-eqv "max of rationals" 1/2 (max 1/3 1/2))

;;; predicates
(test-assert "number?" (number? 1))
(test-assert "complex?" (complex? 1.5))
(test-assert "real?" (real? 1/2))
(test-assert "rational? 1.5" (rational? 1.5))
(test-assert "rational? 1/3" (rational? 1/3))
(test-assert "integer? 2.0" (integer? 2.0))
(test-assert "not integer? 2.5" (not (integer? 2.5)))
(test-assert "integer? bignum" (integer? (expt 2 100)))
(test-assert "exact? 1/2" (exact? 1/2))
(test-assert "inexact? 0.5" (inexact? 0.5))
(test-assert "exact-integer? 5" (exact-integer? 5))
(test-assert "not exact-integer? 5.0" (not (exact-integer? 5.0)))
(test-assert "not exact-integer? 1/2" (not (exact-integer? 1/2)))
(test-assert "not number? string" (not (number? "1")))
(test-assert "zero?" (zero? 0))
(test-assert "zero? 0.0" (zero? 0.0))
(test-assert "positive?" (positive? 1/2))
(test-assert "negative?" (negative? -0.5))
(test-assert "odd?" (odd? -3))
(test-assert "even?" (even? 0))
(test-assert "finite?" (finite? 1.5))
(test-assert "chained <" (< 1 2 3 4))
(test-assert "chained < fails" (not (< 1 3 2)))
(test-assert "chained >=" (>= 3 3 2 1))
(test-assert "chained =" (= 1 1.0 1))

;;; number->string / string->number
(test-equal "number->string 16" "ff" (number->string 255 16))
(test-equal "number->string 2" "11111111" (number->string 255 2))
(test-equal "number->string 8" "377" (number->string 255 8))
(test-equal "number->string negative 16" "-ff" (number->string -255 16))
(test-equal "number->string bignum 16" "10000000000000000" (number->string (expt 2 64) 16))
(test-equal "number->string rational" "-1/3" (number->string -1/3))
;; A flonum in another radix: its exact digits, with an exponent in that
;; radix when it is large or small.
(test-equal "flonum in binary" "1.1" (number->string 1.5 2))
(test-equal "flonum in binary, integral" "10.0" (number->string 2.0 2))
(test-equal "flonum in octal, negative" "-2.4" (number->string -2.5 8))
(test-equal "0.1 in hexadecimal" "0.1999999999999a" (number->string 0.1 16))
(test-equal "large flonum in hexadecimal" "5.6bc75e2d631e10" (number->string 1e20 16))
(test-equal "small flonum in hexadecimal" "a.7c5ac471b4788e-5" (number->string 1e-5 16))
(test-equal "flonum in octal with dropped digits" "3.43277244615e20" (number->string 1e15 8))
(test-equal "largest flonum in hexadecimal" "f.ffffffffffff8eff" (number->string 1.7976931348623157e308 16))
(test-equal "smallest flonum in binary" "1.0e-10000110010" (number->string 5e-324 2))
(test-equal "the bit after 1.0 in octal" "1.000000000000000004" (number->string (+ 1. (expt 2. -52)) 8))
(test-equal "largest flonum in octal" "1.777777777777777774e525" (number->string 1.7976931348623157e308 8))
(test-equal "a flonum in base 7 rounds its last digit" "1000.3333333333333334" (number->string 343.5 7))
(test-eqv "string->number radix 16" 255 (string->number "ff" 16))
(test-eqv "string->number radix 2" 5 (string->number "101" 2))
(test-equal "one radix and one exactness prefix at most"
  '(#f #f 16) (list (string->number "#e#i1") (string->number "#x#x1") (string->number "#x#e10")))
(test-eqv "string->number prefix" 255 (string->number "#xff"))
(test-eqv "string->number negative" -17 (string->number "-17"))
(test-eqv "string->number rational" 1/2 (string->number "1/2"))
(test-eqv "string->number decimal" 1.5 (string->number "1.5"))
(test-eqv "string->number exponent" 100.0 (string->number "1e2"))
(test-equal "string->number bignum" (- (expt 10 30)) (string->number "-1000000000000000000000000000000"))
(test-eq "string->number garbage" #f (string->number "abc"))
(test-eq "string->number empty" #f (string->number ""))
(test-eq "string->number bad digit for radix" #f (string->number "19" 8))
(test-assert "round trip in radixes 2..16"
  (let loop ((r 2))
    (or (> r 16)
        (and (every-n? (lambda (n) (= n (string->number (number->string n r) r)))
                       (list 0 1 -1 255 65535 -12345 max-i64 min-i64 (expt 3 90) (- (expt 7 50))))
             (loop (+ r 1))))))
(test-assert "float round trip" (= 0.1 (string->number (number->string 0.1))))
(test-assert "float round trip 2/3" (= (exact->inexact 2/3) (string->number (number->string (exact->inexact 2/3)))))

;;; #e with a decimal names the decimal exactly.
(test-eqv "#e0.1" 1/10 #e0.1)
(test-eqv "#e-1.25e2" -125 #e-1.25e2)
(test-eqv "#e1e-3" 1/1000 #e1e-3)
(test-eqv "string->number #e0.1" 1/10 (string->number "#e0.1"))

;;; The edges of the fixnums.
(test-eqv "most negative fixnum / -1" 9223372036854775808 (/ -9223372036854775808 -1))
(test-eqv "its quotient by -1" 9223372036854775808 (quotient -9223372036854775808 -1))
(test-eqv "its remainder by -1" 0 (remainder -9223372036854775808 -1))
(test-eqv "its negation" 9223372036854775808 (- -9223372036854775808))
(test-equal "ash too far is an overflow" 'numerical-overflow
  (catch #t (lambda () (ash 1 99999999999)) (lambda (key . args) key)))
(test-eqv "ash right, far" -1 (ash -5 -99999999999))

;; Exponents too large for a machine word (found by fuzzing).
(test-eqv "expt -1 to a huge odd power" -1 (expt -1 (+ 1 (expt 10 100))))
(test-eqv "expt -1 to a huge even power" 1 (expt -1 (expt 10 100)))
(test-eqv "expt 1 to a huge power stays exact" 1 (expt 1 (expt 10 100)))
(test-eqv "expt 0 to a huge power stays exact" 0 (expt 0 (expt 10 100)))
(test-equal "expt 2 to a huge power overflows" 'numerical-overflow
  (catch #t (lambda () (expt 2 (expt 10 100))) (lambda (key . args) key)))
(test-eqv "sqrt past the largest flonum" 1e200 (sqrt (+ 1 (expt 10 400))))
(test-assert "log past the largest flonum"
  (< (abs (- (log (expt 10 400)) 921.0340371976182)) 1e-9))
(test-assert "max with a NaN is a NaN" (nan? (max 1 +nan.0)))
(test-assert "min with a NaN is a NaN" (nan? (min +nan.0 1)))

(test-equal "trigonometry at exact points stays exact, as in Guile" '(0 1 0 0 0 0)
  (list (sin 0) (cos 0) (tan 0) (asin 0) (acos 1) (atan 0)))
(test-eqv "elsewhere it is inexact" 0.0 (sin 0.0))
(define (zero-eqv? x) (eqv? x 0))
(test-equal "eqv? of a number and other values, compiled inline" '(#t #f #f #f #f #t)
  (list (zero-eqv? 0) (zero-eqv? 0.0) (zero-eqv? 'a) (zero-eqv? "0") (zero-eqv? #\0)
        (eqv? (expt 2 100) (expt 2 100))))
;; (not (< a b)) and the like are one operation in guix0: it must agree
;; with not and the comparison on every kind of number.
(define (negations a b)
  (list (not (< a b)) (not (> a b)) (not (<= a b)) (not (>= a b)) (not (= a b))))
(test-equal "negated comparisons on fixnums" '((#t #f #t #f #t) (#f #t #f #t #t) (#t #t #f #f #f))
  (list (negations 2 1) (negations 1 2) (negations 3 3)))
(test-equal "negated comparisons on other numbers"
  '((#f #t #f #t #t) (#t #t #t #t #t) (#t #f #t #f #t) (#t #t #f #f #f))
  (list (negations 1.5 2) (negations (/ 0. 0.) 1) (negations (expt 10 30) 1/3) (negations 2 2.0)))
(test-assert "a negated comparison as a branch test"
  (let loop ((i 0) (seen '()))
    (if (not (< i 3)) (equal? seen '(2 1 0)) (loop (+ i 1) (cons i seen)))))
(test-error "a negated comparison checks its arguments" 'wrong-type-arg (not (< 'a 1)))

;; Signed zeros, as IEEE 754 gives them (found by differential fuzzing:
;; + started from an exact 0, abs kept the sign of -0.0).
(test-assert "the sum of negative zeros is -0.0" (eqv? -0.0 (+ -0.0 -0.0)))
(test-assert "+ of one operand is that operand" (eqv? -0.0 (+ -0.0)))
(test-assert "abs of -0.0 is 0.0" (eqv? 0.0 (abs -0.0)))
(test-equal "+ of nothing is exact 0" 0 (+))
(test-error "+ names its bad operand" 'wrong-type-arg (+ 1 2 'three))

;;; floor/ and truncate/ on any reals, as Guile: exact rationals give an
;;; exact integer quotient and an exact remainder; an inexact operand
;;; makes both inexact (the remainder x - y*q, not fmod)
(test-equal "floor/ on ratios" '(-11 -1/6) (values->list (lambda () (floor/ 7/2 -1/3))))
(test-equal "truncate/ on ratios" '(-10 1/6) (values->list (lambda () (truncate/ 7/2 -1/3))))
(test-equal "floor-quotient of an integer by a ratio" 14 (floor-quotient 7 1/2))
(test-equal "floor/ with a flonum" '(6.0 0.0) (values->list (lambda () (floor/ 3 0.5))))
(test-equal "floor-remainder -7/2 by 0.3" 0.09999999999999964 (floor-remainder -7/2 0.3))
(test-equal "truncate/ of a flonum" '(-1.0 -1.5) (values->list (lambda () (truncate/ -3.5 2))))
(test-equal "truncate-quotient of 0.5 by -2 is -0.0" "-0.0" (->string (truncate-quotient 0.5 -2)))
(test-equal "truncate-remainder of -0.0 is 0.0" "0.0" (->string (truncate-remainder -0.0 2)))
(test-equal "remainder rounds as x - y*q" 0.0 (remainder -98765432109876543210 3.0))
(test-assert "floor-remainder of infinity is NaN" (nan? (floor-remainder +inf.0 2)))
(test-error "floor-quotient by exact zero" 'numerical-overflow (floor-quotient 1/2 0))
(test-error "truncate-remainder by 0.0" 'numerical-overflow (truncate-remainder 1.5 0.0))
(test-error "floor-quotient of a symbol" 'wrong-type-arg (floor-quotient 'x 2))
(test-equal "euclidean/ after floor/" '((-4 -1) (-3 1))
  (list (values->list (lambda () (floor/ 7 -2))) (values->list (lambda () (euclidean/ 7 -2)))))

;;; expt of a flonum to an exact integer: exact 1 for the power 0, NaN for
;;; zero to a negative power, else the reciprocal squared up, digit for
;;; digit as Guile
(test-equal "flonum to the power 0 is exact 1" 1 (expt 2.5 0))
(test-assert "zero to a negative power is NaN" (nan? (expt 0.0 -2)))
(test-equal "negative power of a flonum" 9.999999999999998e-4 (expt 31.622776601683793 -2))
(test-equal "1.1 to the -7" 0.5131581182307066 (expt 1.1 -7))

;;; gcd and lcm of inexact integers use their exact values, however large
(test-equal "gcd of 1e300 and 3.0" 3.0 (gcd 1e300 3.0))
(test-equal "lcm of a bignum and -3.0" 1.2345678901234568e29 (lcm 123456789012345678901234567890 -3.0))
(test-equal "lcm of 3.0 and 0 is 0.0" "0.0" (->string (lcm 3.0 0)))
(test-error "lcm checks every operand" 'wrong-type-arg (lcm 0 "a"))

;;; a ratio too small or too large for a flonum on its own
(test-equal "inexact of a tiny exact ratio" 2.5e-300 (exact->inexact (inexact->exact 2.5e-300)))
(test-equal "inexact of a subnormal ratio" 1.0e-320 (exact->inexact (/ 1 (expt 10 320))))
(test-equal "sqrt of a ratio past the largest flonum" 5.773502691896257e199 (sqrt (/ (expt 10 400) 3)))
(test-equal "sqrt of a ratio below the smallest flonum" 3.1622776601683792e-201 (sqrt (/ 1 (expt 10 401))))

;;; round: ties to even, and a negative number that rounds to zero gives
;;; 0.0, as Guile has it
(test-equal "round ties" '(-2.0 -2.0 2.0 0.0) (map round '(-2.5 -1.5 2.5 0.5)))
(test-equal "round -0.4" "0.0" (->string (round -0.4)))
(test-equal "round -0.0" "-0.0" (->string (round -0.0)))
(test-equal "round just under a half" 0.0 (round 0.49999999999999994))

;;; R5RS number syntax Guile still reads: # for an unknown digit (making
;;; the number inexact) and the exponent markers s f d l
(test-equal "unknown digits and exponent markers"
  '(120.0 0.05 1.0e11 100.0 10 16.0 1000.0 0.1 100.0 1.0 1000.0 -50.0)
  (map string->number '("12#" "1/2#" "10f10" "1d2" "#e1#" "#x1#" "1s3" "1L-1" "1##.#" "1.#" "1#e2" "-5##/1#")))
(test-equal "no # before a digit, nor in place of the first one"
  '(#f #f #f #f #f)
  (map string->number '("1#2" "1#.5" ".#" "#" "1d")))

(test-end "numbers")
