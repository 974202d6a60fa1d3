;;; (guix build gnu-build-system): the build side of gnu-build-system, in
;;; Guix's phase order. Each phase gets every keyword argument; return
;;; values are ignored; an exception fails the build naming the phase.

(define-module (guix build gnu-build-system)
  #:use-module (guix build utils)
  #:export (%standard-phases gnu-build))

(define (out-of outputs) (cdr (assoc "out" outputs)))

(define* (set-SOURCE-DATE-EPOCH #:rest _)
  (setenv "SOURCE_DATE_EPOCH" "1"))

(define* (set-paths #:key (inputs '()) #:allow-other-keys)
  (let ((dirs (map cdr (filter (lambda (i) (not (string=? (car i) "source"))) inputs))))
    (set-path-environment-variable "PATH" '("bin" "sbin") dirs)
    (set-path-environment-variable "C_INCLUDE_PATH" '("include") dirs)
    (set-path-environment-variable "CPLUS_INCLUDE_PATH" '("include") dirs)
    (set-path-environment-variable "LIBRARY_PATH" '("lib" "lib64") dirs)
    (display (string-append "environment variable `PATH' set to `" (or (getenv "PATH") "") "'\n"))))

(define* (install-locale #:key (locale "en_US.utf8") #:allow-other-keys)
  ;; Guix 0 has no locale data yet: like Guix, only warn.
  (display (string-append "warning: failed to install '" locale "' locale: no locale data in Guix 0\n")))

(define (first-subdirectory dir)
  (find (lambda (name)
          (and (not (member name '("." ".."))) (file-is-directory? (string-append dir "/" name))))
        (scandir dir)))

(define* (unpack #:key source #:allow-other-keys)
  (if (file-is-directory? source)
      (begin
        (mkdir "source")
        (copy-recursively source "source" #:keep-mtime? #t)
        (chdir "source"))
      (begin
        (unpack-archive source ".")
        (let ((sub (first-subdirectory ".")))
          (when sub (chdir sub))))))

(define* (bootstrap #:key (bootstrap-scripts '("bootstrap" "bootstrap.sh" "autogen.sh")) #:allow-other-keys)
  (unless (file-exists? "configure")
    (let ((script (find file-exists? bootstrap-scripts)))
      (cond (script
             (setenv "NOCONFIGURE" "true")
             (invoke (or (which "bash") (which "sh")) script))
            ((or (file-exists? "configure.ac") (file-exists? "configure.in"))
             (invoke "autoreconf" "-vif"))
            (else (display "no configure script; nothing to bootstrap\n"))))))

(define* (patch-usr-bin-file #:rest _)
  (for-each patch-/usr/bin/file (filter executable-file? (find-files "." "^configure$"))))

(define (shebang-file? file)
  (and (eq? 'regular (stat:type (lstat file)))
       (false-if-exception (call-with-input-file file (lambda (p) (equal? (read-string 2 p) "#!"))))))

(define* (patch-source-shebangs #:rest _)
  (for-each patch-shebang (filter shebang-file? (find-files "."))))

(define* (configure #:key name (outputs '()) (configure-flags '()) (out-of-source? #f) #:allow-other-keys)
  (let* ((out (out-of outputs))
         (output (lambda (o) (assoc-ref outputs o)))
         (shell (or (which "bash") (which "sh")))
         (source-dir (getcwd))
         (script (if out-of-source? (string-append source-dir "/configure") "./configure")))
    (unless (file-exists? (if out-of-source? script "configure"))
      (error "configure: no ./configure script (replace or delete the `configure' phase)"))
    (when out-of-source?
      (mkdir "../build")
      (chdir "../build"))
    (display (string-append "source directory: \"" source-dir "\"\n"))
    (apply invoke shell script
           (string-append "CONFIG_SHELL=" shell)
           (string-append "SHELL=" shell)
           (string-append "--prefix=" out)
           "--enable-fast-install"
           "--build=x86_64-unknown-linux-gnu"
           ;; Other outputs get the files configure can place, as in Guix.
           (append (if (output "bin") (list (string-append "--bindir=" (output "bin") "/bin")) '())
                   (if (output "lib")
                       (cons (string-append "--libdir=" (output "lib") "/lib")
                             (if (output "include") '() (list (string-append "--includedir=" (output "lib") "/include"))))
                       '())
                   (if (output "include") (list (string-append "--includedir=" (output "include") "/include")) '())
                   (if (output "doc")
                       (list (string-append "--docdir=" (output "doc") "/share/doc/" (or name "package")))
                       '())
                   configure-flags))))

(define* (patch-generated-file-shebangs #:rest _)
  (for-each patch-shebang (filter (lambda (f) (and (executable-file? f) (shebang-file? f))) (find-files ".")))
  (for-each patch-makefile-SHELL (find-files "." "^(GNU)?[mM]akefile$")))

(define (cores) (number->string (parallel-job-count)))

(define* (build #:key (make-flags '()) (parallel-build? #t) #:allow-other-keys)
  (apply invoke "make" (append (if parallel-build? (list "-j" (cores)) '()) make-flags)))

(define* (check #:key (tests? #t) (test-target "check") (make-flags '()) (parallel-tests? #t) #:allow-other-keys)
  (if tests?
      (apply invoke "make" test-target (append (if parallel-tests? (list "-j" (cores)) '()) make-flags))
      (display "test suite not run\n")))

(define* (install #:key (make-flags '()) #:allow-other-keys)
  (apply invoke "make" "install" make-flags))

(define* (patch-shebangs #:key (outputs '()) (inputs '()) (patch-shebangs? #t) #:allow-other-keys)
  (when patch-shebangs?
    (let ((path (append (append-map (lambda (o) (list (string-append (cdr o) "/bin") (string-append (cdr o) "/sbin")))
                                    outputs)
                        (string-split (or (getenv "PATH") "") #\:))))
      (for-each (lambda (o)
                  (for-each (lambda (dir)
                              (for-each (lambda (f) (when (shebang-file? f) (patch-shebang f path)))
                                        (find-files (string-append (cdr o) "/" dir))))
                            '("bin" "sbin" "libexec")))
                outputs))))

(define* (strip #:key (outputs '()) (strip-binaries? #t)
                (strip-flags '("--strip-unneeded" "--enable-deterministic-archives"))
                (strip-directories '("lib" "lib64" "libexec" "bin" "sbin")) #:allow-other-keys)
  (let ((strip-command (which "strip")))
    (cond ((not strip-binaries?) #t)
          ((not strip-command) (display "no `strip' among the inputs; binaries are not stripped\n"))
          (else
           (for-each (lambda (o)
                       (for-each (lambda (dir)
                                   (for-each (lambda (f)
                                               (when (and (not (symbolic-link? f)) (or (elf-file? f) (ar-file? f)))
                                                 (make-file-writable f)
                                                 (apply invoke strip-command (append strip-flags (list f)))))
                                             (find-files (string-append (cdr o) "/" dir))))
                                 strip-directories))
                     outputs)))))

(define* (validate-documentation-location #:key (outputs '()) #:allow-other-keys)
  (for-each (lambda (o)
              (for-each (lambda (doc)
                          (let ((old (string-append (cdr o) "/" doc))
                                (new (string-append (cdr o) "/share/" doc)))
                            (when (file-is-directory? old)
                              (mkdir-p (string-append (cdr o) "/share"))
                              (rename-file old new))))
                        '("man" "info")))
            outputs))

(define* (delete-info-dir-file #:key (outputs '()) #:allow-other-keys)
  (for-each (lambda (o)
              (let ((dir-file (string-append (cdr o) "/share/info/dir")))
                (when (file-exists? dir-file) (delete-file dir-file))))
            outputs))

(define* (install-license-files #:key (outputs '()) name (out-of-source? #f) #:allow-other-keys)
  (let* ((doc (string-append (out-of outputs) "/share/doc/" (or name "package")))
         (source (if out-of-source? (string-append (getcwd) "/../" (basename (getcwd))) "."))
         (licenses (filter (lambda (f)
                             (let ((b (basename f)))
                               (or (string-prefix? "COPYING" b) (string-prefix? "LICENSE" b) (string-prefix? "LICENCE" b)
                                   (string-prefix? "license" b) (string-prefix? "License" b) (string-prefix? "COPYRIGHT" b))))
                           (filter (lambda (n) (eq? 'regular (stat:type (stat n)))) (cddr (scandir "."))))))
    (unless (null? licenses)
      (mkdir-p doc)
      (for-each (lambda (f) (copy-file f (string-append doc "/" f))) licenses))))

(define* (reset-gzip-timestamps #:key (outputs '()) #:allow-other-keys)
  (for-each (lambda (o)
              (for-each %reset-gzip-timestamp
                        (find-files (cdr o) (lambda (f s) (and (eq? (stat:type s) 'regular)
                                                                (or (string-suffix? ".gz" f) (string-suffix? ".tgz" f)))))))
            outputs))

(define* (compress-documentation #:key (outputs '()) #:allow-other-keys)
  (let ((gzip (which "gzip")))
    (if (not gzip)
        (display "no `gzip' among the inputs; documentation is not compressed\n")
        (for-each (lambda (o)
                    (let ((files (append (find-files (string-append (cdr o) "/share/man")
                                                     (lambda (f s) (and (eq? (stat:type s) 'regular)
                                                                        (not (string-suffix? ".gz" f)))))
                                         (find-files (string-append (cdr o) "/share/info")
                                                     (lambda (f s) (and (eq? (stat:type s) 'regular)
                                                                        (not (string-suffix? ".gz" f))))))))
                      (unless (null? files)
                        (apply invoke gzip "--best" "--no-name" files))))
                  outputs))))

(define %standard-phases
  (list (cons 'set-SOURCE-DATE-EPOCH set-SOURCE-DATE-EPOCH)
        (cons 'set-paths set-paths)
        (cons 'install-locale install-locale)
        (cons 'unpack unpack)
        (cons 'bootstrap bootstrap)
        (cons 'patch-usr-bin-file patch-usr-bin-file)
        (cons 'patch-source-shebangs patch-source-shebangs)
        (cons 'configure configure)
        (cons 'patch-generated-file-shebangs patch-generated-file-shebangs)
        (cons 'build build)
        (cons 'check check)
        (cons 'install install)
        (cons 'patch-shebangs patch-shebangs)
        (cons 'strip strip)
        (cons 'validate-documentation-location validate-documentation-location)
        (cons 'delete-info-dir-file delete-info-dir-file)
        (cons 'install-license-files install-license-files)
        (cons 'reset-gzip-timestamps reset-gzip-timestamps)
        (cons 'compress-documentation compress-documentation)))

(define (seconds-since start)
  (let ((tenths (quotient (- (get-internal-real-time) start) 100000)))
    (string-append (number->string (quotient tenths 10)) "." (number->string (remainder tenths 10)))))

(define (dump-environment)
  (let ((top (getenv "NIX_BUILD_TOP")))
    (when top
      (call-with-output-file (string-append top "/environment-variables")
        (lambda (port)
          (for-each (lambda (e) (display e port) (newline port)) (environ)))))))

;; After a failed `make check`, show the test suite logs, as Guix does.
(define (dump-test-suite-logs)
  (for-each (lambda (log)
              (display (string-append "\n--- " log " ---\n"))
              (display (call-with-input-file log read-string)))
            (find-files "." "^test-suite\\.log$")))

;; "In procedure car: Wrong type argument ... : 5", as Guile words it.
(define (condition-summary e)
  (let* ((args (exception-args e))
         (who (and (pair? args) (car args)))
         (irritants (error-object-irritants e)))
    (string-append (cond ((string? who) (string-append "In procedure " who ": "))
                         ((symbol? who) (string-append "In procedure " (symbol->string who) ": "))
                         (else ""))
                   (error-object-message e)
                   (if (null? irritants) "" (string-append " " (string-join (map object->string irritants) " "))))))

(define (describe-failure phase e)
  (display (string-append "error: in phase '" (symbol->string phase) "': ") (current-error-port))
  (cond ((invoke-error? e) (report-invoke-error e))
        ((condition? e) (display (string-append (condition-summary e) "\n") (current-error-port)))
        (else (display (string-append "uncaught exception: " (object->string e) "\n") (current-error-port)))))

(define* (gnu-build #:key (phases %standard-phases) #:allow-other-keys #:rest args)
  (dump-environment)
  (for-each (lambda (phase)
              (let ((name (car phase)) (start (get-internal-real-time)))
                (display (string-append "starting phase `" (symbol->string name) "'\n"))
                (force-output)
                (with-exception-handler
                  (lambda (e)
                    (describe-failure name e)
                    (display (string-append "phase `" (symbol->string name) "' failed after "
                                            (seconds-since start) " seconds\n"))
                    (when (eq? name 'check) (dump-test-suite-logs))
                    (force-output)
                    (exit 1))
                  (lambda () (apply (cdr phase) args)))
                (display (string-append "phase `" (symbol->string name) "' succeeded after "
                                        (seconds-since start) " seconds\n"))
                (force-output)))
            phases)
  #t)
