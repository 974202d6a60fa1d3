;;; The POSIX procedures build code uses: files and directories, pipes,
;;; the environment, byte I/O on files.
(use-modules (srfi srfi-64) (srfi srfi-1) (ice-9 popen) (ice-9 rdelim) (rnrs io ports))

(test-begin "posix")

(define dir (string-append "/tmp/guix0-posix-test-" (number->string (getpid))))
(mkdir dir)

(test-assert "mkdir and file-exists?" (file-exists? dir))
(test-equal "stat:type of a directory" 'directory (stat:type (stat dir)))

(define file (string-append dir "/data"))
(call-with-output-file file (lambda (port) (display "line one\nline two\n" port)))
(test-equal "read-line from a file" "line one" (call-with-input-file file read-line))
(test-equal "stat:size" 18 (stat:size (stat file)))
(chmod file #o600)
(test-equal "chmod and stat:perms" #o600 (stat:perms (stat file)))
(test-equal "the stat vector is laid out as Guile's: type, perms, then nanoseconds"
  (list 18 'regular #o600 #t)
  (let ((st (stat file)))
    (list (vector-length st) (vector-ref st 13) (vector-ref st 14)
          (and (integer? (stat:atimensec st)) (< -1 (stat:mtimensec st) 1000000000) (integer? (stat:ctimensec st))))))
(test-equal "utime sets seconds and nanoseconds, following a link unless told not to"
  '((1000 2000 5 7) (3000 4000) (6000 4000))
  (let ((link (string-append dir "/time-link")))
    (symlink "data" link)
    (utime file 1000 2000 5 7)
    (let* ((st (stat file))
           (set (list (stat:atime st) (stat:mtime st) (stat:atimensec st) (stat:mtimensec st))))
      (utime file 1000 3000)
      (utime link 1 4000 0 0 AT_SYMLINK_NOFOLLOW)
      (let ((nofollow (list (stat:mtime (stat file)) (stat:mtime (lstat link)))))
        (utime link 5000 6000)
        (let ((follow (list (stat:mtime (stat file)) (stat:mtime (lstat link)))))
          (delete-file link)
          (list set nofollow follow))))))
(test-equal "a missing file's error comes from open-file, as in Guile" "open-file"
  (catch 'system-error (lambda () (open-input-file (string-append dir "/missing"))) (lambda (key who . rest) who)))

(symlink "data" (string-append dir "/link"))
(test-equal "readlink" "data" (readlink (string-append dir "/link")))
(test-equal "lstat sees the link" 'symlink (stat:type (lstat (string-append dir "/link"))))
(rename-file (string-append dir "/link") (string-append dir "/link2"))
(test-assert "rename-file" (file-exists? (string-append dir "/link2")))

(test-equal "opendir/readdir list every entry" '("." ".." "data" "link2")
  (let ((stream (opendir dir)))
    (let loop ((acc '()))
      (let ((entry (readdir stream)))
        (if (eof-object? entry)
            (begin (closedir stream) (sort acc string<?))
            (loop (cons entry acc)))))))

(test-equal "open-input-pipe reads a command's output" "hello"
  (let* ((port (open-input-pipe "echo hello"))
         (line (read-line port)))
    (close-pipe port)
    line))
(test-equal "close-pipe returns the exit status" 3
  (let ((port (open-input-pipe "exit 3")))
    (status:exit-val (close-pipe port))))
(test-equal "open-pipe* OPEN_WRITE feeds a program" 0
  (let ((port (open-pipe* OPEN_WRITE "cat")))
    (display "to cat\n" port)
    (status:exit-val (close-pipe port))))

(test-equal "system* exit status" 2 (status:exit-val (system* "/bin/sh" "-c" "exit 2")))
(setenv "GUIX0_POSIX_TEST" "value")
(test-equal "setenv/getenv" "value" (getenv "GUIX0_POSIX_TEST"))
(unsetenv "GUIX0_POSIX_TEST")
(test-equal "unsetenv" #f (getenv "GUIX0_POSIX_TEST"))

(test-equal "chdir and getcwd" dir
  (let ((old (getcwd)))
    (chdir dir)
    (let ((here (getcwd)))
      (chdir old)
      here)))

(delete-file (string-append dir "/link2"))
(delete-file file)
(rmdir dir)
(test-assert "delete-file and rmdir" (not (file-exists? dir)))

;;; processes: fork, exec, waitpid and the status accessors
(test-equal "fork, execlp and waitpid give the exit code" '(#t 3 #f)
  (let ((pid (primitive-fork)))
    (if (zero? pid)
        (begin (execlp "sh" "sh" "-c" "exit 3") (primitive-_exit 127))
        (let ((r (waitpid pid)))
          (list (= (car r) pid) (status:exit-val (cdr r)) (status:term-sig (cdr r)))))))
(test-equal "a killed child reports its signal" '(#t #f 9)
  (let ((pid (primitive-fork)))
    (if (zero? pid)
        (begin (execl "/bin/sh" "sh" "-c" "kill -9 $$") (primitive-_exit 127))
        (let ((r (waitpid WAIT_ANY)))
          (list (= (car r) pid) (status:exit-val (cdr r)) (status:term-sig (cdr r)))))))
(test-eqv "waitpid without children is ECHILD" ECHILD
  (catch 'system-error
    (lambda () (waitpid WAIT_ANY WNOHANG))
    (lambda (key . args) (system-error-errno (cons key args)))))
(test-eqv "system* statuses decode the same way" 5 (status:exit-val (system* "sh" "-c" "exit 5")))

;;; access? asks the kernel, mode and all; the user and group ids.
(define access-file (string-append "/tmp/guix0-access-" (number->string (getpid))))
(call-with-output-file access-file (lambda (port) (display "x" port)))
(chmod access-file #o644)
(test-equal "access? tells existence, and execution by the mode bits"
  '(#t #f #t #f #t)
  (list (access? access-file F_OK)
        (access? (string-append access-file "-missing") F_OK)
        (access? access-file R_OK)
        (access? access-file X_OK)
        (begin (chmod access-file #o755) (access? access-file (logior R_OK X_OK)))))
(test-equal "access? wants a file name" 'wrong-type-arg
  (catch #t (lambda () (access? 1 R_OK)) (lambda (key . args) key)))
(test-assert "user and group ids are integers, the effective ones as the real ones here"
  (and (integer? (getuid)) (integer? (getgid))
       (= (getuid) (geteuid)) (= (getgid) (getegid))))
(test-equal "chown to the owner it has, and -1 for no change"
  (list (getuid) (getgid))
  (begin
    (chown access-file (getuid) (getgid))
    (chown access-file -1 -1)
    (let ((st (stat access-file))) (list (stat:uid st) (stat:gid st)))))
(test-equal "chown of a missing file is a system-error" 'system-error
  (catch #t (lambda () (chown (string-append access-file "-missing") 0 0)) (lambda (key . args) key)))
(delete-file access-file)

;;; mkstemp!: a fresh file, the template filled in, the port named after it.
(define template (string-copy "guix0-test-XXXXXX"))
(define temp-port (mkstemp! template))
(test-assert "mkstemp! fills in the template" (not (string-suffix? "XXXXXX" template)))
(test-equal "mkstemp!'s port is named after the file" template (port-filename temp-port))
(display "written" temp-port)
(close-port temp-port)
(test-equal "mkstemp!'s file holds what was written" "written"
  (call-with-input-file template (lambda (port) (read-line port))))
(delete-file template)
(test-equal "an output file port has its file name" "guix0-test-output"
  (let* ((port (open-output-file "guix0-test-output")) (name (port-filename port)))
    (close-port port)
    (delete-file "guix0-test-output")
    name))

(test-equal "getpw by name and by uid agree" (getpwuid 0) (getpwnam "root"))
(test-equal "passwd accessors" '("root" 0 0)
  (let ((pw (getpw "root"))) (list (passwd:name pw) (passwd:uid pw) (passwd:gid pw))))
(test-error "getpw of an unknown user" 'misc-error (getpw "no-such-user-anywhere"))
(test-equal "getgr by name and by gid agree" (getgrgid 0) (getgrnam "root"))
(test-equal "group accessors" '("root" 0 #t)
  (let ((gr (getgr "root"))) (list (group:name gr) (group:gid gr) (list? (group:mem gr)))))
(test-error "getgr of an unknown group" 'misc-error (getgr "no-such-group-anywhere"))

(test-equal "setlocale installs a locale and names the current one" '("C" "C")
  (list (setlocale LC_ALL "C") (setlocale LC_CTYPE)))
(test-equal "setlocale of a locale the system lacks is a system-error with EINVAL" EINVAL
  (catch 'system-error (lambda () (setlocale LC_ALL "xx_NO-SUCH-LOCALE.UTF-8")) (lambda args (system-error-errno args))))
(test-equal "the locale categories have glibc's values" '(0 1 2 3 4 5 6 12)
  (list LC_CTYPE LC_NUMERIC LC_TIME LC_COLLATE LC_MONETARY LC_MESSAGES LC_ALL LC_IDENTIFICATION))
(test-equal "setvbuf takes Guile's modes and leaves what a port writes alone" "abc"
  (call-with-output-string
    (lambda (port) (setvbuf port 'none) (display "a" port) (setvbuf port 'block 4096) (display "bc" port))))
(test-error "setvbuf refuses an unknown mode" 'out-of-range (setvbuf (current-output-port) 'sometimes))

;; Guix edits files that are not UTF-8 with %default-port-encoding set to
;; ISO-8859-1: every byte reads as a character and writes back as itself.
(define latin (string-append "/tmp/guix0-posix-latin-" (number->string (getpid))))
(call-with-output-file latin (lambda (port) (put-bytevector port #vu8(99 97 102 233 10 169 255 10))))
(test-equal "a file port opens in %default-port-encoding, ISO-8859-1 keeping every byte"
  '("ISO-8859-1" (99 97 102 233) #vu8(99 97 102 233 10 169 255 10))
  (with-fluids ((%default-port-encoding "ISO-8859-1"))
    (let* ((text (call-with-input-file latin get-string-all))
           (encoding (call-with-input-file latin port-encoding)))
      (call-with-output-file latin (lambda (port) (display text port)))
      (list encoding (map char->integer (string->list (call-with-input-file latin read-line)))
            (call-with-input-file latin get-bytevector-all)))))
(test-equal "#f is ISO-8859-1, and a character past U+00FF is written as ?" #vu8(233 63)
  (with-fluids ((%default-port-encoding #f))
    (call-with-output-file latin (lambda (port) (display (string (integer->char #xe9) (integer->char #x20ac)) port)))
    (call-with-input-file latin get-bytevector-all)))
(test-equal "set-port-encoding! changes how a port reads" '("ISO-8859-1" (233 63))
  (let ((port (open-input-file latin)))
    (set-port-encoding! port "ISO-8859-1")
    (list (port-encoding port) (map char->integer (string->list (read-line port))))))
(delete-file latin)

(test-equal "system runs a shell command and gives its status as system* does" (list (* 3 256) #t)
  (list (system "exit 3") (system)))
(test-equal "kill sends a signal that waitpid then reports" SIGTERM
  (let ((pid (primitive-fork)))
    (when (= pid 0) (sleep 10) (primitive-_exit 0))
    (kill pid SIGTERM)
    (status:term-sig (cdr (waitpid pid)))))
(test-equal "kill of a process that is not there is a system-error" ESRCH
  (catch 'system-error (lambda () (kill 999999999 0)) (lambda args (system-error-errno args))))
(test-assert "getppid is not getpid" (and (integer? (getppid)) (not (= (getppid) (getpid)))))
(test-assert "%host-type is a GNU triplet" (string-suffix? "-linux-gnu" %host-type))

(define seekable (string-append "/tmp/guix0-posix-seek-" (number->string (getpid))))
(test-equal "seek on an output file: where it is, back to overwrite, to the end" '(18 18)
  (call-with-output-file seekable
    (lambda (port)
      (display "0123456789\nabcdef\n" port)
      (let ((here (ftell port)))
        (seek port 2 SEEK_SET)
        (display "XY" port)
        (list here (seek port 0 SEEK_END))))))
(test-equal "seek on an input file, from the start, the end and where it is"
  '(#\0 1 "01XY456789" 11 15 "ef" 7 #\7)
  (call-with-input-file seekable
    (lambda (port)
      (let* ((c (read-char port)) (at (ftell port)))
        (seek port 0 SEEK_SET)
        (let* ((line (read-line port)) (after (ftell port)) (end (seek port -3 SEEK_END)) (tail (read-line port)))
          (seek port 4 SEEK_SET)
          (read-char port)
          (list c at line after end tail (seek port 2 SEEK_CUR) (read-char port)))))))
(test-equal "seek on string ports" '(6 "world" 6 #\w 3)
  (let ((in (open-input-string "hello world")) (out (open-output-string)))
    (display "abc" out)
    (list (seek in 6 SEEK_SET) (read-line in) (seek in -5 SEEK_END) (read-char in) (ftell out))))
(test-equal "seeking before the start is a system-error" EINVAL
  (call-with-input-file seekable
    (lambda (port) (catch 'system-error (lambda () (seek port -100 SEEK_SET)) (lambda args (system-error-errno args))))))
(delete-file seekable)

(test-equal "gmtime gives Guile's vector: year from 1900, month from 0" '#(40 46 1 9 8 101 0 251 0 0 "GMT")
  (gmtime 1000000000))
(test-equal "localtime in a zone: gmtoff counts seconds west of UTC" '(3 1 -7200 "CEST")
  (let ((tm (localtime 1000000000 "CET-1CEST,M3.5.0,M10.5.0/3")))
    (list (tm:hour tm) (tm:isdst tm) (tm:gmtoff tm) (tm:zone tm))))
(test-equal "strftime" "2001-09-09 01:46:40 Sun Sep 252" (strftime "%Y-%m-%d %H:%M:%S %a %b %j" (gmtime 1000000000)))
(test-equal "strftime of an empty format" "" (strftime "" (gmtime 0)))
(test-equal "strptime: the fields read, the rest computed, and the characters read"
  '(#(0 45 13 29 1 124 4 59 -1 0 #f) . 16) (strptime "%Y-%m-%d %H:%M" "2024-02-29 13:45 rest"))
(test-equal "strptime counts characters, not bytes" 2 (cdr (strptime "%H" "12é")))
(test-error "strptime of text the format does not match" 'system-error (strptime "%Y-%m" "abc"))
(test-equal "mktime normalizes and gives the time" '(3369600 1 9)
  (let ((tm (gmtime 0)))
    (set-tm:mday tm 40)
    (let ((r (mktime tm "UTC"))) (list (car r) (tm:mon (cdr r)) (tm:mday (cdr r))))))

;;; truncate-file: a file name with a length; a port, where it is without one.
(define cut (string-append "/tmp/guix0-posix-truncate-" (number->string (getpid))))
(call-with-output-file cut (lambda (port) (display "hello world" port)))
(test-equal "truncate-file cuts a named file to a length" "hello"
  (begin (truncate-file cut 5) (call-with-input-file cut read-line)))
(test-error "truncate-file needs a length with a file name" 'misc-error (truncate-file cut))
(test-error "truncate-file of a missing file is a system error" 'system-error
  (truncate-file (string-append cut "/missing") 1))
(test-equal "truncate-file of a port without a length cuts where it is" "abc"
  (let ((port (open-output-file cut)))
    (display "abcdef" port)
    (seek port 3 SEEK_SET)
    (truncate-file port)
    (close-port port)
    (call-with-input-file cut read-line)))
(delete-file cut)

;; File descriptors.
(define ends (pipe))
(display "through the pipe\n" (cdr ends))
(force-output (cdr ends))
(test-equal "pipe: what is written and flushed is read" "through the pipe" (read-line (car ends)))
(test-assert "fileno of a pipe end is a descriptor" (and (integer? (fileno (car ends))) (>= (fileno (car ends)) 0)))
(test-assert "port->fdes is fileno" (= (port->fdes (cdr ends)) (fileno (cdr ends))))
(test-assert "port-closed? before close-port" (not (port-closed? (car ends))))
(close-port (cdr ends))
(test-assert "port-closed? after close-port" (port-closed? (cdr ends)))
(test-assert "the reading end sees the end of file once the writing end is closed" (eof-object? (read-char (car ends))))
(close-port (car ends))
(test-error "fileno of a string port is an error" 'wrong-type-arg (fileno (open-input-string "x")))
(define fdes-file (string-append "/tmp/guix0-posix-fdes-" (number->string (getpid))))
(define fd (open-fdes fdes-file (logior O_WRONLY O_CREAT O_TRUNC) #o600))
(test-equal "open-fdes creates the file with the mode given" #o600 (stat:perms (stat fdes-file)))
(let ((out (fdes->outport (dup->fdes fd))))
  (display "by descriptor" out)
  (close-port out))
(close-fdes fd)
(test-equal "fdes->outport writes to the descriptor's file" "by descriptor" (call-with-input-file fdes-file read-line))
(let* ((in-fd (open-fdes fdes-file O_RDONLY)) (copy (dup->fdes in-fd 40)) (in (fdes->inport copy)))
  (test-equal "dup->fdes to a given number, read through fdes->inport" '(40 "by descriptor")
    (list copy (read-line in)))
  (close-port in)
  (close-fdes in-fd))
(test-error "open-fdes of a missing file is a system error" 'system-error
  (open-fdes (string-append fdes-file "/missing") O_RDONLY))
(let ((fd (open-fdes fdes-file O_WRONLY)))
  (fcntl fd F_SETFD FD_CLOEXEC)
  (test-equal "fcntl sets and reads the close-on-exec flag" FD_CLOEXEC (logand (fcntl fd F_GETFD) FD_CLOEXEC))
  (test-equal "fcntl F_GETFL gives the access mode" O_WRONLY (logand (fcntl fd F_GETFL) 3))
  (test-error "fcntl with a command that takes a structure" #t (fcntl fd 6 0))
  (close-fdes fd))
(let ((a (open-fdes fdes-file O_RDONLY)) (b (open-fdes fdes-file O_RDONLY)))
  (flock a LOCK_EX)
  (test-error "flock: a second exclusive lock would wait" 'system-error (flock b (logior LOCK_EX LOCK_NB)))
  (flock a LOCK_UN)
  (test-assert "flock: once unlocked it can be taken" (begin (flock b (logior LOCK_EX LOCK_NB)) #t))
  (close-fdes a)
  (close-fdes b))
(delete-file fdes-file)
(test-equal "unread-string puts text back, to be read first" "abyz"
  (call-with-input-string "xyz" (lambda (port) (read-char port) (unread-string "ab" port) (read-line port))))
(test-assert "program-arguments is command-line" (equal? (program-arguments) (command-line)))
(test-assert "gethostname" (let ((name (gethostname))) (and (string? name) (> (string-length name) 0))))
(test-equal "times: five counts, read with the tms: accessors" '(#t #t #t)
  (let ((t (times)))
    (list (integer? (tms:clock t)) (>= (tms:utime t) 0) (>= (+ (tms:stime t) (tms:cutime t) (tms:cstime t)) 0))))
(let ((made (mkdtemp (string-append "/tmp/guix0-mkdtemp-" (number->string (getpid)) "-XXXXXX"))))
  (test-equal "mkdtemp makes a directory named from the template" '(directory #t)
    (list (stat:type (stat made))
          (string-prefix? (string-append "/tmp/guix0-mkdtemp-" (number->string (getpid)) "-") made)))
  (let ((port (open-output-file (string-append made "/f"))))
    (display "synced" port)
    (fsync port)
    (test-equal "fsync writes out what the port holds" "synced"
      (call-with-input-file (string-append made "/f") read-line))
    (close-port port))
  (sync)
  (delete-file (string-append made "/f"))
  (rmdir made))
(test-error "mkdtemp needs a template ending in XXXXXX" #t (mkdtemp "/tmp/guix0-no-x"))
(test-equal "inf?" '(#t #t #f #f) (list (inf? (/ 1. 0.)) (inf? (/ -1. 0.)) (inf? 1.5) (inf? 3)))
(test-equal "errno constants are those system-error gives: EBADF" #t
  (catch 'system-error (lambda () (close-fdes 999) #f) (lambda args (= (system-error-errno args) EBADF))))
(test-assert "the other POSIX constants are numbers"
  (every integer? (list ENOSYS EPIPE ELOOP ENOTSUP SIGTSTP SIGWINCH O_DIRECTORY O_NOFOLLOW
                        EXIT_SUCCESS EXIT_FAILURE PIPE_BUF PRIO_PROCESS)))
(test-equal "getpgrp, getsid, getpriority give numbers" '(#t #t #t)
  (list (integer? (getpgrp)) (integer? (getsid 0)) (integer? (getpriority PRIO_PROCESS 0))))
(test-assert "getrlimit: a soft limit within the hard one (#f: none)"
  (call-with-values (lambda () (getrlimit 'nofile))
    (lambda (soft hard) (and (integer? soft) (or (not hard) (>= hard soft))))))
(test-assert "setrlimit lowers the soft limit"
  (call-with-values (lambda () (getrlimit 'nofile))
    (lambda (soft hard)
      (setrlimit 'nofile (- soft 1) hard)
      (let ((now (call-with-values (lambda () (getrlimit 'nofile)) (lambda (s h) s))))
        (setrlimit 'nofile soft hard)
        (= now (- soft 1))))))
(test-error "getrlimit of an unknown resource" 'misc-error (getrlimit 'bogus))
(test-equal "alarm 0: no alarm was set" 0 (alarm 0))
(test-equal "ttyname of a string port" #f (ttyname (open-input-string "")))
(test-error "ttyname of a bad descriptor" #t (ttyname -1))
(test-equal "nil? is true of the empty list and false" '(#t #t #f #f) (list (nil? '()) (nil? #f) (nil? 0) (nil? "")))

(test-end "posix")
