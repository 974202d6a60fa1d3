;;; (guix0 main): the commands of `guix0 guix0.scm`.

(define-module (guix0 main)
  #:use-module (guix packages)
  #:use-module (guix base32)
  #:use-module (guix build-system)
  #:use-module (guix download)
  #:use-module (guix licenses)
  #:use-module (guix0 store)
  #:use-module (guix0 builder)
  #:use-module (guix0 hash-command)
  #:export (guix0-main load-definitions))

(define (usage)
  (display "Usage: guix0 guix0.scm [COMMAND] [OPTION]... [PACKAGE]...

Build the packages of ./bootstrap0.scm into ./store0, checking the sha256 of
every source and the nar hash of every output, then hand over to the next
stage (store0/...-guile-.../bin/guile guix1.scm).

Commands:
  build [PACKAGE...]  build these packages (default: all of them)
  show PACKAGE...     describe packages: version, source and its hash
                      status, inputs, store name, built or not
  graph               the dependency graph in Graphviz dot
  hash [-r|-S nar|none] [-f FORMAT] [-H ALGO] FILE...
                      print hashes, like `guix hash`

Options:
  -f, --file FILE     read the definitions from FILE (default bootstrap0.scm)
  --sources DIR       look for source files in DIR (may be repeated; default .)
  -n, --dry-run       say what would be built and which sources are present,
                      missing or mismatched; build nothing
  --check             rebuild built packages and compare with the store
  -K, --keep-failed   keep the build directory of a failed build
  -v, --verbose       show build logs on the terminal
  -c, --cores N       NIX_BUILD_CORES for builds (default 1; 0: all cores)
  --container         run builds in containers (new user, mount, pid,
                      network namespaces: only declared inputs visible);
                      fail if this system does not allow it
  --no-container      run builds without containers
                      (default: a container where the system allows it)
  --no-hand-off       stop after building
  -h, --help          show this help
"))

(define (warn message)
  (display (string-append "guix0: " message "\n") (current-error-port)))

(define (fail message)
  (display (string-append "guix0: error: " message "\n") (current-error-port))
  (exit 1))

;; Load a definitions file into its own module, with the prelude in scope
;; (license names as `license:NAME`, as Guix users write them). A file
;; written as a Guix module, starting with `(define-module ...)`, defines
;; its packages in that module instead. Returns the module the file ended
;; in and its packages in definition order.
(define (load-definitions file)
  (unless (file-exists? file)
    (fail (string-append "no definitions file " file
                         " (give one with -f FILE, or run in a directory with bootstrap0.scm)")))
  (let ((module (%make-module (list 'guix0 'definitions (string->symbol file))))
        (saved (current-module)))
    (set-current-module module)
    (%use-modules '((guix packages) (guix download) (guix gexp) (guix base32) (guix build-system)
                    (guix build-system trivial) (guix build-system gnu) (guix build utils) (guix0 host)
                    ((guix licenses) #:prefix license:)))
    (let ((module (dynamic-wind
                    (lambda () #t)
                    (lambda () (%load-source (%open-source file)) (current-module))
                    (lambda () (set-current-module saved)))))
      (let loop ((vars (%module-variables module)) (acc '()))
        (cond ((null? vars) (values module (reverse acc)))
              ((and (package? (cdar vars)) (not (memq (cdar vars) acc))) (loop (cdr vars) (cons (cdar vars) acc)))
              (else (loop (cdr vars) acc)))))))

(define (find-packages all names)
  (map (lambda (name)
         (or (find (lambda (p) (or (string=? (package-name p) name) (string=? (package-full-name p) name))) all)
             (fail (string-append "unknown package `" name "'"
                                  (if (null? all) ""
                                      (string-append " (known: " (string-join (map package-name all) ", ") ")"))))))
       names))

;;; Options

(define (parse-options args)
  (let loop ((args args) (opts '()) (rest '()))
    (define (with key value) (cons (cons key value) opts))
    (cond ((null? args) (values opts (reverse rest)))
          ((member (car args) '("-h" "--help")) (usage) (exit 0))
          ((member (car args) '("-n" "--dry-run")) (loop (cdr args) (with 'dry-run #t) rest))
          ((string=? (car args) "--check") (loop (cdr args) (with 'check #t) rest))
          ((member (car args) '("-K" "--keep-failed")) (loop (cdr args) (with 'keep-failed #t) rest))
          ((member (car args) '("-v" "--verbose")) (loop (cdr args) (with 'verbose #t) rest))
          ((string=? (car args) "--no-hand-off") (loop (cdr args) (with 'no-hand-off #t) rest))
          ((string=? (car args) "--container") (loop (cdr args) (with 'container 'always) rest))
          ((string=? (car args) "--no-container") (loop (cdr args) (with 'container 'never) rest))
          ((and (member (car args) '("-f" "--file" "--sources" "-c" "--cores")) (pair? (cdr args)))
           (let ((key (cond ((member (car args) '("-f" "--file")) 'file)
                            ((string=? (car args) "--sources") 'sources)
                            (else 'cores))))
             (loop (cddr args) (with key (cadr args)) rest)))
          ((member (car args) '("-f" "--file" "--sources" "-c" "--cores"))
           (fail (string-append "option " (car args) " needs an argument")))
          ((and (string-prefix? "-" (car args)) (> (string-length (car args)) 1))
           (fail (string-append "unknown option `" (car args) "' (try --help)")))
          (else (loop (cdr args) opts (cons (car args) rest))))))

(define (option opts key default)
  (let ((entry (assq key opts))) (if entry (cdr entry) default)))

(define (absolute dir)
  (cond ((string-prefix? "/" dir) dir)
        ((member dir '("." "./")) (getcwd))
        (else (string-append (getcwd) "/" dir))))

;;; Commands

(define (describe-source origin package label)
  (call-with-values (lambda () (find-source origin package label))
    (lambda (path tried)
      (cond
       ((pair? (unapplied-origin-parts origin))
        (string-append (or path "missing") "; has " (string-join (unapplied-origin-parts origin) " and ")
                       ", which guix0 does not apply"))
       ((not path)
        (string-append "missing (looked for " (string-join tried ", ") "; fetch from " (car (mirror-uris* origin)) ")"
                       (if (placeholder-hash? (origin-sha256 origin)) "; sha256 is a placeholder" "")))
       (else
        (let ((status (source-status origin path)))
          (case (car status)
            ((ok) (string-append path " (sha256 ok)"))
            ((placeholder) (string-append path " (placeholder hash; actual " (cdr status) ")"))
            (else (string-append path " (HASH MISMATCH: expected " (hash->string (origin-sha256 origin))
                                 ", actual " (cdr status) ")")))))))))

(define (mirror-uris* origin)
  (let ((uri (origin-uri origin)))
    (cond ((string? uri) (mirror-uris uri))
          ((pair? uri) uri)
          (else (list "(no URI)")))))

(define (package-origins package)
  (append (let ((s (package-source package))) (if (origin? s) (list (cons "source" s)) '()))
          (filter-map (lambda (i) (and (origin? (cadr i)) (cons (car i) (cadr i)))) (package-all-inputs package))))

;; Returns #t when everything needed is present and checks out.
(define (dry-run packages)
  (let ((ok #t))
    (for-each
     (lambda (p)
       (catch #t
         (lambda ()
           (let ((name (package-store-name p)))
             (display (string-append (if (package-built? p) "built:         " "would build:   ")
                                     (package-full-name p) "  (store0/" name ")\n")))
           (for-each (lambda (entry)
                       (let ((text (describe-source (cdr entry) p (car entry))))
                         (unless (string-suffix? "(sha256 ok)" text) (set! ok #f))
                         (display (string-append "  " (car entry) ": " text "\n"))))
                     (package-origins p))
           (let ((h (output-hash-argument p)))
             (when (and (string? h) (placeholder-hash? h))
               (display "  #:output-hash: placeholder (the build prints the actual hash)\n"))))
         (lambda (key . args)
           (set! ok #f)
           (display (string-append "cannot evaluate:  " (package-full-name p) ": "
                                   (if (and (pair? args) (guix0-error? (%make-condition key args)))
                                       (cadr args)
                                       (condition-text key args))
                                   "\n")))))
     (catch 'guix0-error
       (lambda () (package-closure packages))
       (lambda (key . args) packages)))
    ok))

(define (condition-text key args)
  (if (and (= (length args) 4) (string? (cadr args)))
      (error-object-message (%make-condition key args))
      (object->string (cons key args))))

(define (show package)
  (define (line label text) (display (string-append label text "\n")))
  (line "name: " (package-name package))
  (line "version: " (package-version package))
  (line "build system: " (symbol->string (build-system-name (package-build-system package))))
  (for-each (lambda (entry)
              (line (string-append (if (string=? (car entry) "source") "source" (string-append "input " (car entry)))
                                   ": ")
                    (string-append (or (origin-actual-file-name (cdr entry)) "?") " sha256 "
                                   (hash->string (origin-sha256 (cdr entry))) " — "
                                   (describe-source (cdr entry) package (car entry)))))
            (package-origins package))
  (line "inputs: " (string-join (map (lambda (i)
                                       (if (package? (cadr i))
                                           (string-append (car i) " (" (package-full-name (cadr i)) ")")
                                           (car i)))
                                     (package-all-inputs package))
                                ", "))
  (line "store name: " (package-store-name package))
  (let ((outputs (package-output-names package)))
    (unless (null? (cdr outputs))
      (line "outputs: " (string-join outputs " "))))
  (line "built: " (if (package-built? package) "yes" "no"))
  (line "home page: " (let ((h (package-home-page package))) (if (string? h) h "-")))
  (line "license: " (let ((l (package-license package))) (if (license? l) (license-name l) (object->string l))))
  (line "synopsis: " (package-synopsis package))
  (line "description: " (package-description package)))

(define (graph packages)
  (display "digraph guix0 {\n")
  (for-each (lambda (p)
              (display (string-append "  \"" (package-full-name p) "\";\n"))
              (for-each (lambda (i)
                          (when (package? (cadr i))
                            (display (string-append "  \"" (package-full-name p) "\" -> \""
                                                    (package-full-name (cadr i)) "\";\n"))))
                        (package-all-inputs p)))
            (package-closure packages))
  (display "}\n"))

;; After stage 0: run the next stage with the Guile just built. A Guile
;; built in a container knows itself as /store0/...; it runs in one too,
;; seeing store0 there and the current directory as it is.
(define (hand-off module built)
  (let* ((config (module-ref module '%guix0-hand-off '("guile" "bin/guile" "guix1.scm")))
         (package (find (lambda (p) (string=? (package-name p) (car config))) built))
         (script (caddr config)))
    (cond ((not package))
          ((not (file-exists? script))
           (display (string-append "guix0: no " script " here, so stage 0 ends (nothing to hand over to)\n")))
          (else
           (let* ((store (if (%container?) "/store0" (%store-directory)))
                  (program (string-append store "/" (package-store-name package) "/" (cadr config))))
             (display (string-append "guix0: handing over to " program " " script "\n"))
             (force-output)
             (let ((status (run-next-stage program script package)))
               (exit (cond ((integer? status) status)
                           ((pair? status) (+ 128 (cdr status)))
                           (else 1)))))))))

(define (run-next-stage program script package)
  (catch 'system-error
    (lambda ()
      (%spawn program (list script) (environ-alist) (getcwd) #f #f
              (and (%container?)
                   (contained-command (string-append (%store-directory) "/.build/hand-off") (list package)))))
    (lambda (key . args)
      (guix0-error* 'hand-off
                    (string-append "items built in a container refer to /store0, so they run in one: "
                                   "hand off without --no-container, or rebuild with --no-container into an empty store0")
                    (string-append "cannot run " program ": " (condition-text key args))))))

(define (environ-alist)
  (map (lambda (entry)
         (let ((i (string-index entry #\=)))
           (cons (substring entry 0 i) (substring entry (+ i 1) (string-length entry)))))
       (environ)))

;; 'always, 'never or 'auto: whether builds run in containers.
(define (choose-containers mode)
  (case mode
    ((never) #f)
    ((always)
     (or (%containers-available?)
         (fail "--container: this system does not allow unprivileged user namespaces; use --no-container")))
    (else
     (or (%containers-available?)
         (begin
           (warn "containers are not available here; builds run uncontained (they still see no host program through PATH)")
           #f)))))

(define (guix0-main args)
  (call-with-values (lambda () (parse-options args))
    (lambda (opts rest)
      (let* ((command (if (and (pair? rest) (member (car rest) '("build" "show" "graph"))) (car rest) "build"))
             (names (if (and (pair? rest) (member (car rest) '("build" "show" "graph"))) (cdr rest) rest)))
        (%sources-directories (map absolute (let ((s (filter-map (lambda (o) (and (eq? (car o) 'sources) (cdr o))) opts)))
                                              (if (null? s) '(".") (reverse s)))))
        (%verbose? (option opts 'verbose #f))
        (%keep-failed? (option opts 'keep-failed #f))
        (%cores (let ((n (string->number (option opts 'cores "1"))))
                  (cond ((not (and (integer? n) (exact? n) (>= n 0)))
                         (fail (string-append "--cores takes a number of cores (0: all of them), not `"
                                              (option opts 'cores "1") "'")))
                        ((> n 0) n)
                        (else (current-processor-count)))))
        (catch 'guix0-error
          (lambda ()
            (call-with-values (lambda () (load-definitions (option opts 'file "bootstrap0.scm")))
              (lambda (module all)
                (let ((selected (if (null? names) all (find-packages all names))))
                  (cond ((string=? command "show") (for-each show selected))
                        ((string=? command "graph") (graph selected))
                        ((option opts 'dry-run #f) (exit (if (dry-run selected) 0 1)))
                        ((option opts 'check #f)
                         (%container? (choose-containers (option opts 'container 'auto)))
                         (lock-store!)
                         ;; Check every package, even after one differs.
                         (let ((results (map check-package (package-closure selected))))
                           (exit (if (memq #f results) 1 0))))
                        (else
                         (%container? (choose-containers (option opts 'container 'auto)))
                         (lock-store!)
                         (clean-store!)
                         (let ((built (build-packages selected)))
                           ;; `build PACKAGE...` builds only; a plain run hands off.
                           (unless (or (option opts 'no-hand-off #f) (and (pair? rest) (string=? (car rest) "build")))
                             (hand-off module built)))))))))
          (lambda (key . args)
            (display (%diagnostic-text (%make-condition key args)) (current-error-port))
            (exit 1)))))))
