;;; (srfi srfi-13): the SRFI-13 string library, with the interface of
;;; Guile's module (which re-exports Guile's core string procedures).
;;;
;;; Names the root module already provides completely are re-exported; the
;;; rest are defined here, with SRFI-13's optional start/end arguments and
;;; its char / char-set / predicate forms (through the root's
;;; `%char-matcher').  Definitions of names the root also has (string-index,
;;; string-pad, string-map, ...) shadow the root's for importers.
;;;
;;; Where Guile departs from the SRFI text, this follows Guile:
;;; - string-upcase, string-downcase, string-titlecase and string-reverse
;;;   with a range return the WHOLE string with only that range changed;
;;; - string=, string<, ... return #t or #f, not a mismatch index;
;;; - string-map and string-for-each take one string (plus a range);
;;; - string-hash with a bound of 0 is an error.
;;; xsubstring and string-xcopy! follow the SRFI where Guile 3.0.8 does not:
;;; with a start argument they replicate s[start, end) (Guile replicates
;;; s[0, end - start)), and string-xcopy! writes at tstart (Guile at 0).
;;; Case is mapped char by char, as Guile does ("ß" stays "ß"), by the
;;; pure versions (through the root's) and the ! versions alike.
;;;
;;; The /shared variants never share storage (SRFI-13 allows that), and the
;;; linear-update procedures (string-upcase!, string-map!, ...) mutate their
;;; argument in place.

(define-module (srfi srfi-13)
  #:export (string-tabulate reverse-list->string substring/shared substring/copy
            string-any string-every
            string-pad string-pad-right string-trim string-trim-right string-trim-both
            string-compare string-compare-ci string= string<> string< string> string<= string>=
            string-ci= string-ci<> string-ci< string-ci> string-ci<= string-ci>=
            string-hash string-hash-ci
            string-prefix-length string-suffix-length string-prefix-length-ci string-suffix-length-ci
            string-prefix? string-suffix? string-prefix-ci? string-suffix-ci?
            string-index string-index-right string-skip string-skip-right string-count
            string-contains-ci
            string-upcase string-upcase! string-downcase string-downcase!
            string-titlecase string-titlecase! char-titlecase string-reverse string-reverse!
            string-append/shared string-concatenate/shared
            string-concatenate-reverse string-concatenate-reverse/shared
            string-map string-map! string-fold string-fold-right string-unfold string-unfold-right
            string-for-each string-for-each-index xsubstring string-xcopy!
            string-tokenize string-filter string-delete)
  #:re-export (string? string-null? make-string string string->list list->string string-join
               string-length string-ref string-set! string-copy string-copy! string-fill!
               string-take string-take-right string-drop string-drop-right
               string-append string-concatenate string-replace string-contains))

;;; Helpers

;; Signal Guile's out-of-range error unless [start, end) is a range of S.
(define (check-range who s start end)
  (unless (and (exact-integer? start) (exact-integer? end)
               (<= 0 start end (string-length s)))
    (scm-error 'out-of-range (symbol->string who) "Value out of range: ~S"
               (list (list start end)) (list start end))))

;; N, an argument counting characters, is an exact integer at least LOW.
(define (check-count who n low)
  (unless (and (exact-integer? n) (>= n low))
    (scm-error 'out-of-range (symbol->string who) "Value out of range: ~S" (list n) (list n))))

;; The length of S, argument POS of WHO (whose default end it is): a
;; non-string is reported in WHO's name, not string-length's.
(define (string-length-of who s pos)
  (if (string? s)
      (string-length s)
      (scm-error 'wrong-type-arg (symbol->string who)
                 "Wrong type argument in position ~A (expecting string): ~S" (list pos s) (list s))))

;; (define/ranges (name s1 s2 arg ...) (start1 end1 start2 end2) body ...)
;; defines NAME on two strings followed by ARGs and the optional ranges of
;; S1 and S2 (by default the whole strings), checked before BODY runs.
(define-syntax define/ranges
  (syntax-rules ()
    ((_ (name s1 s2 arg ...) (start1 end1 start2 end2) body ...)
     (define* (name s1 s2 arg ... #:optional (start1 0) (end1 (string-length-of 'name s1 1))
                    (start2 0) (end2 (string-length-of 'name s2 2)))
       (check-range 'name s1 start1 end1)
       (check-range 'name s2 start2 end2)
       body ...))))

;; The first index in [start, end) (the last one when FROM-RIGHT?) whose
;; character satisfies MATCH?, or #f.
(define (scan s match? start end from-right?)
  (if from-right?
      (let loop ((i (- end 1)))
        (cond ((< i start) #f)
              ((match? (string-ref s i)) i)
              (else (loop (- i 1)))))
      (let loop ((i start))
        (cond ((= i end) #f)
              ((match? (string-ref s i)) i)
              (else (loop (+ i 1)))))))

(define (negate match?) (lambda (c) (not (match? c))))

;; Replace each character c of s[start, end) by (f c), in place.
(define (map-range! f s start end)
  (do ((i start (+ i 1)))
      ((= i end))
    (string-set! s i (f (string-ref s i)))))

;; S with s[start, end) replaced by the string MIDDLE.
(define (splice s start end middle)
  (string-append (substring s 0 start) middle (substring s end (string-length s))))

;;; Constructors and selectors

(define (string-tabulate proc len)
  (let ((s (make-string len)))
    (do ((i 0 (+ i 1)))
        ((= i len) s)
      (string-set! s i (proc i)))))

(define (reverse-list->string chars) (list->string (reverse chars)))

;; The root's substring takes an optional end, as these do.
(define substring/shared substring)
(define substring/copy substring)

;;; Predicates

;; The first true value of PRED on the characters of s[start, end), or #f.
(define* (string-any pred s #:optional (start 0) (end (string-length-of 'string-any s 2)))
  (check-range 'string-any s start end)
  (let ((match? (%char-matcher pred "string-any")))
    (let loop ((i start))
      (and (< i end)
           (or (match? (string-ref s i)) (loop (+ i 1)))))))

;; #f if PRED fails on a character of s[start, end), else its value on the
;; last one (#t for an empty range).
(define* (string-every pred s #:optional (start 0) (end (string-length-of 'string-every s 2)))
  (check-range 'string-every s start end)
  (let ((match? (%char-matcher pred "string-every")))
    (let loop ((i start) (last #t))
      (if (= i end)
          last
          (let ((v (match? (string-ref s i))))
            (and v (loop (+ i 1) v)))))))

;;; Padding and trimming

;; s[start, end) padded on the left with CHAR to length N, or its rightmost
;; N characters if it is longer.
(define* (string-pad s n
          #:optional (char #\space) (start 0) (end (string-length-of 'string-pad s 1)))
  (check-range 'string-pad s start end)
  (check-count 'string-pad n 0)
  (let ((len (- end start)))
    (if (<= n len)
        (substring s (- end n) end)
        (string-append (make-string (- n len) char) (substring s start end)))))

;; Likewise padding or truncating on the right.
(define* (string-pad-right s n
          #:optional (char #\space) (start 0) (end (string-length-of 'string-pad-right s 1)))
  (check-range 'string-pad-right s start end)
  (check-count 'string-pad-right n 0)
  (let ((len (- end start)))
    (if (<= n len)
        (substring s start (+ start n))
        (string-append (substring s start end) (make-string (- n len) char)))))

;; s[start, end) without its leading characters matching PRED.
(define* (string-trim s
          #:optional (pred char-whitespace?) (start 0) (end (string-length-of 'string-trim s 1)))
  (check-range 'string-trim s start end)
  (substring s (or (scan s (negate (%char-matcher pred "string-trim")) start end #f) end) end))

;; s[start, end) without its trailing characters matching PRED.
(define* (string-trim-right s
          #:optional (pred char-whitespace?) (start 0) (end (string-length-of 'string-trim-right s 1)))
  (check-range 'string-trim-right s start end)
  (let ((last (scan s (negate (%char-matcher pred "string-trim-right")) start end #t)))
    (substring s start (if last (+ last 1) start))))

(define* (string-trim-both s
          #:optional (pred char-whitespace?) (start 0) (end (string-length-of 'string-trim-both s 1)))
  (check-range 'string-trim-both s start end)
  (let* ((keep? (negate (%char-matcher pred "string-trim-both")))
         (first (scan s keep? start end #f)))
    (if first
        (substring s first (+ 1 (scan s keep? start end #t)))
        "")))

;;; Comparison

;; Compare s1[start1, end1) and s2[start2, end2) on (KEY char), and return
;; (K index order): INDEX is the index in s1 of the first mismatch (end1 if
;; there is none), ORDER is -1, 0 or 1 as the first range is less than,
;; equal to or greater than the second.
(define (compare s1 start1 end1 s2 start2 end2 key k)
  (let loop ((i start1) (j start2))
    (cond ((= i end1) (k i (if (= j end2) 0 -1)))
          ((= j end2) (k i 1))
          (else
           (let ((a (key (string-ref s1 i))) (b (key (string-ref s2 j))))
             (cond ((char<? a b) (k i -1))
                   ((char<? b a) (k i 1))
                   (else (loop (+ i 1) (+ j 1)))))))))

(define (same c) c)

;; A procedure calling PROC<, PROC= or PROC> on the mismatch index.
(define (dispatch proc< proc= proc>)
  (lambda (index order)
    ((case order ((-1) proc<) ((0) proc=) (else proc>)) index)))

(define/ranges (string-compare s1 s2 proc< proc= proc>) (start1 end1 start2 end2)
  (compare s1 start1 end1 s2 start2 end2 same (dispatch proc< proc= proc>)))

(define/ranges (string-compare-ci s1 s2 proc< proc= proc>) (start1 end1 start2 end2)
  (compare s1 start1 end1 s2 start2 end2 char-foldcase (dispatch proc< proc= proc>)))

;; (define-comparison name key accept?) defines NAME, true when ACCEPT?
;; holds of the order (-1, 0 or 1) of the two ranges compared on KEY.
(define-syntax define-comparison
  (syntax-rules ()
    ((_ name key accept?)
     (define/ranges (name s1 s2) (start1 end1 start2 end2)
       (compare s1 start1 end1 s2 start2 end2 key
                (lambda (index order) (accept? order)))))))

(define-comparison string= same zero?)
(define-comparison string<> same (lambda (order) (not (zero? order))))
(define-comparison string< same negative?)
(define-comparison string> same positive?)
(define-comparison string<= same (lambda (order) (<= order 0)))
(define-comparison string>= same (lambda (order) (>= order 0)))
(define-comparison string-ci= char-foldcase zero?)
(define-comparison string-ci<> char-foldcase (lambda (order) (not (zero? order))))
(define-comparison string-ci< char-foldcase negative?)
(define-comparison string-ci> char-foldcase positive?)
(define-comparison string-ci<= char-foldcase (lambda (order) (<= order 0)))
(define-comparison string-ci>= char-foldcase (lambda (order) (>= order 0)))

;;; Hashing

;; A polynomial hash of the (CODE char) of s[start, end), reduced modulo a
;; prime below 2^32 (so every step stays a fixnum), then modulo BOUND.
(define hash-modulus 4294967291)
(define (hash-range s start end code bound)
  (let loop ((i start) (h 0))
    (if (= i end)
        (modulo h bound)
        (loop (+ i 1) (modulo (+ (* h 31) (code (string-ref s i))) hash-modulus)))))

(define* (string-hash s
          #:optional (bound hash-modulus) (start 0) (end (string-length-of 'string-hash s 1)))
  (check-range 'string-hash s start end)
  (check-count 'string-hash bound 1)
  (hash-range s start end char->integer bound))

;; Strings that are string-ci= have the same string-hash-ci.
(define* (string-hash-ci s
          #:optional (bound hash-modulus) (start 0) (end (string-length-of 'string-hash-ci s 1)))
  (check-range 'string-hash-ci s start end)
  (check-count 'string-hash-ci bound 1)
  (hash-range s start end (lambda (c) (char->integer (char-foldcase c))) bound))

;;; Prefixes and suffixes

;; How many characters s1[start1, end1) and s2[start2, end2) have in common
;; at their starts (at their ends when AT-END?), comparing on (KEY char).
(define (common-length s1 start1 end1 s2 start2 end2 key at-end?)
  (let ((n (min (- end1 start1) (- end2 start2))))
    (let loop ((k 0))
      (if (and (< k n)
               (char=? (key (string-ref s1 (if at-end? (- end1 k 1) (+ start1 k))))
                       (key (string-ref s2 (if at-end? (- end2 k 1) (+ start2 k))))))
          (loop (+ k 1))
          k))))

(define/ranges (string-prefix-length s1 s2) (start1 end1 start2 end2)
  (common-length s1 start1 end1 s2 start2 end2 same #f))
(define/ranges (string-suffix-length s1 s2) (start1 end1 start2 end2)
  (common-length s1 start1 end1 s2 start2 end2 same #t))
(define/ranges (string-prefix-length-ci s1 s2) (start1 end1 start2 end2)
  (common-length s1 start1 end1 s2 start2 end2 char-foldcase #f))
(define/ranges (string-suffix-length-ci s1 s2) (start1 end1 start2 end2)
  (common-length s1 start1 end1 s2 start2 end2 char-foldcase #t))

;; Whether s1[start1, end1) is a prefix (suffix) of s2[start2, end2).
(define/ranges (string-prefix? s1 s2) (start1 end1 start2 end2)
  (= (- end1 start1) (common-length s1 start1 end1 s2 start2 end2 same #f)))
(define/ranges (string-suffix? s1 s2) (start1 end1 start2 end2)
  (= (- end1 start1) (common-length s1 start1 end1 s2 start2 end2 same #t)))
(define/ranges (string-prefix-ci? s1 s2) (start1 end1 start2 end2)
  (= (- end1 start1) (common-length s1 start1 end1 s2 start2 end2 char-foldcase #f)))
(define/ranges (string-suffix-ci? s1 s2) (start1 end1 start2 end2)
  (= (- end1 start1) (common-length s1 start1 end1 s2 start2 end2 char-foldcase #t)))

;;; Searching

(define* (string-index s pred #:optional (start 0) (end (string-length-of 'string-index s 1)))
  (check-range 'string-index s start end)
  (scan s (%char-matcher pred "string-index") start end #f))

(define* (string-index-right s pred
          #:optional (start 0) (end (string-length-of 'string-index-right s 1)))
  (check-range 'string-index-right s start end)
  (scan s (%char-matcher pred "string-index-right") start end #t))

;; The first (last) index whose character does NOT match PRED.
(define* (string-skip s pred #:optional (start 0) (end (string-length-of 'string-skip s 1)))
  (check-range 'string-skip s start end)
  (scan s (negate (%char-matcher pred "string-skip")) start end #f))

(define* (string-skip-right s pred
          #:optional (start 0) (end (string-length-of 'string-skip-right s 1)))
  (check-range 'string-skip-right s start end)
  (scan s (negate (%char-matcher pred "string-skip-right")) start end #t))

(define* (string-count s pred #:optional (start 0) (end (string-length-of 'string-count s 1)))
  (check-range 'string-count s start end)
  (let ((match? (%char-matcher pred "string-count")))
    (let loop ((i start) (n 0))
      (if (= i end)
          n
          (loop (+ i 1) (if (match? (string-ref s i)) (+ n 1) n))))))

(define/ranges (string-contains-ci s1 s2) (start1 end1 start2 end2)
  (define (folded s start end) (list->string (map char-foldcase (string->list s start end))))
  (let ((i ((@ (guile) string-contains) (folded s1 start1 end1) (folded s2 start2 end2))))
    (and i (+ start1 i))))

;;; Case mapping

;; The pure versions splice the root's string-upcase / string-downcase of
;; the range into the string; the ! versions map each character in place.
(define* (string-upcase s #:optional (start 0) (end (string-length-of 'string-upcase s 1)))
  (check-range 'string-upcase s start end)
  (splice s start end ((@ (guile) string-upcase) (substring s start end))))

(define* (string-downcase s #:optional (start 0) (end (string-length-of 'string-downcase s 1)))
  (check-range 'string-downcase s start end)
  (splice s start end ((@ (guile) string-downcase) (substring s start end))))

(define* (string-upcase! s #:optional (start 0) (end (string-length-of 'string-upcase! s 1)))
  (check-range 'string-upcase! s start end)
  (map-range! char-upcase s start end)
  s)

(define* (string-downcase! s #:optional (start 0) (end (string-length-of 'string-downcase! s 1)))
  (check-range 'string-downcase! s start end)
  (map-range! char-downcase s start end)
  s)

;; The title case of C.  It differs from the upper case only for the
;; digraphs DŽ, LJ, NJ and DZ, whose upper, title and lower case forms are
;; three consecutive code points (U+01C4..U+01CC, U+01F1..U+01F3).
(define (char-titlecase c)
  (let ((n (char->integer c)))
    (cond ((<= #x1C4 n #x1CC) (integer->char (+ #x1C5 (* 3 (quotient (- n #x1C4) 3)))))
          ((<= #x1F1 n #x1F3) (integer->char #x1F2))
          (else (char-upcase c)))))

;; Title-case every character of s[start, end) not preceded (within the
;; range) by a letter, and downcase the others: "hello WORLD" => "Hello World".
(define* (string-titlecase! s #:optional (start 0) (end (string-length-of 'string-titlecase! s 1)))
  (check-range 'string-titlecase! s start end)
  (let loop ((i start) (in-word? #f))
    (when (< i end)
      (let ((c (string-ref s i)))
        (string-set! s i (if in-word? (char-downcase c) (char-titlecase c)))
        (loop (+ i 1) (char-alphabetic? c)))))
  s)

(define* (string-titlecase s #:optional (start 0) (end (string-length-of 'string-titlecase s 1)))
  (check-range 'string-titlecase s start end)
  (let ((copy (string-copy s)))
    (string-titlecase! copy start end)
    copy))

;;; Reversing and appending

(define* (string-reverse! s #:optional (start 0) (end (string-length-of 'string-reverse! s 1)))
  (check-range 'string-reverse! s start end)
  (let loop ((i start) (j (- end 1)))
    (when (< i j)
      (let ((c (string-ref s i)))
        (string-set! s i (string-ref s j))
        (string-set! s j c)
        (loop (+ i 1) (- j 1))))))

(define* (string-reverse s #:optional (start 0) (end (string-length-of 'string-reverse s 1)))
  (check-range 'string-reverse s start end)
  (let ((copy (string-copy s)))
    (string-reverse! copy start end)
    copy))

(define string-append/shared string-append)
(define string-concatenate/shared string-concatenate)

;; The strings of the list in reverse order, followed by final[0, end).
(define* (string-concatenate-reverse strings #:optional (final "") (end (string-length final)))
  (check-range 'string-concatenate-reverse final 0 end)
  (string-append (string-concatenate (reverse strings)) (substring final 0 end)))

(define string-concatenate-reverse/shared string-concatenate-reverse)

;;; Mapping, folding, unfolding and iteration

;; A new string of (proc c) for the characters c of s[start, end), left to
;; right.
(define* (string-map proc s #:optional (start 0) (end (string-length-of 'string-map s 2)))
  (check-range 'string-map s start end)
  (let ((result (make-string (- end start))))
    (do ((i start (+ i 1)))
        ((= i end) result)
      (string-set! result (- i start) (proc (string-ref s i))))))

(define* (string-map! proc s #:optional (start 0) (end (string-length-of 'string-map! s 2)))
  (check-range 'string-map! s start end)
  (map-range! proc s start end))

;; (kons c acc) over the characters of s[start, end), left to right.
(define* (string-fold kons knil s #:optional (start 0) (end (string-length-of 'string-fold s 3)))
  (check-range 'string-fold s start end)
  (let loop ((i start) (acc knil))
    (if (= i end)
        acc
        (loop (+ i 1) (kons (string-ref s i) acc)))))

;; Likewise right to left.
(define* (string-fold-right kons knil s
          #:optional (start 0) (end (string-length-of 'string-fold-right s 3)))
  (check-range 'string-fold-right s start end)
  (let loop ((i (- end 1)) (acc knil))
    (if (< i start)
        acc
        (loop (- i 1) (kons (string-ref s i) acc)))))

;; BASE, then the characters (mapper seed) for seed, (successor seed), ...
;; until (stop? seed), then the string (make-final seed).
(define* (string-unfold stop? mapper successor seed
                        #:optional (base "") (make-final (lambda (seed) "")))
  (let loop ((seed seed) (chars '()))
    (if (stop? seed)
        (string-append base (reverse-list->string chars) (make-final seed))
        (loop (successor seed) (cons (mapper seed) chars)))))

;; Likewise building from right to left: (make-final seed), the characters
;; last to first, then BASE.
(define* (string-unfold-right stop? mapper successor seed
                              #:optional (base "") (make-final (lambda (seed) "")))
  (let loop ((seed seed) (chars '()))
    (if (stop? seed)
        (string-append (make-final seed) (list->string chars) base)
        (loop (successor seed) (cons (mapper seed) chars)))))

(define* (string-for-each proc s #:optional (start 0) (end (string-length-of 'string-for-each s 2)))
  (check-range 'string-for-each s start end)
  (do ((i start (+ i 1)))
      ((= i end))
    (proc (string-ref s i))))

;; (proc i) for each index i of [start, end).
(define* (string-for-each-index proc s
          #:optional (start 0) (end (string-length-of 'string-for-each-index s 2)))
  (check-range 'string-for-each-index s start end)
  (do ((i start (+ i 1)))
      ((= i end))
    (proc i)))

;;; Replication

;; Characters FROM to TO (default FROM + end - start) of s[start, end)
;; repeated infinitely in both directions: (xsubstring "abc" -1 4) => "cabca".
(define* (xsubstring s from #:optional to (start 0) (end (string-length-of 'xsubstring s 1)))
  (check-range 'xsubstring s start end)
  (let* ((width (- end start))
         (to (or to (+ from width))))
    (cond ((< to from)
           (scm-error 'out-of-range "xsubstring" "Value out of range: ~S"
                      (list to) (list to)))
          ((= to from) "")
          ((zero? width)
           (scm-error 'misc-error "xsubstring" "Cannot replicate an empty string" '() #f))
          (else
           (string-tabulate (lambda (k) (string-ref s (+ start (modulo (+ from k) width))))
                            (- to from))))))

;; Copy (xsubstring s sfrom sto start end) into TARGET at TSTART.
(define* (string-xcopy! target tstart s sfrom
          #:optional sto (start 0) (end (string-length-of 'string-xcopy! s 3)))
  (string-copy! target tstart (xsubstring s sfrom sto start end)))

;;; Tokens, filtering and deleting

;; The maximal runs of s[start, end) of characters in TOKEN-SET (a char-set,
;; char or predicate; by default the graphic characters).
(define* (string-tokenize s #:optional (token-set char-set:graphic)
                          (start 0) (end (string-length-of 'string-tokenize s 1)))
  (check-range 'string-tokenize s start end)
  (let ((in-token? (%char-matcher token-set "string-tokenize")))
    (let loop ((i start) (tokens '()))
      (let ((first (scan s in-token? i end #f)))
        (if first
            (let ((after (or (scan s (negate in-token?) first end #f) end)))
              (loop after (cons (substring s first after) tokens)))
            (reverse tokens))))))

;; The characters of s[start, end) that match PRED, or that do not.
(define* (string-filter pred s #:optional (start 0) (end (string-length-of 'string-filter s 2)))
  (check-range 'string-filter s start end)
  (let ((match? (%char-matcher pred "string-filter")))
    (reverse-list->string
     (string-fold (lambda (c acc) (if (match? c) (cons c acc) acc)) '() s start end))))

(define* (string-delete pred s #:optional (start 0) (end (string-length-of 'string-delete s 2)))
  (check-range 'string-delete s start end)
  (string-filter (negate (%char-matcher pred "string-delete")) s start end))
