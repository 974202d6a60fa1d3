;;; (ice-9 atomic) -- atomic boxes. guix0 runs one thread, so a plain box
;;; is atomic already.

(define-module (ice-9 atomic)
  #:export (make-atomic-box atomic-box? atomic-box-ref atomic-box-set!
            atomic-box-swap! atomic-box-compare-and-swap!))

(define-record-type <atomic-box>
  (make-atomic-box value)
  atomic-box?
  (value atomic-box-ref atomic-box-set!))

(define (atomic-box-swap! box new)
  (let ((old (atomic-box-ref box)))
    (atomic-box-set! box new)
    old))

(define (atomic-box-compare-and-swap! box expected desired)
  ;; Like Guile's: the old value, replaced if it was eq? to EXPECTED.
  (let ((old (atomic-box-ref box)))
    (if (eq? old expected) (atomic-box-set! box desired))
    old))
