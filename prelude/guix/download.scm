;;; (guix download): origin methods. guix0 never downloads: a method only
;;; says where the file comes from, so guix0 can tell the user.

(define-module (guix download)
  #:use-module (guix git-download)
  #:export (url-fetch url-fetch/tarbomb url-fetch/zipbomb %mirrors mirror-uris)
  ;; Older guix0 definitions found these here.
  #:re-export (git-fetch git-reference git-reference? git-reference-url git-reference-commit git-file-name))

(define (url-fetch . _)
  (error "guix0 does not download: put the file in the current directory (or --sources DIR)"))
(define url-fetch/tarbomb url-fetch)
(define url-fetch/zipbomb url-fetch)

(define %mirrors
  '((gnu "https://ftpmirror.gnu.org/gnu/" "https://ftp.gnu.org/gnu/")
    (savannah "https://download.savannah.gnu.org/releases/" "https://download.savannah.nongnu.org/releases/")
    (kernel.org "https://www.kernel.org/pub/")
    (sourceforge "https://downloads.sourceforge.net/project/")))

;; The URLs a `mirror://` URI stands for (a plain URI stands for itself).
(define (mirror-uris uri)
  (if (string-prefix? "mirror://" uri)
      (let* ((rest (substring uri 9 (string-length uri)))
             (slash (string-index rest #\/))
             (kind (string->symbol (if slash (substring rest 0 slash) rest)))
             (path (if slash (substring rest (+ slash 1) (string-length rest)) ""))
             (bases (assq kind %mirrors)))
        (if bases (map (lambda (b) (string-append b path)) (cdr bases)) (list uri)))
      (list uri)))
