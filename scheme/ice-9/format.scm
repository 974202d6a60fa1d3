;;; (ice-9 format): Guile's Common-Lisp-style `format', and `simple-format'.
;;;
;;; A format string is first parsed into a list of items: literal strings
;;; and directive records (nested directives -- ~{ ~[ ~( -- carry their
;;; parsed bodies). The items then run against a state holding the
;;; arguments and the output port. Output always goes to a string port, so
;;; ~& and ~t can find the current column; it starts at column 0.
;;;
;;; Supported: ~a ~s ~w ~d ~x ~o ~b ~r ~c ~f ~e ~$ ~p ~y ~% ~& ~| ~~ ~/
;;; ~t ~* ~? ~k ~{ ~} ~[ ~; ~] ~( ~) ~^ and ~<newline>, with V and #
;;; parameters. Not supported: ~g ~i ~q ~< (justification).

(define-module (ice-9 format)
  #:use-module (ice-9 pretty-print)
  #:export (format simple-format))

;;; Errors: (misc-error "format" message args), shown by Guile and guix0 as
;;; `In procedure format: too few arguments for "~a ~a"'.

(define (fail fmt message . args)
  (scm-error 'misc-error "format" (string-append message " in ~s")
             (append args (list fmt)) #f))

;;; Parsing

;; CHAR is the directive character (lower case), PARAMS the prefix
;; parameters (#f for an omitted one, 'v, 'count for #, or a value), BODY
;; the nested items of ~{ and ~( or, for ~[, a pair (clauses . default?).
(define-record-type <directive>
  (make-directive char params colon? at? body)
  directive?
  (char d-char)
  (params d-params)
  (colon? d-colon?)
  (at? d-at?)
  (body d-body))

;; Parse FMT from index I up to one of the directive characters STOPS:
;; (values items next-index stop-directive). With no STOPS, up to the end.
(define (parse fmt i stops)
  (let ((n (string-length fmt)))
    (let loop ((i i) (start i) (items '()))
      (define (with-text) (if (> i start) (cons (substring fmt start i) items) items))
      (cond ((= i n)
             (if (pair? stops)
                 (fail fmt "missing ~~~a" (car (last-pair stops)))
                 (values (reverse (with-text)) n #f)))
            ;; A trailing lone ~ is literal, as in Guile.
            ((or (not (char=? (string-ref fmt i) #\~)) (= i (- n 1)))
             (loop (+ i 1) start items))
            (else
             (receive (d j) (parse-directive fmt (+ i 1))
               (let ((c (d-char d)))
                 (cond ((memv c stops) (values (reverse (with-text)) j d))
                       ((memv c '(#\} #\] #\) #\;)) (fail fmt "unexpected ~~~a" c))
                       (else
                        (receive (d j) (parse-body fmt d j)
                          (loop j j (cons d (with-text)))))))))))))

;; Parse the parameters, modifiers and character of a directive starting
;; at index I (just after the ~): (values directive next-index).
(define (parse-directive fmt i)
  (let ((n (string-length fmt)))
    (define (char-at i)
      (if (< i n) (string-ref fmt i) (fail fmt "unterminated directive")))
    ;; One parameter at I: (values param next-index).
    (define (read-param i)
      (let ((c (char-at i)))
        (cond ((or (char-numeric? c) (memv c '(#\+ #\-)))
               (let digits ((j (+ i 1)))
                 (if (and (< j n) (char-numeric? (string-ref fmt j)))
                     (digits (+ j 1))
                     (let ((v (string->number (substring fmt i j))))
                       (if v (values v j) (fail fmt "bad parameter"))))))
              ((char=? c #\') (values (char-at (+ i 1)) (+ i 2)))
              ((char-ci=? c #\v) (values 'v (+ i 1)))
              ((char=? c #\#) (values 'count (+ i 1)))
              (else (values #f i)))))
    (let params ((i i) (acc '()))
      (receive (p i) (read-param i)
        (if (char=? (char-at i) #\,)
            (params (+ i 1) (cons p acc))
            (let ((ps (reverse (let trim ((acc (cons p acc)))
                                 (if (and (pair? acc) (not (car acc))) (trim (cdr acc)) acc)))))
              (let mods ((i i) (colon? #f) (at? #f))
                (let ((c (char-at i)))
                  (cond ((char=? c #\:) (mods (+ i 1) #t at?))
                        ((char=? c #\@) (mods (+ i 1) colon? #t))
                        ((char=? c #\newline)
                         ;; ~<newline> also swallows the next line's indentation
                         ;; (~:<newline> keeps it).
                         (let skip ((j (+ i 1)))
                           (if (and (not colon?) (< j n) (memv (string-ref fmt j) '(#\space #\tab)))
                               (skip (+ j 1))
                               (values (make-directive c ps colon? at? #f) j))))
                        (else
                         (values (make-directive (char-downcase c) ps colon? at? #f)
                                 (+ i 1))))))))))))

;; Parse the body of a nesting directive D that ends at index I.
(define (parse-body fmt d i)
  (define (with-body body)
    (make-directive (d-char d) (d-params d) (d-colon? d) (d-at? d) body))
  (case (d-char d)
    ((#\{) (receive (items j stop) (parse fmt i '(#\})) (values (with-body items) j)))
    ((#\() (receive (items j stop) (parse fmt i '(#\))) (values (with-body items) j)))
    ((#\[)
     ;; Clauses split by ~; -- the one after ~:; is the default.
     (let loop ((i i) (clauses '()) (default? #f))
       (receive (items j stop) (parse fmt i '(#\; #\]))
         (if (char=? (d-char stop) #\;)
             (loop j (cons items clauses) (d-colon? stop))
             (values (with-body (cons (reverse (cons items clauses)) default?)) j)))))
    (else (values d i))))

;; FMT parsed, through a cache: programs use a few literal format strings.
;; The cache stops growing at 256 entries (for computed format strings).
(define parsed-formats (make-hash-table))
(define parsed-count 0)

(define (parse-format fmt)
  (or (hash-ref parsed-formats fmt)
      (receive (items end stop) (parse fmt 0 '())
        (when (< parsed-count 256)
          (set! parsed-count (+ parsed-count 1))
          (hash-set! parsed-formats fmt items))
        items)))

;;; The running state: the arguments as a vector, the index of the next
;;; one, and the output port (replaced while ~( collects its text).

(define-record-type <state>
  (make-state fmt args pos port)
  state?
  (fmt st-fmt)
  (args st-args)
  (pos st-pos set-st-pos!)
  (port st-port set-st-port!))

(define (remaining st) (- (vector-length (st-args st)) (st-pos st)))

(define (next-arg st)
  (when (<= (remaining st) 0)
    (scm-error 'misc-error "format" "too few arguments for ~s" (list (st-fmt st)) #f))
  (let ((arg (vector-ref (st-args st) (st-pos st))))
    (set-st-pos! st (+ (st-pos st) 1))
    arg))

(define (move-to! st pos)
  (if (<= 0 pos (vector-length (st-args st)))
      (set-st-pos! st pos)
      (fail (st-fmt st) "~~* moves outside the arguments")))

(define (emit st . strings)
  (for-each (lambda (s) (display s (st-port st))) strings))

(define (column st)
  (let* ((text (get-output-string (st-port st)))
         (nl (string-rindex text #\newline)))
    (if nl (- (string-length text) nl 1) (string-length text))))

;; The parameters of D: V takes an argument, # counts the remaining ones.
(define (resolve-params d st)
  (map (lambda (p)
         (case p
           ((v) (next-arg st))
           ((count) (remaining st))
           (else p)))
       (d-params d)))

;;; Running parsed items. `run' returns 'escape when ~^ ended the output
;;; early, #t otherwise.

(define (run items st)
  (let loop ((items items))
    (cond ((null? items) #t)
          ((string? (car items)) (emit st (car items)) (loop (cdr items)))
          ((eq? (run-directive (car items) st) 'escape) 'escape)
          (else (loop (cdr items))))))

(define (run-directive d st)
  (let* ((ps (resolve-params d st))
         (colon? (d-colon? d))
         (at? (d-at? d))
         (fmt (st-fmt st)))
    ;; The Ith parameter, DEFAULT when omitted. A character given where a
    ;; number is expected counts as its code, as in Guile ("~'xa" pads to 120).
    (define (p i default)
      (let ((v (and (< i (length ps)) (list-ref ps i))))
        (cond ((not v) default)
              ((and (char? v) (number? default)) (char->integer v))
              (else v))))
    (define (repeat s) (emit st (string-repeat s (p 0 1))))
    (case (d-char d)
      ((#\a #\s #\w)
       (let ((text (object->string (next-arg st) (if (char=? (d-char d) #\a) display write))))
         (emit st (pad text (p 0 0) (p 1 1) (p 2 0) (p 3 #\space) at?))))
      ((#\d) (emit st (integer-text st 10 (p 0 0) (p 1 #\space) (p 2 #\,) (p 3 3) colon? at?)))
      ((#\x) (emit st (integer-text st 16 (p 0 0) (p 1 #\space) (p 2 #\,) (p 3 3) colon? at?)))
      ((#\o) (emit st (integer-text st 8 (p 0 0) (p 1 #\space) (p 2 #\,) (p 3 3) colon? at?)))
      ((#\b) (emit st (integer-text st 2 (p 0 0) (p 1 #\space) (p 2 #\,) (p 3 3) colon? at?)))
      ((#\r)
       (if (pair? ps)
           (emit st (integer-text st (p 0 10) (p 1 0) (p 2 #\space) (p 3 #\,) (p 4 3) colon? at?))
           (emit st (number-words st colon? at?))))
      ((#\c)
       (let ((c (next-arg st)))
         (unless (char? c) (fail fmt "~~c expects a character, got ~s" c))
         (emit st (cond (at? (object->string c write))
                        ((and colon? (< (char->integer c) 32))
                         (string #\^ (integer->char (+ 64 (char->integer c)))))
                        (else (string c))))))
      ((#\f) (emit st (fixed-text st (p 0 #f) (p 1 #f) (p 2 0) (p 3 #f) (p 4 #\space) at?)))
      ((#\e)
       (emit st (exponent-text st (p 0 #f) (p 1 #f) (p 2 #f) (p 3 1) (p 4 #f) (p 5 #\space)
                               (p 6 #\E) at?)))
      ((#\$) (emit st (money-text st (p 0 2) (p 1 1) (p 2 0) (p 3 #\space) at?)))
      ((#\p)
       (when colon? (move-to! st (- (st-pos st) 1)))
       (let ((one? (eqv? (next-arg st) 1)))
         (emit st (if at? (if one? "y" "ies") (if one? "" "s")))))
      ((#\y) (pretty-print (next-arg st) (st-port st)))
      ((#\%) (repeat "\n"))
      ((#\&)
       (let ((n (p 0 1)))
         (when (> n 0)
           (emit st (string-repeat "\n" (if (zero? (column st)) (- n 1) n))))))
      ((#\|) (repeat "\f"))
      ((#\~) (repeat "~"))
      ((#\/) (repeat "\t"))
      ((#\newline) (when at? (emit st "\n")))
      ((#\t) (emit st (make-string (tab-spaces (column st) (p 0 1) (p 1 1) at?) #\space)))
      ((#\*)
       (cond (at? (move-to! st (p 0 0)))
             (colon? (move-to! st (- (st-pos st) (p 0 1))))
             (else (move-to! st (+ (st-pos st) (p 0 1))))))
      ((#\? #\k)
       (let ((items (parse-arg st)))
         (if at?
             (run items st)
             (run items (sub-state st (list-arg st))))
         #t))
      ((#\^) (if (zero? (if (pair? ps) (p 0 0) (remaining st))) 'escape #t))
      ((#\{) (iterate d st (p 0 #f)))
      ((#\[) (choose d st ps))
      ((#\()
       (let ((outer (st-port st)) (inner (open-output-string)))
         (set-st-port! st inner)
         (let ((result (run (d-body d) st)))
           (set-st-port! st outer)
           (emit st (convert-case (get-output-string inner) colon? at?))
           result)))
      (else (fail fmt "unknown directive ~~~a" (d-char d))))))

;; The next argument, which must be a format string, parsed.
(define (parse-arg st)
  (let ((fmt (next-arg st)))
    (unless (string? fmt) (fail (st-fmt st) "expected a format string argument, got ~s" fmt))
    (parse-format fmt)))

(define (list-arg st)
  (let ((l (next-arg st)))
    (unless (list? l) (fail (st-fmt st) "expected a list argument, got ~s" l))
    l))

(define (sub-state st args)
  (make-state (st-fmt st) (list->vector args) 0 (st-port st)))

(define (string-repeat s n)
  (string-concatenate (make-list (max n 0) s)))

;; S padded to MINCOL: MINPAD pad chars, then COLINC more at a time; on the
;; right unless LEFT?.
(define (pad s mincol colinc minpad padchar left?)
  (let* ((len (string-length s))
         (step (max colinc 1))
         (short (- mincol len minpad))
         (n (if (> short 0) (+ minpad (* step (quotient (+ short step -1) step))) minpad))
         (fill (make-string n padchar)))
    (if left? (string-append fill s) (string-append s fill))))

;; Spaces ~t emits at column COL: absolute (to COLNUM, or past it in steps of
;; COLINC) or, with @, COLNUM spaces then up to a multiple of COLINC.
(define (tab-spaces col colnum colinc relative?)
  (cond (relative?
         (let ((to (+ col colnum)))
           (+ colnum (if (> colinc 0) (modulo (- to) colinc) 0))))
        ((< col colnum) (- colnum col))
        ((> colinc 0) (- colinc (modulo (- col colnum) colinc)))
        (else 0)))

;;; ~{ ~} iteration and ~[ ~] selection

(define (iterate d st limit)
  (let* ((body (if (null? (d-body d)) (parse-arg st) (d-body d)))
         (colon? (d-colon? d))
         (source (if (d-at? d)
                     (let ((rest (vector->list (st-args st) (st-pos st))))
                       (set-st-pos! st (vector-length (st-args st)))
                       rest)
                     (list-arg st))))
    (define (more? i) (or (not limit) (< i limit)))
    (if colon?
        ;; Each element is the argument list of one step; ~^ ends a step.
        (let loop ((l source) (i 0))
          (when (and (pair? l) (more? i))
            (unless (list? (car l)) (fail (st-fmt st) "expected a list argument, got ~s" (car l)))
            (run body (sub-state st (car l)))
            (loop (cdr l) (+ i 1))))
        ;; One argument list consumed step by step; ~^ ends the iteration.
        (let ((sub (sub-state st source)))
          (let loop ((i 0))
            (when (and (> (remaining sub) 0) (more? i))
              (let ((before (st-pos sub)))
                (unless (or (eq? (run body sub) 'escape)
                            (= before (st-pos sub))) ; a body taking no argument runs once
                  (loop (+ i 1))))))))
    #t))

(define (choose d st ps)
  (let* ((clauses (car (d-body d)))
         (default? (cdr (d-body d)))
         (plain (if default? (- (length clauses) 1) (length clauses))))
    (define (clause i) (if (< i (length clauses)) (run (list-ref clauses i) st) #t))
    (cond ((d-colon? d) (if (next-arg st) (clause 1) (clause 0)))
          ((d-at? d)
           (if (and (> (remaining st) 0) (vector-ref (st-args st) (st-pos st)))
               (clause 0)
               (begin (next-arg st) #t)))
          (else
           (let ((i (if (pair? ps) (car ps) (next-arg st))))
             (unless (and (exact-integer? i) (>= i 0))
               (fail (st-fmt st) "~~[ expects a non-negative integer, got ~s" i))
             (cond ((< i plain) (clause i))
                   (default? (clause plain))
                   (else #t)))))))

;;; ~( ~) case conversion: lower case; : capitalizes every word, @ the first
;;; one; :@ upper case.

(define (convert-case s colon? at?)
  (cond ((and colon? at?) (string-upcase s))
        ((or colon? at?)
         (let ((out (open-output-string)))
           ;; IN-WORD? is true after a letter or digit; FIRST? until a word started.
           (let loop ((chars (string->list s)) (in-word? #f) (first? #t))
             (if (null? chars)
                 (get-output-string out)
                 (let* ((c (car chars))
                        (word-char? (or (char-alphabetic? c) (char-numeric? c)))
                        (up? (and word-char? (not in-word?) (or colon? first?))))
                   (write-char (if up? (char-upcase c) (char-downcase c)) out)
                   (loop (cdr chars) word-char? (and first? (not word-char?))))))))
        (else (string-downcase s))))

;;; Integers: ~d ~x ~o ~b ~nR

(define (integer-text st radix mincol padchar commachar commawidth colon? at?)
  (let ((n (next-arg st)))
    (unless (integer? n) (fail (st-fmt st) "expected an integer, got ~s" n))
    (let* ((digits (number->string (abs n) radix))
           (digits (if colon? (group-digits digits commachar (max commawidth 1)) digits))
           (sign (cond ((negative? n) "-") (at? "+") (else ""))))
      (pad (string-append sign digits) mincol 1 0 padchar #t))))

;; "1234567" -> "1,234,567".
(define (group-digits digits sep width)
  (let loop ((end (string-length digits)) (acc '()))
    (if (<= end width)
        (apply string-append (substring digits 0 end) acc)
        (loop (- end width) (cons* (string sep) (substring digits (- end width) end) acc)))))

;;; ~r without parameters: English cardinals (ordinals with :), Roman
;;; numerals with @ (old-style, without subtraction, with :@).

(define small-words
  #("zero" "one" "two" "three" "four" "five" "six" "seven" "eight" "nine" "ten"
    "eleven" "twelve" "thirteen" "fourteen" "fifteen" "sixteen" "seventeen"
    "eighteen" "nineteen"))
(define tens-words
  #("" "" "twenty" "thirty" "forty" "fifty" "sixty" "seventy" "eighty" "ninety"))
(define scale-words
  '("" " thousand" " million" " billion" " trillion" " quadrillion" " quintillion"
    " sextillion" " septillion" " octillion" " nonillion" " decillion" " undecillion"
    " duodecillion" " tredecillion" " quattuordecillion" " quindecillion"
    " sexdecillion" " septendecillion" " octodecillion" " novemdecillion" " vigintillion"))

;; 1 <= n <= 999.
(define (hundreds->words n)
  (let* ((h (quotient n 100))
         (r (remainder n 100))
         (rest (cond ((zero? r) "")
                     ((< r 20) (vector-ref small-words r))
                     ((zero? (remainder r 10)) (vector-ref tens-words (quotient r 10)))
                     (else (string-append (vector-ref tens-words (quotient r 10)) "-"
                                          (vector-ref small-words (remainder r 10)))))))
    (cond ((zero? h) rest)
          ((zero? r) (string-append (vector-ref small-words h) " hundred"))
          (else (string-append (vector-ref small-words h) " hundred " rest)))))

(define (cardinal st n)
  (cond ((zero? n) "zero")
        ((negative? n) (string-append "minus " (cardinal st (- n))))
        (else
         ;; Groups of three digits, lowest first, paired with their scale word.
         (let loop ((n n) (scales scale-words) (acc '()))
           (cond ((zero? n) (string-join acc ", "))
                 ((null? scales) (fail (st-fmt st) "~~r: number too large"))
                 (else
                  (let ((group (remainder n 1000)))
                    (loop (quotient n 1000) (cdr scales)
                          (if (zero? group)
                              acc
                              (cons (string-append (hundreds->words group) (car scales))
                                    acc))))))))))

(define (ordinal words)
  (let* ((cut (+ 1 (max (or (string-rindex words #\space) -1)
                        (or (string-rindex words #\-) -1))))
         (last (substring words cut (string-length words)))
         (irregular (assoc last '(("one" . "first") ("two" . "second") ("three" . "third")
                                  ("five" . "fifth") ("eight" . "eighth") ("nine" . "ninth")
                                  ("twelve" . "twelfth")))))
    (string-append (substring words 0 cut)
                   (cond (irregular (cdr irregular))
                         ((string-suffix? "y" last)
                          (string-append (substring last 0 (- (string-length last) 1)) "ieth"))
                         (else (string-append last "th"))))))

(define (roman n old?)
  (let loop ((n n)
             (table (if old?
                        '((1000 . "M") (500 . "D") (100 . "C") (50 . "L") (10 . "X") (5 . "V") (1 . "I"))
                        '((1000 . "M") (900 . "CM") (500 . "D") (400 . "CD") (100 . "C") (90 . "XC")
                          (50 . "L") (40 . "XL") (10 . "X") (9 . "IX") (5 . "V") (4 . "IV") (1 . "I"))))
             (acc ""))
    (cond ((zero? n) acc)
          ((>= n (caar table)) (loop (- n (caar table)) table (string-append acc (cdar table))))
          (else (loop n (cdr table) acc)))))

(define (number-words st colon? at?)
  (let ((n (next-arg st)))
    (unless (exact-integer? n) (fail (st-fmt st) "expected an integer, got ~s" n))
    (cond (at?
           (unless (positive? n) (fail (st-fmt st) "~~@r expects a positive integer, got ~s" n))
           (roman n colon?))
          ;; Guile writes 1002 as "one thousand second", without a comma.
          ((and colon? (> n 1000) (< 0 (remainder n 1000) 100))
           (string-append (cardinal st (- n (remainder n 1000))) " "
                          (ordinal (cardinal st (remainder n 1000)))))
          (colon? (ordinal (cardinal st n)))
          (else (cardinal st n)))))

;;; Flonums: ~f ~e ~$. Numbers are handled as decimal digit strings taken
;;; from `number->string' (the shortest representation), so rounding is
;;; half-up on those digits, as Guile does: (format #f "~,2f" 0.005) => "0.01".

;; The next argument as an inexact real; strings holding numbers are accepted.
(define (real-arg st)
  (let* ((arg (next-arg st))
         (x (if (string? arg) (string->number arg) arg)))
    (unless (and (number? x) (real? x)) (fail (st-fmt st) "expected a number, got ~s" arg))
    (exact->inexact x)))

;; |x| = 0.DIGITS x 10^POINT for a finite X: (values digits point), digits
;; without leading or trailing zeros; "0" and 1 for zero.
(define (decimal-digits x)
  (let* ((s (let ((s (number->string x))) ; not (abs x): guix0 keeps -0.0
              (if (string-prefix? "-" s) (substring s 1 (string-length s)) s)))
         (e (string-index s #\e))
         (mantissa (if e (substring s 0 e) s))
         (exponent (if e (string->number (substring s (+ e 1) (string-length s))) 0))
         (dot (or (string-index mantissa #\.) (string-length mantissa)))
         (all (string-append (substring mantissa 0 dot)
                             (substring mantissa (min (+ dot 1) (string-length mantissa))
                                        (string-length mantissa))))
         (lead (or (string-index all (lambda (c) (not (char=? c #\0)))) (string-length all)))
         (end (let loop ((end (string-length all)))
                (if (and (> end lead) (char=? (string-ref all (- end 1)) #\0)) (loop (- end 1)) end))))
    (if (= lead end)
        (values "0" 1)
        (values (substring all lead end) (+ dot exponent (- lead))))))

;; DIGITS cut to KEEP digits, rounding half up: (values digits point).
(define (round-digits digits point keep)
  (cond ((>= keep (string-length digits)) (values digits point))
        ((< keep 0) (values "" point))
        (else
         (let ((head (substring digits 0 keep)))
           (if (char<? (string-ref digits keep) #\5)
               (values head point)
               (let ((up (number->string (+ 1 (if (= keep 0) 0 (string->number head))))))
                 (values up (if (> (string-length up) keep) (+ point 1) point))))))))

;; Digits FROM (inclusive) to TO of a digit string whose first digit is at
;; position 0; positions outside it are zeros.
(define (digit-slice digits from to)
  (let ((n (string-length digits)))
    (string-append (make-string (max 0 (- (min to 0) from)) #\0)
                   (if (< (max from 0) (min to n)) (substring digits (max from 0) (min to n)) "")
                   (make-string (max 0 (- to (max from n))) #\0))))

;; "int.frac" with FRAC fraction digits, or all of them (at least one).
(define (fixed-string digits point frac)
  (string-append (if (> point 0) (digit-slice digits 0 point) "0")
                 "."
                 (digit-slice digits point
                              (if frac
                                  (+ point frac)
                                  (max (string-length digits) (+ point 1))))))

(define (sign-of x at?)
  (cond ((char=? (string-ref (number->string x) 0) #\-) "-")
        (at? "+")
        (else "")))

;; Fit TEXT to width W: drop a leading "0" before the point if too wide,
;; then show W overflow chars if still too wide, else pad on the left.
(define (fit sign text w overflow padchar)
  (let* ((text (if (and w (> (+ (string-length sign) (string-length text)) w)
                        (string-prefix? "0." text))
                   (substring text 1 (string-length text))
                   text))
         (all (string-append sign text)))
    (cond ((not w) all)
          ((and overflow (> (string-length all) w)) (make-string w overflow))
          (else (pad all w 1 0 padchar #t)))))

(define (fixed-text st w d k overflow padchar at?)
  (let ((x (real-arg st)))
    (if (not (finite? x))
        (fit "" (number->string x) w #f padchar)
        (receive (digits point) (decimal-digits x)
          (let* ((point (+ point k))
                 (sign (sign-of x at?))
                 ;; Without D, a width W limits the fraction digits.
                 (d (or d (and w (let ((room (- w (string-length sign) (max point 1) 1)))
                                   (and (< room (- (string-length digits) point))
                                        (max room 0)))))))
            (if d
                (receive (digits point) (round-digits digits point (+ point d))
                  (fit sign (fixed-string digits point d) w overflow padchar))
                (fit sign (fixed-string digits point #f) w overflow padchar)))))))

(define (exponent-text st w d e k overflow padchar expchar at?)
  (let ((x (real-arg st)))
    (if (not (finite? x))
        (fit "" (number->string x) w #f padchar)
        (receive (digits point) (decimal-digits x)
          (let* ((sign (sign-of x at?))
                 (zero? (string=? digits "0"))
                 (exp-text (lambda (point)
                             (let ((n (if zero? 0 (- point k))))
                               (string-append (string expchar) (if (negative? n) "-" "+")
                                              (pad (number->string (abs n)) (or e 1) 1 0 #\0 #t)))))
                 ;; The mantissa: K digits before the point (or 0. and -K zeros).
                 (mantissa (lambda (digits frac)
                             (if (> k 0)
                                 (fixed-string digits k frac)
                                 (string-append "0." (make-string (- k) #\0)
                                                (digit-slice digits 0 (if frac (+ frac k) (string-length digits)))))))
                 ;; Without D, a width W limits the digits after the point.
                 (d (or d (and w (let ((room (- w (string-length sign) (max k 1) 1
                                                (string-length (exp-text point)))))
                                   (and (< room (- (string-length digits) (max k 0)))
                                        (max room 0)))))))
            (if d
                (receive (digits rounded) (round-digits digits point (if (> k 0) (+ d 1) (+ d k)))
                  (fit sign (string-append (mantissa digits (if (> k 0) (- (+ d 1) k) d))
                                           (exp-text rounded))
                       w overflow padchar))
                (fit sign (string-append (mantissa digits #f) (exp-text point))
                     w overflow padchar)))))))

(define (money-text st d n w padchar at?)
  (let ((x (real-arg st)))
    (receive (digits point) (decimal-digits x)
      (receive (digits point) (round-digits digits point (+ point d))
        (let* ((text (fixed-string digits point d))
               (int (- (string-length text) d 1)))
          (pad (string-append (sign-of x at?) (make-string (max 0 (- n int)) #\0) text)
               w 1 0 padchar #t))))))

;;; Entry points

(define (format-string fmt args)
  (unless (string? fmt) (scm-error 'misc-error "format" "expected a format string, got ~s" (list fmt) #f))
  ;; The common directives are done in Rust; it gives #f for the rest.
  (or (%format-fast fmt args)
      (let ((st (make-state fmt (list->vector args) 0 (open-output-string))))
        (run (parse-format fmt) st)
        (get-output-string (st-port st)))))

;; (format DEST FMT ARG ...): DEST #f returns a string, #t writes to the
;; current output port, a port writes there.
(define (format dest fmt . args)
  (cond ((not dest) (format-string fmt args))
        ((eq? dest #t) (display (format-string fmt args) (current-output-port)) #t)
        ((output-port? dest) (display (format-string fmt args) dest) #t)
        (else (scm-error 'wrong-type-arg "format" "expected #f, #t or a port, got ~s"
                         (list dest) (list dest)))))

;; Guile's core `simple-format': only ~a ~s ~% ~~, every argument used.
;; Done in Rust (`%format-fast`); what it leaves, errors included, here.
(define (simple-format dest fmt . args)
  (let ((text (or (%format-fast fmt args #t) (simple-format-string fmt args))))
    (cond ((not dest) text)
          ((eq? dest #t) (display text (current-output-port)))
          (else (display text dest)))))

(define (simple-format-string fmt args)
  (let ((out (open-output-string)) (n (string-length fmt)))
    (let loop ((i 0) (args args))
      (cond ((= i n)
             (unless (null? args)
               (scm-error 'misc-error "simple-format" "~a superfluous arguments for ~s"
                          (list (length args) fmt) #f)))
            ((or (not (char=? (string-ref fmt i) #\~)) (= i (- n 1)))
             (write-char (string-ref fmt i) out)
             (loop (+ i 1) args))
            (else
             (let ((c (char-downcase (string-ref fmt (+ i 1)))))
               (case c
                 ((#\%) (newline out) (loop (+ i 2) args))
                 ((#\~) (write-char #\~ out) (loop (+ i 2) args))
                 ((#\a #\s)
                  (when (null? args)
                    (scm-error 'misc-error "simple-format" "too few arguments for ~s" (list fmt) #f))
                  ((if (char=? c #\a) display write) (car args) out)
                  (loop (+ i 2) (cdr args)))
                 (else
                  (scm-error 'misc-error "simple-format"
                             "unsupported directive ~~~a in ~s (use (ice-9 format))"
                             (list (string-ref fmt (+ i 1)) fmt) #f)))))))
    (get-output-string out)))
