;;; (guix build utils): the procedures build code uses, as in Guix.

(define-module (guix build utils)
  #:use-module (srfi srfi-35)
  #:re-export (alist-cons alist-delete delete)
  #:export (mkdir-p copy-recursively install-file with-directory-excursion find-files which
            executable-file? directory-exists? symbolic-link? make-file-writable
            strip-store-file-name package-name->name+version dump-port invoke invoke/quiet
            invoke-error? invoke-error-program invoke-error-arguments invoke-error-exit-status
            invoke-error-term-signal report-invoke-error false-if-file-not-found
            search-path-as-list set-path-environment-variable search-input-file
            search-input-directory store-file-name? %store-directory
            alist-cons-before alist-cons-after alist-replace modify-phases
            file-name-predicate call-with-ascii-input-file elf-file? ar-file?
            substitute* patch-shebang patch-makefile-SHELL patch-/usr/bin/file wrap-program
            remove-store-references reset-gzip-timestamp
            parallel-job-count search-path-as-string->list list->search-path-as-string
            switch-symlinks file-header-match gzip-file? xz-file? tarball?
            with-atomic-file-replacement every* %store-hash-length set-file-time
            invoke-error-stop-signal search-error? search-error-path search-error-file
            symlink-relative relative-file-name wrapped-program? call-with-temporary-output-file
            substitute mkdir-p/perms delete-file-recursively compressor %xz-parallel-args png-file?
            fold-port-matches wrap-script wrap-error? wrap-error-program wrap-error-type
            make-desktop-entry-file locale-category->string))

(define (%store-directory) (or (getenv "NIX_STORE_DIR") (getenv "NIX_STORE") "/gnu/store"))
(define (store-file-name? file) (string-prefix? (%store-directory) file))

(define (directory-exists? dir)
  (let ((s (stat dir #f))) (and s (eq? 'directory (stat:type s)))))
(define (executable-file? file)
  (let ((s (stat file #f))) (and s (not (zero? (logand (stat:mode s) #o100))))))
(define (symbolic-link? file)
  (eq? 'symlink (stat:type (lstat file))))
(define (make-file-writable file)
  (chmod file (logior #o200 (stat:mode (lstat file)))))

;; The non-empty components of a file name: "/a//b/" => ("a" "b").
(define (file-name-components name)
  (filter (lambda (c) (not (string-null? c))) (string-split name #\/)))

(define (mkdir-p dir)
  (define absolute? (string-prefix? "/" dir))
  (let loop ((components (file-name-components dir))
             (root (if absolute? "" ".")))
    (when (pair? components)
      (let ((path (string-append root "/" (car components))))
        (unless (file-exists? path)
          (mkdir path))
        (loop (cdr components) path)))))

(define-macro (with-directory-excursion dir . body)
  (let ((init (gensym "cwd")))
    `(let ((,init (getcwd)))
       (dynamic-wind
         (lambda () (chdir ,dir))
         (lambda () ,@body)
         (lambda () (chdir ,init))))))

(define* (delete-file-recursively dir #:key follow-mounts?)
  ((@ (guile) delete-file-recursively) dir follow-mounts?))

(define (install-file file directory)
  (mkdir-p directory)
  (copy-file file (string-append directory "/" (basename file))))

(define* (copy-recursively source destination
                           #:key (log (current-output-port)) (follow-symlinks? #f)
                           (copy-file copy-file) (keep-mtime? #f) (keep-permissions? #t))
  (define (copy src dst)
    (let ((type (stat:type (if follow-symlinks? (stat src) (lstat src)))))
      (case type
        ((directory)
         (mkdir-p dst)
         (for-each (lambda (name)
                     (unless (member name '("." ".."))
                       (copy (string-append src "/" name) (string-append dst "/" name))))
                   (scandir src)))
        ((symlink)
         (symlink (readlink src) dst))
        (else
         (copy-file src dst)
         (when keep-permissions? (chmod dst (stat:perms (stat src))))
         (when keep-mtime? (let ((s (stat src))) (utime dst (stat:atime s) (stat:mtime s))))))))
  (when log
    (display (string-append "`" source "' -> `" destination "'\n") log))
  (copy source destination))

(define (file-name-predicate regexp-or-pred)
  (if (procedure? regexp-or-pred)
      regexp-or-pred
      (let ((rx (if (regexp? regexp-or-pred) regexp-or-pred (make-regexp regexp-or-pred))))
        (lambda (file stat) (regexp-exec rx (basename file))))))

;; Sorted list of the files under dir that match (by basename when given a
;; string; a procedure gets the file name and its stat).
(define* (find-files dir #:optional (pred (const #t)) #:key (stat lstat) (directories? #f) (fail-on-error? #f))
  (let ((match? (if (procedure? pred) pred (file-name-predicate pred))))
    (define (walk path acc)
      (let ((s (false-if-exception (stat path))))
        (cond ((not s) acc)
              ((eq? (stat:type s) 'directory)
               (let ((acc (if (and directories? (match? path s)) (cons path acc) acc)))
                 (fold (lambda (name acc)
                         (if (member name '("." "..")) acc (walk (string-append path "/" name) acc)))
                       acc
                       (scandir path))))
              ((match? path s) (cons path acc))
              (else acc))))
    (if (file-exists? dir) (sort (walk dir '()) string<?) '())))

(define (search-path-as-list files input-dirs . _)
  (append-map (lambda (dir)
                (filter-map (lambda (sub)
                              (let ((path (string-append dir "/" sub)))
                                (and (directory-exists? path) path)))
                            files))
              input-dirs))

(define* (set-path-environment-variable variable files input-dirs #:key (separator ":") #:allow-other-keys)
  (let ((value (search-path-as-list files input-dirs)))
    (if (null? value)
        (unsetenv variable)
        (setenv variable (string-join value separator)))))

(define (which program)
  (let ((path (getenv "PATH")))
    (and path
         (find (lambda (file) (and (file-exists? file) (executable-file? file)))
               (map (lambda (dir) (string-append dir "/" program))
                    (string-split path #\:))))))

(define (search-input-file inputs file)
  (or (any (lambda (input)
             (let ((path (string-append (cdr input) "/" file)))
               (and (file-exists? path) path)))
           inputs)
      (search-error inputs file "could not find ~a among the inputs")))

;; search-input-file's condition, as Guix's &search-error: the directories
;; searched and the file name are the last of its throw arguments.
(define (search-error inputs file message)
  (raise (%make-condition 'search-error (list #f message (list file) (list (map cdr inputs) file)))))
(define (search-error? c)
  (and (condition? c) (eq? (exception-kind c) 'search-error)))
(define (search-error-path c) (car (list-ref (exception-args c) 3)))
(define (search-error-file c) (cadr (list-ref (exception-args c) 3)))

;; Like search-input-file, for a directory.
(define (search-input-directory inputs dir)
  (or (any (lambda (input)
             (let ((path (string-append (cdr input) "/" dir)))
               (and (directory-exists? path) path)))
           inputs)
      (search-error inputs dir "could not find directory ~a among the inputs")))

(define (strip-store-file-name file)
  (let* ((base (basename file))
         (dash (string-index base #\-)))
    (if dash (substring base (+ dash 1) (string-length base)) base)))

;; "foo-bar-1.2" → "foo-bar" "1.2": the version starts at the first dash
;; followed by a digit.
(define (package-name->name+version spec . delimiter)
  (let ((d (if (pair? delimiter) (car delimiter) #\-)))
    (let loop ((i 0))
      (cond ((>= i (- (string-length spec) 1)) (values spec #f))
            ((and (char=? (string-ref spec i) d) (char-numeric? (string-ref spec (+ i 1))))
             (values (substring spec 0 i) (substring spec (+ i 1) (string-length spec))))
            (else (loop (+ i 1)))))))

(define* (dump-port in out #:optional len #:key (buffer-size 65536) (progress (lambda (total next) (next))))
  ;; Copy LEN bytes (all of them if LEN is #f) from IN to OUT, BUFFER-SIZE
  ;; at a time; (PROGRESS TOTAL NEXT) is called first and after each
  ;; chunk, and calls NEXT to go on.
  (let loop ((total 0))
    (progress total
              (lambda ()
                (unless (and len (>= total len))
                  (let ((chunk (get-bytevector-n in (if len (min buffer-size (- len total)) buffer-size))))
                    (unless (eof-object? chunk)
                      (put-bytevector out chunk)
                      (loop (+ total (bytevector-length chunk))))))))))

;; EXPR's value, or #f if it raised ENOENT (other errors go on).
(define-macro (false-if-file-not-found expr)
  `(catch 'system-error
     (lambda () ,expr)
     (lambda args
       (if (eqv? (system-error-errno args) ENOENT) #f (apply throw args)))))

(define (call-with-ascii-input-file file proc)
  (call-with-input-file file proc))

(define (elf-file? file)
  (call-with-input-file file (lambda (p) (equal? (read-string 4 p) "\x7fELF"))))
(define (ar-file? file)
  (call-with-input-file file (lambda (p) (equal? (read-string 8 p) "!<arch>\n"))))

;; (file-header-match #vu8(...)): a predicate true of the files whose
;; first bytes are those.
(define (file-header-match header)
  (let ((size (bytevector-length header)))
    (lambda (file)
      (and (not (file-is-directory? file))
           (equal? header (call-with-port (open-file file "rb") (lambda (port) (get-bytevector-n port size))))))))

(define gzip-file? (file-header-match #vu8(#x1f #x8b)))
(define png-file? (file-header-match #vu8(137 80 78 71 13 10 26 10)))
(define xz-file? (file-header-match #vu8(#xfd #x37 #x7a #x58 #x5a #x00)))

;; Whether FILE's name is that of a tarball (the match, as in Guix).
(define (tarball? file)
  (string-match "\\.(tar(\\..*)?|tgz|tbz)$" file))

;; The program that compresses and decompresses FILE-NAME, by its
;; extension, or #f.
(define (compressor file-name)
  (let ((known (find (lambda (entry) (string-suffix? (car entry) file-name))
                     '(("gz" . "gzip") ("Z" . "gzip") ("bz2" . "bzip2") ("lz" . "lzip") ("zip" . "unzip")
                       ("xz" . "xz")))))
    (and known (cdr known))))

;; xz's options for compressing on several threads with an output that
;; does not depend on their number.
(define (%xz-parallel-args)
  (list "--memlimit=50%" (string-append "--threads=" (number->string (max 2 (parallel-job-count))))))

;; The length of the hash part of a store file name.
(define %store-hash-length 32)

;; The number of jobs for `make -j': $NIX_BUILD_CORES, 0 meaning every core.
(define (parallel-job-count)
  (let ((cores (getenv "NIX_BUILD_CORES")))
    (cond ((not cores) 1)
          ((string=? cores "0") (current-processor-count))
          (else (or (string->number cores) 1)))))

;; "/a/bin::/b/bin" -> ("/a/bin" "/b/bin"): the entries of a search path.
(define* (search-path-as-string->list path #:optional (separator #\:))
  (filter (lambda (entry) (not (string-null? entry))) (string-split path separator)))

;; The entries of LST as one search path; with no separator, the first.
(define (list->search-path-as-string lst separator)
  (cond (separator (string-join lst separator))
        ((pair? lst) (car lst))
        (else "")))

;; Make LINK point to TARGET, replacing whatever LINK was in one step.
(define (switch-symlinks link target)
  (let ((pivot (string-append link ".new")))
    (symlink target pivot)
    (rename-file pivot link)))

;; Like mkdir-p, the directories it makes getting the mode BITS and OWNER
;; (a password entry, as getpw gives) as their owner and group. A
;; component that is a symbolic link is an error, not followed.
(define (mkdir-p/perms directory owner bits)
  (let loop ((components (file-name-components directory))
             (root (if (string-prefix? "/" directory) "" ".")))
    (unless (null? components)
      (let* ((path (string-append root "/" (car components)))
             (existing (false-if-exception (lstat path))))
        (cond ((not existing)
               (mkdir path bits)
               (chown path (passwd:uid owner) (passwd:gid owner))
               (chmod path bits))
              ((eq? 'symlink (stat:type existing))
               (error "mkdir-p/perms: a component is a symbolic link:" path))
              ((not (eq? 'directory (stat:type existing)))
               (error "mkdir-p/perms: a component is not a directory:" path)))
        (loop (cdr components) path)))))

;; FILE as a name relative to the directory REFERENCE, both absolute file
;; names, lexically (".." is not resolved):
;; (relative-file-name "/gnu/store/foo" "/gnu/store/bin/bar") => "../bin/bar".
(define (relative-file-name reference file)
  (let loop ((reference (file-name-components reference)) (file (file-name-components file)))
    (if (and (pair? reference) (pair? file) (string=? (car reference) (car file)))
        (loop (cdr reference) (cdr file))
        (let ((parts (append (map (const "..") reference) file)))
          (if (null? parts) "." (string-join parts "/"))))))

;; Make NEW a symlink to OLD (both absolute) by a relative file name, which
;; is returned.
(define (symlink-relative old new)
  (let ((target (relative-file-name (dirname new) old)))
    (symlink target new)
    target))

;; Whether PROG is the program wrap-program moved aside: DIR/.NAME-real.
(define (wrapped-program? prog)
  (let ((name (basename prog)))
    (and (string-prefix? "." name) (string-suffix? "-real" name))))

;; Call (PROC FILE PORT) with a new file under $TMPDIR (or /tmp) open for
;; output; it is closed and deleted when PROC's extent is left.
(define (call-with-temporary-output-file proc)
  (let* ((template (string-append (or (getenv "TMPDIR") "/tmp") "/guix-file.XXXXXX"))
         (out (mkstemp! template)))
    (dynamic-wind
      (lambda () #t)
      (lambda () (proc template out))
      (lambda ()
        (close-port out)
        (false-if-exception (delete-file template))))))

;; Call (PROC IN OUT) with IN reading FILE and OUT writing its replacement,
;; which takes FILE's place (keeping its mode) once PROC returns; PROC's
;; values are returned. If PROC fails, FILE is left as it was.
(define (with-atomic-file-replacement file proc)
  (let* ((temp (string-append file ".guix0-replacement"))
         (in (open-input-file file))
         (out (open-output-file temp)))
    (dynamic-wind
      (lambda () #t)
      (lambda ()
        (call-with-values (lambda () (proc in out))
          (lambda results
            (close-port out)
            (chmod temp (stat:perms (stat file)))
            (rename-file temp file)
            (apply values results))))
      (lambda ()
        (close-port in)
        (close-port out)
        (when (file-exists? temp) (delete-file temp))))))

;; Give FILE the access and modification times recorded in STAT.
(define (set-file-time file stat)
  (utime file (stat:atime stat) (stat:mtime stat) (stat:atimensec stat) (stat:mtimensec stat)))

;; Like `every', but PRED is applied to every element, even after one fails.
(define (every* pred lst)
  (fold (lambda (x all?) (and (pred x) all?)) #t lst))

;;; invoke and its error

(define-record-type <invoke-error>
  (make-invoke-error program arguments exit-status term-signal stop-signal)
  invoke-error?
  (program invoke-error-program)
  (arguments invoke-error-arguments)
  (exit-status invoke-error-exit-status)
  (term-signal invoke-error-term-signal)
  (stop-signal invoke-error-stop-signal))

(define (invoke program . args)
  (let* ((status (apply system* program args))
         (code (quotient status 256))
         (signal (remainder status 256)))
    (unless (zero? status)
      (raise (make-invoke-error program args (if (zero? signal) code #f) (if (zero? signal) #f signal) #f)))
    #t))

;; Run a program with its output captured; on failure, raise a &message
;; condition holding the command and what it printed.
(define (invoke/quiet program . args)
  (let* ((result (apply %system*/capture program args))
         (status (car result)))
    (unless (zero? status)
      (raise (%make-condition 'misc-error
                              (list "invoke/quiet" "~a"
                                    (list (string-append (command-line-text program args) " failed with status "
                                                         (number->string (quotient status 256)) ":\n" (cdr result)))
                                    #f))))
    #t))

;; `"make" "check"`: a command as Guix shows it.
(define (command-line-text program args)
  (string-append "command " (string-join (map object->string (cons program args)) " ")))

(define* (report-invoke-error c #:optional (port (current-error-port)))
  (display (string-append (command-line-text (invoke-error-program c) (invoke-error-arguments c))
                          (if (invoke-error-exit-status c)
                              (string-append " failed with status " (number->string (invoke-error-exit-status c)))
                              (string-append " terminated by signal " (number->string (invoke-error-term-signal c)))))
           port)
  (newline port))

;;; Phases as association lists

(define (alist-cons-before reference key value alist)
  (let loop ((rest alist) (acc '()))
    (cond ((null? rest) (append alist (list (cons key value))))
          ((eq? (caar rest) reference) (append (reverse acc) (cons (cons key value) rest)))
          (else (loop (cdr rest) (cons (car rest) acc))))))

(define (alist-cons-after reference key value alist)
  (let loop ((rest alist) (acc '()))
    (cond ((null? rest) (append alist (list (cons key value))))
          ((eq? (caar rest) reference) (append (reverse acc) (list (car rest) (cons key value)) (cdr rest)))
          (else (loop (cdr rest) (cons (car rest) acc))))))

(define (alist-replace key value alist)
  (unless (assq key alist)
    (error (string-append "modify-phases: no phase named `" (symbol->string key) "' to replace")))
  (map (lambda (entry) (if (eq? (car entry) key) (cons key value) entry)) alist))

;; (modify-phases phases (delete 'p) (replace 'p proc) (add-before 'p 'new proc) (add-after 'p 'new proc))
(define-macro (modify-phases phases . specs)
  (let loop ((specs specs) (acc phases))
    (if (null? specs)
        acc
        (let ((s (car specs)))
          (loop (cdr specs)
                (case (car s)
                  ((delete) `(,alist-delete-phase ,(cadr s) ,acc))
                  ((replace) `(,alist-replace ,(cadr s) ,(caddr s) ,acc))
                  ((add-before) `(,alist-cons-before ,(cadr s) ,(caddr s) ,(cadddr s) ,acc))
                  ((add-after) `(,alist-cons-after ,(cadr s) ,(caddr s) ,(cadddr s) ,acc))
                  (else (error "modify-phases: unknown clause" s))))))))

(define (alist-delete-phase key alist)
  (filter (lambda (entry) (not (eq? (car entry) key))) alist))

;;; Editing files

;; (substitute* file ((regexp match-var ...) body ...) ...): edit the file
;; line by line; each clause applies, in order, to every match on the
;; line, to the result of the previous clause. The file is replaced
;; atomically and keeps its mode.
(define-macro (substitute* file . clauses)
  `(,%substitute* ,file
     (list ,@(map (lambda (clause)
                    (let* ((vars (cdar clause))
                           (m (gensym "m"))
                           (bindings (let loop ((vars vars) (i 0) (acc '()))
                                       (cond ((null? vars) (reverse acc))
                                             ((eq? (car vars) '_) (loop (cdr vars) (+ i 1) acc))
                                             (else (loop (cdr vars) (+ i 1)
                                                         (cons `(,(car vars) (match:substring ,m ,i)) acc)))))))
                      `(cons (make-regexp ,(caar clause))
                             (lambda (,m) (let ,bindings ,@(cdr clause))))))
                  clauses))))

;; PROC's text replaces each match of RX in LINE that Guix's list-matches
;; gives: `^' matches only at the start of the line, and an empty match
;; found right after a match does not count. This is fold-matches's loop,
;; written out: substitute* runs it on every line, and through fold-matches
;; it took half as many instructions again.
(define (%substitute-line line rx proc)
  (let ((end (string-length line)))
    (let loop ((start 0) (offset 0) (after-match? #f) (acc '()))
      (let ((m (and (<= start end)
                    (regexp-exec rx line start (if (= start 0) 0 regexp/notbol)))))
        (if (not m)
            (if (null? acc)
                line
                (apply string-append (reverse (cons (substring line offset end) acc))))
            (let ((m-start (match:start m)) (m-end (match:end m)))
              (if (and after-match? (= m-start m-end))
                  (loop (+ start 1) offset #f acc)
                  (loop m-end m-end #t (cons (proc m) (cons (substring line offset m-start) acc))))))))))

(define (%substitute* files clauses)
  (for-each
   (lambda (file)
     (let* ((lines (call-with-input-file file
                     (lambda (port)
                       (let loop ((acc '()))
                         (let ((line (read-line port 'concat)))
                           (if (eof-object? line) (reverse acc) (loop (cons line acc))))))))
            (new (map (lambda (line)
                        (fold (lambda (clause line) (%substitute-line line (car clause) (cdr clause)))
                              line clauses))
                      lines))
            (mode (stat:perms (stat file)))
            (temp (string-append file ".guix0-substitute")))
       (unless (equal? new lines)
         (call-with-output-file temp (lambda (port) (for-each (lambda (l) (display l port)) new)))
         (chmod temp mode)
         (rename-file temp file))))
   (if (list? files) files (list files))))

;; (substitute FILE ((PATTERN . PROC) ...)): each line of FILE that PATTERN
;; (a regexp, or a string compiled as one) matches becomes (PROC LINE
;; MATCHES), MATCHES being all its matches in the line, for each pair in
;; turn. The file is replaced atomically.
(define (substitute file pattern+procs)
  (let ((rx+procs (map (lambda (p)
                         (cons (if (regexp? (car p)) (car p) (make-regexp (car p) regexp/extended)) (cdr p)))
                       pattern+procs)))
    (with-atomic-file-replacement file
      (lambda (in out)
        (let loop ((line (read-line in 'concat)))
          (unless (eof-object? line)
            (display (fold (lambda (rx+proc line)
                             (let ((matches (list-matches (car rx+proc) line)))
                               (if (null? matches) line ((cdr rx+proc) line matches))))
                           line rx+procs)
                     out)
            (loop (read-line in 'concat))))))))

;;; Shebangs

(define (%first-line file)
  (call-with-input-file file
    (lambda (port)
      (let ((start (read-string 2 port)))
        (and (equal? start "#!") (read-line port))))))

;; Rewrite `#!/x/y/interp args` to the interpreter of that name found in
;; `path` (and `#!/usr/bin/env prog` to prog itself).
(define* (patch-shebang file #:optional (path (string-split (or (getenv "PATH") "") #\:)) #:key (keep-mtime? #t))
  (let ((line (false-if-exception (%first-line file))))
    (when line
      (let* ((parts (filter (lambda (s) (not (string-null? s))) (string-split (string-trim-both line) #\space)))
             (interp (and (pair? parts) (car parts)))
             (env? (and interp (string-suffix? "/env" interp) (pair? (cdr parts))))
             (name (and interp (basename (if env? (cadr parts) interp))))
             (args (if env? (cddr parts) (if (pair? parts) (cdr parts) '())))
             (found (and name (any (lambda (dir)
                                     (let ((p (string-append dir "/" name)))
                                       (and (file-exists? p) p)))
                                   path))))
        (cond ((not interp) #f)
              ((and found (not (string=? found interp)))
               (format (current-error-port) "patch-shebang: ~a: changing `~a' to `~a'~%"
                       file (if env? (string-append interp " " (cadr parts)) interp) found)
               (let ((mtime (stat:mtime (stat file))))
                 (format-shebang file found args)
                 (when keep-mtime? (utime file mtime mtime))))
              ((not found)
               (display (string-append "patch-shebang: " file ": warning: no binary for interpreter `"
                                       name "' found in $PATH\n")
                        (current-error-port))))))))

(define (format-shebang file interp args)
  (with-atomic-file-replacement file
    (lambda (in out)
      (read-line in 'concat)
      (display (string-append "#!" interp (apply string-append (map (lambda (a) (string-append " " a)) args)) "\n")
               out)
      ;; The rest as bytes: a script may carry a binary payload.
      (dump-port in out))))

(define (patch-makefile-SHELL file)
  (let ((sh (which "sh")))
    (when sh
      (substitute* file (("^( *SHELL[[:blank:]]*:?=[[:blank:]]*)([[:graph:]]*/)([[:graph:]]+)(.*)$" _ prefix dir shell rest)
                         (string-append prefix (or (which shell) (string-append dir shell)) rest))))))

(define (patch-/usr/bin/file file)
  (let ((f (which "file")))
    (when f (substitute* file (("/usr/bin/file") f)))))

;; (wrap-program prog (VAR [SEP] =|prefix|suffix (dirs)) ...): move prog to
;; .prog-real and install a shell wrapper setting the variables.
;; The specifications among wrap-program's and wrap-script's arguments:
;; those after the keyword arguments.
(define (wrap-specs args)
  (if (and (pair? args) (keyword? (car args))) (wrap-specs (cddr args)) args))

;; (MAKE VAR SEP HOW VALUE) for SPEC, (VAR [SEP] =|prefix|suffix (DIR ...)):
;; SEP is ":" unless given and VALUE the dirs joined with it.
(define (with-wrap-spec who spec make)
  (let* ((sep? (string? (cadr spec)))
         (sep (if sep? (cadr spec) ":"))
         (rest (if sep? (cddr spec) (cdr spec))))
    (unless (memq (car rest) '(= prefix suffix))
      (error (string-append who ": bad specification") spec))
    (make (car spec) sep (car rest) (string-join (cadr rest) sep))))

(define* (wrap-program prog #:key (sh (or (which "bash") (which "sh") "/bin/sh")) #:rest args)
  (let* ((specs (wrap-specs args))
         (dir (dirname prog))
         (real (string-append dir "/." (basename prog) "-real"))
         (line (lambda (spec)
                 (with-wrap-spec "wrap-program" spec
                   (lambda (var sep how value)
                     (case how
                       ((=) (string-append "export " var "=\"" value "\""))
                       ((prefix) (string-append "export " var "=\"" value "${" var ":+" sep "}$" var "\""))
                       (else (string-append "export " var "=\"$" var "${" var ":+" sep "}" value "\""))))))))
    (if (file-exists? real)
        ;; Wrapping again adds the new variables to the wrapper.
        (let ((old (call-with-input-file prog read-string)))
          (call-with-output-file prog
            (lambda (port)
              (let ((lines (string-split old #\newline)))
                (display (string-append (car lines) "\n") port)
                (for-each (lambda (s) (display (string-append (line s) "\n") port)) specs)
                (display (string-join (cdr lines) "\n") port)))))
        (begin
          (link prog real)
          (delete-file prog)
          (call-with-output-file prog
            (lambda (port)
              (display (string-append "#!" sh "\n") port)
              (for-each (lambda (s) (display (string-append (line s) "\n") port)) specs)
              ;; `exec -a` keeps $0, but only bash has it.
              (display (string-append (if (string=? (basename sh) "bash") "exec -a \"$0\" \"" "exec \"")
                                      real "\" \"$@\"\n")
                       port)))
          (chmod prog #o755)))))

;; Replace the hash of every store file name in FILE by e's, so that the
;; file no longer refers to those items (as Guix's does with /gnu/store/eee…).
(define* (remove-store-references file #:optional (store (%store-directory)))
  (%remove-store-references file store))

;; Zero the timestamp in the header of a gzip file (bytes 4-7), so that
;; compressed files are reproducible.
(define (reset-gzip-timestamp file)
  (%reset-gzip-timestamp file))

;; Read PORT a byte at a time, each byte a character (as Guix does), and
;; fold over it: (PROC MATCH RESULT) for each run of characters matching
;; PATTERN, a list of char-sets (or a string, each of its characters
;; matching itself), and (UNMATCHED CHAR RESULT) for every other one.
(define* (fold-port-matches proc init pattern port #:optional (unmatched (lambda (char result) result)))
  (define sets (if (string? pattern) (map char-set (string->list pattern)) pattern))
  (when (null? sets) (error "fold-port-matches: empty pattern"))
  ;; PENDING: characters read but to be looked at again, after a partial
  ;; match failed; MATCHED: the partial match so far, last first.
  (let loop ((pending '()) (to-match sets) (matched '()) (result init))
    (if (null? to-match)
        (loop pending sets '() (proc (list->string (reverse matched)) result))
        (let ((c (if (pair? pending)
                     (car pending)
                     (let ((byte (get-u8 port))) (if (eof-object? byte) byte (integer->char byte)))))
              (pending (if (pair? pending) (cdr pending) '())))
          (cond ((eof-object? c) (fold unmatched result (reverse matched)))
                ((char-set-contains? (car to-match) c) (loop pending (cdr to-match) (cons c matched) result))
                ((null? matched) (loop pending sets '() (unmatched c result)))
                (else
                 ;; The partial match's first character is unmatched; the
                 ;; rest may start a match.
                 (let ((chars (reverse (cons c matched))))
                   (loop (append (cdr chars) pending) sets '() (unmatched (car chars) result)))))))))

;;; wrap-script

(define-condition-type &wrap-error &error
  wrap-error?
  (program wrap-error-program)
  (type wrap-error-type))

(define %script-interpreter
  (make-regexp "^#! ?(/[^ ]+/bin/(python[^ ]*|Rscript|perl|ruby|bash|sh))( ?.*)"))
(define %coding-line (make-regexp ".*#.*coding[=:][[:space:]]*([-a-zA-Z_0-9.]+)"))

;; The expression that sets an environment variable as a wrap-program
;; specification says: (VAR [SEP] =|prefix|suffix (VALUE ...)).
(define (wrap-script-setting spec)
  (with-wrap-spec "wrap-script" spec
    (lambda (var sep how value)
      (case how
        ((=) `(setenv ,var ,value))
        ((prefix) `(let ((current (getenv ,var)))
                     (setenv ,var (if current (string-append ,value ,sep current) ,value))))
        (else `(let ((current (getenv ,var)))
                 (setenv ,var (if current (string-append current ,sep ,value) ,value))))))))

;; (wrap-script prog [#:guile G] SPEC ...): put a Guile script in front of
;; the script PROG that sets the variables, then runs PROG's interpreter
;; on PROG. PROG's language reads those lines as comments; a coding line
;; is kept second. PROG keeps its mode and times. A script with no known
;; interpreter, or one that cannot be rewritten, raises a &wrap-error.
(define* (wrap-script prog #:key (guile (which "guile")) #:rest args)
  (define (fail type) (raise (condition (&wrap-error (program prog) (type type)))))
  (let* ((specs (wrap-specs args))
         (head (call-with-input-file prog (lambda (port) (let* ((one (read-line port)) (two (read-line port)))
                                                           (list one two)))))
         (interpreter (and (string? (car head)) (regexp-exec %script-interpreter (car head))))
         (coding (and (string? (cadr head)) (regexp-exec %coding-line (cadr head)))))
    (unless interpreter (fail 'no-interpreter-found))
    (let ((header (format #f "#!~a --no-auto-compile\n#!#; ~a\n#\\-~s\n#\\-~s\n"
                          guile
                          (if coding (match:substring coding 0) "Guix wrapper")
                          (cons 'begin (map wrap-script-setting specs))
                          `(let ((cl (command-line)))
                             (apply execl ,(match:substring interpreter 1) (car cl)
                                    (append ',(string-tokenize (match:substring interpreter 3) char-set:graphic)
                                            cl)))))
          (st (stat prog)))
      (catch #t
        (lambda ()
          (with-atomic-file-replacement prog (lambda (in out) (display header out) (dump-port in out)))
          (set-file-time prog st))
        (lambda (key . args)
          (format (current-error-port) "wrap-script: ~a: error: ~a ~s~%" prog key args)
          (fail key))))))

;;; Desktop entries

;; (make-desktop-entry-file destination #:name N #:exec E ...): write a
;; freedesktop.org desktop entry with a Key=value line per keyword
;; argument, in order (#:generic-name is GenericName), after Type
;; (Application unless given). A value is a boolean, a number, a string,
;; a list of strings (joined with `;'), or an alist from locales (#f for
;; none) to such values.
(define (make-desktop-entry-file destination . args)
  (define known '(#:type #:version #:name #:generic-name #:no-display #:comment #:icon #:hidden #:only-show-in
                  #:not-show-in #:d-bus-activatable #:try-exec #:exec #:path #:terminal #:actions #:mime-type
                  #:categories #:implements #:keywords #:startup-notify #:startup-w-m-class))
  (define (escape s) (string-join (string-split s #\;) "\\;"))
  (define (text value)
    (cond ((eq? value #t) "true")
          ((not value) "false")
          ((number? value) (number->string value))
          ((string? value) (escape value))
          ((and (list? value) (every string? value)) (string-join (map escape value) ";"))
          (else (error "make-desktop-entry-file: a value must be a boolean, number, string or list of strings"
                       value))))
  (define (key-name keyword)
    (apply string-append (map string-titlecase (string-split (symbol->string (keyword->symbol keyword)) #\-))))
  (define (entry key value locale)
    (format #t "~a=~a~%" (if locale (format #f "~a[~a]" key locale) key) (text value)))
  (let check ((rest args))
    (cond ((null? rest))
          ((or (null? (cdr rest)) (not (memq (car rest) known)))
           (error "make-desktop-entry-file: expected keyword arguments among" known rest))
          (else (check (cddr rest)))))
  (unless (memq #:name args) (error "make-desktop-entry-file: missing #:name"))
  (mkdir-p (dirname destination))
  (with-output-to-file destination
    (lambda ()
      (display "[Desktop Entry]\n")
      (let loop ((rest (if (memq #:type args) args (cons* #:type "Application" args))))
        (when (pair? rest)
          (let ((key (key-name (car rest))) (value (cadr rest)))
            (if (and (pair? value) (pair? (car value)))
                (for-each (lambda (localized)
                            (let ((v (cdr localized)))
                              (entry key (if (and (list? v) (= 1 (length v))) (car v) v) (car localized))))
                          value)
                (entry key value #f)))
          (loop (cddr rest)))))))

;; "LC_TIME" for LC_TIME; the number for any other value.
(define (locale-category->string category)
  (let ((known (find (lambda (entry) (= (cdr entry) category))
                     `(("LC_ADDRESS" . ,LC_ADDRESS) ("LC_ALL" . ,LC_ALL) ("LC_COLLATE" . ,LC_COLLATE)
                       ("LC_CTYPE" . ,LC_CTYPE) ("LC_IDENTIFICATION" . ,LC_IDENTIFICATION)
                       ("LC_MEASUREMENT" . ,LC_MEASUREMENT) ("LC_MESSAGES" . ,LC_MESSAGES)
                       ("LC_MONETARY" . ,LC_MONETARY) ("LC_NAME" . ,LC_NAME) ("LC_NUMERIC" . ,LC_NUMERIC)
                       ("LC_PAPER" . ,LC_PAPER) ("LC_TELEPHONE" . ,LC_TELEPHONE) ("LC_TIME" . ,LC_TIME)))))
    (if known (car known) (number->string category))))
