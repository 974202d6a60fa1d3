;;; The less common parts of Guile's modules that Guix-style code reaches
;;; for: the rest of (ice-9 rdelim), R6RS-style textual and binary ports,
;;; (rnrs bytevectors), regexp-quote, SRFI-60, (ice-9 q), SRFI-69's extras,
;;; (ice-9 threads), (ice-9 vlist), prompts, (ice-9 ftw), open-file,
;;; (ice-9 atomic), (ice-9 eval-string) and SRFI-17. Runs under guix0 and
;;; Guile 3 alike.

(use-modules (srfi srfi-64) (ice-9 rdelim) (ice-9 textual-ports) (ice-9 binary-ports)
             (rnrs bytevectors) (ice-9 regex) (srfi srfi-60) (ice-9 q) (srfi srfi-69) (ice-9 threads)
             (ice-9 vlist) (ice-9 control) (ice-9 ftw) (srfi srfi-1) (ice-9 atomic) (ice-9 eval-string)
             (srfi srfi-17) (rnrs io ports) (ice-9 ports) (ice-9 hash-table))

(test-begin "guile-modules")

;;; (ice-9 rdelim)
(test-equal "write-line" "a\n(a b)\n"
  (call-with-output-string (lambda (p) (write-line "a" p) (write-line (list "a" #\b) p))))
(test-equal "read-line's handle-delim: split gives a pair, peek leaves the newline"
  (let ((eof (eof-object)))
    `((("abc" . #\newline) #\d) (("abc" . ,eof) ,eof) ((,eof . ,eof) ,eof) ("abc" #\newline) ("abc\n" #\d)))
  (map (lambda (mode s)
         (let* ((p (open-input-string s)) (line (read-line p mode)))
           (list line (read-char p))))
       '(split split split peek concat) '("abc\ndef" "abc" "" "abc\ndef" "abc\ndef")))
(test-equal "%read-line gives the line and its terminator"
  '(("abc" . #\newline) ("def" . eof) (eof . eof))
  (call-with-input-string "abc\ndef"
    (lambda (p)
      (map (lambda (pair) (cons (if (eof-object? (car pair)) 'eof (car pair))
                                (if (eof-object? (cdr pair)) 'eof (cdr pair))))
           (list (%read-line p) (%read-line p) (%read-line p))))))
(test-equal "read-line!, read-string! and read-delimited! fill a buffer" '(2 "ab" 3 "cde" 4)
  (let ((b (make-string 3 #\-)))
    (call-with-input-string "ab\ncdefgh"
      (lambda (p)
        (list (read-line! b p) (substring b 0 2) (read-string! b p) b
              (read-delimited! "e" (make-string 5 #\.) (open-input-string "abcdefg")))))))

;;; (ice-9 textual-ports) and (ice-9 binary-ports)
(test-equal "get-char, lookahead-char, unget-char" '(#\x #\y #\Q #\y)
  (call-with-input-string "xyz"
    (lambda (p) (let* ((a (get-char p)) (b (lookahead-char p))) (unget-char p #\Q) (list a b (get-char p) (get-char p))))))
(test-equal "put-char and put-string with start and count" "aell"
  (call-with-output-string (lambda (p) (put-char p #\a) (put-string p "hello" 1 3))))
(test-equal "open-bytevector-output-port gives the bytes written since the last call" '(#vu8(1 2 3) #vu8())
  (call-with-values open-bytevector-output-port
    (lambda (port get) (put-u8 port 1) (put-bytevector port #vu8(2 3)) (let* ((a (get)) (b (get))) (list a b)))))
(test-equal "the bytes written after a call come with the next" #vu8(2)
  (call-with-values open-bytevector-output-port
    (lambda (port get) (put-u8 port 1) (get) (put-u8 port 2) (get))))
(test-equal "call-with-output-bytevector" #vu8(7) (call-with-output-bytevector (lambda (p) (put-u8 p 7))))
(test-equal "get-u8, lookahead-u8, get-bytevector-n!" '(9 9 (2 #vu8(0 8 7 0)) #t)
  (let ((p (open-bytevector-input-port #vu8(9 8 7))))
    (list (lookahead-u8 p) (get-u8 p)
          (let ((bv (make-bytevector 4 0))) (list (get-bytevector-n! p bv 1 3) bv))
          (eof-object? (get-u8 p)))))

;;; (rnrs bytevectors)
(define e-acute (string (integer->char #xe9)))
(define g-clef (string (integer->char #x1d11e)))
(test-equal "UTF-16 and UTF-32" (list #vu8(0 97 0 233) (string-append "a" g-clef) (string-append "h" e-acute))
  (list (string->utf16 (string-append "a" e-acute))
        (utf16->string (string->utf16 (string-append "a" g-clef) 'little) 'little)
        (utf32->string (string->utf32 (string-append "h" e-acute)))))
(test-equal "a character outside the BMP takes a surrogate pair" #vu8(216 52 221 30) (string->utf16 g-clef))
(test-equal "integers of any size" '(66051 -257 (1 2) #vu8(255 255 0 2))
  (list (bytevector-uint-ref #vu8(1 2 3) 0 'big 3) (bytevector-sint-ref #vu8(255 254) 0 'little 2)
        (bytevector->uint-list #vu8(1 0 2 0) 'little 2) (sint-list->bytevector '(-1 2) 'big 2)))
(test-equal "a length that is not a multiple of the size is an error" 'wrong-type-arg
  (catch #t (lambda () (bytevector->uint-list #vu8(1 2 3) 'little 2)) (lambda (key . args) key)))
(test-equal "bytevector-s8-set! checks its range" 'out-of-range
  (catch #t (lambda () (bytevector-s8-set! (make-bytevector 1) 0 -200)) (lambda (key . args) key)))
(test-equal "IEEE doubles and singles" '(#vu8(63 248 0 0 0 0 0 0) 1.5 0.25)
  (let ((b (make-bytevector 8)) (s (make-bytevector 4)))
    (bytevector-ieee-double-set! b 0 1.5 'big)
    (bytevector-ieee-single-native-set! s 0 0.25)
    (list b (bytevector-ieee-double-ref b 0 'big) (bytevector-ieee-single-native-ref s 0))))

;;; (ice-9 regex)
(test-equal "regexp-quote" "a[{]b[}][(]c[)][|]\\^\\$[+][?]\\.\\*\\\\\\[]" (regexp-quote "a{b}(c)|^$+?.*\\[]"))
(test-equal "a quoted pattern matches itself" '(3 . 8)
  (vector-ref (regexp-exec (make-regexp (regexp-quote "1+1=2")) "is 1+1=2?") 1))

;;; SRFI-60
(test-equal "bit operations" '(3 3 3 5 (#t #f #t) 5 3 12 6 9 #f #t 9)
  (list (bit-count 7) (first-set-bit 8) (bit-field #b110110 1 4) (copy-bit 0 4 #t) (integer->list 5)
        (list->integer '(#t #f #t)) (booleans->integer #t #t) (rotate-bit-field #b0110 1 1 4)
        (reverse-bit-field #b0110 0 4) (bitwise-if 12 10 5) (any-bits-set? 3 4) (bit-set? 1 2)
        (copy-bit-field #b1111 0 1 3)))

(test-equal "bitwise-merge is bitwise-if" '(1 9) (list (bitwise-merge 1 1 0) (bitwise-merge 12 10 5)))

;;; (ice-9 q)
(test-equal "a queue" '(3 0 2 0 1 (2) #t #f #t q-empty)
  (let ((q (make-q)))
    (enq! q 1) (enq! q 2) (q-push! q 0)
    (let* ((before (list (q-length q) (q-front q) (q-rear q) (deq! q) (q-pop! q) (list-copy (car q)) (q? q) (q-empty? q))))
      (deq! q)
      (append before (list (q-empty? q) (catch #t (lambda () (deq! q)) (lambda args (car args))))))))

;;; SRFI-69
(test-equal "hash-table-merge! and the hash functions" '(((1 . b) (2 . c)) #t #t)
  (let ((h1 (make-hash-table)) (h2 (make-hash-table)))
    (hash-table-set! h1 1 'a) (hash-table-set! h2 1 'b) (hash-table-set! h2 2 'c)
    (hash-table-merge! h1 h2)
    (list (sort (hash-table->alist h1) (lambda (x y) (< (car x) (car y))))
          (= (string-ci-hash "AbC" 100) (string-ci-hash "abc" 100))
          (integer? (hash-by-identity 'a 10)))))

;;; (ice-9 threads)
(test-equal "parallel maps give the results of map" '((11 22) (1 4 9))
  (list (par-map + '(1 2) '(10 20)) (n-par-map 4 (lambda (x) (* x x)) '(1 2 3))))
(test-assert "with-mutex holds the mutex" (let ((m (make-mutex))) (with-mutex m (mutex-locked? m))))
(test-equal "with-mutex evaluates its mutex once and releases it" '(1 #f)
  (let* ((n 0) (m (make-mutex)))
    (with-mutex (begin (set! n (+ n 1)) m) #t)
    (list n (mutex-locked? m))))
(test-assert "processors" (> (total-processor-count) 0))

;;; (ice-9 vlist)
(define vh (alist->vhash '((a . 1) (b . 2) (a . 3))))
(test-equal "vhash lookups and folds, the most recent pair first"
  '((a . 1) ((a . 3) (b . 2) (a . 1)) (3 1) ((b . 2)) ("x" . 1) (2 . two))
  (list (vhash-assoc 'a vh) (vhash-fold (lambda (k v r) (cons (cons k v) r)) '() vh)
        (vhash-fold* cons '() 'a vh) (vlist->list (vhash-delq 'a vh))
        (vhash-assoc "x" (vhash-cons "x" 1 vlist-null)) (vhash-assv 2 (vhash-consv 2 'two vlist-null))))
(test-equal "vlists" '((1 2 3) #f #t #f b (3 2 1) (1 2 3) (0 1 4 9) (2 3 4) 3 (2 3) (1 3) (1 2) (3))
  (list (vlist->list (vlist-cons 1 (list->vlist '(2 3)))) (vhash? vlist-null) (vlist? vlist-null)
        (vhash? (vlist-cons 1 vlist-null)) (vlist-ref (list->vlist '(a b c)) 1)
        (vlist-fold cons '() (list->vlist '(1 2 3))) (vlist-fold-right cons '() (list->vlist '(1 2 3)))
        (vlist->list (vlist-unfold (lambda (i) (> i 3)) (lambda (i) (* i i)) 1+ 0))
        (vlist->list (vlist-unfold-right zero? 1+ 1- 3))
        (vlist-length (vlist-append (list->vlist '(1)) (list->vlist '(2 3))))
        (vlist->list (vlist-map 1+ (list->vlist '(1 2)))) (vlist->list (vlist-filter odd? (list->vlist '(1 2 3))))
        (vlist->list (vlist-take (list->vlist '(1 2 3)) 2)) (vlist->list (vlist-drop (list->vlist '(1 2 3)) 2))))
(test-equal "vlist-delete compares each item with the one given" '(3 4 5)
  (vlist->list (vlist-delete 3 (list->vlist '(1 2 3 4 5)) <)))

;;; Prompts (escaping)
(define tag (make-prompt-tag))
(test-equal "abort-to-prompt calls the handler with the values" '(aborted 10 20 #t)
  (call-with-prompt tag (lambda () (+ 1 (abort-to-prompt tag 10 20))) (lambda (k a b) (list 'aborted a b (procedure? k)))))
(test-equal "a prompt returns the thunk's values" '(1 2)
  (call-with-values (lambda () (call-with-prompt tag (lambda () (values 1 2)) (lambda (k) 'no))) list))
(test-equal "an abort unwinds dynamic-wind" '(in out)
  (let ((log '()))
    (call-with-prompt tag
      (lambda () (dynamic-wind (lambda () (set! log (cons 'in log))) (lambda () (abort-to-prompt tag))
                               (lambda () (set! log (cons 'out log)))))
      (lambda (k) (reverse log)))))
(test-equal "an abort goes to the prompt of its tag" '(outer outer)
  (let ((inner (make-prompt-tag)))
    (call-with-prompt tag
      (lambda () (call-with-prompt inner (lambda () (abort-to-prompt tag 'outer)) (lambda (k x) (list 'inner x))))
      (lambda (k x) (list 'outer x)))))
(test-equal "an abort with no prompt is an error" 'misc-error
  (catch #t (lambda () (abort-to-prompt (make-prompt-tag))) (lambda (key . args) key)))
(test-equal "let/ec" 1 (let/ec k (k 1) 2))

;;; (ice-9 ftw), on a tree made here
(define dir (string-append (or (getenv "TMPDIR") "/tmp") "/guix0-ftw-" (number->string (getpid))))
(mkdir dir)
(mkdir (string-append dir "/d"))
(mkdir (string-append dir "/d/e"))
(call-with-output-file (string-append dir "/a") (lambda (p) (display "x" p)))
(call-with-output-file (string-append dir "/d/b") (lambda (p) (display "y" p)))
(symlink "a" (string-append dir "/l"))
(define (under name) (string-append dir name))
(define (sorted lst) (sort lst (lambda (a b) (string<? (object->string a) (object->string b)))))
(test-equal "file-system-tree" (list (basename dir) '("a") '("d" ("b") ("e")) '("l"))
  (let names ((tree (file-system-tree dir)))
    (cons (car tree) (sort (map names (cddr tree)) (lambda (a b) (string<? (car a) (car b)))))))
(test-equal "file-system-fold"
  (sorted (list (list 'down dir) (list 'down (under "/d")) (list 'down (under "/d/e")) (list 'leaf (under "/a"))
                (list 'leaf (under "/d/b")) (list 'leaf (under "/l")) (list 'up dir) (list 'up (under "/d"))
                (list 'up (under "/d/e"))))
  (sorted (file-system-fold (lambda (n s r) #t) (lambda (n s r) (cons (list 'leaf n) r))
                            (lambda (n s r) (cons (list 'down n) r)) (lambda (n s r) (cons (list 'up n) r))
                            (lambda (n s r) (cons (list 'skip n) r)) (lambda (n s e r) (cons (list 'error n e) r))
                            '() dir)))
(test-equal "file-system-fold skips what enter? refuses" (list (list 'skip dir))
  (file-system-fold (lambda (n s r) #f) (lambda (n s r) r) (lambda (n s r) r) (lambda (n s r) r)
                    (lambda (n s r) (cons (list 'skip n) r)) (lambda (n s e r) r) '() dir))
(test-equal "file-system-fold reports a missing file" (list (list (under "/none") 2))
  (file-system-fold (lambda (n s r) #t) (lambda (n s r) r) (lambda (n s r) r) (lambda (n s r) r)
                    (lambda (n s r) r) (lambda (n s e r) (cons (list n e) r)) '() (under "/none")))
(test-equal "ftw visits each file once, following links"
  (list (list dir 'directory) (list (under "/a") 'regular) (list (under "/d") 'directory)
        (list (under "/d/b") 'regular) (list (under "/d/e") 'directory))
  (let ((seen '()))
    (ftw dir (lambda (f s flag) (set! seen (cons (list f flag) seen)) #t))
    (sort seen (lambda (a b) (string<? (car a) (car b))))))
(test-equal "ftw stops with what proc returns" 'stopped
  (ftw dir (lambda (f s flag) (if (string-suffix? "/d" f) 'stopped #t))))
(symlink ".." (under "/d/up"))
(test-equal "following links, a directory is entered once" '(up up up down down down)
  (file-system-fold (lambda (n s r) #t) (lambda (n s r) r) (lambda (n s r) (cons 'down r))
                    (lambda (n s r) (cons 'up r)) (lambda (n s r) (cons 'skip r)) (lambda (n s e r) (cons 'error r))
                    '() dir stat))
(for-each delete-file (list (under "/d/up") (under "/l") (under "/a") (under "/d/b")))
(for-each rmdir (list (under "/d/e") (under "/d") dir))

;;; open-file (the scratch directory is the current one)
(test-equal "open-file with \"w\", \"a\" and \"rb\"" '("ab" #vu8(97 98))
  (let ((file "open-file-test"))
    (let ((p (open-file file "w"))) (display "a" p) (close-port p))
    (let ((p (open-file file "a"))) (display "b" p) (close-port p))
    (let ((text (call-with-input-file file read-string))
          (bytes (call-with-port (open-file file "rb") get-bytevector-all)))
      (delete-file file)
      (list text bytes))))
(test-error "open-file of a missing file" 'system-error (open-file "no/such/file" "r"))

;;; (ice-9 atomic), (ice-9 eval-string), SRFI-17
(let ((box (make-atomic-box 1)))
  (test-equal "atomic boxes" '(#t 1 2 2 3 3)
    (list (atomic-box? box) (atomic-box-swap! box 2) (atomic-box-ref box)
          (atomic-box-compare-and-swap! box 2 3) (atomic-box-compare-and-swap! box 2 4) (atomic-box-ref box))))
(test-equal "eval-string gives the last form's value" 6 (eval-string "(define eval-string-x 2) (* eval-string-x 3)"))
(test-equal "SRFI-17 set! through a setter" '(9 2)
  (let ((l (list 1 2))) (set! (car l) 9) l))

(test-equal "port-position, set-port-position!" '(1 #\l #t #f)
  (let ((p (open-input-string "hello")))
    (read-char p)
    (let ((at (port-position p)))
      (set-port-position! p 3)
      (list at (read-char p) (port-has-port-position? p) (port-has-port-position? (car (pipe)))))))

;; Guix's Guile-3 branches, and what (system base target) tells them.
(test-equal "cond-expand: guile-3" 'guile-3 (cond-expand (guile-3 'guile-3) (else 'other)))
(use-modules (system base target))
(test-equal "(system base target): the fixnum range and word size" (list most-positive-fixnum 8)
  (list (target-most-positive-fixnum) (target-word-size)))
(test-assert "(system base target): cpu and os" (and (string? (target-cpu)) (string? (target-os))))

;;; The rest of (ice-9 ports) and (ice-9 hash-table).
(test-equal "port-mode" '("r" "w") (list (port-mode (open-input-string "x")) (port-mode (open-output-string))))
(test-equal "with-error-to-string" "e" (with-error-to-string (lambda () (display "e" (current-error-port)))))
(test-assert "the-eof-object" (eof-object? the-eof-object))
(test-equal "start-stack gives the value" 3 (start-stack 'x (+ 1 2)))
(test-equal "file-position" 1 (let ((p (open-input-string "abc"))) (read-char p) (file-position p)))
(test-equal "alist->hashq-table and alist->hashv-table" '(1 2 one)
  (let ((q (alist->hashq-table (list (cons 'a 1) (cons 'b 2))))
        (v (alist->hashv-table (list (cons 1 'one)))))
    (list (hashq-ref q 'a) (hashq-ref q 'b) (hashv-ref v 1))))
(test-equal "fdopen and duplicate-port on a pipe" "one two"
  (let* ((ends (pipe))
         (out (fdopen (dup->fdes (cdr ends)) "w"))
         (copy (duplicate-port (cdr ends) "w")))
    (display "one " out)
    (force-output out)
    (display "two" copy)
    (force-output copy)
    (for-each close-port (list out copy (cdr ends)))
    (let ((text (get-string-all (car ends))))
      (close-port (car ends))
      text)))

(test-end "guile-modules")
