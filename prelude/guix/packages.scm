;;; (guix packages): the `package` and `origin` records as in Guix, with
;;; their fields, defaults and errors; inputs in every form Guix accepts.

(define-module (guix packages)
  #:use-module (guix records)
  #:use-module (guix base32)
  #:use-module (guix build-system)
  #:export (package package? package-name package-version package-source package-build-system
            package-arguments package-inputs package-native-inputs package-propagated-inputs
            package-outputs package-native-search-paths package-search-paths package-replacement
            package-synopsis package-description package-license package-home-page
            package-supported-systems package-properties package-location package-full-name
            package-direct-inputs sanitize-inputs this-package
            origin origin? origin-uri origin-method origin-sha256 origin-file-name origin-patches
            origin-snippet origin-patch-flags origin-modules origin-actual-file-name
            content-hash search-path-specification search-path-specification?
            search-path-specification-variable search-path-specification-files
            search-path-specification-separator search-path-specification-file-type
            search-path-specification-file-pattern %supported-systems modify-inputs
            this-package-input this-package-native-input package/inherit
            hidden-package deprecated-package)
  ;; As Guix's (guix packages) does, for definitions that import only it.
  #:re-export (base32))

(define %supported-systems
  '("x86_64-linux" "i686-linux" "armhf-linux" "aarch64-linux" "powerpc64le-linux" "riscv64-linux"))

(define-record-type <search-path-specification>
  (make-search-path-specification variable files separator file-type file-pattern)
  search-path-specification?
  (variable search-path-specification-variable)
  (files search-path-specification-files)
  (separator search-path-specification-separator)
  (file-type search-path-specification-file-type)
  (file-pattern search-path-specification-file-pattern))

(define-macro (search-path-specification . fields)
  (let ((get (lambda (k d) (let ((f (assq k fields))) (if f (cadr f) d)))))
    `(,make-search-path-specification ,(get 'variable #f) ,(get 'files ''()) ,(get 'separator ":")
                                      ,(get 'file-type ''directory) ,(get 'file-pattern #f))))

;; (sha256 (base32 "...")) is the common spelling; (content-hash X sha256) too.
(define-macro (content-hash value . algorithm) value)

;; A digest as (base32 "...") gives it, or the seed's "xxxxxx".
(define (origin-hash value)
  (if (or (bytevector? value) (placeholder-hash? value))
      value
      (error "origin: field `sha256' must be written (sha256 (base32 \"...\")), or (sha256 (base32 \"xxxxxx\")) while unknown; it is"
             value)))

(define-record-type* <origin> origin make-origin
  origin?
  (uri origin-uri)
  (method origin-method)
  (sha256 origin-sha256 (sanitize origin-hash))
  (file-name origin-file-name (default #f))
  (patches origin-patches (default '()) (thunked))
  (snippet origin-snippet (default #f))
  (patch-flags origin-patch-flags (default '("-p1")))
  (patch-inputs origin-patch-inputs (default #f))
  (modules origin-modules (default '()))
  (patch-guile origin-patch-guile (default #f)))

;; The name the downloaded file would have: file-name, else the URI's basename.
(define (origin-actual-file-name origin)
  (or (origin-file-name origin)
      (let ((uri (origin-uri origin)))
        (and (string? uri) (basename uri)))))

(define (package-label obj)
  (cond ((package? obj) (package-name obj))
        (else "_")))

;; Inputs as Guix normalises them: old-style labelled lists stay as they
;; are; a new-style list is labelled with the package names.
(define (sanitize-inputs inputs)
  (cond ((not (pair? inputs)) '())
        ((and (pair? (car inputs)) (string? (caar inputs))) inputs)
        (else (map (lambda (input)
                     (if (and (pair? input) (not (string? (car input))))
                         (cons (package-label (car input)) input)
                         (list (package-label input) input)))
                   inputs))))

;; Name and version become file names in store0: they must be strings.
(define (string-field field example)
  (lambda (value)
    (if (string? value)
        value
        (error (string-append "package: field `" field "' must be a string, as in (" field " \"" example
                              "\"); it is")
               value))))

(define-record-type* <package> package make-package
  package?
  this-package
  (name package-name (sanitize (string-field "name" "hello")))
  (version package-version (sanitize (string-field "version" "2.10")))
  (source package-source)
  (build-system package-build-system)
  (arguments package-arguments (default '()) (thunked))
  (inputs package-inputs (default '()) (thunked) (sanitize sanitize-inputs))
  (native-inputs package-native-inputs (default '()) (thunked) (sanitize sanitize-inputs))
  (propagated-inputs package-propagated-inputs (default '()) (thunked) (sanitize sanitize-inputs))
  (outputs package-outputs (default '("out")))
  (native-search-paths package-native-search-paths (default '()))
  (search-paths package-search-paths (default '()))
  (replacement package-replacement (default #f))
  (synopsis package-synopsis)
  (description package-description)
  (license package-license)
  (home-page package-home-page)
  (supported-systems package-supported-systems (default %supported-systems))
  (properties package-properties (default '()))
  (location package-location (default #f)))

;; As Guix prints them: #<package hello@2.10>, #<origin "URI" HASH>.
(set-record-type-printer! <package>
  (lambda (p port)
    (display (string-append "#<package " (package-name p) "@" (package-version p) ">") port)))
(set-record-type-printer! <origin>
  (lambda (o port)
    (display "#<origin " port)
    (write (origin-uri o) port)
    (display " " port)
    (display (let ((h (origin-sha256 o)))
               (if (bytevector? h) (bytevector->nix-base32-string h) h))
             port)
    (display ">" port)))

(define (package-full-name package . separator)
  (string-append (package-name package) (if (pair? separator) (car separator) "@") (package-version package)))

(define (package-direct-inputs package)
  (append (package-native-inputs package) (package-inputs package) (package-propagated-inputs package)))

(define (%input-named inputs name)
  (let ((entry (assoc name inputs)))
    (and entry (cadr entry))))

;; Inside a thunked field, `this-package` is the package being defined (a
;; parameter of the field's procedure, which shadows this keyword);
;; anywhere else it is an error at the place it is written.
(define-syntax this-package
  (lambda (form)
    (syntax-violation 'this-package
                      "used outside of a package's fields, where it is the package being defined" form)))

;; Inside a thunked field, `this-package` is the package being defined.
(define-macro (this-package-input name)
  `(,%input-named (,package-inputs this-package) ,name))

;; (package/inherit p field ...): a variant of p. Guix also carries p's
;; replacement (a graft) over; guix0 builds no grafts, so it is (package
;; (inherit p) field ...).
(define-macro (package/inherit p . fields)
  `(package (inherit ,p) ,@fields))

(define-macro (this-package-native-input name)
  `(,%input-named (,package-native-inputs this-package) ,name))

;; (modify-inputs inputs (prepend x ...) (append x ...) (delete "label" ...) (replace "label" new))
(define-macro (modify-inputs inputs . clauses)
  (let loop ((clauses clauses) (acc `(,sanitize-inputs ,inputs)))
    (if (null? clauses)
        acc
        (let ((c (car clauses)))
          (loop (cdr clauses)
                (case (car c)
                  ((prepend) `(append (,sanitize-inputs (list ,@(cdr c))) ,acc))
                  ((append) `(append ,acc (,sanitize-inputs (list ,@(cdr c)))))
                  ((delete) `(filter (lambda (i) (not (member (car i) (list ,@(cdr c))))) ,acc))
                  ((replace) `(map (lambda (i) (if (equal? (car i) ,(cadr c)) (list (car i) ,(caddr c)) i)) ,acc))
                  (else (error "modify-inputs: unknown clause" c))))))))

;; A package `guix package` would not list, as Guix marks it.
(define (hidden-package p)
  (package (inherit p) (properties (acons 'hidden? #t (package-properties p)))))

;; A package under an old name that stands for its successor.
(define (deprecated-package old-name successor)
  (package (inherit successor) (name old-name)
           (properties (acons 'superseded successor (package-properties successor)))))
