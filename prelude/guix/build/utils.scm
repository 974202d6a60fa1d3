;;; (guix build utils): the procedures build code uses, as in Guix.

(define-module (guix build utils)
  #:export (mkdir-p copy-recursively install-file with-directory-excursion find-files which
            executable-file? directory-exists? symbolic-link? make-file-writable
            strip-store-file-name package-name->name+version dump-port invoke invoke/quiet
            invoke-error? invoke-error-program invoke-error-arguments invoke-error-exit-status
            invoke-error-term-signal report-invoke-error false-if-file-not-found
            search-path-as-list set-path-environment-variable search-input-file
            search-input-directory store-file-name? %store-directory
            alist-cons-before alist-cons-after alist-replace modify-phases
            file-name-predicate call-with-ascii-input-file elf-file? ar-file?))

(define (%store-directory) (or (getenv "NIX_STORE") "/gnu/store"))
(define (store-file-name? file) (string-prefix? (%store-directory) file))

(define (directory-exists? dir)
  (let ((s (stat dir #f))) (and s (eq? 'directory (stat:type s)))))
(define (executable-file? file)
  (let ((s (stat file #f))) (and s (not (zero? (logand (stat:mode s) #o100))))))
(define (symbolic-link? file)
  (eq? 'symlink (stat:type (lstat file))))
(define (make-file-writable file)
  (chmod file (logior #o200 (stat:mode (lstat file)))))

(define (mkdir-p dir)
  (define absolute? (string-prefix? "/" dir))
  (let loop ((components (filter (lambda (c) (not (string-null? c))) (string-split dir #\/)))
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
      (let ((pattern regexp-or-pred))
        (lambda (file stat) (string-contains (basename file) pattern)))))

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
      (raise (%make-condition 'search-error (list #f "could not find ~a among the inputs" (list file) #f)))))

(define (search-input-directory inputs dir)
  (search-input-file inputs dir))

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

(define* (dump-port in out #:key (buffer-size 65536) (progress (lambda (t k) (k))))
  (let loop ()
    (let ((s (read-string buffer-size in)))
      (unless (eof-object? s)
        (write-string s out)
        (loop)))))

(define-macro (false-if-file-not-found expr)
  `(catch 'system-error (lambda () ,expr) (lambda args #f)))

(define (call-with-ascii-input-file file proc)
  (call-with-input-file file proc))

(define (elf-file? file)
  (call-with-input-file file (lambda (p) (equal? (read-string 4 p) "\x7fELF"))))
(define (ar-file? file)
  (call-with-input-file file (lambda (p) (equal? (read-string 8 p) "!<arch>\n"))))

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

(define (invoke/quiet program . args)
  (apply invoke program args))

(define* (report-invoke-error c #:optional (port (current-error-port)))
  (display (string-append "command " (object->string (cons (invoke-error-program c) (invoke-error-arguments c)))
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
