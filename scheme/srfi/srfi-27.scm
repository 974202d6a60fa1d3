;;; (srfi srfi-27) -- sources of random bits, over Guile's random states
;;; (`random`, `seed->random-state`, ... in random.rs and system.scm).

(define-module (srfi srfi-27)
  #:export (random-integer random-real default-random-source
            make-random-source random-source? random-source-state-ref
            random-source-state-set! random-source-randomize!
            random-source-pseudo-randomize! random-source-make-integers
            random-source-make-reals))

;; A source holds a state, replaced when it is reseeded or set.
(define-record-type <random-source>
  (%make-random-source state)
  random-source?
  (state random-source-state %set-random-source-state!))

(define (make-random-source) (%make-random-source (seed->random-state 0)))

(define default-random-source (make-random-source))

(define (random-source-state-ref source)
  (copy-random-state (random-source-state source)))

(define (random-source-state-set! source state)
  (%set-random-source-state! source (copy-random-state state)))

(define (random-source-randomize! source)
  (%set-random-source-state! source (random-state-from-platform)))

;; The same i and j give the same numbers.
(define (random-source-pseudo-randomize! source i j)
  (%set-random-source-state!
   source
   (seed->random-state (string-append (number->string i) ":" (number->string j)))))

(define (random-source-make-integers source)
  (lambda (n) (random n (random-source-state source))))

;; Reals strictly between 0 and 1; `unit` is accepted (and the numbers are
;; flonums whatever it is).
(define (random-source-make-reals source . unit)
  (lambda ()
    (let loop ()
      (let ((x (random:uniform (random-source-state source))))
        (if (> x 0.0) x (loop))))))

(define (random-integer n) ((random-source-make-integers default-random-source) n))

(define (random-real) ((random-source-make-reals default-random-source)))
