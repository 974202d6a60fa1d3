;;; (srfi srfi-14): character sets, with the interface of Guile's module
;;; plus `char-set-predicate' (a char-set as a procedure on chars).
;;;
;;; A char-set holds an inversion list: a vector of ascending code points
;;; #(lo0 hi0 lo1 hi1 ...), the set being [lo0, hi0) U [lo1, hi1) U ...
;;; Membership is a binary search; union, intersection, difference and
;;; complement are one merge of two such vectors, so char-set:full and
;;; complements are as cheap as small sets. Code points are 0..#x10FFFF
;;; without the surrogates #xD800..#xDFFF, as in Guile.
;;;
;;; The Unicode sets (char-set:letter, ...) are computed on first use: the
;;; regular expressions of guix0 (the Rust regex crate) know the Unicode
;;; general categories as \p{..}, and one scan of the assigned planes finds
;;; the ranges of a category. The definitions follow Guile: letter is \p{L},
;;; lower-case \p{Ll}, digit \p{Nd}, graphic L+M+N+P+S, whitespace Z plus
;;; TAB..CR, and so on.
;;;
;;; char-set-unfold takes its arguments in Guile's order, (stop? f next seed),
;;; not SRFI-14's (f stop? next seed).
;;;
;;; The linear-update procedures (char-set-adjoin!, ...) are the pure ones,
;;; as SRFI-14 allows.

(define-module (srfi srfi-14)
  #:export (char-set? char-set= char-set<= char-set-hash
            char-set-cursor char-set-ref char-set-cursor-next end-of-char-set?
            char-set-fold char-set-unfold char-set-unfold! char-set-for-each char-set-map
            char-set-copy char-set list->char-set list->char-set! string->char-set
            string->char-set! char-set-filter char-set-filter! ucs-range->char-set
            ucs-range->char-set! ->char-set
            char-set->list char-set->string char-set-size char-set-count
            char-set-contains? char-set-every char-set-any
            char-set-adjoin char-set-delete char-set-adjoin! char-set-delete!
            char-set-complement char-set-union char-set-intersection
            char-set-difference char-set-xor char-set-diff+intersection
            char-set-complement! char-set-union! char-set-intersection!
            char-set-difference! char-set-xor! char-set-diff+intersection!
            char-set:lower-case char-set:upper-case char-set:title-case
            char-set:letter char-set:digit char-set:letter+digit char-set:graphic
            char-set:printing char-set:whitespace char-set:iso-control
            char-set:punctuation char-set:symbol char-set:hex-digit char-set:blank
            char-set:ascii char-set:empty char-set:full
            char-set-predicate))

;;; Representation

;; DATA is the inversion-list vector, or a promise of it (lazy Unicode sets).
(define-record-type <char-set>
  (make-char-set data)
  char-set?
  (data char-set-data set-char-set-data!))

;; The linear-update ("!") procedures mutate their char-set argument, as
;; Guile's do (programs such as nyacc rely on it): PROC's result is stored
;; into the argument at position TARGET, which is returned.
(define (updating proc target)
  (lambda args
    (let ((cs (list-ref args target)))
      (set-char-set-data! cs (bounds (apply proc args)))
      cs)))

(define (bounds cs)
  (let ((d (char-set-data cs)))
    (if (promise? d) (force d) d)))

;; Printed as Guile prints it: each run of consecutive characters as
;; #\a..#\c (or one character), at most 51 runs, then "...".
(set-record-type-printer! <char-set>
  (lambda (cs port)
    (let ((b (bounds cs)))
      (display "#<charset {" port)
      (let loop ((i 0))
        (when (< i (vector-length b))
          (unless (= i 0) (display " " port))
          (let ((lo (vector-ref b i)) (hi (- (vector-ref b (+ i 1)) 1)))
            (write (integer->char lo) port)
            (unless (= lo hi)
              (display ".." port)
              (write (integer->char hi) port)))
          (if (= i 100) (display " ..." port) (loop (+ i 2)))))
      (display "}>" port))))

(define full-bounds (vector 0 #xD800 #xE000 #x110000))
(define end-code #x110000)                ; past every code point

;; The number of bounds <= CODE: odd means CODE is in the set.
(define rank %sorted-rank)

(define (member-code? b code) (odd? (rank b code)))

;; The smallest member >= CODE, or #f.
(define (next-member b code)
  (let ((k (rank b code)))
    (cond ((odd? k) code)
          ((< k (vector-length b)) (vector-ref b k))
          (else #f))))

;; Merge two inversion lists: a code point is in the result when
;; (keep? in-a? in-b?) is true.
(define (merge keep? a b)
  (let ((na (vector-length a)) (nb (vector-length b)))
    (let loop ((i 0) (j 0) (inside? #f) (out '()))
      (if (and (= i na) (= j nb))
          (list->vector (reverse out))
          (let* ((x (min (if (< i na) (vector-ref a i) end-code)
                         (if (< j nb) (vector-ref b j) end-code)))
                 (i (if (and (< i na) (= (vector-ref a i) x)) (+ i 1) i))
                 (j (if (and (< j nb) (= (vector-ref b j) x)) (+ j 1) j))
                 (now? (keep? (odd? i) (odd? j))))
            (if (eq? now? inside?)
                (loop i j inside? out)
                (loop i j now? (cons x out))))))))

(define (union-bounds a b) (merge (lambda (x y) (or x y)) a b))
(define (intersect-bounds a b) (merge (lambda (x y) (and x y)) a b))
(define (subtract-bounds a b) (merge (lambda (x y) (and x (not y))) a b))
(define (xor-bounds a b) (merge (lambda (x y) (not (eq? x y))) a b))

;; Bounds of a list of [lo, hi) pairs, in any order, possibly overlapping.
(define (ranges->bounds ranges)
  (let loop ((rs (sort ranges (lambda (r s) (< (car r) (car s))))) (out '()))
    (cond ((null? rs) (intersect-bounds (list->vector (reverse out)) full-bounds))
          ((>= (caar rs) (cdar rs)) (loop (cdr rs) out))
          ;; Extend the last range when this one touches or overlaps it.
          ((and (pair? out) (<= (caar rs) (car out)))
           (loop (cdr rs) (cons (max (car out) (cdar rs)) (cdr out))))
          (else (loop (cdr rs) (cons* (cdar rs) (caar rs) out))))))

(define (chars->bounds chars)
  (ranges->bounds (map (lambda (c) (let ((n (char->integer c))) (cons n (+ n 1)))) chars)))

;; Calls (f code) for every member, ascending.
(define (for-each-code f b)
  (let loop ((i 0))
    (when (< i (vector-length b))
      (do ((c (vector-ref b i) (+ c 1))) ((= c (vector-ref b (+ i 1))))
        (f c))
      (loop (+ i 2)))))

;; The first true value of (f char) on the members, ascending, or #f.
(define (any-member f b)
  (let ranges ((i 0))
    (and (< i (vector-length b))
         (let chars ((c (vector-ref b i)))
           (if (= c (vector-ref b (+ i 1)))
               (ranges (+ i 2))
               (or (f (integer->char c)) (chars (+ c 1))))))))

;; The bounds of CS joined with those of an optional base char-set.
(define (with-base b base)
  (if (pair? base) (union-bounds b (bounds (car base))) b))

;;; Comparison and hashing

(define (char-set= . sets)
  (or (null? sets) (null? (cdr sets))
      (and (equal? (bounds (car sets)) (bounds (cadr sets)))
           (apply char-set= (cdr sets)))))

(define (char-set<= . sets)
  (or (null? sets) (null? (cdr sets))
      (and (zero? (vector-length (subtract-bounds (bounds (car sets)) (bounds (cadr sets)))))
           (apply char-set<= (cdr sets)))))

(define (char-set-hash cs . bound)
  (let ((bound (if (and (pair? bound) (> (car bound) 0)) (car bound) 4194304)))
    (modulo (fold (lambda (x h) (modulo (+ (* h 31) x) 4194304)) 0
                  (vector->list (bounds cs)))
            bound)))

;;; Cursors: a pair (bounds . code), the code being #f past the end. As in
;;; Guile, char-set-cursor-next advances the cursor it is given (and
;;; returns it), so code using either style works.

(define (char-set-cursor cs)
  (let ((b (bounds cs))) (cons b (next-member b 0))))

(define (char-set-ref cs cursor)
  (if (cdr cursor)
      (integer->char (cdr cursor))
      (scm-error 'misc-error "char-set-ref" "cursor past the end of ~s" (list cs) #f)))

(define (char-set-cursor-next cs cursor)
  (set-cdr! cursor (next-member (car cursor) (+ (cdr cursor) 1)))
  cursor)

(define (end-of-char-set? cursor) (not (cdr cursor)))

;;; Iteration

(define (char-set-fold kons knil cs)
  (let ((acc knil))
    (for-each-code (lambda (c) (set! acc (kons (integer->char c) acc))) (bounds cs))
    acc))

(define (char-set-for-each proc cs)
  (for-each-code (lambda (c) (proc (integer->char c))) (bounds cs)))

(define (char-set-map proc cs)
  (list->char-set (char-set-fold (lambda (c acc) (cons (proc c) acc)) '() cs)))

(define (char-set-unfold stop? f next seed . base)
  (let loop ((seed seed) (chars '()))
    (if (stop? seed)
        (make-char-set (with-base (chars->bounds chars) base))
        (loop (next seed) (cons (f seed) chars)))))
(define (char-set-unfold! stop? f next seed base)
  ((updating char-set-unfold 4) stop? f next seed base))

;;; Constructors

(define (char-set-copy cs) (make-char-set (bounds cs)))
(define (char-set . chars) (list->char-set chars))

(define (list->char-set chars . base)
  (make-char-set (with-base (chars->bounds chars) base)))
(define list->char-set! (updating list->char-set 1))

(define (string->char-set s . base) (apply list->char-set (string->list s) base))
(define string->char-set! (updating string->char-set 1))

(define (char-set-filter pred cs . base)
  (apply list->char-set (filter pred (char-set->list cs)) base))
(define char-set-filter! (updating char-set-filter 2))

;; Code points LO (inclusive) to HI (exclusive); ERROR? is accepted and
;; ignored (surrogates are left out silently).
(define (ucs-range->char-set lo hi . rest)
  (make-char-set (with-base (ranges->bounds (list (cons lo hi)))
                            (if (and (pair? rest) (pair? (cdr rest))) (cdr rest) '()))))
(define ucs-range->char-set! (updating ucs-range->char-set 3))

(define (->char-set x)
  (cond ((char-set? x) x)
        ((string? x) (string->char-set x))
        ((char? x) (char-set x))
        (else (scm-error 'wrong-type-arg "->char-set" "expected a char, string or char-set, got ~s"
                         (list x) (list x)))))

;;; Queries

(define (char-set->list cs) (reverse (char-set-fold cons '() cs)))
(define (char-set->string cs) (list->string (char-set->list cs)))

(define (char-set-size cs)
  (let ((b (bounds cs)))
    (let loop ((i 0) (n 0))
      (if (< i (vector-length b))
          (loop (+ i 2) (+ n (- (vector-ref b (+ i 1)) (vector-ref b i))))
          n))))

(define (char-set-count pred cs)
  (char-set-fold (lambda (c n) (if (pred c) (+ n 1) n)) 0 cs))

(define (char-set-contains? cs char)
  (let ((d (char-set-data cs)))
    (odd? (%sorted-rank (if (promise? d) (force d) d) (char->integer char)))))

;; CS as a predicate on characters.
(define (char-set-predicate cs)
  (let ((b (bounds cs)))
    (lambda (char) (member-code? b (char->integer char)))))

(define (char-set-any pred cs) (any-member pred (bounds cs)))

;; #f if PRED fails on a member, else its last value (#t for the empty set).
(define (char-set-every pred cs)
  (let ((last #t))
    (if (any-member (lambda (c) (set! last (pred c)) (not last)) (bounds cs))
        #f
        last)))

;;; Algebra

(define (char-set-adjoin cs . chars)
  (make-char-set (union-bounds (bounds cs) (chars->bounds chars))))
(define (char-set-delete cs . chars)
  (make-char-set (subtract-bounds (bounds cs) (chars->bounds chars))))

(define (char-set-complement cs) (make-char-set (subtract-bounds full-bounds (bounds cs))))

;; Fold a bounds operation over char-sets, starting from INIT.
(define (combine op init sets)
  (make-char-set (fold (lambda (cs acc) (op acc (bounds cs))) init sets)))

(define (char-set-union . sets) (combine union-bounds #() sets))
(define (char-set-intersection . sets) (combine intersect-bounds full-bounds sets))
(define (char-set-xor . sets) (combine xor-bounds #() sets))
(define (char-set-difference cs . sets) (combine subtract-bounds (bounds cs) sets))

(define (char-set-diff+intersection cs . sets)
  (let ((others (bounds (apply char-set-union sets))))
    (values (make-char-set (subtract-bounds (bounds cs) others))
            (make-char-set (intersect-bounds (bounds cs) others)))))

(define char-set-adjoin! (updating char-set-adjoin 0))
(define char-set-delete! (updating char-set-delete 0))
(define char-set-complement! (updating char-set-complement 0))
(define char-set-union! (updating char-set-union 0))
(define char-set-intersection! (updating char-set-intersection 0))
(define char-set-difference! (updating char-set-difference 0))
(define char-set-xor! (updating char-set-xor 0))
(define char-set-diff+intersection! char-set-diff+intersection)

;;; Standard sets

(define char-set:empty (make-char-set #()))
(define char-set:full (make-char-set full-bounds))
(define char-set:ascii (make-char-set (vector 0 128)))
(define char-set:hex-digit (string->char-set "0123456789abcdefABCDEF"))

;; The char-set of the code points the regular expression class CLASS
;; matches, computed on first use.
(define (unicode-set class)
  (make-char-set (delay (ranges->bounds (%unicode-class-ranges class)))))

(define char-set:lower-case (unicode-set "\\p{Ll}"))
(define char-set:upper-case (unicode-set "\\p{Lu}"))
(define char-set:title-case (unicode-set "\\p{Lt}"))
(define char-set:letter (unicode-set "\\p{L}"))
(define char-set:digit (unicode-set "\\p{Nd}"))
(define char-set:letter+digit (unicode-set "[\\p{L}\\p{Nd}]"))
(define char-set:graphic (unicode-set "[\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}]"))
(define char-set:printing (unicode-set "[\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\p{Z}\\x09-\\x0D]"))
(define char-set:whitespace (unicode-set "[\\p{Z}\\x09-\\x0D]"))
(define char-set:iso-control (unicode-set "\\p{Cc}"))
(define char-set:punctuation (unicode-set "\\p{P}"))
(define char-set:symbol (unicode-set "\\p{S}"))
(define char-set:blank (unicode-set "[\\p{Zs}\\t]"))

;;; The hook for the root module's string procedures (string-index,
;;; string-tokenize, string-trim, ...): guix0's boot library turns a
;;; char-set argument into a predicate with %char-set->predicate.
(module-define! (resolve-module '(guile)) '%char-set->predicate char-set-predicate)
(module-define! (resolve-module '(guile)) '%char-set? char-set?)
