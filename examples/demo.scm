;;; A small tour of what guix0 runs: modules, records, bignums, call/cc,
;;; syntax-rules and Guix-style quasiquoted data.
(use-modules (srfi srfi-1))

(define-record-type <package>
  (make-package name version inputs)
  package?
  (name package-name)
  (version package-version)
  (inputs package-inputs))

(define-syntax swap!
  (syntax-rules ()
    ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))

(define hello (make-package "hello" "2.10" '()))
(define gash (make-package "gash" "0.2.0" (list hello)))

(display (package-name gash)) (display "@") (display (package-version gash)) (newline)
(write gash) (newline)
(display (expt 2 100)) (newline)
(let ((x 1) (tmp 2)) (swap! x tmp) (display (list x tmp)) (newline))
(display (call/cc (lambda (k) (for-each (lambda (x) (when (> x 2) (k x))) '(1 2 3 4)) 'none)))
(newline)
(display (fold + 0 (iota 10))) (newline)
(display `((name . ,(package-name hello)) (inputs ,@(map package-name (package-inputs gash)))))
(newline)
