;;; (guix git-download): origins checked out of Git. guix0 never downloads
;;; or clones: the checkout is a directory in the sources directories, named
;;; as Guix names it (`git-file-name`), and its sha256 is that of its nar
;;; serialisation, as in Guix (the `.git` directory is not part of it).

(define-module (guix git-download)
  #:export (git-fetch git-reference git-reference? git-reference-url git-reference-commit
            git-reference-recursive? git-file-name git-version))

(define (git-fetch . _)
  (error "guix0 does not clone: put the checkout (without its .git) in the current directory (or --sources DIR)"))

(define-record-type <git-reference>
  (make-git-reference url commit recursive?)
  git-reference?
  (url git-reference-url)
  (commit git-reference-commit)
  (recursive? git-reference-recursive?))

;; The record's constructor goes into the expansion as a value: the
;; definitions using the macro do not see its name.
(define-macro (git-reference . fields)
  (let ((get (lambda (k d) (let ((f (assq k fields))) (if f (cadr f) d)))))
    `(,make-git-reference ,(get 'url #f) ,(get 'commit #f) ,(get 'recursive? #f))))

(define (git-file-name name version)
  (string-append name "-" version "-checkout"))

;; The version of a package taken from a commit between releases.
(define (git-version version revision commit)
  (string-append version "-" revision "." (string-take commit 7)))
