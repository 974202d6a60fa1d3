;;; (ice-9 vlist): vlists and vhashes with Guile's interface and results.
;;; Guile builds them from growing blocks for constant-time access; here a
;;; vlist holds a list, so `vlist-ref` and `vhash-assoc` take linear time,
;;; which the small tables of package definitions do not notice.

(define-module (ice-9 vlist)
  #:export (vlist? vlist-null vlist-null? vlist-cons vlist-head vlist-tail vlist-ref vlist-length
            vlist-fold vlist-fold-right vlist-map vlist-for-each vlist-filter vlist-delete
            vlist-reverse vlist-append vlist-take vlist-drop vlist-unfold vlist-unfold-right
            vlist->list list->vlist block-growth-factor
            vhash? vhash-cons vhash-consq vhash-consv vhash-assoc vhash-assq vhash-assv
            vhash-delete vhash-delq vhash-delv vhash-fold vhash-fold-right
            vhash-fold* vhash-foldq* vhash-foldv* alist->vhash))

;; `hashed?`: a vhash, whose items are (key . value) pairs.
(define-record-type <vlist>
  (make-vlist items hashed?)
  vlist?
  (items vlist-items)
  (hashed? vlist-hashed?))

(set-record-type-printer! <vlist>
  (lambda (v port)
    (if (vlist-hashed? v)
        (format port "#<vhash ~a pairs>" (length (vlist-items v)))
        (format port "#<vlist ~a>" (vlist-items v)))))

(define block-growth-factor (make-parameter 2))
(define vlist-null (make-vlist '() #f))
(define (vlist-null? v) (null? (vlist-items v)))
(define (vlist-cons item v) (make-vlist (cons item (vlist-items v)) #f))
(define (vlist-head v) (car (vlist-items v)))
(define (vlist-tail v) (make-vlist (cdr (vlist-items v)) (vlist-hashed? v)))
(define (vlist-ref v k) (list-ref (vlist-items v) k))
(define (vlist-length v) (length (vlist-items v)))
(define (vlist->list v) (vlist-items v))
(define (list->vlist lst) (make-vlist (list-copy lst) #f))
(define (vlist-fold proc init v) (fold proc init (vlist-items v)))
(define (vlist-fold-right proc init v) (fold-right proc init (vlist-items v)))
(define (vlist-map proc v) (make-vlist (map proc (vlist-items v)) #f))
(define (vlist-for-each proc v) (for-each proc (vlist-items v)))
(define (vlist-filter pred v) (make-vlist (filter pred (vlist-items v)) #f))
(define* (vlist-delete x v #:optional (same? equal?))
  (make-vlist (remove (lambda (item) (same? item x)) (vlist-items v)) #f))
(define (vlist-reverse v) (make-vlist (reverse (vlist-items v)) #f))
(define (vlist-append . vs) (make-vlist (append-map vlist-items vs) #f))
(define (vlist-take v n) (make-vlist (list-head (vlist-items v) n) #f))
(define (vlist-drop v n) (make-vlist (list-tail (vlist-items v) n) #f))
(define* (vlist-unfold stop? mapper successor seed #:optional (tail-gen (lambda (x) vlist-null)))
  (let loop ((seed seed) (acc '()))
    (if (stop? seed)
        (make-vlist (append-reverse acc (vlist-items (tail-gen seed))) #f)
        (loop (successor seed) (cons (mapper seed) acc)))))
(define* (vlist-unfold-right stop? mapper successor seed #:optional (tail vlist-null))
  (let loop ((seed seed) (acc (vlist-items tail)))
    (if (stop? seed)
        (make-vlist acc #f)
        (loop (successor seed) (cons (mapper seed) acc)))))

;;; vhashes: the most recently added pair for a key is the one found.

(define (vhash? obj) (and (vlist? obj) (vlist-hashed? obj)))
(define* (vhash-cons key value vhash #:optional hash)
  (make-vlist (cons (cons key value) (vlist-items vhash)) #t))
(define (vhash-consq key value vhash) (vhash-cons key value vhash))
(define (vhash-consv key value vhash) (vhash-cons key value vhash))
(define* (vhash-assoc key vhash #:optional (same? equal?) hash)
  (find (lambda (pair) (same? key (car pair))) (vlist-items vhash)))
(define (vhash-assq key vhash) (vhash-assoc key vhash eq?))
(define (vhash-assv key vhash) (vhash-assoc key vhash eqv?))
(define* (vhash-delete key vhash #:optional (same? equal?) hash)
  (make-vlist (remove (lambda (pair) (same? key (car pair))) (vlist-items vhash)) #t))
(define (vhash-delq key vhash) (vhash-delete key vhash eq?))
(define (vhash-delv key vhash) (vhash-delete key vhash eqv?))
(define (vhash-fold proc init vhash)
  (fold (lambda (pair acc) (proc (car pair) (cdr pair) acc)) init (vlist-items vhash)))
(define (vhash-fold-right proc init vhash)
  (fold-right (lambda (pair acc) (proc (car pair) (cdr pair) acc)) init (vlist-items vhash)))
;; Fold over the values of `key`, most recent first.
(define* (vhash-fold* proc init key vhash #:optional (same? equal?) hash)
  (fold (lambda (pair acc) (if (same? key (car pair)) (proc (cdr pair) acc) acc)) init (vlist-items vhash)))
(define (vhash-foldq* proc init key vhash) (vhash-fold* proc init key vhash eq?))
(define (vhash-foldv* proc init key vhash) (vhash-fold* proc init key vhash eqv?))
(define* (alist->vhash alist #:optional hash)
  (make-vlist (list-copy alist) #t))
