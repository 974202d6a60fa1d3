;;; (guix0 builder): building packages into ./store0, and the output checks.
;;;
;;; A build runs the package's builder (a Scheme program for a child guix0)
;;; with a cleared environment. Where the kernel allows (and unless
;;; --no-container), it runs in a container that sees only its inputs, at
;;; /store0, so outputs do not depend on where store0 is; otherwise at the
;;; real paths. Either way it writes its output under the package's build
;;; name (see package-build-name), whose occurrences are rewritten to the
;;; store name afterwards.
;;;
;;; A store item is only ever complete or absent: every build happens under
;;; store0/.build (or under a name no store item has) and is renamed into
;;; place only after it passed every check; a lock keeps two guix0 runs
;;; from building in one store at once.

(define-module (guix0 builder)
  #:use-module (guix packages)
  #:use-module (guix base32)
  #:use-module (guix build-system)
  #:use-module (guix gexp)
  #:use-module (guix0 store)
  #:export (%verbose? %keep-failed? %cores %container?
            lock-store! clean-store! build-packages build-package check-package
            contained-command host-paths-of))

;;; Configuration, set by the driver.
(define %verbose? (make-parameter #f))
(define %keep-failed? (make-parameter #f))
(define %cores (make-parameter 1))
;; Whether builds run in containers (the driver decides; see guix0-main).
(define %container? (make-parameter #f))

;;; Places

(define (log-directory) (string-append (%store-directory) "/.logs"))
(define (build-root) (string-append (%store-directory) "/.build"))
(define (failed-directory) (string-append (%store-directory) "/.failed"))

;; Where the store is, as builds see it.
(define (store-seen) (if (%container?) "/store0" (%store-directory)))

;; The scratch directory of a build: deterministic, so that what a build
;; records of its own paths is the same on every run.
(define (scratch-directory package) (string-append (build-root) "/" (package-store-name package)))

;; The build directory as the build sees it (NIX_BUILD_TOP): in a
;; container, named after the package only, as Guix's /tmp/guix-build-*.
(define (build-top-seen package)
  (if (%container?)
      (string-append "/tmp/guix0-build-" (package-name package) "-" (package-version package))
      (string-append (scratch-directory package) "/top")))

(define (mkdir-p* dir)
  (unless (file-exists? dir)
    (mkdir-p* (dirname dir))
    (mkdir dir)))

;;; The store lock and cleaning up after interrupted builds.

(define (lock-store!)
  (mkdir-p* (%store-directory))
  (when (%lock-file (string-append (%store-directory) "/.lock"))
    (display "guix0: another guix0 was using store0; it has finished\n")))

;; Remove what interrupted builds left: scratch directories and temporary
;; outputs. (Run with the lock held.)
(define (clean-store!)
  (when (file-exists? (%store-directory))
    (for-each (lambda (name)
                (when (string-prefix? "e" name)
                  (delete-file-recursively (string-append (%store-directory) "/" name))))
              (%directory-entries (%store-directory)))
    (delete-file-recursively (build-root))))

;;; Inputs and the environment

;; label → path as the build sees it, for each input; origins are checked.
(define (resolve-inputs package)
  (map (lambda (input)
         (let ((obj (input-object input)))
           (cons (car input)
                 (cond ((package? obj)
                        (let ((output (if (pair? (cddr input)) (caddr input) "out")))
                          (unless (member output (package-output-names obj))
                            (guix0-error* 'bad-inputs
                                          (string-append "the outputs of " (package-full-name obj) " are: "
                                                         (string-join (package-output-names obj) " "))
                                          (string-append "input \"" (car input) "\" of " (package-full-name package)
                                                         " names output \"" output "\", which "
                                                         (package-full-name obj) " does not have")))
                          (output-file-name (string-append (store-seen) "/" (package-store-name obj)) output)))
                       ((origin? obj) (source-seen (check-source obj package (car input))))
                       ((string? obj) obj)
                       (else (guix0-error* 'bad-inputs "inputs are packages, origins or file names"
                                           (string-append "input \"" (car input) "\" of "
                                                         (package-full-name package)
                                                         " is neither a package nor an origin")))))))
       (package-all-inputs package)))

;; Sources appear in containers under /sources.
(define (source-seen path)
  (if (%container?) (string-append "/sources/" (basename path)) path))

;; The host directories a build may read (only in containers, where
;; nothing else of the host is visible): those `host-tools` packages among
;; the inputs name, transitively.
(define (host-paths-of packages)
  (delete-duplicates
   (append-map (lambda (p)
                 (let ((own (keyword-ref (package-arguments p) #:host-paths)))
                   (if (list? own) own '())))
               (package-closure packages))))

(define (environment-for package outputs inputs)
  (let* ((top (build-top-seen package))
         (bins (append-map (lambda (i)
                             (if (string-prefix? (store-seen) (cdr i))
                                 (list (string-append (cdr i) "/bin") (string-append (cdr i) "/sbin"))
                                 '()))
                           inputs)))
    `(,@outputs
      ("HOME" . "/homeless-shelter")
      ("SOURCE_DATE_EPOCH" . "1")
      ("NIX_BUILD_TOP" . ,top)
      ("NIX_STORE" . ,(store-seen))
      ("NIX_BUILD_CORES" . ,(number->string (%cores)))
      ("TMPDIR" . ,top) ("TEMPDIR" . ,top) ("TMP" . ,top) ("TEMP" . ,top)
      ("PWD" . ,top)
      ("PATH" . ,(if (null? bins) "/path-not-set" (string-join bins ":"))))))

(define (write-builder file build-inputs outputs builder)
  (call-with-output-file file
    (lambda (port)
      (for-each (lambda (form) (write form port) (newline port))
                `((define %build-inputs ',build-inputs)
                  (define %outputs ',outputs)
                  (define %output ,(cdr (assoc "out" outputs)))
                  (use-modules (guix build utils))
                  ,builder)))))

;;; Containers

;; The container spec for %spawn: the store at /store0 (writable, for the
;; output), the inputs read-only above it, the sources, the build
;; directory, and the host directories host-tools packages name.
(define (container-for package scratch source-paths)
  (let* ((store (string-append scratch "/store"))
         (root (string-append scratch "/root"))
         (inputs (filter package? (map input-object (package-all-inputs package)))))
    (mkdir-p* store)
    (mkdir-p* root)
    (append
     `((root . ,root)
       (spec . ,(string-append scratch "/container"))
       (dir . ,(build-top-seen package)))
     (list (cons 'binds
                 (append
                  (list (list store "/store0" #t)
                        (list (string-append scratch "/top") (build-top-seen package) #t))
                  (append-map (lambda (p)
                                (map (lambda (o)
                                       (list (cdr o)
                                             (output-file-name (string-append "/store0/" (package-store-name p)) (car o))
                                             #f))
                                     (package-output-paths p)))
                              (package-closure inputs))
                  (map (lambda (path) (list path (source-seen path) #f)) source-paths)
                  (host-binds (host-paths-of inputs))))
           (cons 'symlinks (host-symlinks (host-paths-of inputs)))))))

;; Host directories are bound read-only; a host path that is a symlink
;; (/bin -> usr/bin on merged-/usr systems) is recreated as one.
(define (file-type path)
  (catch 'system-error (lambda () (stat:type (lstat path))) (lambda _ #f)))
(define (host-binds paths)
  (filter-map (lambda (p) (and (eq? (file-type p) 'directory) (list p p #f))) paths))
(define (host-symlinks paths)
  (filter-map (lambda (p) (and (eq? (file-type p) 'symlink) (list (readlink p) p))) paths))

;; A command line running `program args` in a container seeing the store
;; read-only and the current directory writable (for the hand-off).
(define (contained-command scratch packages)
  (mkdir-p* (string-append scratch "/root"))
  `((root . ,(string-append scratch "/root"))
    (spec . ,(string-append scratch "/container"))
    (dir . ,(getcwd))
    (binds ,(list (%store-directory) "/store0" #f)
           ,(list (getcwd) (getcwd) #t)
           ,@(host-binds (host-paths-of packages)))
    (symlinks ,@(host-symlinks (host-paths-of packages)))))

;;; Running a build

(define (log-tail file n)
  (let ((lines (call-with-input-file file
                 (lambda (port)
                   (let loop ((acc '()))
                     (let ((line (read-line port)))
                       (if (eof-object? line) (reverse acc) (loop (cons line acc)))))))))
    (list-tail lines (max 0 (- (length lines) n)))))

;; Build one package; returns its (unchecked) outputs as an alist of
;; output name → host path, or raises a guix0-error. The build writes each
;; output under the package's build name (in the container's store, or in
;; store0).
(define (run-builder package)
  (let* ((name (package-store-name package))
         (scratch (scratch-directory package))
         (out-seen (string-append (store-seen) "/" (package-build-name package)))
         (out-host (if (%container?) (string-append scratch "/store/" (package-build-name package)) out-seen))
         (output-names (package-output-names package))
         (outputs-seen (map (lambda (o) (cons o (output-file-name out-seen o))) output-names))
         (outputs-host (map (lambda (o) (cons o (output-file-name out-host o))) output-names))
         (log (string-append (log-directory) "/" name ".log"))
         (source (package-source package))
         (source-path (and (origin? source) (check-source source package "source")))
         (inputs (append (if source-path (list (cons "source" (source-seen source-path))) '())
                         (resolve-inputs package)))
         (source-paths (filter-map (lambda (i) (and (origin? (input-object i)) (check-source (input-object i) package (car i))))
                                   (package-all-inputs package)))
         (builder (lower-for-build
                   ((build-system-builder (package-build-system package)) package (package-arguments package))
                   package outputs-seen)))
    (delete-file-recursively scratch)
    (delete-outputs outputs-host)
    (mkdir-p* (string-append scratch "/top"))
    (mkdir-p* (log-directory))
    (when (file-exists? log) (delete-file log))
    (write-builder (string-append scratch "/top/builder.scm") inputs outputs-seen builder)
    (let ((status (catch 'interrupt
                    (lambda ()
                      (%spawn (%guix0-executable) (list (string-append (build-top-seen package) "/builder.scm"))
                              (environment-for package outputs-seen inputs)
                              (string-append scratch "/top") log (%verbose?)
                              (and (%container?)
                                   (container-for package scratch
                                                  (if source-path (cons source-path source-paths) source-paths)))))
                    ;; Interrupted: nothing of the build is left behind.
                    (lambda args
                      (delete-outputs outputs-host)
                      (delete-file-recursively scratch)
                      (apply throw args))))
          (missing (find (lambda (o) (not (store-file-exists? (cdr o)))) outputs-host)))
      (cond ((not (eqv? status 0))
             (fail-build package scratch outputs-host log
                         (if (pair? status)
                             (string-append "the builder was killed by signal " (number->string (cdr status)))
                             (string-append "the builder exited with status " (number->string status)))))
            (missing
             (fail-build package scratch outputs-host log
                         (if (null? (cdr outputs-host))
                             "the builder finished but did not create the output"
                             (string-append "the builder finished but did not create output \"" (car missing) "\""))))
            (else outputs-host)))))

;; The builder with its gexps lowered: packages become their store paths
;; as the build sees them (they must be among the package's inputs, which
;; are all the build can see), origins their source paths and #$output
;; the output paths.
(define (lower-for-build builder package outputs-seen)
  (let ((visible (package-closure (filter package? (map input-object (package-all-inputs package))))))
    (define (package-path p output)
      (unless (memq p visible)
        (guix0-error* 'bad-inputs (string-append "add " (package-name p) " to the inputs of " (package-name package))
                      (string-append "a gexp in the arguments of " (package-full-name package) " refers to "
                                     (package-full-name p) ", which is not among its inputs")))
      (output-file-name (string-append (store-seen) "/" (package-store-name p)) output))
    (gexp->datum builder
                 (lambda (thing)
                   (cond ((package? thing) (package-path thing "out"))
                         ((and (pair? thing) (package? (car thing))) (package-path (car thing) (cadr thing)))
                         ((origin? thing)
                          (let ((input (find (lambda (i) (eq? (input-object i) thing)) (package-all-inputs package))))
                            (cond ((eq? thing (package-source package)) (source-seen (check-source thing package "source")))
                                  (input (source-seen (check-source thing package (car input))))
                                  (else (guix0-error* 'bad-inputs "add the origin to the package's inputs"
                                                      (string-append "a gexp in the arguments of " (package-full-name package)
                                                                     " refers to an origin ("
                                                                     (or (origin-actual-file-name thing) "?")
                                                                     ") that is not among its inputs"))))))
                         ((gexp-output? thing)
                          (let ((o (assoc (gexp-output-name thing) outputs-seen)))
                            (unless o
                              (guix0-error* 'bad-outputs
                                            (string-append "the outputs of " (package-full-name package) " are: "
                                                           (string-join (map car outputs-seen) " "))
                                            (string-append "a gexp in the arguments of " (package-full-name package)
                                                           " refers to output \"" (gexp-output-name thing)
                                                           "\", which it does not have")))
                            (cdr o)))
                         (else
                          (guix0-error* 'bad-arguments "use packages, origins, file-append or plain values in gexps"
                                        (string-append "a gexp in the arguments of " (package-full-name package)
                                                       " holds " (object->string thing)
                                                       ", which has no meaning in a build"))))))))

(define (delete-outputs outputs)
  (for-each (lambda (o) (delete-file-recursively (cdr o))) outputs))

(define (fail-build package scratch outputs-host log why)
  (let ((kept (string-append (failed-directory) "/" (package-store-name package) "-build")))
    (delete-outputs outputs-host)
    (if (%keep-failed?)
        (begin
          (mkdir-p* (failed-directory))
          (delete-file-recursively kept)
          (rename-file (string-append scratch "/top") kept)
          (delete-file-recursively scratch))
        (delete-file-recursively scratch))
    (apply guix0-error* 'build-failed
           (if (%keep-failed?)
               "the build directory is kept for inspection (see above)"
               "the log has the whole build; -K keeps the build directory for inspection")
           (string-append "build of " (package-full-name package) " failed: " why)
           (append (map (lambda (l) (string-append "  | " l)) (log-tail log 12))
                   (list (string-append "  log: " log))
                   (if (%keep-failed?) (list (string-append "  build directory kept: " kept)) '())))))

;; Bring built outputs to their final form and return the output hash:
;; the build name rewritten to the store name, mtimes 1, modes 0444/0555.
(define (finish-outputs outputs-host package)
  (for-each (lambda (o)
              (%rewrite-in-tree (cdr o) (substring (package-build-name package) 0 32)
                                (substring (package-store-name package) 0 32))
              (%normalize-tree (cdr o)))
            outputs-host)
  (output-hash outputs-host package))

;; What #:output-hash pins: the nar sha256 of the output modulo its own
;; store hash (pinning changes the item's name, and outputs often contain
;; their own name; this way the pinned hash stays true). With several
;; outputs, the sha256 of the lines "OUTPUT:HASH\n" in the order of
;; package-output-names.
(define (output-hash outputs package)
  (let ((own (substring (package-store-name package) 0 32)))
    (define (nar-hash path) (bytevector->nix-base32-string (%nar-sha256-modulo path own)))
    (if (null? (cdr outputs))
        (nar-hash (cdar outputs))
        (bytevector->nix-base32-string
         (sha256 (string-concatenate
                  (map (lambda (o) (string-append (car o) ":" (nar-hash (cdr o)) "\n")) outputs)))))))

;; Move outputs from `from` (an alist like package-output-paths) to `to`,
;; replacing what is there; "out" goes last (see package-built?).
(define (move-outputs from to)
  (for-each (lambda (o)
              (let ((target (cdr (assoc (car o) to))))
                (delete-file-recursively target)
                (rename-file (cdr o) target)))
            (append (cdr from) (list (car from)))))

(define (kept-outputs directory package)
  (map (lambda (o) (cons (car o) (output-file-name (string-append directory "/" (package-store-name package)) (car o))))
       (package-output-paths package)))

(define (elapsed-since start)
  (let ((tenths (quotient (- (get-internal-real-time) start) 100000)))
    (string-append (number->string (quotient tenths 10)) "." (number->string (remainder tenths 10)) " s")))

;; Build `package` unless its store item exists. Returns 'built or 'present.
(define (build-package package index total)
  (let ((final (package-store-path package))
        (label (string-append "[" (number->string index) "/" (number->string total) "] ")))
    (if (store-file-exists? final)
        (begin
          (display (string-append label (package-full-name package) " is already built\n"))
          'present)
        (let ((start (get-internal-real-time)))
          (display (string-append label "building " (package-full-name package) " …\n"))
          (force-output)
          (let* ((outputs (run-builder package))
                 (actual (finish-outputs outputs package))
                 (expected (output-hash-argument package)))
            (cond ((and (string? expected) (not (placeholder-hash? expected)) (not (string=? expected actual)))
                   (let ((kept (cdar (kept-outputs (failed-directory) package))))
                     (mkdir-p* (failed-directory))
                     (move-outputs outputs (kept-outputs (failed-directory) package))
                     (delete-file-recursively (scratch-directory package))
                     (guix0-error* 'output-hash-mismatch
                                   (string-append "if the new output is right, pin it: #:output-hash \"" actual
                                                  "\"; compare builds with --check")
                                   (string-append "sha256 hash mismatch for " final ":")
                                   (string-append "  expected hash: " expected)
                                   (string-append "  actual hash:   " actual)
                                   (string-append "hash mismatch for store item '" final "'")
                                   (string-append "the output is kept for inspection in " kept))))
                  (else
                   (move-outputs outputs (package-output-paths package))
                   (delete-file-recursively (scratch-directory package))
                   (display (string-append label "built " (package-full-name package) " in " (elapsed-since start) "\n"))
                   (unless (and (string? expected) (string=? expected actual))
                     (display (string-append "  output hash: " actual "\n"
                                             "  pin it with: #:output-hash \"" actual "\"\n")))
                   'built)))))))

(define (build-packages packages)
  (let* ((closure (package-closure packages))
         (total (length closure)))
    (for-each package-store-name closure)
    (let loop ((ps closure) (i 1))
      (unless (null? ps)
        (build-package (car ps) i total)
        (loop (cdr ps) (+ i 1))))
    closure))

;; Rebuild an existing store item and compare: #t when reproducible.
(define (check-package package)
  (let ((final (package-store-path package)))
    (unless (store-file-exists? final)
      (guix0-error* 'not-built (string-append "run: guix0 guix0.scm build " (package-name package))
                    (string-append (package-full-name package) " is not built yet; --check compares a rebuild with it")))
    (let* ((outputs (run-builder package))
           (rebuilt (finish-outputs outputs package))
           (existing (output-hash (package-output-paths package) package)))
      (if (string=? rebuilt existing)
          (begin
            (delete-outputs outputs)
            (delete-file-recursively (scratch-directory package))
            (display (string-append (package-full-name package) " is reproducible: " existing "\n"))
            #t)
          (let ((kept (cdar (kept-outputs (string-append (%store-directory) "/.check") package))))
            (mkdir-p* (dirname kept))
            (move-outputs outputs (kept-outputs (dirname kept) package))
            (delete-file-recursively (scratch-directory package))
            (display (string-append (package-full-name package) " is not reproducible:\n"
                                    "  store item:    " existing "\n"
                                    "  rebuilt:       " rebuilt "\n"
                                    "  the rebuild is kept in " kept "\n"))
            #f)))))
