;;; r7rs.scm -- R7RS-small names that Guile 3.0.8 exports only from its
;;; (scheme ...) libraries, not from the default (guile-user) environment:
;;; exact/inexact/square, vector-map/for-each, multi-list string-map,
;;; ranges on vector->list, the R7RS bytevector API, 3-argument
;;; member/assoc, error objects, raise-continuable, make-promise/delay-force,
;;; bytevector ports.  The other files stay in the default environment, which
;;; is what Guix code sees.
;;;
;;; Importing these libraries makes Guile print "overrides core binding"
;;; warnings on stderr; they are harmless.
;;;
;;; Avoided: multi-string string-for-each (Guile 3.0.8 rejects it even from
;;; (scheme base)), file-error? on a failed open-input-file (Guile 3.0.8
;;; does not classify it as one), and (features) containing `guile' (the
;;; (scheme base) version leaves it out).

(use-modules (srfi srfi-64)
             (scheme base)
             (scheme char)
             (scheme lazy)
             (scheme inexact)
             (scheme file))

(test-begin "r7rs")

;;; numbers
(test-eqv "exact" 3/2 (exact 1.5))
(test-eqv "exact of integral float" 2 (exact 2.0))
(test-assert "exact gives exact-integer" (exact-integer? (exact (floor 2.5))))
(test-eqv "inexact" 0.25 (inexact 1/4))
(test-eqv "square" 25 (square 5))
(test-eqv "square rational" 1/4 (square 1/2))
(test-equal "square bignum" (expt 10 40) (square (expt 10 20)))
(test-assert "infinite?" (infinite? (/ 1.0 0.0)))
(test-assert "not infinite?" (not (infinite? 1.0)))
(test-assert "finite?" (finite? 1.0))
(test-assert "nan?" (nan? (/ 0.0 0.0)))
(test-eqv "expt" 1024 (expt 2 10))

;;; vectors and strings
(test-equal "vector-map" '#(11 22) (vector-map + #(1 2) #(10 20 30)))
(test-equal "vector-map one vector" '#(1 4 9) (vector-map (lambda (x) (* x x)) #(1 2 3)))
(test-equal "vector-for-each" '(6 4)
  (let ((acc '()))
    (vector-for-each (lambda (x y) (set! acc (cons (+ x y) acc))) #(1 2) #(3 4))
    acc))
(test-equal "vector->list range" '(2 3) (vector->list #(1 2 3 4) 1 3))
(test-equal "vector->list start" '(3 4) (vector->list #(1 2 3 4) 2))
(test-equal "string->vector" '#(#\a #\b #\c) (string->vector "abc"))
(test-equal "string->vector range" '#(#\b #\c) (string->vector "abcde" 1 3))
(test-equal "vector->string" "ab" (vector->string #(#\a #\b)))
(test-equal "string-map two strings" "abb"
  (string-map (lambda (a b) (if (char<? a b) a b)) "adc" "bbb"))
(test-equal "string-map one string" "ABC" (string-map char-upcase "abc"))

;;; lists
(test-equal "member with predicate" '(2 3) (member 2.0 '(1 2 3) =))
(test-equal "assoc with predicate" '(2 b) (assoc 2.0 '((1 a) (2 b)) =))
(test-equal "member default equal?" '((a) b) (member '(a) '(x (a) b)))
(test-assert "boolean=?" (boolean=? #t #t #t))
(test-assert "not boolean=?" (not (boolean=? #t #f)))
(test-assert "symbol=?" (symbol=? 'a 'a))
(test-assert "not symbol=?" (not (symbol=? 'a 'a 'b)))

;;; chars
(test-eqv "char-foldcase" #\a (char-foldcase #\A))
(test-equal "string-foldcase" "hello" (string-foldcase "HeLLo"))
(test-eqv "digit-value" 7 (digit-value #\7))
(test-eqv "digit-value Arabic-Indic" 3 (digit-value (integer->char #x0663)))
(test-eq "digit-value non-digit" #f (digit-value #\a))

;;; bytevectors (R7RS API)
(test-equal "bytevector" #vu8(1 2 3) (bytevector 1 2 3))
(test-equal "bytevector empty" #vu8() (bytevector))
(test-equal "bytevector-append" #vu8(1 2 3) (bytevector-append (bytevector 1) (bytevector 2 3)))
(test-equal "bytevector-copy range" #vu8(2 3) (bytevector-copy (bytevector 1 2 3 4) 1 3))
(test-equal "bytevector-copy! (R7RS order)" #vu8(0 2 3 0 0)
  (let ((b (bytevector 0 0 0 0 0))) (bytevector-copy! b 1 (bytevector 1 2 3) 1) b))
(test-equal "utf8->string range" "ij" (utf8->string (bytevector 104 105 106) 1 3))
(test-equal "string->utf8 range" #vu8(101 108) (string->utf8 "hello" 1 3))

;;; errors and exceptions
(test-equal "error-object message and irritants" '("bad thing" (1 2))
  (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
    (error "bad thing" 1 2)))
(test-assert "error-object? of a number" (not (error-object? 5)))
(test-eq "raise a symbol" 'sym (guard (e ((symbol? e) e)) (raise 'sym)))
(test-eqv "raise-continuable resumes" 11
  (with-exception-handler (lambda (e) 10) (lambda () (+ 1 (raise-continuable 'c)))))
(test-eq "read-error?" 'read-err
  (guard (e ((read-error? e) 'read-err) (#t 'other)) (read (open-input-string "(1 2"))))
(test-equal "guard with else" 'fallback
  (guard (e ((string? e) 'str) (else 'fallback)) (raise 42)))

;;; promises
(test-eqv "make-promise value" 5 (force (make-promise 5)))
(test-assert "make-promise is a promise" (promise? (make-promise 5)))
(test-assert "make-promise of a promise" (promise? (make-promise (delay 3))))
(test-eqv "delay-force" 5 (force (delay-force (delay 5))))
(test-eq "delay-force chain runs in constant space" 'done
  (force (let lp ((i 100000)) (if (= i 0) (delay 'done) (delay-force (lp (- i 1)))))))

;;; ports
(test-equal "read-string" "hel" (read-string 3 (open-input-string "hello")))
(test-equal "read-line" "ab" (read-line (open-input-string "ab\ncd")))
(test-equal "write-string" "hey"
  (let ((p (open-output-string))) (write-string "hey" p) (get-output-string p)))
(test-equal "bytevector input port" '(1 2 2 #t)
  (let ((p (open-input-bytevector (bytevector 1 2))))
    (let* ((a (read-u8 p)) (b (peek-u8 p)) (c (read-u8 p)) (d (eof-object? (read-u8 p))))
      (list a b c d))))
(test-equal "bytevector output port" #vu8(7 8 9)
  (let ((p (open-output-bytevector)))
    (write-u8 7 p)
    (write-bytevector (bytevector 8 9) p)
    (get-output-bytevector p)))
(test-assert "eof-object" (eof-object? (eof-object)))
(test-eqv "call-with-port" #\a (call-with-port (open-input-string "abc") read-char))
(test-assert "input-port-open?" (input-port-open? (open-input-string "")))
(test-assert "closed port" (let ((p (open-input-string ""))) (close-port p) (not (input-port-open? p))))

;;; features
(test-assert "features includes r7rs" (memq 'r7rs (features)))
(test-eq "cond-expand r7rs" 'ok (cond-expand (r7rs 'ok) (else 'no)))

;;; binary files, read-bytevector!, include with several files
(let ((file (string-append (or (getenv "TMPDIR") "/tmp") "/guix0-r7rs-binary-" (number->string (getpid)))))
  (let ((out (open-binary-output-file file)))
    (write-u8 1 out)
    (write-bytevector (bytevector 2 3 4) out)
    (close-port out))
  (let ((in (open-binary-input-file file)) (bv (make-bytevector 6 0)))
    (test-equal "read-bytevector! into a range" '(3 #vu8(0 1 2 3 0 0))
      (list (read-bytevector! bv in 1 4) bv))
    (test-equal "read-bytevector! reads what is left" 1 (read-bytevector! bv in))
    (test-assert "read-bytevector! at the end of the file" (eof-object? (read-bytevector! bv in)))
    (close-port in))
  (delete-file file))
(define-values (included-a included-b)
  (let ()
    (include "modules/guix0-test/multiples.scm" "modules/guix0-test/fourfold.scm")
    (cond-expand (r7rs (define (fivefold x) (* 5 x))) (else))
    (values (thrice 2) (fivefold (fourfold 1)))))
(test-equal "include of several files and cond-expand in a body" '(6 20) (list included-a included-b))

(test-equal "the current ports are parameters" '("out" "err" #\i "x")
  (let ((out (open-output-string)) (err (open-output-string)))
    (let ((c (parameterize ((current-output-port out) (current-error-port err) (current-input-port (open-input-string "in")))
               (display "out")
               (display "err" (current-error-port))
               (read-char))))
      (list (get-output-string out) (get-output-string err) c
            (call-with-output-string (lambda (p) (parameterize ((current-output-port p)) (write-string "x"))))))))
(test-assert "parameterize of a port is undone by an escape"
  (let ((before (current-output-port)))
    (call-with-current-continuation
     (lambda (k) (parameterize ((current-output-port (open-output-string))) (k #t))))
    (eq? before (current-output-port))))

(test-end "r7rs")
