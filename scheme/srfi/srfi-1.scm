;;; (srfi srfi-1): the SRFI-1 list library, with the interface of Guile's
;;; module. The names guix0's root module already provides with SRFI-1
;;; semantics are re-exported from it; the rest are defined here.
;;;
;;; fold-right is the root's, as in Guile: with lists of unequal length it
;;; aligns their ends, (fold-right cons* '() '(a b c) '(1 2)) => (b 1 c 2).
;;;
;;; The linear-update procedures (take!, span!, lset-union!, ...) are the
;;; pure ones: SRFI-1 allows them not to mutate their arguments.

(define-module (srfi srfi-1)
  #:export (xcons circular-list proper-list? circular-list? dotted-list? not-pair?
            null-list? list=
            caaaar caaadr caadar caaddr cadaar cadadr caddar
            cdaaar cdaadr cdadar cdaddr cddaar cddadr cdddar
            fifth sixth seventh eighth ninth tenth car+cdr
            take-right drop-right take! drop-right! split-at split-at!
            length+ concatenate! append-reverse! zip unzip1 unzip2 unzip3 unzip4 unzip5
            count pair-fold pair-fold-right unfold-right reduce-right
            append-map! pair-for-each map-in-order map!
            partition! remove! list-index take-while! span break span! break!
            delete-duplicates!
            alist-cons alist-copy alist-delete alist-delete!
            lset<= lset= lset-adjoin lset-union lset-union! lset-intersection
            lset-intersection! lset-difference lset-difference! lset-xor lset-xor!
            lset-diff+intersection lset-diff+intersection!)
  #:re-export (cons list cons* make-list list-tabulate list-copy iota pair? null?
               set-car! set-cdr!
               car cdr caar cadr cdar cddr caaar caadr cadar caddr cdaar cdadr cddar
               cdddr cadddr cddddr list-ref first second third fourth take drop last
               last-pair length append concatenate reverse append! reverse!
               append-reverse fold fold-right unfold reduce append-map filter-map map for-each
               filter partition remove filter! member memq memv find find-tail any
               every take-while drop-while delete delete-duplicates delete! assoc
               assq assv))

;;; Constructors

(define (xcons a b) (cons b a))

(define (circular-list x . rest)
  (let ((l (cons x rest)))
    (set-cdr! (last-pair l) l)
    l))

;;; Predicates

;; (values kind length): kind is 'proper, 'dotted or 'circular (length #f).
;; The hare moves two pairs per step, the tortoise one: they meet on a cycle.
(define (classify x)
  (let loop ((slow x) (fast x) (n 0))
    (cond ((null? fast) (values 'proper n))
          ((not (pair? fast)) (values 'dotted n))
          ((null? (cdr fast)) (values 'proper (+ n 1)))
          ((not (pair? (cdr fast))) (values 'dotted (+ n 1)))
          ((eq? (cddr fast) (cdr slow)) (values 'circular #f))
          (else (loop (cdr slow) (cddr fast) (+ n 2))))))

(define (proper-list? x) (receive (kind n) (classify x) (eq? kind 'proper)))
(define (circular-list? x) (receive (kind n) (classify x) (eq? kind 'circular)))
(define (dotted-list? x) (receive (kind n) (classify x) (eq? kind 'dotted)))
(define (not-pair? x) (not (pair? x)))

(define (null-list? l)
  (cond ((pair? l) #f)
        ((null? l) #t)
        (else (error "null-list?: argument is not a list" l))))

;; Every adjacent pair of lists has equal length and = elements.
(define (list= = . lists)
  (define (equal2? a b)
    (cond ((and (null? a) (null? b)) #t)
          ((or (null? a) (null? b)) #f)
          (else (and (= (car a) (car b)) (equal2? (cdr a) (cdr b))))))
  (let loop ((lists lists))
    (or (null? lists) (null? (cdr lists))
        (and (equal2? (car lists) (cadr lists)) (loop (cdr lists))))))

;;; Selectors

(define (caaaar x) (car (caaar x)))
(define (caaadr x) (car (caadr x)))
(define (caadar x) (car (cadar x)))
(define (caaddr x) (car (caddr x)))
(define (cadaar x) (car (cdaar x)))
(define (cadadr x) (car (cdadr x)))
(define (caddar x) (car (cddar x)))
(define (cdaaar x) (cdr (caaar x)))
(define (cdaadr x) (cdr (caadr x)))
(define (cdadar x) (cdr (cadar x)))
(define (cdaddr x) (cdr (caddr x)))
(define (cddaar x) (cdr (cdaar x)))
(define (cddadr x) (cdr (cdadr x)))
(define (cdddar x) (cdr (cddar x)))

(define (fifth l) (list-ref l 4))
(define (sixth l) (list-ref l 5))
(define (seventh l) (list-ref l 6))
(define (eighth l) (list-ref l 7))
(define (ninth l) (list-ref l 8))
(define (tenth l) (list-ref l 9))

(define (car+cdr p) (values (car p) (cdr p)))

;; The last K pairs: walk a lead pointer K ahead.
(define (take-right l k)
  (let loop ((lag l) (lead (drop l k)))
    (if (pair? lead) (loop (cdr lag) (cdr lead)) lag)))

(define (drop-right l k)
  (let loop ((l l) (lead (drop l k)) (acc '()))
    (if (pair? lead)
        (loop (cdr l) (cdr lead) (cons (car l) acc))
        (reverse! acc))))

(define take! take)
(define drop-right! drop-right)

(define (split-at l k)
  (let loop ((l l) (k k) (acc '()))
    (if (zero? k)
        (values (reverse! acc) l)
        (loop (cdr l) (- k 1) (cons (car l) acc)))))
(define split-at! split-at)

;;; Miscellaneous

;; The length of a proper or dotted list, #f for a circular one.
(define (length+ x)
  (receive (kind n) (classify x) n))

(define concatenate! concatenate)
(define append-reverse! append-reverse)

(define (zip l . ls) (apply map list l ls))

(define (unzip1 l) (map car l))
(define (unzip2 l) (values (map car l) (map cadr l)))
(define (unzip3 l) (values (map car l) (map cadr l) (map caddr l)))
(define (unzip4 l) (values (map car l) (map cadr l) (map caddr l) (map cadddr l)))
(define (unzip5 l)
  (values (map car l) (map cadr l) (map caddr l) (map cadddr l) (map fifth l)))

;; The CARS of LISTS, or #f when one of them is empty: the n-ary
;; procedures below stop at the shortest list.
(define (cars lists)
  (let loop ((ls lists) (acc '()))
    (cond ((null? ls) (reverse! acc))
          ((pair? (car ls)) (loop (cdr ls) (cons (caar ls) acc)))
          (else #f))))

(define (count pred l . ls)
  (let loop ((lists (cons l ls)) (n 0))
    (let ((xs (cars lists)))
      (if xs
          (loop (map cdr lists) (if (apply pred xs) (+ n 1) n))
          n))))

;;; Fold, unfold and map

;; Like fold, over successive pairs (tails) rather than elements; the cdr is
;; taken before KONS runs, so KONS may mutate the pair.
(define (pair-fold kons knil l . ls)
  (let loop ((lists (cons l ls)) (acc knil))
    (if (every pair? lists)
        (let ((next (map cdr lists)))
          (loop next (apply kons (append lists (list acc)))))
        acc)))

(define (pair-fold-right kons knil l . ls)
  (let loop ((lists (cons l ls)))
    (if (every pair? lists)
        (apply kons (append lists (list (loop (map cdr lists)))))
        knil)))

(define (unfold-right stop? mapper successor seed . tail)
  (let loop ((seed seed) (acc (if (pair? tail) (car tail) '())))
    (if (stop? seed)
        acc
        (loop (successor seed) (cons (mapper seed) acc)))))

(define (reduce-right f ridentity l)
  (if (null? l)
      ridentity
      (let loop ((l l))
        (if (null? (cdr l)) (car l) (f (car l) (loop (cdr l)))))))

(define append-map! append-map)
(define map! map)
(define map-in-order map)   ; guix0's map already applies F left to right

(define (pair-for-each f l . ls)
  (let loop ((lists (cons l ls)))
    (when (every pair? lists)
      (let ((next (map cdr lists)))
        (apply f lists)
        (loop next)))))

;;; Filtering and searching

(define partition! partition)
(define remove! remove)
(define take-while! take-while)

(define (list-index pred l . ls)
  (let loop ((lists (cons l ls)) (i 0))
    (let ((xs (cars lists)))
      (cond ((not xs) #f)
            ((apply pred xs) i)
            (else (loop (map cdr lists) (+ i 1)))))))

;; (values prefix rest): the longest prefix whose elements satisfy PRED.
(define (span pred l)
  (let loop ((l l) (acc '()))
    (if (and (pair? l) (pred (car l)))
        (loop (cdr l) (cons (car l) acc))
        (values (reverse! acc) l))))

(define (break pred l) (span (lambda (x) (not (pred x))) l))
(define span! span)
(define break! break)

(define delete-duplicates! delete-duplicates)

;;; Association lists

(define (alist-cons key value alist) (cons (cons key value) alist))

(define (alist-copy alist)
  (map (lambda (entry) (cons (car entry) (cdr entry))) alist))

(define (alist-delete key alist . maybe=)
  (let ((= (if (pair? maybe=) (car maybe=) equal?)))
    (remove (lambda (entry) (= key (car entry))) alist)))
(define alist-delete! alist-delete)

;;; Lists as sets. As SRFI-1 specifies, = gets an element of an earlier
;;; list first: (= x y) for x in list i and y in a later list; lset-adjoin
;;; and lset-union compare (= element-of-the-list new-element).

(define (flip =) (lambda (a b) (= b a)))

;; Every list a subset of the next.
(define (lset<= = . lists)
  (let loop ((lists lists))
    (or (null? lists) (null? (cdr lists))
        (and (every (lambda (x) (member x (cadr lists) =)) (car lists))
             (loop (cdr lists))))))

(define (lset= = . lists)
  (let loop ((lists lists))
    (or (null? lists) (null? (cdr lists))
        (let ((a (car lists)) (b (cadr lists)))
          (and (every (lambda (x) (member x b =)) a)
               (every (lambda (y) (member y a (flip =))) b)
               (loop (cdr lists)))))))

(define (adjoin = x l) (if (member x l (flip =)) l (cons x l)))

(define (lset-adjoin = l . xs)
  (fold (lambda (x acc) (adjoin = x acc)) l xs))

(define (lset-union = . lists)
  (reduce (lambda (l acc)
            (cond ((null? acc) l)
                  ((eq? l acc) acc)
                  (else (fold (lambda (x acc) (adjoin = x acc)) acc l))))
          '() lists))

(define (lset-intersection = l . ls)
  (filter (lambda (x) (every (lambda (other) (member x other =)) ls)) l))

(define (lset-difference = l . ls)
  (filter (lambda (x) (not (any (lambda (other) (member x other =)) ls))) l))

;; Elements in an odd number of the lists, by pairwise symmetric difference.
(define (lset-xor = . lists)
  (reduce (lambda (b a)
            (append (lset-difference (flip =) b a) (lset-difference = a b)))
          '() lists))

(define (lset-diff+intersection = l . ls)
  (partition (lambda (x) (not (any (lambda (other) (member x other =)) ls))) l))

(define lset-union! lset-union)
(define lset-intersection! lset-intersection)
(define lset-difference! lset-difference)
(define lset-xor! lset-xor)
(define lset-diff+intersection! lset-diff+intersection)
