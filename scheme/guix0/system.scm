;;; guix0 root library: miscellany, the file system (Guile's stat
;;; accessors) and (ice-9 regex) over the regexp primitives.

;;; Miscellany

(define internal-time-units-per-second 1000000)
(define (pk . stuff)
  ;; As Guile's: on the current output port, after a newline.
  (newline)
  (display ";;; ")
  (write stuff)
  (newline)
  (car (last-pair stuff)))
(define (noop . args) (and (pair? args) (car args)))

;; (define-vector-accessors a b ...) defines (a v) as (vector-ref v 0),
;; (b v) as (vector-ref v 1), ...: Guile's accessors of the vectors its
;; system calls return.
(define-macro (define-vector-accessors . names)
  (let loop ((names names) (i 0) (defines '()))
    (if (null? names)
        `(begin ,@(reverse defines))
        (loop (cdr names) (+ i 1) (cons `(define (,(car names) v) (vector-ref v ,i)) defines)))))

;; Password and group entries, as Guile gives them: getpw and getgr are
;; primitives.
(define (getpwnam name) (getpw name))
(define (getpwuid uid) (getpw uid))
(define-vector-accessors passwd:name passwd:passwd passwd:uid passwd:gid passwd:gecos passwd:dir
  passwd:shell)
(define (getgrnam name) (getgr name))
(define (getgrgid gid) (getgr gid))
(define-vector-accessors group:name group:passwd group:gid group:mem)
(define (const x) (lambda _ x))
(define (and=> value proc) (and value (proc value)))
(define (negate pred) (lambda args (not (apply pred args))))
(define (compose . fs)
  (if (null? fs)
      identity
      (lambda args
        (call-with-values (lambda () (apply (apply compose (cdr fs)) args)) (car fs)))))
(define (boolean=? a b . rest) (and (eq? a b) (or (null? rest) (apply boolean=? b rest))))
(define (symbol=? a b . rest) (and (eq? a b) (or (null? rest) (apply symbol=? b rest))))
(define (square x) (* x x))
(define (exact-nonnegative-integer? x) (and (exact-integer? x) (>= x 0)))
(define (char-ascii? c) (< (char->integer c) 128))
(define (object->string obj . printer)
  (call-with-output-string (lambda (port) ((if (pair? printer) (car printer) write) obj port))))
(define (floor/ n d) (values (floor-quotient n d) (floor-remainder n d)))
(define (truncate/ n d) (values (truncate-quotient n d) (truncate-remainder n d)))
(define (newline? c) (eqv? c #\newline))
(define (symbol-prefix-proc prefix)
  (lambda (sym) (symbol-append prefix sym)))

;; Guile's: the text up to one of DELIMS, whose fate HANDLE-DELIM says:
;; 'trim (read and dropped), 'concat (read and kept), 'peek (left in the
;; port) or 'split (a pair of the text and the delimiter). The end of
;; file with nothing read gives the end-of-file object.
(define* (read-delimited delims #:optional (port (current-input-port)) (handle-delim 'trim))
  (let loop ((acc '()))
    (let ((c (peek-char port)))
      (if (or (eof-object? c) (string-index delims c))
          (let ((text (if (and (null? acc) (eof-object? c)) c (list->string (reverse acc)))))
            (unless (or (eof-object? c) (eq? handle-delim 'peek)) (read-char port))
            (case handle-delim
              ((split) (cons text c))
              ((concat) (if (or (eof-object? c) (eof-object? text)) text (string-append text (string c))))
              (else text)))
          (begin (read-char port) (loop (cons c acc)))))))
(define (assert-type . _) #t)
(define-macro (assert expr)
  `(unless ,expr (error "assertion failed:" ',expr)))
;; Guile's while: #f once TEST is false; a body that names `break` or
;; `continue` gets them, as escapes (only then: they cost a continuation).
(define-macro (while test . body)
  (define (names? x)
    (cond ((memq x '(break continue)) #t)
          ((pair? x) (or (names? (car x)) (names? (cdr x))))
          (else #f)))
  (let ((loop (gensym "while")) (exit (gensym "break")) (next (gensym "continue")))
    (if (names? body)
        `(call-with-escape-continuation
          (lambda (,exit)
            (let ((break ,exit))
              (let ,loop ()
                (if ,test
                    (begin
                      (call-with-escape-continuation
                       (lambda (,next)
                         (let ((continue (lambda () (,next #f))))
                           ,@body)))
                      (,loop))
                    #f)))))
        `(let ,loop () (if ,test (begin ,@body (,loop)) #f)))))
(define-macro (define-inlinable head . body) `(define ,head ,@body))
(define (void . _) *unspecified*)

;; Guile's deprecated tmpnam: a name in /tmp that no file has yet.
(define tmpnam
  (let ((made 0))
    (lambda ()
      (set! made (+ made 1))
      (let ((name (string-append "/tmp/guix0-" (number->string (getpid)) "-" (number->string made))))
        (if (file-exists? name) (tmpnam) name)))))
;; Reader, printer and debugger options: guix0 has none of Guile's
;; switches (its reader already reads R7RS hex escapes and |symbols|), so
;; setting one does nothing and the option lists are empty. The *-set!
;; forms take the option's name unquoted, as in Guile.
(define (read-enable . _) '())
(define (read-disable . _) '())
(define (read-options . _) '())
(define-macro (read-set! option value) `(begin ,value '()))
(define (print-enable . _) '())
(define (print-disable . _) '())
(define (print-options . _) '())
(define-macro (print-set! option value) `(begin ,value '()))
(define (debug-enable . _) '())
(define (debug-disable . _) '())
(define (debug-options . _) '())
(define-macro (debug-set! option value) `(begin ,value '()))
(define (list-set! l k v) (set-car! (list-tail l k) v))
(define-macro (endianness e) `',e)
(define (native-endianness) 'little)
(define (string->vector s . range) (list->vector (apply string->list s range)))
(define (vector->string v . range) (list->string (apply vector->list v range)))
(define (string-foldcase s) (string-downcase s))
;; R7RS binary files and reads into a bytevector.
(define (open-binary-input-file file) (open-file file "rb"))
(define (open-binary-output-file file) (open-file file "wb"))
(define* (read-bytevector! bv #:optional (port (current-input-port)) (start 0) (end (bytevector-length bv)))
  (let ((got (read-bytevector (- end start) port)))
    (if (eof-object? got)
        got
        (begin
          (bytevector-copy! got 0 bv start (bytevector-length got))
          (bytevector-length got)))))
;; R7RS (scheme time) and (scheme process-context).
(define (current-second) (let ((now (gettimeofday))) (+ (car now) (/ (cdr now) 1e6))))
(define (current-jiffy) (get-internal-real-time))
(define (jiffies-per-second) internal-time-units-per-second)
(define (get-environment-variable name) (getenv name))
(define (get-environment-variables)
  (map (lambda (entry)
         ;; Not string-index: that is SRFI-13's, loaded on first use.
         (let ((i (%string-index-char entry #\=)))
           (cons (substring entry 0 i) (substring entry (+ i 1) (string-length entry)))))
       (environ)))
(define (emergency-exit . status) (apply primitive-_exit status))
(define (primitive-exit . status) (apply exit status))
(define (quit . status) (apply exit status))
(define (textual-port? obj) (port? obj))
(define (binary-port? obj) (port? obj))
(define (u8-ready? . port) #t)
(define (write-shared obj . port) (apply write obj port))
(define (write-simple obj . port) (apply write obj port))
(define (exact-rational? x) (and (rational? x) (exact? x)))
;; Signals, as Guile's `sigaction`: a handler is SIG_DFL, SIG_IGN or a
;; procedure of the signal's number, which runs at the next procedure call
;; or loop iteration after the signal arrives. #f restores what the signal
;; did before guix0 first changed it. `%sigaction` sets the disposition
;; (2: run the handler kept here) and returns the previous one.
(define %signal-handlers (make-vector 64 #f))
(define %signal-originals (make-vector 64 #f))
(define %sigaction-query (list 'query))
(define* (sigaction signum #:optional (handler %sigaction-query) (flags 0))
  (let* ((old (%sigaction signum #f 0))
         (old-handler (if (eqv? (car old) 2) (vector-ref %signal-handlers signum) (car old))))
    (unless (vector-ref %signal-originals signum)
      (vector-set! %signal-originals signum (car old)))
    (unless (eq? handler %sigaction-query)
      (let ((how (cond ((procedure? handler) 2)
                       ((not handler) (vector-ref %signal-originals signum))
                       ((memv handler (list SIG_DFL SIG_IGN)) handler)
                       (else (scm-error 'wrong-type-arg "sigaction"
                                        "Wrong type argument in position ~A: ~S"
                                        (list 2 handler) (list handler))))))
        (%sigaction signum how flags)
        (vector-set! %signal-handlers signum (and (procedure? handler) handler))))
    (cons old-handler (cdr old))))
(define (restore-signals)
  (do ((signum 1 (+ signum 1))) ((= signum 64))
    (let ((original (vector-ref %signal-originals signum)))
      (when original
        (%sigaction signum original 0)
        (vector-set! %signal-handlers signum #f)))))
;; Guile's fixnums on a 64-bit machine.
(define most-positive-fixnum 2305843009213693951)
(define most-negative-fixnum -2305843009213693952)
;; (ice-9 regex): `str` as a POSIX extended regular expression matching
;; it literally, quoted as Guile quotes it (`+` as `[+]`, `.` as `\.`).
(define (regexp-quote str)
  (call-with-output-string
    (lambda (port)
      (string-for-each (lambda (c)
                         (cond ((memv c '(#\{ #\} #\( #\) #\| #\+ #\?))
                                (write-char #\[ port) (write-char c port) (write-char #\] port))
                               ((memv c '(#\^ #\$ #\. #\* #\\ #\[))
                                (write-char #\\ port) (write-char c port))
                               (else (write-char c port))))
                       str))))
;; (ice-9 textual-ports)
(define (get-string-all port) (let ((s (read-string port))) (if (eof-object? s) "" s)))
(define (get-string-n port n) (read-string n port))
(define (get-line port) (read-line port))
(define (rationalize x y)
  ;; The simplest rational within y of x (Stern-Brocot search).
  (define (simplest lo hi)
    (cond ((= (floor lo) lo) (floor lo))
          ((< (floor lo) (floor hi)) (+ (floor lo) 1))
          (else (+ (floor lo) (/ 1 (simplest (/ 1 (- hi (floor lo))) (/ 1 (- lo (floor lo)))))))))
  (let ((lo (- x (abs y))) (hi (+ x (abs y))))
    (let ((r (cond ((and (<= lo 0) (>= hi 0)) 0)
                   ((positive? lo) (simplest lo hi))
                   (else (- (simplest (- hi) (- lo)))))))
      (if (and (exact? x) (exact? y)) r (exact->inexact r)))))
(define (features) '(guix0 mes r7rs exact-closed ratios full-unicode srfi-0 srfi-1 srfi-6 srfi-8 srfi-9 srfi-23 srfi-26 srfi-39 srfi-64))

;;; File system (Guile's stat accessors over the stat vector)
(define-vector-accessors stat:dev stat:ino stat:mode stat:nlink stat:uid stat:gid stat:rdev stat:size
  stat:atime stat:mtime stat:ctime stat:blksize stat:blocks stat:type stat:perms stat:atimensec
  stat:mtimensec stat:ctimensec)
;; Guile's port that reads nothing and drops what is written.
(define (%make-void-port mode) (open-file "/dev/null" mode))
;; (scandir dir [select? [entry<?]]): the sorted names in DIR that SELECT?
;; keeps, "." and ".." included; #f if DIR cannot be read.
(define (scandir dir . options)
  (let ((select? (if (pair? options) (car options) (lambda (name) #t)))
        (entry<? (if (and (pair? options) (pair? (cdr options))) (cadr options) string<?)))
    (catch 'system-error
      (lambda () (sort (filter select? (append '("." "..") (%directory-entries dir))) entry<?))
      (lambda _ #f))))
;; Where the slashes that end PATH before END start.
(define (%before-slashes path end)
  (if (and (> end 0) (char=? (string-ref path (- end 1)) #\/))
      (%before-slashes path (- end 1))
      end))
;; Guile's basename keeps the slashes that end the last component ("b/"
;; of "/a/b/"), then drops SUFFIX if the name ends with it.
(define (basename path . suffix)
  (let* ((end (%before-slashes path (string-length path)))
         (base (if (and (= end 0) (> (string-length path) 0))
                   "/"
                   (let ((slash (string-rindex path #\/ 0 end)))
                     (substring path (if slash (+ slash 1) 0) (string-length path))))))
    (if (and (pair? suffix) (string-suffix? (car suffix) base))
        (substring base 0 (- (string-length base) (string-length (car suffix))))
        base)))
(define (dirname path)
  (let ((end (%before-slashes path (string-length path))))
    (cond ((= (string-length path) 0) ".")
          ((= end 0) "/")
          ((string-rindex path #\/ 0 end)
           => (lambda (slash)
                (let ((dir-end (%before-slashes path slash)))
                  (if (= dir-end 0) "/" (substring path 0 dir-end)))))
          (else "."))))
(define (file-exists? path) (and (%file-exists? path) #t))
;; A wait status as the kernel encodes it (system*, close-pipe, waitpid):
;; exit code in the second byte; a signal in the low 7 bits; 0x7f for a
;; stopped process, with the signal in the second byte.
(define (status:exit-val status)
  (and (zero? (logand status #x7f)) (logand (ash status -8) #xff)))
(define (status:term-sig status)
  (let ((low (logand status #x7f)))
    (and (not (zero? low)) (not (= low #x7f)) low)))
(define (status:stop-sig status)
  (and (= (logand status #xff) #x7f) (logand (ash status -8) #xff)))
(define WAIT_ANY -1)
(define WAIT_MYPGRP 0)

;; (ice-9 popen): pipes to and from a child process.
(define OPEN_READ "r")
(define OPEN_WRITE "w")
(define (open-pipe command mode) (open-pipe* mode "/bin/sh" "-c" command))
(define (open-input-pipe command) (open-pipe command OPEN_READ))
(define (open-output-pipe command) (open-pipe command OPEN_WRITE))

;; Directory streams: (opendir dir), (readdir stream) → a name or eof,
;; (rewinddir stream), (closedir stream).
(define-record-type <directory-stream>
  (%make-directory-stream entries rest)
  directory-stream?
  (entries %directory-stream-entries)
  (rest %directory-stream-rest %set-directory-stream-rest!))
(define (opendir dir)
  (let ((entries (append '("." "..") (%directory-entries dir "opendir"))))
    (%make-directory-stream entries entries)))
(define (readdir stream)
  (let ((rest (%directory-stream-rest stream)))
    (if (null? rest)
        (eof-object)
        (begin (%set-directory-stream-rest! stream (cdr rest)) (car rest)))))
(define (rewinddir stream) (%set-directory-stream-rest! stream (%directory-stream-entries stream)))
(define (closedir stream) (%set-directory-stream-rest! stream '()))

;; The errno of a system-error's (key . args), as Guile's.
(define (system-error-errno args)
  (and (pair? args) (eq? (car args) 'system-error) (= (length args) 5) (pair? (list-ref args 4))
       (car (list-ref args 4))))
;; Guile: the first DIR/FILE[EXT] that exists, among the directories PATH.
(define (search-path path file . extensions)
  (let ((exts (if (pair? extensions) (cons "" (car extensions)) '(""))))
    (let loop ((dirs path))
      (and (pair? dirs)
           (or (let try ((exts exts))
                 (and (pair? exts)
                      (let ((f (string-append (car dirs) "/" file (car exts))))
                        (if (file-exists? f) f (try (cdr exts))))))
               (loop (cdr dirs)))))))
;; Guile's (system [command]): COMMAND run by /bin/sh, its status as
;; system* gives it; without one, whether there is a shell to run it.
(define* (system #:optional command)
  (if command (system* "/bin/sh" "-c" command) (file-exists? "/bin/sh")))
;; The errno, signal, open, fcntl, seek and access constants are bound
;; from the C library's values (src/runtime/constants.rs).
(define file-name-separator-string "/")
;; Where a port is.
(define (ftell port) (seek port 0 SEEK_CUR))
(define (unread-string string . port)
  ;; The last character first, so that the first is read first.
  (let ((port (if (pair? port) (car port) (current-input-port))))
    (let loop ((i (- (string-length string) 1)))
      (if (>= i 0)
          (begin (unread-char (string-ref string i) port) (loop (- i 1)))))))
;; Broken-down times (gmtime, localtime, mktime, strftime are primitives).
(define-vector-accessors tm:sec tm:min tm:hour tm:mday tm:mon tm:year tm:wday tm:yday tm:isdst tm:gmtoff
  tm:zone)
(define-vector-accessors tms:clock tms:utime tms:stime tms:cutime tms:cstime)
(define (set-tm:sec tm v) (vector-set! tm 0 v))
(define (set-tm:min tm v) (vector-set! tm 1 v))
(define (set-tm:hour tm v) (vector-set! tm 2 v))
(define (set-tm:mday tm v) (vector-set! tm 3 v))
(define (set-tm:mon tm v) (vector-set! tm 4 v))
(define (set-tm:year tm v) (vector-set! tm 5 v))
(define (set-tm:wday tm v) (vector-set! tm 6 v))
(define (set-tm:yday tm v) (vector-set! tm 7 v))
(define (set-tm:isdst tm v) (vector-set! tm 8 v))
(define (set-tm:gmtoff tm v) (vector-set! tm 9 v))
(define (set-tm:zone tm v) (vector-set! tm 10 v))
;; The locale categories, with glibc's values, for setlocale (a primitive).
(define LC_CTYPE 0)
(define LC_NUMERIC 1)
(define LC_TIME 2)
(define LC_COLLATE 3)
(define LC_MONETARY 4)
(define LC_MESSAGES 5)
(define LC_ALL 6)
(define LC_PAPER 7)
(define LC_NAME 8)
(define LC_ADDRESS 9)
(define LC_TELEPHONE 10)
(define LC_MEASUREMENT 11)
(define LC_IDENTIFICATION 12)
;; Guile's (setvbuf port mode [size]), MODE 'none, 'line or 'block (or
;; the older _IONBF, _IOLBF, _IOFBF). guix0 checks the arguments and keeps
;; its own buffering: what a port writes is the same either way, and
;; output is flushed before a process runs and when guix0 exits.
(define _IONBF 0)
(define _IOLBF 1)
(define _IOFBF 2)
(define* (setvbuf port mode #:optional size)
  (unless (port? port) (scm-error 'wrong-type-arg "setvbuf" "Wrong type argument in position ~A: ~S" (list 1 port) (list port)))
  (for-each (lambda (bad) (scm-error 'out-of-range "setvbuf" "Value out of range: ~S" (list bad) (list bad)))
            (append (if (memv mode '(none line block 0 1 2)) '() (list mode))
                    (if (or (not size) (and (exact-integer? size) (>= size 0))) '() (list size)))))
(define AT_SYMLINK_NOFOLLOW 256)

;;; (ice-9 regex), over the make-regexp / regexp-exec primitives.
(define regexp/basic 0)
(define regexp/extended 1)
(define regexp/icase 2)
(define regexp/newline 4)
(define regexp/notbol 1)
(define regexp/noteol 2)
(define (regexp-match? m) (vector? m))
(define (match:string m) (vector-ref m 0))
(define (match:count m) (- (vector-length m) 1))
;; Group N's (start . end) in a match, (-1 . -1) if it took no part in
;; it: then match:start and friends give #f, as in Guile.
(define (%match-span who m n)
  (let ((group (if (pair? n) (car n) 0)))
    (unless (and (exact-integer? group) (>= group 0) (<= group (match:count m)))
      (scm-error 'out-of-range who "Argument 2 out of range: ~S" (list group) (list group)))
    (vector-ref m (+ 1 group))))
(define (match:start m . n)
  (let ((start (car (%match-span "match:start" m n))))
    (and (>= start 0) start)))
(define (match:end m . n)
  (let ((end (cdr (%match-span "match:end" m n))))
    (and (>= end 0) end)))
(define (match:substring m . n)
  (let ((span (%match-span "match:substring" m n)))
    (and (>= (car span) 0) (substring (match:string m) (car span) (cdr span)))))
(define (match:prefix m) (substring (match:string m) 0 (match:start m)))
(define (match:suffix m) (substring (match:string m) (match:end m) (string-length (match:string m))))
(define (string-match pattern str . start)
  (apply regexp-exec (make-regexp pattern) str start))
(define (%as-regexp rx) (if (regexp? rx) rx (make-regexp rx)))
(define (fold-matches rx str init proc . flags)
  ;; Each search resumes where the last match ended, where `^' does not
  ;; match. As in Guile, an empty match found by the search right after a
  ;; match does not count, and the search starts again one character on
  ;; ("a*" in "baaac" gives 0-0, 1-4, 5-5).
  (let ((rx (%as-regexp rx)) (flags (if (pair? flags) (car flags) 0)) (end (string-length str)))
    (let loop ((start 0) (acc init) (after-match? #f))
      (let ((m (and (<= start end)
                    (regexp-exec rx str start (if (= start 0) flags (logior flags regexp/notbol))))))
        (cond ((not m) acc)
              ((and after-match? (= (match:start m) (match:end m)))
               (loop (+ start 1) acc #f))
              (else (loop (match:end m) (proc m acc) #t)))))))
(define (list-matches rx str . flags)
  (reverse (apply fold-matches rx str '() cons flags)))
(define (regexp-substitute port m . items)
  (let ((out (or port (open-output-string))))
    (for-each (lambda (item)
                (cond ((string? item) (display item out))
                      ;; A group that took no part writes #f, as in Guile.
                      ((integer? item) (display (match:substring m item) out))
                      ((eq? item 'pre) (display (match:prefix m) out))
                      ((eq? item 'post) (display (match:suffix m) out))
                      (else (display (item m) out))))
              items)
    (if port *unspecified* (get-output-string out))))
(define (regexp-substitute/global port rx str . items)
  ;; The matches list-matches gives, in turn: ITEMS say what to write for
  ;; each, and 'post goes on to the next one (without it, only the first
  ;; match is replaced and the rest of STR is dropped, as in Guile).
  (let ((out (or port (open-output-string))))
    (let next ((matches (list-matches rx str)) (start 0))
      (if (null? matches)
          (display (substring str start (string-length str)) out)
          (let ((m (car matches)))
            (for-each (lambda (item)
                        (cond ((string? item) (display item out))
                              ((integer? item) (display (match:substring m item) out))
                              ((eq? item 'pre) (display (substring str start (match:start m)) out))
                              ((eq? item 'post) (next (cdr matches) (match:end m)))
                              ((procedure? item) (display (item m) out))))
                      items))))
    (if port *unspecified* (get-output-string out))))

;; The fields of (uname), as Guile names them.
(define (utsname:sysname u) (vector-ref u 0))
(define (utsname:nodename u) (vector-ref u 1))
(define (utsname:release u) (vector-ref u 2))
(define (utsname:version u) (vector-ref u 3))
(define (utsname:machine u) (vector-ref u 4))

;;; Modules, variables and errors, as Guile's

(define (module-for-each proc module)
  ;; (proc name variable) for each variable the module defines itself.
  (for-each (lambda (entry) (proc (car entry) (cdr entry))) (%module-own-variables module)))
(define (module-map proc module)
  (map (lambda (entry) (proc (car entry) (cdr entry))) (%module-own-variables module)))
(define (module-public-interface module)
  (resolve-interface (module-name module)))
(define (raise-exception obj . options)
  ;; Guile 3's: (raise-exception obj #:continuable? #t) returns to the raiser.
  (if (and (pair? options) (eq? (car options) #:continuable?) (pair? (cdr options)) (cadr options))
      (raise-continuable obj)
      (raise obj)))
(define (program-arguments) (command-line))
;; Random numbers (primitives in random.rs): the default state has a fixed
;; seed, so a program draws the same numbers each run, as in Guile.
(define *random-state* (seed->random-state 0))
(define (%state-or-default state) (if (pair? state) (car state) *random-state*))
(define (random n . state) (%random n (%state-or-default state)))
(define (random:uniform . state) (%random:uniform (%state-or-default state)))
(define (random:normal . state) (%random:normal (%state-or-default state)))
(define (random:exp . state) (%random:exp (%state-or-default state)))
(define (copy-random-state . state) (%copy-random-state (%state-or-default state)))
(define (current-warning-port) (current-error-port))
(define (call-with-encoded-output-string encoding proc . strategy)
  (apply string->bytevector (call-with-output-string proc) encoding strategy))
(define (nil? x) (or (null? x) (not x)))   ; what Emacs Lisp takes for nil: #nil, () or #f
(define (inf? x) (and (real? x) (not (nan? x)) (or (= x +inf.0) (= x -inf.0))))
(define (load-from-path file)
  (let ((found (or (%search-load-path file) (%search-load-path (string-append file ".scm")))))
    (if found
        (primitive-load found)
        (scm-error 'misc-error "load-from-path" "Unable to find file ~S in load path" (list file) #f))))

;; Procedure properties: the name and documentation a procedure has, then
;; those the program set, in the order it first set them (as Guile lists them).
(define %procedure-properties (make-weak-key-hash-table))
(define (procedure-properties proc)
  (let ((name (procedure-name proc))
        (doc (procedure-documentation proc))
        (set (hashq-ref %procedure-properties proc '())))
    (append (if (and name (not (assq 'name set))) (list (cons 'name name)) '())
            (if (and doc (not (assq 'documentation set))) (list (cons 'documentation doc)) '())
            set)))
(define (procedure-property proc key)
  (let ((entry (assq key (procedure-properties proc))))
    (and entry (cdr entry))))
(define (set-procedure-property! proc key value)
  (let ((set (hashq-ref %procedure-properties proc '())))
    (hashq-set! %procedure-properties proc
                (if (assq key set)
                    (map (lambda (entry) (if (eq? (car entry) key) (cons key value) entry)) set)
                    (append set (list (cons key value)))))))
(define (set-procedure-properties! proc alist)
  (hashq-set! %procedure-properties proc alist))
;; guix0's collector keeps what a table holds either way.
(define (make-doubly-weak-hash-table . size) (make-hash-table))
