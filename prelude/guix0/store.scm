;;; (guix0 store): what ./store0 holds and how things get there: store
;;; names (a function of the definition only), the dependency closure, and
;;; sources (never downloaded; found by name and always checked). Building
;;; is in (guix0 builder).

(define-module (guix0 store)
  #:use-module (guix packages)
  #:use-module (guix base32)
  #:use-module (guix build-system)
  #:use-module (guix download)
  #:use-module (guix git-download)
  #:use-module (guix gexp)
  #:export (%store-directory %sources-directories
            guix0-error guix0-error* guix0-error? guix0-error-message
            package-store-name package-build-name package-store-path package-built? package-closure
            store-file-exists?
            package-output-names output-file-name package-output-paths
            package-all-inputs input-object keyword-ref source-status find-source check-source
            unapplied-origin-parts
            output-hash-argument hash->string package-arguments-datum))

;;; Configuration, set by the driver.
(define %store-directory (make-parameter (string-append (getcwd) "/store0")))
(define %sources-directories (make-parameter (list (getcwd))))

;;; Errors about the definitions or the store, which the driver reports as
;;; a diagnostic with a code (guix0::hash-mismatch, ...), the message and
;;; its detail lines, and a help line saying what to do.
(define (guix0-error* code help message . lines)
  (%raise-diagnostic code help (string-join (cons message lines) "\n")))
(define (guix0-error message . lines) (apply guix0-error* 'error #f message lines))
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

;; #:output-hash, when given, is checked before anything is built.
(define (check-output-hash package)
  (let ((h (output-hash-argument package)))
    (unless (or (not h) (placeholder-hash? h)
                (and (string? h) (= (string-length h) 52)
                     (false-if-exception (nix-base32-string->bytevector h))))
      (guix0-error* 'bad-hash
                    "#:output-hash is the 52-character nix-base32 sha256 a build prints, or \"xxxxxx\" until it is known"
                    (string-append "the #:output-hash of " (package-full-name package)
                                   " is not a nix-base32 sha256: " (object->string h))))))

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
               (guix0-error* 'input-cycle
                             "a package cannot need itself, even through others: remove one of these inputs"
                             (string-append "cycle among inputs: "
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
  (let ((inputs (package-all-inputs-checked package)))
    (for-each (lambda (input)
                (let ((obj (and (pair? input) (pair? (cdr input)) (input-object input))))
                  (unless (or (package? obj) (origin? obj) (string? obj))
                    (guix0-error* 'bad-inputs "inputs are packages, origins or file names, e.g. (list zlib)"
                                  (string-append "input " (object->string input) " of " (package-full-name package)
                                                 " is neither a package nor an origin")))))
              inputs)
    inputs))

(define (package-all-inputs-checked package)
  (catch #t
    (lambda () (package-all-inputs package))
    (lambda (key . args)
      (guix0-error* 'bad-inputs "inputs are packages or origins, e.g. (list zlib) or `((\"zlib\" ,zlib))"
                    (string-append "the inputs of " (package-full-name package) " cannot be evaluated: "
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

;; The arguments as the data written into the builder, with gexps lowered
;; by RESOLVE (see gexp->datum). They are code for the build side, so a
;; procedure among them is an error.
(define (package-arguments-datum package resolve)
  (unless (list? (package-arguments package))
    (guix0-error* 'bad-arguments
                  "arguments are a list of keywords and values, e.g. '(#:tests? #f) or (list #:tests? #f)"
                  (string-append "the arguments of " (package-full-name package) " are "
                                 (object->string (package-arguments package)))))
  (let ((datum (gexp->datum (package-arguments package) resolve)))
    (let check ((x datum))
      (cond ((pair? x) (check (car x)) (check (cdr x)))
            ((vector? x) (for-each check (vector->list x)))
            ((procedure? x)
             (guix0-error* 'bad-arguments
                           "arguments are code for the build side: quote them ('(#:phases ...)) or write a gexp (#~...)"
                           (string-append "the arguments of " (package-full-name package)
                                          " hold a procedure, which cannot be written into the builder: "
                                          (object->string x))))
            (else #t)))
    datum))

;; In the fingerprint, a gexp's packages are their store names and its
;; outputs their names.
(define (fingerprint-resolve thing)
  (cond ((package? thing) (package-store-name thing))
        ((and (pair? thing) (package? (car thing))) (output-file-name (package-store-name (car thing)) (cadr thing)))
        ((origin? thing) (source-data thing))
        ((gexp-output? thing) (list 'output (gexp-output-name thing)))
        (else (object->string thing))))

(define (package-data package)
  (list 'package (package-name package) (package-version package)
        (build-system-name (package-build-system package))
        (source-data (package-source package))
        (package-arguments-datum package fingerprint-resolve)
        (map input-data (package-inputs-or-error package))
        (package-outputs package)))

;; A name or version that could not be a store file name (or could escape
;; store0, like "../x") is refused here, before anything uses it.
(define (check-store-name-part package what value)
  (unless (and (string? value) (not (string-null? value)) (not (string-prefix? "." value))
               (string-every (lambda (c) (or (char-alphabetic? c) (char-numeric? c) (memv c '(#\+ #\- #\. #\_ #\? #\=))))
                             value)
               (string-every char-ascii? value))
    (guix0-error* 'invalid-name
                  "a name or version is a non-empty string of letters, digits and + - . _ ? = not starting with a dot"
                  (string-append "package " (object->string (package-name package)) " has an invalid " what ": "
                                 (object->string value)))))

;; "<hash>-<name>-<version>", where hash is the Nix-style store hash of the
;; fingerprint "KIND:sha256:<sha256 of the written DATA>:/store0:<name>".
(define (store-name kind package data)
  (check-store-name-part package "name" (package-name package))
  (check-store-name-part package "version" (package-version package))
  (let* ((full (string-append (package-name package) "-" (package-version package)))
         (inner (bytevector->base16-string (sha256 (object->string data)))))
    (string-append (store-path-hash (string-append kind ":sha256:" inner ":/store0:" full)) "-" full)))

(define %store-names (make-hash-table))

;; Packages whose store names are being computed: meeting one again means
;; the inputs form a cycle, which package-closure reports.
(define %naming (make-parameter '()))

;; The store name: a function of the whole definition (including its
;; #:output-hash) and nothing else.
(define (package-store-name package)
  (or (hashq-ref %store-names package #f)
      (begin
        (when (memq package (%naming))
          (package-closure (list package)))
        (check-output-hash package)
        (let ((name (parameterize ((%naming (cons package (%naming))))
                      (store-name "guix0-package" package (package-data package)))))
          (hashq-set! %store-names package name)
          name))))

;; The name a package's output has while it is built: from the definition
;; without its #:output-hash (so pinning the hash changes nothing the build
;; sees), starting with `e`, which nix-base32 never uses (so it is never a
;; store item's name). Afterwards it is rewritten to the store name.
(define (package-build-name package)
  (let* ((data (package-data package))
         (unpinned (list-set-copy data 5 (strip-keyword (list-ref data 5) #:output-hash)))
         (name (store-name "guix0-build" package unpinned)))
    (string-append "e" (substring name 1 (string-length name)))))

(define (list-set-copy lst k value)
  (append (list-head lst k) (cons value (list-tail lst (+ k 1)))))

;; A keyword argument list without KEY and its value.
(define (strip-keyword args key)
  (cond ((not (pair? args)) args)
        ((and (eq? (car args) key) (pair? (cdr args))) (cddr args))
        (else (cons (car args) (strip-keyword (cdr args) key)))))

;; Outputs other than "out" are NAME-OUTPUT beside it, with the same hash
;; (so one rewrite of the build hash covers references between them).
(define (package-output-names package)
  (let ((outputs (package-outputs package)))
    (unless (and (list? outputs) (member "out" outputs) (every string? outputs))
      (guix0-error* 'bad-outputs "outputs is a list of strings including \"out\", e.g. '(\"out\" \"lib\")"
                    (string-append "the outputs of " (package-full-name package) " are "
                                   (object->string outputs))))
    (for-each (lambda (o) (check-store-name-part package "output name" o)) outputs)
    (cons "out" (delete "out" outputs))))

(define (output-file-name item output)
  (if (string=? output "out") item (string-append item "-" output)))

(define (package-store-path package)
  (string-append (%store-directory) "/" (package-store-name package)))

;; Output name → store path, "out" first.
(define (package-output-paths package)
  (map (lambda (o) (cons o (output-file-name (package-store-path package) o)))
       (package-output-names package)))

;; Whether FILE is in the store: an output may be a symbolic link, which
;; counts even when it points nowhere (file-exists? follows it).
(define (store-file-exists? file)
  (false-if-exception (lstat file)))

;; "out" is moved into place last, so its presence means every output is.
(define (package-built? package)
  (store-file-exists? (package-store-path package)))

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
                   ;; NAME.tar*, an input LABEL, and a package's only
                   ;; origin NAME (the `exe` input of `mes` is ./mes).
                   (cond ((or (not (string? label)) (string=? label "source")) (seed-names package))
                         ((sole-origin? package) (list label (package-name package)))
                         (else (list label)))))))

(define (sole-origin? package)
  (and (not (origin? (package-source package)))
       (= 1 (count (lambda (input) (origin? (input-object input))) (package-all-inputs package)))))

;; Returns the path of the source (a file, or for a Git origin a checkout
;; directory), or #f and the names tried.
(define (find-source origin package label)
  (let ((names (source-candidates origin package label))
        (kind (if (git-reference? (origin-uri origin)) 'directory 'regular)))
    (let loop ((dirs (%sources-directories)))
      (if (null? dirs)
          (values #f names)
          (let ((found (find (lambda (n)
                               (let ((s (stat (string-append (car dirs) "/" n) #f)))
                                 (and s (eq? (stat:type s) kind))))
                             names)))
            (if found
                (values (string-append (car dirs) "/" found) names)
                (loop (cdr dirs))))))))

(define %checked (make-hash-table))

;; 'ok, 'placeholder, or the actual hash (mismatch) for a found file. A
;; directory's hash is that of its nar serialisation, as Guix hashes a
;; checkout.
(define (source-status origin path)
  (let* ((actual (or (hash-ref %checked path #f)
                     (let ((h (bytevector->nix-base32-string
                               (if (file-is-directory? path) (nar-hash path 'sha256) (file-sha256 path)))))
                       (hash-set! %checked path h)
                       h)))
         (expected (origin-sha256 origin)))
    (cond ((placeholder-hash? expected) (cons 'placeholder actual))
          ((and (bytevector? expected) (string=? actual (bytevector->nix-base32-string expected))) (cons 'ok actual))
          (else (cons 'mismatch actual)))))

(define (uri-text origin)
  (let ((uri (origin-uri origin)))
    (cond ((git-reference? uri)
           (string-append (git-reference-url uri) " (git clone, check out " (git-reference-commit uri)
                          ", then remove its .git)"))
          ((string? uri) (string-join (mirror-uris uri) " or "))
          ((pair? uri) (string-join (filter string? uri) " or "))
          (else (object->string uri)))))

;; What an origin asks to be done to its file that guix0 does not do:
;; "patches (a.patch b.patch)", "a snippet", or nothing.
(define (unapplied-origin-parts origin)
  (let ((patches (origin-patches origin)))
    (append (if (null? patches)
                '()
                (list (string-append "patches (" (string-join (map (lambda (p) (if (string? p) p (object->string p)))
                                                                   patches)
                                                              " ")
                                     ")")))
            (if (origin-snippet origin) '("a snippet") '()))))

;; The checked path of an origin, or an error saying what to do.
(define (check-source origin package label)
  (let ((unapplied (unapplied-origin-parts origin)))
    (unless (null? unapplied)
      (guix0-error* 'unapplied-origin
                    "guix0 builds from the file as it is: apply them to it (and give the new file's sha256), or remove the field"
                    (string-append "the " (if (string=? label "source") "source" (string-append "input \"" label "\""))
                                   " of " (package-full-name package) " has " (string-join unapplied " and ")
                                   ", which guix0 does not apply"))))
  (call-with-values (lambda () (find-source origin package label))
    (lambda (path tried)
      (unless path
        (guix0-error* 'missing-source
                      "guix0 never downloads: put the file in one of those directories, or name another with --sources DIR"
                      (string-append "source of " (package-full-name package)
                                    (if (string=? label "source") "" (string-append " (input \"" label "\")"))
                                    " not found")
                     (string-append "  looked for: " (string-join tried ", "))
                     (string-append "  in: " (string-join (%sources-directories) ", "))
                     (string-append "  fetch it from: " (uri-text origin))))
      (let ((status (source-status origin path)))
        (case (car status)
          ((ok) path)
          ((placeholder)
           (guix0-error* 'placeholder-hash
                         (string-append "if this is the right file, write: (sha256 (base32 \"" (cdr status) "\"))")
                         (string-append "the sha256 of " path " (for " (package-full-name package)
                                        ") is a placeholder; its actual hash is " (cdr status))))
          (else
           (guix0-error* 'hash-mismatch
                         (string-append "this is not the file the definition names: fetch it again from "
                                        (uri-text origin) ", or correct the definition's sha256")
                         (string-append "sha256 hash mismatch for " path ":")
                         (string-append "  expected hash: " (hash->string (origin-sha256 origin)))
                         (string-append "  actual hash:   " (cdr status)))))))))
