;;; callcc.scm -- first-class continuations: escapes, re-entry (many times),
;;; generators, dynamic-wind ordering on escape and re-entry, multiple values.

(use-modules (srfi srfi-64))

(test-begin "callcc")

;;; basics
(test-eqv "receiver returns normally" 42 (+ 1 (call/cc (lambda (k) 41))))
(test-eqv "escape with a value" 42 (+ 1 (call/cc (lambda (k) (k 41) 99))))
(test-eqv "long name" 3
  (call-with-current-continuation (lambda (k) (+ 1 (k 3)))))
(test-assert "continuation is a procedure" (call/cc procedure?))
(test-eqv "escape from deep inside an expression" 10
  (call/cc (lambda (k) (* 2 (+ 1 (- 5 (k 10)))))))

;;; escape from nested loops
(define (find-pair target)
  (call/cc
   (lambda (return)
     (do ((i 1 (+ i 1))) ((> i 20) #f)
       (do ((j 1 (+ j 1))) ((> j 20))
         (when (= (* i j) target)
           (return (list i j))))))))
(test-equal "escape from nested do" '(3 14) (find-pair 42))
(test-eq "no escape falls through" #f (find-pair 1000))

(test-eqv "escape from for-each" -2
  (call/cc (lambda (k)
             (for-each (lambda (x) (if (negative? x) (k x))) '(1 -2 3 -4))
             'none)))

(test-equal "escape from map" 'stop
  (call/cc (lambda (k) (map (lambda (x) (if (= x 3) (k 'stop) x)) '(1 2 3 4)))))

(define (list-product lst)
  (call/cc
   (lambda (break)
     (let loop ((l lst))
       (cond ((null? l) 1)
             ((= (car l) 0) (break 0))
             (else (* (car l) (loop (cdr l)))))))))
(test-eqv "escape from non-tail recursion" 0 (list-product '(1 2 3 0 4 5)))
(test-eqv "no escape in non-tail recursion" 120 (list-product '(1 2 3 4 5)))

;;; re-entry
(define (reenter n)
  (let ((k #f) (count 0))
    (let ((v (call/cc (lambda (c) (set! k c) 0))))
      (set! count (+ count 1))
      (if (< v n) (k (+ v 1)) count))))
(test-eqv "re-enter a continuation 10,000 times" 10001 (reenter 10000))

(define (reenter-accumulate n)
  (let ((k #f) (acc '()))
    (let ((v (call/cc (lambda (c) (set! k c) 0))))
      (set! acc (cons v acc))
      (if (< v n) (k (+ v 1)) (length acc)))))
(test-eqv "re-entry keeps side effects" 10001 (reenter-accumulate 10000))

(test-equal "re-entry into a let binding" '(3 2 1 0)
  (let ((k #f) (seen '()))
    (let ((x (call/cc (lambda (c) (set! k c) 0))))
      (set! seen (cons x seen))
      (when (< x 3) (k (+ x 1)))
      seen)))

(test-equal "re-entry into the middle of a non-tail expression" '(11 12 13)
  (let ((k #f) (results '()))
    (let ((r (+ 10 (call/cc (lambda (c) (set! k c) 1)))))
      (set! results (cons r results))
      (if (< (length results) 3)
          (k (+ (length results) 1))
          (reverse results)))))

(test-equal "re-entry into map does not disturb earlier results"
  '((1 20 3) (1 2 3))
  (let ((k* #f) (results '()))
    (let ((r (map (lambda (x)
                    (call/cc (lambda (k) (if (= x 2) (set! k* k)) x)))
                  '(1 2 3))))
      (set! results (cons r results))
      (if (= (length results) 1) (k* 20))
      results)))

;;; generators
(define (make-generator producer)
  ;; producer is called with a `yield' procedure
  (define return #f)
  (define resume #f)
  (define (yield v)
    (call/cc (lambda (k) (set! resume k) (return v))))
  (lambda ()
    (call/cc
     (lambda (r)
       (set! return r)
       (if resume
           (resume #f)
           (begin
             (producer yield)
             (set! resume (lambda (ignore) (return 'done)))
             (return 'done)))))))

(define (generator->list g)
  (let loop ((acc '()))
    (let ((v (g)))
      (if (eq? v 'done) (reverse acc) (loop (cons v acc))))))

(test-equal "generator over a list" '(a b c)
  (generator->list
   (make-generator (lambda (yield) (for-each yield '(a b c))))))

(test-eqv "generator resumed 10,000 times" 49995000
  (let ((g (make-generator
            (lambda (yield) (do ((i 0 (+ i 1))) ((= i 10000)) (yield i))))))
    (let loop ((acc 0))
      (let ((v (g)))
        (if (eq? v 'done) acc (loop (+ acc v)))))))

(test-eq "exhausted generator stays done" 'done
  (let ((g (make-generator (lambda (yield) (yield 1)))))
    (g) (g) (g)))

(define (tree-walker tree)
  (make-generator
   (lambda (yield)
     (let walk ((t tree))
       (cond ((null? t) #t)
             ((pair? t) (walk (car t)) (walk (cdr t)))
             (else (yield t)))))))

(define (same-fringe? a b)
  (let ((ga (tree-walker a)) (gb (tree-walker b)))
    (let loop ()
      (let ((x (ga)) (y (gb)))
        (cond ((not (eqv? x y)) #f)
              ((eq? x 'done) #t)
              (else (loop)))))))
(test-assert "same fringe, different shapes" (same-fringe? '(1 (2 3) ((4)) 5) '((1 2) 3 (4 (5)))))
(test-assert "different fringe" (not (same-fringe? '(1 2 3) '(1 (2 4)))))
(test-equal "tree leaves in order" '(1 2 3 4 5)
  (generator->list (tree-walker '((1 (2)) (3 . 4) 5))))

;;; dynamic-wind
(test-equal "dynamic-wind normal order" '(before during after)
  (let ((trace '()))
    (dynamic-wind (lambda () (set! trace (cons 'before trace)))
                  (lambda () (set! trace (cons 'during trace)))
                  (lambda () (set! trace (cons 'after trace))))
    (reverse trace)))

(test-eqv "dynamic-wind returns thunk value" 7
  (dynamic-wind (lambda () #f) (lambda () 7) (lambda () #f)))

(test-equal "dynamic-wind escape runs after" '(before during after escaped)
  (let ((trace '()))
    (call/cc
     (lambda (k)
       (dynamic-wind (lambda () (set! trace (cons 'before trace)))
                     (lambda () (set! trace (cons 'during trace)) (k 'x)
                             (set! trace (cons 'not-reached trace)))
                     (lambda () (set! trace (cons 'after trace))))))
    (set! trace (cons 'escaped trace))
    (reverse trace)))

(test-equal "nested dynamic-wind escape unwinds inner first"
  '(in1 in2 out2 out1)
  (let ((trace '()))
    (define (note x) (set! trace (cons x trace)))
    (call/cc
     (lambda (k)
       (dynamic-wind
        (lambda () (note 'in1))
        (lambda ()
          (dynamic-wind (lambda () (note 'in2))
                        (lambda () (k 'escape))
                        (lambda () (note 'out2))))
        (lambda () (note 'out1)))))
    (reverse trace)))

(test-equal "re-entry runs before again"
  '(in body out in body out in body out)
  (let ((trace '()) (k #f) (n 0))
    (dynamic-wind (lambda () (set! trace (cons 'in trace)))
                  (lambda ()
                    (call/cc (lambda (c) (set! k c)))
                    (set! trace (cons 'body trace)))
                  (lambda () (set! trace (cons 'out trace))))
    (set! n (+ n 1))
    (if (< n 3) (k #f))
    (reverse trace)))

(test-equal "re-entry into nested winds runs outer before first"
  '(a-in b-in b-out a-out a-in b-in b-out a-out)
  (let ((trace '()) (k #f) (n 0))
    (define (note x) (set! trace (cons x trace)))
    (dynamic-wind
     (lambda () (note 'a-in))
     (lambda ()
       (dynamic-wind (lambda () (note 'b-in))
                     (lambda () (call/cc (lambda (c) (set! k c))))
                     (lambda () (note 'b-out))))
     (lambda () (note 'a-out)))
    (set! n (+ n 1))
    (if (< n 2) (k #f))
    (reverse trace)))

(test-equal "jump between sibling extents"
  '(a-in a-out b-in b-out a-in a-out)
  (let ((trace '()) (ka #f) (state 0))
    (define (note x) (set! trace (cons x trace)))
    (dynamic-wind (lambda () (note 'a-in))
                  (lambda () (call/cc (lambda (c) (set! ka c))))
                  (lambda () (note 'a-out)))
    (when (= state 0)
      (set! state 1)
      (dynamic-wind (lambda () (note 'b-in))
                    (lambda () (ka #f))
                    (lambda () (note 'b-out))))
    (reverse trace)))

(test-equal "error inside dynamic-wind still runs after" '(caught (in out))
  (let ((trace '()))
    (let ((r (catch #t
               (lambda ()
                 (dynamic-wind (lambda () (set! trace (cons 'in trace)))
                               (lambda () (error "boom"))
                               (lambda () (set! trace (cons 'out trace)))))
               (lambda args 'caught))))
      (list r (reverse trace)))))

(test-equal "escape from for-each unwinds only the current extent" '(in out)
  (let ((trace '()))
    (call/cc
     (lambda (k)
       (for-each (lambda (x)
                   (dynamic-wind (lambda () (set! trace (cons 'in trace)))
                                 (lambda () (if (= x 1) (k x)))
                                 (lambda () (set! trace (cons 'out trace)))))
                 '(1 2 3))))
    (reverse trace)))

;;; multiple values
(test-eqv "call-with-values +" 3 (call-with-values (lambda () (values 1 2)) +))
(test-equal "zero values" '() (call-with-values (lambda () (values)) list))
(test-equal "one value" '(1) (call-with-values (lambda () (values 1)) list))
(test-equal "non-values producer" '(5) (call-with-values (lambda () 5) list))
(test-eqv "R7RS example: (call-with-values * -)" -1 (call-with-values * -))
(test-equal "many values" '(1 2 3 4 5 6)
  (call-with-values (lambda () (values 1 2 3 4 5 6)) list))
(test-equal "values through a procedure return" '(a b)
  (call-with-values (lambda () ((lambda () (values 'a 'b)))) list))
(test-equal "values through if and let" '(1 2)
  (call-with-values (lambda () (let ((x 1)) (if x (values x 2) (values 0 0)))) list))
(test-equal "values from dynamic-wind thunk" '(1 2)
  (call-with-values
      (lambda () (dynamic-wind (lambda () #f) (lambda () (values 1 2)) (lambda () #f)))
    list))

;;; call/cc with multiple values
(test-equal "continuation accepts several values" '(1 2)
  (call-with-values (lambda () (call/cc (lambda (k) (k 1 2)))) list))
(test-equal "continuation accepts zero values" '()
  (call-with-values (lambda () (call/cc (lambda (k) (k)))) list))
(test-equal "escaping several values from a nested call" '(x y z)
  (call-with-values
      (lambda ()
        (call/cc (lambda (k) (for-each (lambda (e) (if (eq? e 'go) (k 'x 'y 'z))) '(a go b)) 'none)))
    list))
(test-equal "re-entering with several values" '((3 4) (1 2))
  (let ((k #f) (seen '()))
    (call-with-values (lambda () (call/cc (lambda (c) (set! k c) (values 1 2))))
      (lambda (a b) (set! seen (cons (list a b) seen))))
    (if (= (length seen) 1) (k 3 4))
    seen))
;;; escaping from a macro transformer to code that runs the expansion
(define-macro (explode-while-expanding) (error "raised while expanding"))
(test-eq "an error raised while expanding is caught outside" 'misc-error
  (catch #t
    (lambda () (eval '(explode-while-expanding) (current-module)))
    (lambda (key . args) key)))
(define escape-from-transformer #f)
(define-macro (escape-while-expanding) (escape-from-transformer 7))
(test-eqv "a continuation escapes from a transformer" 7
  (call/cc (lambda (k)
             (set! escape-from-transformer k)
             (eval '(escape-while-expanding) (current-module))
             'not-reached)))

;;; call/cc at every level of a non-tail recursion: each continuation
;;; shares the frames below it with the one captured before it.
(define (count-with-k n)
  (if (= n 0) 0 (call/cc (lambda (k) (+ 1 (count-with-k (- n 1)))))))
(test-eqv "call/cc at each level of a deep recursion" 10000 (count-with-k 10000))

;;; Continuations saved at several depths, in several iterations of a loop
;;; whose variables change between them, resumed later: each finds its
;;; own frames, not those a later capture shared.
(define (resume-saved-dives)
  (define saved '())
  (define (dive n tag)
    (if (= n 0)
        (list tag)
        (cons n (call/cc (lambda (k)
                           (set! saved (cons k saved))
                           (dive (- n 1) tag))))))
  (define out '())
  (define resumed 0)
  (let loop ((i 0))
    (when (< i 3)
      (let ((x (vector i (* i i))))
        (set! out (cons (list i x (dive 4 i)) out))
        (vector-set! x 0 'mutated))
      (loop (+ i 1))))
  (when (< resumed 4)
    (set! resumed (+ resumed 1))
    ((list-ref saved (* resumed 2)) (list 'resumed resumed)))
  (reverse out))
(test-equal "re-entering continuations saved at several depths"
  '((0 #(mutated 0) (4 3 2 1 0))
    (1 #(mutated 1) (4 3 2 1 1))
    (2 #(mutated 4) (4 3 2 1 2))
    (2 #(mutated 4) (4 3 resumed 1))
    (1 #(mutated 1) (4 3 2 1 resumed 2))
    (2 #(mutated 4) (4 3 2 1 2))
    (2 #(mutated 4) (4 3 resumed 3))
    (1 #(mutated 1) (4 3 2 1 resumed 4))
    (2 #(mutated 4) (4 3 2 1 2)))
  (resume-saved-dives))

;;; A continuation taken inside a callback from Rust (a record printer),
;;; then one taken by the procedure that printed: the printing procedure's
;;; part of the stack changed in between and is saved as it is now.
(use-modules (srfi srfi-9) (srfi srfi-9 gnu))
(define-record-type <pt> (make-pt x) pt? (x pt-x))
(set-record-type-printer! <pt>
  (lambda (r port) (call/cc (lambda (k) k)) (display "p" port) (display (pt-x r) port)))
(define (printed-then-captured i)
  (let ((port (open-output-string)))
    (display (make-pt i) port)
    (set! i (+ i 1))
    (let ((r (call/cc (lambda (k) k))))
      (if (procedure? r) (r (list (get-output-string port) i)) r))))
(test-equal "call/cc after a record printer took a continuation" '("p1" 2)
  (printed-then-captured 1))

;;; call/ec: escape-only continuations (Guile's)
(use-modules (ice-9 control))
(test-eqv "call/ec escapes" 42 (call/ec (lambda (k) (+ 1 (k 42)))))
(test-eqv "call/ec returns normally" 2 (call/ec (lambda (k) 2)))
(test-equal "call/ec with several values" '(1 2)
  (call-with-values (lambda () (call/ec (lambda (k) (k 1 2)))) list))
(define stale-escape (call/ec (lambda (k) k)))
(test-assert "a call/ec continuation cannot be used after its extent"
  (catch #t (lambda () (stale-escape 1) #f) (lambda args #t)))

;;; A continuation captured in one top-level form and resumed in a later
;;; one goes on with the forms after the first, as in a compiled program.
(define top-level-entries 0)
(define top-level-k #f)
(call/cc (lambda (k) (set! top-level-k k)))
(set! top-level-entries (+ top-level-entries 1))
(if (< top-level-entries 3) (top-level-k #f))
(test-eqv "re-entering an earlier top-level form" 3 top-level-entries)

;; Values passed to a continuation that takes one value are cut to the
;; first, as a procedure's returned values are (Guile's rule); the
;; producer of call-with-values keeps them all
(test-equal "several values to a one-value continuation"
  '((1 3) 6 (7 8))
  (list (list (call/cc (lambda (k) (k 1 2))) 3)
        (+ 1 (call/cc (lambda (k) (k 5 6))))
        (call-with-values (lambda () (call/cc (lambda (k) (k 7 8)))) list)))

(test-end "callcc")
