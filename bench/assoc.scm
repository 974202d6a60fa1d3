;;; assoc -- association lists: building, assq/assv/assoc lookups,
;;; functional update, and deletion.
(define (make-keys n)
  (let loop ((i (- n 1)) (acc '()))
    (if (< i 0)
        acc
        (loop (- i 1) (cons (string-append "key-" (number->string i)) acc)))))

(define (build-alist keys)
  (let loop ((ks keys) (i 0) (acc '()))
    (if (null? ks)
        acc
        (loop (cdr ks) (+ i 1) (cons (cons (car ks) i) acc)))))

(define (build-int-alist n)
  (let loop ((i 0) (acc '()))
    (if (= i n) acc (loop (+ i 1) (cons (cons (* i 3) i) acc)))))

(define syms '(alpha beta gamma delta epsilon zeta eta theta iota kappa
               lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega))

(define sym-alist
  (let loop ((s syms) (i 1) (acc '()))
    (if (null? s) acc (loop (cdr s) (+ i 1) (cons (cons (car s) i) acc)))))

(define (alist-update key val alist)
  ;; functional: a new alist with key bound to val (replacing any old binding)
  (cond ((null? alist) (list (cons key val)))
        ((equal? (car (car alist)) key) (cons (cons key val) (cdr alist)))
        (else (cons (car alist) (alist-update key val (cdr alist))))))

(define (alist-remove key alist)
  (cond ((null? alist) '())
        ((equal? (car (car alist)) key) (cdr alist))
        (else (cons (car alist) (alist-remove key (cdr alist))))))

(define (run n rounds)
  (let* ((keys (make-keys n))
         (al (build-alist keys))
         (il (build-int-alist n)))
    (let loop ((r 0) (acc 0) (al al))
      (if (= r rounds)
          (+ acc (length al))
          (let* ((k (string-append "key-" (number->string (modulo (* r 7) n))))
                 (a (cdr (assoc k al)))
                 (b (cdr (assv (* 3 (modulo (* r 11) n)) il)))
                 (c (cdr (assq (list-ref syms (modulo r 24)) sym-alist)))
                 (al2 (if (= 0 (modulo r 50))
                          (alist-update k (+ a 1) (alist-remove k al))
                          al)))
            (loop (+ r 1) (modulo (+ acc a b c) 1000000007) al2))))))

(display (number->string (run 400 20000)))
(newline)
