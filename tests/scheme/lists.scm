;;; lists.scm -- pairs and lists: the R7RS procedures plus the Guile core
;;; list procedures Guix code uses (append!, reverse!, list-head, iota,
;;; filter, delete, sort, acons/assoc-ref ...).
;;;
;;; Notes: Guile's default `member'/`assoc' take two arguments (the R7RS
;;; three-argument forms come from (scheme base) or (srfi srfi-1)), and its
;;; `map'/`for-each' reject lists of unequal length; neither is tested here.
;;; Literal (quoted) lists are never mutated.

(use-modules (srfi srfi-64) (srfi srfi-9))

(test-begin "lists")

;;; pairs
(test-equal "cons" '(1 . 2) (cons 1 2))
(test-eqv "car" 1 (car '(1 2)))
(test-equal "cdr" '(2) (cdr '(1 2)))
(test-equal "set-car!" '(x 2) (let ((p (list 1 2))) (set-car! p 'x) p))
(test-equal "set-cdr!" '(1 . x) (let ((p (list 1 2))) (set-cdr! p 'x) p))
(test-eqv "caddr" 3 (caddr '(1 2 3)))
(test-equal "cddr" '(3) (cddr '(1 2 3)))
(test-eqv "cadar" 2 (cadar '((1 2) 3)))
(test-eqv "cadddr" 4 (cadddr '(1 2 3 4)))
(test-error "car of empty list" 'wrong-type-arg (car '()))

;;; predicates
(test-assert "pair?" (pair? '(1)))
(test-assert "not pair? ()" (not (pair? '())))
(test-assert "null?" (null? '()))
(test-assert "list? proper" (list? '(1 2)))
(test-assert "list? empty" (list? '()))
(test-assert "not list? improper" (not (list? '(1 . 2))))
(test-assert "not list? circular"
  (not (list? (let ((l (list 1 2))) (set-cdr! (cdr l) l) l))))

;;; constructors
(test-equal "list" '(1 2 3) (list 1 2 3))
(test-equal "list empty" '() (list))
(test-equal "make-list" '(x x x) (make-list 3 'x))
(test-eqv "make-list length" 2 (length (make-list 2)))
(test-equal "list-copy" '(1 2 3) (list-copy '(1 2 3)))
(test-assert "list-copy is fresh" (let* ((a (list 1 2)) (b (list-copy a))) (and (equal? a b) (not (eq? a b)))))
(test-equal "list-copy independent" '(1 2)
  (let* ((a (list 1 2)) (b (list-copy a))) (set-car! b 'x) a))
(test-equal "iota" '(0 1 2 3 4) (iota 5))
(test-equal "iota start" '(1 2 3) (iota 3 1))
(test-equal "iota step" '(0 2 4) (iota 3 0 2))

;;; length, append, reverse
(test-eqv "length" 3 (length '(1 2 3)))
(test-eqv "length empty" 0 (length '()))
(test-error "length improper" 'wrong-type-arg (length '(1 2 . 3)))
(test-equal "append" '(1 2 3 4) (append '(1) '(2 3) '(4)))
(test-equal "append no args" '() (append))
(test-equal "append one arg" '(1) (append '(1)))
(test-equal "append empty lists" '() (append '() '()))
(test-equal "append improper tail" '(1 2 . 3) (append '(1) '(2) 3))
(test-eqv "append non-list last" 5 (append '() 5))
(test-assert "append shares last argument"
  (let ((tail (list 3 4))) (eq? tail (cddr (append '(1 2) tail)))))
(test-equal "append!" '(1 2 3) (append! (list 1 2) (list 3)))
(test-equal "append! empty first" '(3) (append! '() (list 3)))
(test-equal "reverse" '(3 2 1) (reverse '(1 2 3)))
(test-equal "reverse empty" '() (reverse '()))
(test-equal "reverse nested is shallow" '((3 4) 2 1) (reverse '(1 2 (3 4))))
(test-equal "reverse!" '(3 2 1) (reverse! (list 1 2 3)))

;;; indexing
(test-equal "list-tail" '(3 4) (list-tail '(1 2 3 4) 2))
(test-equal "list-tail 0" '(1 2) (list-tail '(1 2) 0))
(test-equal "list-tail to end" '() (list-tail '(1 2) 2))
(test-error "list-tail too far" #t (list-tail '(1 2) 3))
(test-eqv "list-ref" 'c (list-ref '(a b c d) 2))
(test-equal "list-set!" '(1 x 3) (let ((l (list 1 2 3))) (list-set! l 1 'x) l))
(test-equal "list-head" '(1 2) (list-head '(1 2 3) 2))
(test-equal "last-pair" '(3) (last-pair '(1 2 3)))
(test-equal "last-pair improper" '(2 . 3) (last-pair '(1 2 . 3)))

;;; membership and association
(test-equal "memq" '(c d) (memq 'c '(a b c d)))
(test-eq "memq missing" #f (memq 'z '(a b c)))
(test-equal "memv numbers" '(101 102) (memv 101 '(100 101 102)))
(test-equal "member structural" '((a) c) (member (list 'a) '(b (a) c)))
(test-equal "member string" '("b" "c") (member "b" '("a" "b" "c")))
(test-equal "assq" '(b 2) (assq 'b '((a 1) (b 2))))
(test-equal "assv" '(5 7) (assv 5 '((2 3) (5 7) (11 13))))
(test-equal "assoc structural" '((a)) (assoc (list 'a) '(((a)) ((b)) ((c)))))
(test-eq "assoc missing" #f (assoc "x" '(("a" . 1))))
(test-equal "acons" '((a . 1) (b . 2)) (acons 'a 1 '((b . 2))))
(test-eqv "assq-ref" 1 (assq-ref '((a . 1) (b . 2)) 'a))
(test-eqv "assoc-ref" 2 (assoc-ref '(("a" . 1) ("b" . 2)) "b"))
(test-eq "assoc-ref missing" #f (assoc-ref '(("a" . 1)) "z"))
(test-equal "assq-set! on fresh alist" '((a . 10) (b . 2))
  (assq-set! (list (cons 'a 1) (cons 'b 2)) 'a 10))
(test-equal "assoc-set! adds new key" '(("c" . 3) ("a" . 1))
  (assoc-set! (list (cons "a" 1)) "c" 3))

;;; filtering, deleting, sorting (Guile core)
(test-equal "filter" '(1 3 5) (filter odd? '(1 2 3 4 5)))
(test-equal "filter none" '() (filter odd? '(2 4)))
(test-equal "delete" '(1 3) (delete 2 '(1 2 3 2)))
(test-equal "delete uses equal?" '((a) (c)) (delete '(b) '((a) (b) (c))))
(test-equal "delete!" '(1 3) (delete! 2 (list 1 2 3 2)))
(test-equal "delq" '(a c) (delq 'b '(a b c b)))
(test-equal "sort" '(1 2 3 4 5) (sort '(3 5 1 4 2) <))
(test-equal "sort strings" '("a" "b" "c") (sort '("c" "a" "b") string<?))
(test-equal "sort empty" '() (sort '() <))
(test-equal "sort vector" '#(1 2 3) (sort (vector 3 1 2) <))
(test-equal "stable-sort keeps order of equals" '((0 . b) (0 . d) (1 . a) (1 . c))
  (stable-sort '((1 . a) (0 . b) (1 . c) (0 . d)) (lambda (x y) (< (car x) (car y)))))
(test-equal "stable-sort! sorts a vector in place, keeping order of equals" #((0 . b) (0 . d) (1 . a) (1 . c))
  (let ((v (vector '(1 . a) '(0 . b) '(1 . c) '(0 . d))))
    (stable-sort! v (lambda (x y) (< (car x) (car y))))
    v))
(test-equal "sort!" '(1 2 3) (sort! (list 3 1 2) <))
(test-assert "sorted?" (sorted? '(1 2 2 3) <))
(test-equal "sort large" (iota 1000)
  (sort (map (lambda (i) (modulo (* i 7919) 1000)) (iota 1000)) <))

;;; higher-order
(test-equal "map" '(1 4 9) (map (lambda (x) (* x x)) '(1 2 3)))
(test-equal "map two lists" '(5 7 9) (map + '(1 2 3) '(4 5 6)))
(test-equal "map empty" '() (map car '()))
(test-equal "for-each result ignored, side effects in order" '(3 2 1)
  (let ((acc '())) (for-each (lambda (x) (set! acc (cons x acc))) '(1 2 3)) acc))
(test-equal "apply list" '(1 2 3) (apply list 1 '(2 3)))

;;; equality
(test-assert "equal? lists" (equal? '(1 (2 #(3))) (list 1 (list 2 (vector 3)))))
(test-assert "not equal? different lengths" (not (equal? '(1 2) '(1 2 3))))
(test-assert "equal? compares strings inside lists" (equal? (list "a" (string #\b)) '("a" "b")))
(test-assert "not equal? string against symbol in a list" (not (equal? '(1 "a") '(1 a))))
(test-assert "not equal? differing nested car" (not (equal? '((1 2) 3) '((1 4) 3))))
(test-assert "not equal? differing improper tails" (not (equal? '(1 2 . 3) '(1 2 . 4))))
(test-assert "equal? improper lists" (equal? '(1 (2) . "x") (cons 1 (cons (list 2) "x"))))
(test-assert "eq? empty lists" (eq? '() '()))
(test-assert "eqv? same pair" (let ((p (cons 1 2))) (eqv? p p)))
(test-assert "not eqv? distinct pairs" (not (eqv? (cons 1 2) (cons 1 2))))

;;; association-list building (Guix-style records as alists)
(test-equal "build and query an alist" '("hello" "2.12" (gettext))
  (let ((pkg `((name . "hello") (version . "2.12") (inputs gettext))))
    (list (assq-ref pkg 'name) (cdr (assq 'version pkg)) (assq-ref pkg 'inputs))))

;;; Circular lists: written once round, never measured or applied.
(define (circular . items)
  (let ((l (list-copy items)))
    (set-cdr! (last-pair l) l)
    l))
(test-equal "write a circular list" "(1 2 . #-1#)" (object->string (circular 1 2)))
(test-equal "write a list whose tail is circular" "(0 1 2 3 . #-2#)"
  (let ((l (list 0 1 2 3)))
    (set-cdr! (cdddr l) (cdr l))
    (object->string l)))
(test-equal "write a vector that holds itself" "#(0 (#-1# #-2#))"
  (let ((v (make-vector 2 0)))
    (vector-set! v 1 (list v v))
    (object->string v)))
(test-equal "write a list whose tail is a list further out" "(a (b . #-2#))"
  (let* ((x (list 'b)) (l (list 'a x)))
    (set-cdr! x l)
    (object->string l)))
(test-equal "shared but not circular structure is written in full" "(((1 2) (1 2)) ((1 2) (1 2)))"
  (let* ((a (list 1 2)) (b (list a a)))
    (object->string (list b b))))
(test-assert "a cycle through 200 nested lists is written in a few hundred characters"
  (let* ((top (list #f))
         (bottom (let nest ((i 0) (inner top))
                   (if (= i 200) inner (nest (+ i 1) (list inner))))))
    (set-car! top bottom)
    (< 400 (string-length (object->string bottom)) 2000)))
(test-equal "write a list that is its own element" "(1 #-1#)"
  (let ((l (list 1 2)))
    (set-car! (cdr l) l)
    (object->string l)))
(define-record-type node (make-node parent) node? (parent node-parent set-node-parent!))
(test-equal "write a record that holds itself" "#<node parent: #0#>"
  (let ((n (make-node #f)))
    (set-node-parent! n n)
    (object->string n)))
(test-equal "length of a circular list" 'wrong-type-arg
  (catch #t (lambda () (length (circular 1 2 3))) (lambda (key . args) key)))
(test-assert "list? of a circular list" (not (list? (circular 1))))
(test-equal "apply to a circular list" 'wrong-type-arg
  (catch #t (lambda () (apply + (circular 1 2))) (lambda (key . args) key)))

(test-equal "map over a non-list" 'wrong-type-arg
  (catch #t (lambda () (map car 5)) (lambda (key . args) key)))

;;; A circular or improper list is refused before f is called, as Guile
;;; does (walking a circular one would never end).
(define (circular . items)
  (let ((l (list-copy items)))
    (set-cdr! (last-pair l) l)
    l))
(define (key-and-calls thunk)
  (catch #t thunk (lambda (key . args) key)))
(test-equal "map refuses a circular list" 'wrong-type-arg
  (key-and-calls (lambda () (map 1+ (circular 1 2)))))
(test-equal "for-each refuses a circular list" 'wrong-type-arg
  (key-and-calls (lambda () (for-each display (circular 1)))))
(test-equal "for-each calls nothing on an improper list" '(wrong-type-arg ())
  (let ((seen '()))
    (list (key-and-calls (lambda () (for-each (lambda (x) (set! seen (cons x seen))) '(1 2 . 3))))
          seen)))

;;; A pair holds most values in one word; large integers and odd flonums
;;; are stored aside (value/packed.rs) and must come back unchanged.
(define edge-values
  (list 0 -1 35184372088831 35184372088832 -35184372088832 -35184372088833
        (expt 2 62) (- (expt 2 63)) (expt 2 64) 1/3 -0.0 1.5e300 +inf.0 -inf.0
        #\x10FFFF 'sym #:key "str" '() #t #f))
(test-equal "values at the edges of a pair's word come back"
  '(0 -1 35184372088831 35184372088832 -35184372088832 -35184372088833
    4611686018427387904 -9223372036854775808 18446744073709551616 1/3 -0.0 1.5e300
    +inf.0 -inf.0 #\x10FFFF sym #:key "str" () #t #f)
  (map (lambda (x) x) edge-values))
(test-equal "assv and memv find large integers by value"
  '((35184372088832 . big) (35184372088832))
  (let ((n (+ (expt 2 45) 0)))
    (list (assv n (list (cons 1 'small) (cons (expt 2 45) 'big)))
          (memv n (list 1 (expt 2 45))))))
(test-equal "set-car! over a stored-aside value"
  '(7 . -35184372088833)
  (let ((p (cons (expt 2 50) 0)))
    (set-car! p (- (expt 2 50)))
    (set-car! p 7)
    (set-cdr! p -35184372088833)
    p))

(test-end "lists")
