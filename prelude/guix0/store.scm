;;; (guix0 store): store names, sources, building into ./store0, and the
;;; output checks. A store item is only ever complete or absent: a build
;;; writes to a temporary name of the same length (starting with `e`,
;;; which nix-base32 never uses), is checked, has the temporary name in
;;; its files rewritten to the final one, and is renamed into place.

(define-module (guix0 store)
  #:use-module (guix packages)
  #:use-module (guix base32)
  #:use-module (guix build-system)
  #:use-module (guix download)
  #:export (%store-directory %sources-directories %verbose? %keep-failed? %cores
            guix0-error guix0-error? guix0-error-message
            package-store-name package-store-path package-built? package-closure
            package-all-inputs source-status find-source check-source
            build-packages build-package check-package output-hash-argument
            clean-store! hash->string))

;;; Configuration, set by the driver.
(define %store-directory (make-parameter (string-append (getcwd) "/store0")))
(define %sources-directories (make-parameter (list (getcwd))))
(define %verbose? (make-parameter #f))
(define %keep-failed? (make-parameter #f))
(define %cores (make-parameter 1))

;;; Errors the driver reports as `guix0: error: ...` (no backtrace).
(define (guix0-error message . lines)
  (raise (%make-condition 'guix0-error (list #f (string-join (cons message lines) "\n") '() #f))))
(define (guix0-error? obj) (and (condition? obj) (eq? (exception-kind obj) 'guix0-error)))
(define (guix0-error-message obj) (error-object-message obj))

(define (hash->string h)
  (cond ((bytevector? h) (bytevector->nix-base32-string h))
        ((placeholder-hash? h) "unknown")
        (else (object->string h))))

(define (keyword-ref args key)
  (let ((tail (memq key args)))
    (and tail (pair? (cdr tail)) (cadr tail))))

(define (output-hash-argument package)
  (keyword-ref (package-arguments package) #:output-hash))

;;; Inputs and the dependency graph

(define (package-all-inputs package)
  (append (package-native-inputs package) (package-inputs package) (package-propagated-inputs package)))

(define (input-object input) (cadr input))

;; All packages needed to build `packages`, inputs before the packages that
;; use them. A cycle is an error naming it.
(define (package-closure packages)
  (let ((done (make-hash-table)) (order '()))
    (define (visit package path)
      (cond ((memq package path)
             (let ((cycle (reverse (cons package (let take ((p path)) (if (eq? (car p) package) (list (car p)) (cons (car p) (take (cdr p)))))))))
               (guix0-error (string-append "cycle among inputs: "
                                           (string-join (map package-full-name cycle) " -> ")))))
            ((hashq-ref done package #f) #t)
            (else
             (for-each (lambda (input)
                         (when (package? (input-object input))
                           (visit (input-object input) (cons package path))))
                       (package-inputs-or-error package))
             (hashq-set! done package #t)
             (set! order (cons package order)))))
    (for-each (lambda (p) (visit p '())) packages)
    (reverse order)))

(define (package-inputs-or-error package)
  (catch #t
    (lambda () (package-all-inputs package))
    (lambda (key . args)
      (guix0-error (string-append "the inputs of " (package-full-name package) " cannot be evaluated: "
                                  (if (eq? key 'unbound-variable)
                                      (string-append (object->string (car (caddr args))) " is not defined")
                                      (object->string (cons key args))))))))

;;; Store names: a function of the definition only.

(define (source-data source)
  (cond ((not source) #f)
        ((origin? source) (list 'origin (origin-actual-file-name source) (hash->string (origin-sha256 source))))
        (else (object->string source))))

(define (input-data input)
  (let ((obj (input-object input)))
    (cons (car input)
          (cond ((package? obj) (package-store-name obj))
                ((origin? obj) (source-data obj))
                (else (object->string obj))))))

(define (package-data package)
  (list 'package (package-name package) (package-version package)
        (build-system-name (package-build-system package))
        (source-data (package-source package))
        (package-arguments package)
        (map input-data (package-inputs-or-error package))
        (package-outputs package)))

(define %store-names (make-hash-table))

;; "<hash>-<name>-<version>", where hash is the Nix-style store hash of the
;; fingerprint "guix0-package:sha256:<sha256 of the definition>:/store0:<name>".
(define (package-store-name package)
  (or (hashq-ref %store-names package #f)
      (let* ((full (string-append (package-name package) "-" (package-version package)))
             (inner (bytevector->base16-string (sha256 (object->string (package-data package)))))
             (name (string-append (store-path-hash (string-append "guix0-package:sha256:" inner ":/store0:" full))
                                  "-" full)))
        (hashq-set! %store-names package name)
        name)))

(define (package-store-path package)
  (string-append (%store-directory) "/" (package-store-name package)))

(define (package-built? package)
  (file-exists? (package-store-path package)))

;;; Sources: never downloaded, looked up by name, always checked.

(define (seed-names package)
  (map (lambda (ext) (string-append (package-name package) ext)) '(".tar" ".tar.gz" ".tar.xz" ".tar.bz2" "")))

;; The file names tried for an origin, in order.
(define (source-candidates origin package label)
  (delete-duplicates
   (filter (lambda (n) (and (string? n) (not (string-null? n))))
           (append (list (origin-file-name origin)
                         (and (string? (origin-uri origin)) (basename (origin-uri origin))))
                   ;; The seed's mapping: a package's source may be
                   ;; NAME.tar*, and its other inputs LABEL or NAME (the
                   ;; `exe` input of `mes` is ./mes).
                   (if (and (string? label) (not (string=? label "source")))
                       (list label (package-name package))
                       (seed-names package))))))

;; Returns the path of the source file, or #f and the names tried.
(define (find-source origin package label)
  (let ((names (source-candidates origin package label)))
    (let loop ((dirs (%sources-directories)))
      (if (null? dirs)
          (values #f names)
          (let ((found (find (lambda (n)
                               (let ((s (stat (string-append (car dirs) "/" n) #f)))
                                 (and s (eq? (stat:type s) 'regular))))
                             names)))
            (if found
                (values (string-append (car dirs) "/" found) names)
                (loop (cdr dirs))))))))

(define %checked (make-hash-table))

;; 'ok, 'placeholder, or the actual hash (mismatch) for a found file.
(define (source-status origin path)
  (let* ((actual (or (hash-ref %checked path #f)
                     (let ((h (bytevector->nix-base32-string (file-sha256 path))))
                       (hash-set! %checked path h)
                       h)))
         (expected (origin-sha256 origin)))
    (cond ((placeholder-hash? expected) (cons 'placeholder actual))
          ((and (bytevector? expected) (string=? actual (bytevector->nix-base32-string expected))) (cons 'ok actual))
          (else (cons 'mismatch actual)))))

(define (uri-text origin)
  (let ((uri (origin-uri origin)))
    (cond ((string? uri) (string-join (mirror-uris uri) " or "))
          ((pair? uri) (string-join (filter string? uri) " or "))
          (else (object->string uri)))))

;; The checked path of an origin, or an error saying what to do.
(define (check-source origin package label)
  (call-with-values (lambda () (find-source origin package label))
    (lambda (path tried)
      (unless path
        (guix0-error (string-append "source of " (package-full-name package)
                                    (if (string=? label "source") "" (string-append " (input \"" label "\")"))
                                    " not found")
                     (string-append "  looked for: " (string-join tried ", "))
                     (string-append "  in: " (string-join (%sources-directories) ", "))
                     (string-append "  fetch it from: " (uri-text origin))))
      (let ((status (source-status origin path)))
        (case (car status)
          ((ok) path)
          ((placeholder)
           (guix0-error (string-append "the sha256 of " path " (for " (package-full-name package)
                                       ") is a placeholder; its actual hash is " (cdr status))
                        (string-append "  write: (sha256 (base32 \"" (cdr status) "\"))")))
          (else
           (guix0-error (string-append "sha256 hash mismatch for " path ":")
                        (string-append "  expected hash: " (hash->string (origin-sha256 origin)))
                        (string-append "  actual hash:   " (cdr status)))))))))

;;; Building

(define (log-directory) (string-append (%store-directory) "/.logs"))
(define (build-root) (string-append (%store-directory) "/.build"))
(define (failed-directory) (string-append (%store-directory) "/.failed"))

;; Remove what interrupted builds left: temporary outputs and build trees.
(define (clean-store!)
  (when (file-exists? (%store-directory))
    (for-each (lambda (name)
                (when (string-prefix? "e" name)
                  (delete-file-recursively (string-append (%store-directory) "/" name))))
              (%directory-entries (%store-directory)))
    (delete-file-recursively (build-root))))

(define (elapsed-since start)
  (let ((tenths (quotient (- (get-internal-real-time) start) 100000)))
    (string-append (number->string (quotient tenths 10)) "." (number->string (remainder tenths 10)) " s")))

(define (resolve-inputs package)
  (map (lambda (input)
         (let ((obj (input-object input)))
           (cons (car input)
                 (cond ((package? obj)
                        (let ((out (package-store-path obj)))
                          (if (and (pair? (cddr input)) (not (string=? (caddr input) "out")))
                              (string-append out "-" (caddr input))
                              out)))
                       ((origin? obj) (check-source obj package (car input)))
                       ((string? obj) obj)
                       (else (guix0-error (string-append "input \"" (car input) "\" of "
                                                         (package-full-name package)
                                                         " is neither a package nor an origin")))))))
       (package-all-inputs package)))

(define (environment-for package build-dir out inputs)
  (let ((bins (append-map (lambda (i)
                            (filter directory-exists*?
                                    (list (string-append (cdr i) "/bin") (string-append (cdr i) "/sbin"))))
                          inputs)))
    (append
     `(("out" . ,out)
       ("HOME" . "/homeless-shelter")
       ("SOURCE_DATE_EPOCH" . "1")
       ("NIX_BUILD_TOP" . ,build-dir)
       ("NIX_STORE" . ,(%store-directory))
       ("NIX_BUILD_CORES" . ,(number->string (%cores)))
       ("TMPDIR" . ,build-dir) ("TEMPDIR" . ,build-dir) ("TMP" . ,build-dir) ("TEMP" . ,build-dir)
       ("PWD" . ,build-dir)
       ("PATH" . ,(if (null? bins) "/path-not-set" (string-join bins ":"))))
     (let ((lp (getenv "GUIX0_LOAD_PATH")))
       (if lp (list (cons "GUIX0_LOAD_PATH" lp)) '())))))

(define (directory-exists*? dir)
  (let ((s (stat dir #f))) (and s (eq? (stat:type s) 'directory))))

(define (write-builder file build-inputs out builder)
  (call-with-output-file file
    (lambda (port)
      (for-each (lambda (form) (write form port) (newline port))
                `((define %build-inputs ',build-inputs)
                  (define %outputs '(("out" . ,out)))
                  (define %output ,out)
                  (use-modules (guix build utils))
                  ,builder)))))

(define (log-tail file n)
  (let ((lines (call-with-input-file file
                 (lambda (port)
                   (let loop ((acc '()))
                     (let ((line (read-line port)))
                       (if (eof-object? line) (reverse acc) (loop (cons line acc)))))))))
    (list-tail lines (max 0 (- (length lines) n)))))

;; Build one package into a temporary output; returns its path and the
;; temporary hash it carries, or raises a guix0-error.
(define (run-builder package)
  (let* ((final-name (package-store-name package))
         (temp-hash (string-append "e" (%random-token 31)))
         (temp-out (string-append (%store-directory) "/" temp-hash (substring final-name 32 (string-length final-name))))
         (build-dir (string-append (build-root) "/" final-name "-" (%random-token 6)))
         (log (string-append (log-directory) "/" final-name ".log"))
         (source (package-source package))
         (source-path (and (origin? source) (check-source source package "source")))
         (inputs (append (if source-path (list (cons "source" source-path)) '()) (resolve-inputs package)))
         (builder ((build-system-builder (package-build-system package)) package (package-arguments package)))
         (script (string-append build-dir "/builder.scm")))
    (mkdir-p* build-dir)
    (mkdir-p* (log-directory))
    (when (file-exists? log) (delete-file log))
    (write-builder script inputs temp-out builder)
    (let ((status (%spawn (%guix0-executable) (list script)
                          (environment-for package build-dir temp-out inputs)
                          build-dir log (%verbose?))))
      (cond ((not (eqv? status 0))
             (fail-build package build-dir temp-out log
                         (if (pair? status)
                             (string-append "the builder was killed by signal " (number->string (cdr status)))
                             (string-append "the builder exited with status " (number->string status)))))
            ((not (file-exists? temp-out))
             (fail-build package build-dir temp-out log "the builder finished but did not create the output"))
            (else
             (unless (%keep-failed?) (delete-file-recursively build-dir))
             (values temp-out temp-hash log))))))

(define (mkdir-p* dir)
  (unless (file-exists? dir)
    (mkdir-p* (dirname dir))
    (mkdir dir)))

(define (fail-build package build-dir temp-out log why)
  (delete-file-recursively temp-out)
  (unless (%keep-failed?) (delete-file-recursively build-dir))
  (apply guix0-error
         (string-append "build of " (package-full-name package) " failed: " why)
         (append (map (lambda (l) (string-append "  | " l)) (log-tail log 12))
                 (list (string-append "  log: " log))
                 (if (%keep-failed?) (list (string-append "  build directory kept: " build-dir)) '()))))

;; Turn a checked temporary output into its final form and hash it.
(define (finish-output temp-out temp-hash package)
  (let ((final-hash (substring (package-store-name package) 0 32)))
    (%rewrite-in-tree temp-out temp-hash final-hash)
    (%normalize-tree temp-out)
    (bytevector->nix-base32-string (nar-hash temp-out))))

;; Build `package` unless its store item exists. Returns 'built or 'present.
(define (build-package package index total)
  (let ((final (package-store-path package))
        (label (string-append "[" (number->string index) "/" (number->string total) "] ")))
    (if (file-exists? final)
        (begin
          (display (string-append label (package-full-name package) " is already built\n"))
          'present)
        (let ((start (get-internal-real-time)))
          (display (string-append label "building " (package-full-name package) " …\n"))
          (force-output)
          (call-with-values (lambda () (run-builder package))
            (lambda (temp-out temp-hash log)
              (let ((actual (finish-output temp-out temp-hash package))
                    (expected (output-hash-argument package)))
                (cond ((and (string? expected) (not (placeholder-hash? expected)) (not (string=? expected actual)))
                       (let ((kept (string-append (failed-directory) "/" (package-store-name package))))
                         (mkdir-p* (failed-directory))
                         (delete-file-recursively kept)
                         (rename-file temp-out kept)
                         (guix0-error (string-append "sha256 hash mismatch for " final ":")
                                      (string-append "  expected hash: " expected)
                                      (string-append "  actual hash:   " actual)
                                      (string-append "hash mismatch for store item '" final "'")
                                      (string-append "the output is kept for inspection in " kept))))
                      (else
                       (rename-file temp-out final)
                       (display (string-append label "built " (package-full-name package) " in " (elapsed-since start) "\n"))
                       (unless (and (string? expected) (string=? expected actual))
                         (display (string-append "  output hash: " actual "\n"
                                                 "  pin it with: #:output-hash \"" actual "\"\n")))
                       'built)))))))))

(define (build-packages packages)
  (let* ((closure (package-closure packages))
         (total (length closure)))
    (for-each (lambda (p) (package-store-name p)) closure)
    (let loop ((ps closure) (i 1))
      (unless (null? ps)
        (build-package (car ps) i total)
        (loop (cdr ps) (+ i 1))))
    closure))

;; Rebuild an existing store item and compare: #t when reproducible.
(define (check-package package)
  (let ((final (package-store-path package)))
    (unless (file-exists? final)
      (guix0-error (string-append (package-full-name package) " is not built yet; build it before --check")))
    (call-with-values (lambda () (run-builder package))
      (lambda (temp-out temp-hash log)
        (let ((rebuilt (finish-output temp-out temp-hash package))
              (existing (bytevector->nix-base32-string (nar-hash final))))
          (if (string=? rebuilt existing)
              (begin
                (delete-file-recursively temp-out)
                (display (string-append (package-full-name package) " is reproducible: " existing "\n"))
                #t)
              (let ((kept (string-append (%store-directory) "/.check/" (package-store-name package))))
                (mkdir-p* (dirname kept))
                (delete-file-recursively kept)
                (rename-file temp-out kept)
                (display (string-append (package-full-name package) " is not reproducible:\n"
                                        "  store item:    " existing "\n"
                                        "  rebuilt:       " rebuilt "\n"
                                        "  the rebuild is kept in " kept "\n"))
                #f)))))))
