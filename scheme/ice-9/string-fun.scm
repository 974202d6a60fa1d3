;;; (ice-9 string-fun) -- the part of Guile's string functions that Guix
;;; code uses: `string-replace-substring`.

(define-module (ice-9 string-fun)
  #:export (string-replace-substring))

;; STR with every occurrence of PATTERN (scanning left to right, without
;; overlaps) replaced by REPLACEMENT.
(define (string-replace-substring str pattern replacement)
  (when (string-null? pattern)
    (error "string-replace-substring: empty substring" str))
  (let ((step (string-length pattern)))
    (let loop ((start 0) (pieces '()))
      (let ((hit (string-contains str pattern start)))
        (if hit
            (loop (+ hit step) (cons* replacement (substring str start hit) pieces))
            (apply string-append (reverse (cons (substring str start) pieces))))))))
