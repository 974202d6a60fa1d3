;;; library.scm -- smaller pieces of Guile's and R7RS's libraries that Guix
;;; and Mes code reaches for: hashing, bits, rationals, text ports, time,
;;; the environment.

(use-modules (srfi srfi-64) (ice-9 textual-ports) (ice-9 rdelim) (scheme time)
             (scheme process-context) (ice-9 iconv) (ice-9 ports) (srfi srfi-27)
             (srfi srfi-98) (srfi srfi-1))

(test-begin "library")

(test-assert "hash: equal strings hash alike" (= (hash "guix" 1000) (hash (string-copy "guix") 1000)))
(test-assert "hash: within the size" (< -1 (hash '(a b c) 7) 7))
(test-assert "hashq: within the size" (< -1 (hashq 'sym 13) 13))
(test-assert "hashv: equal numbers hash alike" (= (hashv 42 100) (hashv 42 100)))
(define t (make-hash-table))
(test-equal "hash-create-handle! adds" '(k . 1) (hash-create-handle! t 'k 1))
(test-equal "hash-create-handle! keeps" '(k . 1) (hash-create-handle! t 'k 2))

(test-eqv "integer-length" 8 (integer-length 255))
(test-eqv "integer-length of a negative" 8 (integer-length -256))
(test-eqv "integer-length of 0" 0 (integer-length 0))
(test-eqv "logcount" 3 (logcount 7))
(test-eqv "logcount of a negative" 3 (logcount -8))
(test-eqv "integer-length of a bignum" 100001 (integer-length (expt 2 100000)))
(test-eqv "integer-length of a negative bignum" 100000 (integer-length (- (expt 2 100000))))
(test-eqv "logcount of a bignum" 100000 (logcount (- (expt 2 100000) 1)))
(test-eqv "logcount of a negative bignum" 100000 (logcount (- (expt 2 100000))))
(test-eqv "rationalize, exact" 1/3 (rationalize 3/10 1/10))
(test-eqv "rationalize, inexact" #i1/3 (rationalize .3 1/10))
(test-eqv "rationalize to zero" 0 (rationalize 1/4 1/2))

(test-equal "get-string-all" "xyz" (get-string-all (open-input-string "xyz")))
(test-equal "get-line" "one" (get-line (open-input-string "one\ntwo")))
(test-equal "read-string with a count, Guile's order" "hel" (read-string (open-input-string "hello") 3))

(test-assert "current-second is the epoch time" (> (current-second) 1.6e9))
(test-assert "current-jiffy counts up" (<= (current-jiffy) (current-jiffy)))
(test-assert "jiffies-per-second" (positive? (jiffies-per-second)))
(test-equal "get-environment-variable" (getenv "HOME") (get-environment-variable "HOME"))
(test-assert "get-environment-variables" (assoc "HOME" (get-environment-variables)))

(test-assert "defined?: a name an imported module exports" (defined? 'read-line!))
(test-assert "defined?: a name no module has" (not (defined? 'no-such-name-anywhere)))
(test-equal "write-line displays, then a newline" "a\"b\n12\n"
  (with-output-to-string (lambda () (write-line "a\"b") (write-line 12))))
(test-equal "port-line and port-column count lines, and tabs to the next multiple of 8" '((0 8) (0 16) (1 1))
  (let ((p (open-input-string "ab\tcdefghi\tj\nk")))
    (define (at) (list (port-line p) (port-column p)))
    (read-char p) (read-char p) (read-char p)
    (let ((first (at)))
      (do ((i 0 (+ i 1))) ((= i 8)) (read-char p))
      (let ((second (at)))
        (read-char p) (read-char p) (read-char p)
        (list first second (at))))))
(test-equal "read-delimited reads past the delimiter unless told to peek" '("ab" #\c "ab" #\,)
  (let ((p (open-input-string "ab,cd")) (q (open-input-string "ab,cd")))
    (list (read-delimited "," p) (read-char p) (read-delimited "," q 'peek) (read-char q))))
(test-equal "read-delimited's concat and split" '("ab;" ("cd" . #\,) ("ef" . #t))
  (let ((p (open-input-string "ab;cd,ef")))
    (list (read-delimited ",;" p 'concat) (read-delimited ",;" p 'split)
          (let ((last (read-delimited ",;" p 'split))) (cons (car last) (eof-object? (cdr last)))))))
(test-equal "read-delimited! fills the buffer up to the delimiter" '(2 "ab---")
  (let ((s (make-string 5 #\-)))
    (list (read-delimited! ":" s (open-input-string "ab:cd")) s)))

(test-eqv "bit-extract" 15 (bit-extract -1 0 4))
(test-eqv "bit-extract of a bignum" 4 (bit-extract (expt 2 70) 68 71))
(test-eqv "noop gives its first argument" 7 (noop 7 2))
(test-eqv "noop with none gives #f" #f (noop))
(test-equal "pk prints on the current output port after a newline" "\n;;; (here 1)\n"
  (with-output-to-string (lambda () (pk 'here 1))))

(test-equal "thunk?" '(#t #f #t #f #f)
  (list (thunk? (lambda () 1)) (thunk? (lambda (x) x)) (thunk? (lambda args 1)) (thunk? car) (thunk? 5)))
(define (documented x) "Double X." (* 2 x))
(define (undocumented) "only a value")
(test-equal "procedure-documentation" '("Double X." #f "doc")
  (list (procedure-documentation documented) (procedure-documentation undocumented)
        (procedure-documentation (eval '(lambda (x) "doc" x) (interaction-environment)))))
(test-equal "procedure-properties: the name and documentation" '((name . documented) (documentation . "Double X."))
  (procedure-properties documented))
(test-equal "procedure-property" '(documented #f) (list (procedure-property documented 'name)
                                                       (procedure-property (lambda (x) x) 'name)))
(set-procedure-property! documented 'color 'red)
(set-procedure-property! documented 'size 1)
(set-procedure-property! documented 'color 'blue)
(test-equal "set-procedure-property! adds after the others, or replaces"
  '((name . documented) (documentation . "Double X.") (color . blue) (size . 1))
  (procedure-properties documented))
(test-assert "make-doubly-weak-hash-table" (hash-table? (make-doubly-weak-hash-table)))


;; Guile's equivalence predicates take any number of arguments.
(test-equal "eq?, eqv?, equal? on 0, 1 and 3 arguments" '(#t #t #t #t #f #t #f #t)
  (list (eq?) (eqv? 1) (equal?) (eq? 'a 'a 'a) (eq? 'a 'a 'b)
        (eqv? 1.5 1.5 1.5) (eqv? 1 1 2) (equal? "a" (string #\a) "a")))
(test-equal "applied to a list" '(#t #f) (list (apply equal? '((1) (1) (1))) (apply eqv? '(1 1 2))))

;;; random numbers: ranges, and the same seed giving the same numbers
(define (draws n state) (map (lambda (i) (random n state)) (iota 50)))
(test-assert "random: exact integers below the limit"
  (every (lambda (x) (and (exact-integer? x) (<= 0 x 9))) (map (lambda (i) (random 10)) (iota 200))))
(test-assert "random: below a bignum limit"
  (every (lambda (x) (and (exact-integer? x) (<= 0 x) (< x (expt 2 100)))) (draws (expt 2 100) *random-state*)))
(test-assert "random: a flonum limit gives flonums below it"
  (every (lambda (x) (and (inexact? x) (<= 0 x) (< x 2.5))) (draws 2.5 *random-state*)))
(test-assert "random: not always the same number" (> (length (delete-duplicates (draws 1000 *random-state*))) 10))
(test-equal "seed->random-state: the same seed, the same numbers"
  (draws 1000 (seed->random-state 42)) (draws 1000 (seed->random-state 42)))
(test-assert "copy-random-state goes on as the original"
  (let* ((s (seed->random-state 7)) (c (copy-random-state s)))
    (equal? (draws 100 s) (draws 100 c))))
(test-assert "random:uniform, random:exp in range; random:normal a flonum"
  (and (< -1 (random:uniform) 1) (>= (random:exp) 0) (inexact? (random:normal))))
(test-error "random of 0 is out of range" 'out-of-range (random 0))
(test-error "random of a fraction is a wrong type" 'wrong-type-arg (random 1/2))
(test-assert "SRFI-27: random-integer and random-real"
  (and (< -1 (random-integer 5) 5) (< 0 (random-real) 1) (random-source? default-random-source)))
(test-assert "SRFI-27: a pseudo-randomized source repeats itself"
  (let ((a (make-random-source)) (b (make-random-source)))
    (random-source-pseudo-randomize! a 1 2)
    (random-source-pseudo-randomize! b 1 2)
    (equal? (map (lambda (i) ((random-source-make-integers a) 1000)) (iota 20))
            (map (lambda (i) ((random-source-make-integers b) 1000)) (iota 20)))))

;;; (ice-9 iconv), ports
(test-equal "string->bytevector in ISO-8859-1" #vu8(233) (string->bytevector "é" "ISO-8859-1"))
(test-equal "string->bytevector in UTF-8" #vu8(195 169) (string->bytevector "é" "UTF-8"))
(test-error "a character ISO-8859-1 lacks is an encoding error" 'encoding-error
  (string->bytevector "ā" "ISO-8859-1"))
(test-equal "unless substituted" #vu8(63) (string->bytevector "ā" "ISO-8859-1" 'substitute))
(test-error "bytes that are not UTF-8 are a decoding error" 'decoding-error
  (bytevector->string #vu8(195 40) "UTF-8"))
(test-equal "bytevector->string in Latin-1" "é" (bytevector->string #vu8(233) "latin1"))
(test-equal "call-with-encoded-output-string" #vu8(233)
  (call-with-encoded-output-string "ISO-8859-1" (lambda (port) (display "é" port))))
(test-error "an encoding guix0 lacks is an error" 'misc-error (string->bytevector "x" "EBCDIC"))
(test-equal "file-port?" '(#t #f #f)
  (list (file-port? (current-output-port)) (file-port? (open-input-string "x")) (file-port? 1)))
(test-assert "current-warning-port is an output port" (output-port? (current-warning-port)))
(test-assert "SRFI-98 get-environment-variable" (string? (get-environment-variable "PATH")))

(test-end "library")
