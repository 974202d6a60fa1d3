;;; packages -- build and query 10,000 Guix-style package records made with
;;; quasiquote (alists such as `((name . ,n) (version . ,v) (inputs ,@deps))),
;;; then resolve inputs by name, compute dependency closures, filter, and
;;; derive modified packages the way (inherit p) does.
;; mes-env: MES_ARENA=4000000
(define count 10000)

(define (field pkg key) (cdr (assq key pkg)))

(define (pkg-name i) (string-append "pkg" (number->string i)))

(define (deps-of i)
  ;; names of a few earlier packages, no duplicates
  (let* ((a (- i 1))
         (b (quotient i 2))
         (c (quotient i 3))
         (l1 (if (> a 0) (list a) '()))
         (l2 (if (and (> b 0) (not (= b a))) (cons b l1) l1))
         (l3 (if (and (> c 0) (not (= c a)) (not (= c b))) (cons c l2) l2)))
    (map pkg-name l3)))

(define (make-package i)
  (let* ((name (pkg-name i))
         (version (string-append (number->string (+ 1 (modulo i 7))) "."
                                 (number->string (modulo i 13))))
         (deps (deps-of i)))
    `((name . ,name)
      (version . ,version)
      (source . ((uri . ,(string-append "mirror://gnu/" name "/" name "-" version ".tar.gz"))
                 (sha256 . ,(number->string (modulo (* i 2654435761) 1000000007)))))
      (build-system . ,(if (= 0 (modulo i 5)) 'trivial 'gnu))
      (arguments . (#:tests? ,(odd? i)
                    #:configure-flags ("--disable-static" ,(string-append "--with-" name))))
      (inputs ,@deps))))

(define packages
  (let ((v (make-vector count #f)))
    (let loop ((i 0))
      (if (= i count)
          v
          (begin (vector-set! v i (make-package i)) (loop (+ i 1)))))))

(define (name->index name)
  ;; "pkg123" -> 123
  (string->number (substring name 3 (string-length name))))

(define (closure-size i)
  ;; number of packages reachable through inputs, including i itself
  (let ((seen (make-vector count #f)))
    (let walk ((todo (list (field (vector-ref packages i) 'name))) (n 0))
      (if (null? todo)
          n
          (let ((k (name->index (car todo))))
            (if (vector-ref seen k)
                (walk (cdr todo) n)
                (begin
                  (vector-set! seen k #t)
                  (walk (append (field (vector-ref packages k) 'inputs) (cdr todo))
                        (+ n 1)))))))))

(define (inherit pkg . overrides)
  ;; a copy of pkg with some fields replaced, like (package (inherit p) ...)
  (map (lambda (f)
         (let ((o (assq (car f) overrides)))
           (if o o f)))
       pkg))

(define (count-matching pred)
  (let loop ((i 0) (n 0))
    (if (= i count) n (loop (+ i 1) (if (pred (vector-ref packages i)) (+ n 1) n)))))

(define gnu-count (count-matching (lambda (p) (eq? (field p 'build-system) 'gnu))))
(define tested-count
  (count-matching (lambda (p) (cadr (field p 'arguments)))))
(define version-count
  (count-matching (lambda (p) (string=? (field p 'version) "3.5"))))
(define total-inputs
  (let loop ((i 0) (n 0))
    (if (= i count) n (loop (+ i 1) (+ n (length (field (vector-ref packages i) 'inputs)))))))
(define uri-length
  (let loop ((i 0) (n 0))
    (if (= i count)
        n
        (loop (+ i 1)
              (+ n (string-length (cdr (assq 'uri (field (vector-ref packages i) 'source)))))))))
(define closures
  (+ (closure-size 9999) (closure-size 5000) (closure-size 1234) (closure-size 777)))
(define upgraded
  (let loop ((i 0) (acc 0))
    (if (= i count)
        acc
        (let ((p (inherit (vector-ref packages i)
                          (cons 'version "99.0")
                          (cons 'inputs (cons "pkg0" (field (vector-ref packages i) 'inputs))))))
          (loop (+ i 1)
                (+ acc (string-length (field p 'version)) (length (field p 'inputs))))))))

(display (number->string gnu-count)) (display " ")
(display (number->string tested-count)) (display " ")
(display (number->string version-count)) (display " ")
(display (number->string total-inputs)) (display " ")
(display (number->string uri-length)) (display " ")
(display (number->string closures)) (display " ")
(display (number->string upgraded))
(newline)
