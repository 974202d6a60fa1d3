;;; (ice-9 threads) for a single-threaded interpreter: the parallel maps
;;; run their work in order and give the results Guile's would, and a
;;; mutex is never contended. There is no call-with-new-thread: guix0 has
;;; one thread.

(define-module (ice-9 threads)
  #:export (par-map par-for-each n-par-map n-par-for-each n-for-each-par-map
            total-processor-count
            make-mutex make-recursive-mutex mutex? lock-mutex try-mutex unlock-mutex mutex-locked?
            mutex-level mutex-owner with-mutex current-thread thread? all-threads yield
            make-condition-variable condition-variable? signal-condition-variable
            broadcast-condition-variable)
  #:re-export (current-processor-count))

(define (par-map f . lists) (apply map f lists))
(define (par-for-each f . lists) (apply for-each f lists))
(define (n-par-map n f . lists) (apply map f lists))
(define (n-par-for-each n f . lists) (apply for-each f lists))
(define (n-for-each-par-map n sink f . lists)
  (for-each sink (apply map f lists)))
(define (total-processor-count) (current-processor-count))

(define-record-type <mutex>
  (%make-mutex recursive? level)
  mutex?
  (recursive? mutex-recursive?)
  (level mutex-level set-mutex-level!))
(define (make-mutex . flags) (%make-mutex (memq 'recursive flags) 0))
(define (make-recursive-mutex) (%make-mutex #t 0))
(define (mutex-locked? m) (> (mutex-level m) 0))
(define (mutex-owner m) (and (mutex-locked? m) 'main))
(define (lock-mutex m . _)
  (when (and (mutex-locked? m) (not (mutex-recursive? m)))
    (error "lock-mutex: the mutex is already locked by this, the only, thread" m))
  (set-mutex-level! m (+ (mutex-level m) 1))
  #t)
(define (try-mutex m)
  (if (and (mutex-locked? m) (not (mutex-recursive? m)))
      #f
      (lock-mutex m)))
(define (unlock-mutex m . _)
  (when (mutex-locked? m)
    (set-mutex-level! m (- (mutex-level m) 1)))
  #t)
(define-syntax-rule (with-mutex m body ...)
  (let ((mutex m))
    (dynamic-wind (lambda () (lock-mutex mutex)) (lambda () body ...) (lambda () (unlock-mutex mutex)))))

(define (current-thread) 'main)
(define (thread? obj) (eq? obj 'main))
(define (all-threads) (list 'main))
(define (yield) #t)

(define-record-type <condition-variable>
  (make-condition-variable)
  condition-variable?)
(define (signal-condition-variable c) #t)
(define (broadcast-condition-variable c) #t)
