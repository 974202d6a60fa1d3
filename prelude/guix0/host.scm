;;; (guix0 host): declare host programs as an explicit seed. A Guix 0
;;; build sees no host program through PATH; a definitions file that needs
;;; some (a compiler, make, a shell, to build GNU packages on an ordinary
;;; machine) says so with a `host-tools` package, which links the named
;;; host programs into its output and names the host directories they need
;;; (#:host-paths, mounted read-only in contained builds that use it). The
;;; impurity is then visible in the dependency graph, and the resolved
;;; paths are part of the store name.

(define-module (guix0 host)
  #:use-module (guix packages)
  #:use-module (guix licenses)
  #:use-module (guix build-system trivial)
  #:export (host-tools host-program))

;; The absolute path of a host program, looked up in guix0's own PATH when
;; the definitions are loaded (not in the build, whose PATH is cleared),
;; with symlinks resolved (`awk` is /etc/alternatives/awk -> /usr/bin/mawk
;; on Debian, and a contained build sees no /etc).
(define (host-program name)
  (let* ((path (getenv "PATH"))
         (found (and path
                     (find (lambda (file) (and (file-exists? file) (not (file-is-directory? file))))
                           (map (lambda (dir) (string-append dir "/" name)) (string-split path #\:))))))
    (and found (canonicalize-path found))))

;; The host directories those programs need besides themselves (their
;; libraries, compilers' support files, the dynamic loader): what a
;; contained build that uses them may read.
(define %default-host-paths '("/usr" "/lib" "/lib64" "/bin" "/sbin"))

(define* (host-tools programs #:key (name "host-tools") (optional '()) (host-paths %default-host-paths))
  (let* ((found (lambda (p) (cons p (host-program p))))
         (required (map found programs))
         (missing (filter (lambda (e) (not (cdr e))) required))
         (extra (filter cdr (map found optional))))
    (unless (null? missing)
      (error (string-append "host-tools: not found on this machine's PATH: "
                            (string-join (map car missing) " "))))
    (package
      (name name)
      (version "host")
      (source #f)
      (build-system trivial-build-system)
      (arguments
       `(#:host-paths ,host-paths
         #:builder
         (begin
           (mkdir-p (string-append %output "/bin"))
           ,@(map (lambda (entry)
                    `(symlink ,(cdr entry) (string-append %output "/bin/" ,(car entry))))
                  (append required extra)))))
      (synopsis "Host programs declared as a seed")
      (description "Links to programs of the host system, named explicitly so that the impurity is pinned and visible.")
      (license public-domain)
      (home-page #f))))
