;;; (ice-9 peg): parsing expression grammars, as Guile has them.
;;;
;;; (define-peg-pattern NAME CAPTURE PATTERN) binds NAME to a parser of
;;; PATTERN, an s-expression: a string literal, peg-any, (range C1 C2),
;;; (and P ...), (or P ...), (* P), (+ P), (? P), (followed-by P),
;;; (not-followed-by P), (ignore P), (capture P), or the name of another
;;; pattern (found when the pattern first runs, so patterns may refer to
;;; each other in any order). CAPTURE says what the pattern gives its
;;; parse tree: `all` the text it matched tagged with NAME, `body` the text
;;; alone, `none` nothing. (define-peg-string-patterns GRAMMAR) defines
;;; patterns from PEG text ("name <-- 'a' b* / [x-z]").
;;;
;;; (match-pattern P STRING) parses from the start of STRING and gives a
;;; match record or #f; (search-for-pattern P STRING) tries each start in
;;; turn. peg:start, peg:end, peg:string, peg:substring and peg:tree read a
;;; match record.
;;;
;;; Parse trees have Guile's shape. A pattern's parts give a list of
;;; trees, empty ones dropped; from the right, a string followed by a
;;; string is joined to it, and a string followed by a list that starts
;;; with a string goes to that list's front; a list of one tree is that
;;; tree. An `all` pattern named N gives N alone for an empty tree, (N T)
;;; for a string or a tagged tree T, and (N T ...) for a list of trees.
;;; `ignore` drops the trees of a sequence or repetition inside it, those
;;; of the patterns it names too, while a choice passes on the tree of the
;;; pattern it took. A lookahead, optional or repeated pattern counts as
;;; matching only if it takes some text. (Each rule is Guile's, found by
;;; comparing the two on random grammars.)

(define-module (ice-9 peg)
  #:use-module (srfi srfi-1)
  #:export (match-pattern search-for-pattern
            peg:start peg:end peg:string peg:tree peg:substring peg-record?)
  #:export-syntax (define-peg-pattern define-peg-string-patterns))

;;; A parser is a procedure (STRING LENGTH POSITION) that gives #f or
;;; (END TREE), as Guile's do.

(define-record-type prec
  (make-prec start end string tree)
  peg-record?
  (start peg:start)
  (end peg:end)
  (string peg:string)
  (tree peg:tree))

(define (peg:substring match)
  (substring (peg:string match) (peg:start match) (peg:end match)))

;;; Trees

(define (single-filter tree)
  (if (and (pair? tree) (null? (cdr tree))) (car tree) tree))

;; Strings joined into one, kept as a list until the sequence is done so
;; that a long run of them is joined once, not once per string.
(define-record-type <run>
  (make-run strings)
  run?
  (strings run-strings))

;; PART put in front of the trees to its right, as the shape rules say.
(define (join part rest)
  (if (and (string? part) (pair? rest))
      (let ((next (car rest)))
        (cond ((run? next) (cons (make-run (cons part (run-strings next))) (cdr rest)))
              ((string? next) (cons (make-run (list part next)) (cdr rest)))
              ((and (pair? next) (string? (car next))) (cons (cons part next) (cdr rest)))
              (else (cons part rest))))
      (cons part rest)))


(define (tagged name tree)
  (cond ((null? tree) name)
        ((not (pair? tree)) (list name tree))
        ((symbol? (car tree)) (list name tree))
        (else (cons name tree))))

;;; Parsers of the pattern forms

;; A matched text's tree: the text, or nothing when it is not KEPT.
(define (text-tree kept text)
  (if kept text '()))

(define (literal text kept)
  (let ((n (string-length text)))
    (lambda (str len pos)
      (let ((end (+ pos n)))
        (and (<= end len)
             (let same ((i 0))
               (or (= i n)
                   (and (char=? (string-ref text i) (string-ref str (+ pos i)))
                        (same (+ i 1)))))
             (list end (text-tree kept text)))))))

(define (any-char kept)
  (lambda (str len pos)
    (and (< pos len) (list (+ pos 1) (text-tree kept (string (string-ref str pos)))))))

(define (char-range low high kept)
  (lambda (str len pos)
    (and (< pos len)
         (let ((c (string-ref str pos)))
           (and (char<=? low c high) (list (+ pos 1) (text-tree kept (string c))))))))

;; The tree of a sequence or repetition whose parts gave TREES, the last
;; first: nothing when not KEPT, even from the patterns it refers to.
(define (parts-tree kept trees)
  (if kept
      (let loop ((parts trees) (joined '()))
        (if (null? parts)
            (single-filter (map (lambda (t) (if (run? t) (string-concatenate (run-strings t)) t))
                                joined))
            (let ((tree (single-filter (car parts))))
              (loop (cdr parts) (if (null? tree) joined (join tree joined))))))
      '()))

(define (sequence parsers kept)
  (lambda (str len pos)
    (let loop ((ps parsers) (pos pos) (trees '()))
      (if (null? ps)
          (list pos (parts-tree kept trees))
          (let ((r ((car ps) str len pos)))
            (and r (loop (cdr ps) (car r) (cons (cadr r) trees))))))))

(define (choice parsers)
  (lambda (str len pos)
    (any (lambda (p) (p str len pos)) parsers)))

;; P as many times as it matches, at least MIN; a match that takes no
;; text ends the repetition (it would match for ever).
(define (repeat p min kept)
  (lambda (str len pos)
    (let loop ((pos pos) (count 0) (trees '()))
      (let ((r (p str len pos)))
        (if (and r (> (car r) pos))
            (loop (car r) (+ count 1) (cons (cadr r) trees))
            (and (>= count min) (list pos (parts-tree kept trees))))))))

;; Like a repetition, P counts as matching only if it takes some text.
(define (optional p kept)
  (lambda (str len pos)
    (let ((r (p str len pos)))
      (if (and r (> (car r) pos))
          (list (car r) (parts-tree kept (list (cadr r))))
          (list pos '())))))

;; As in Guile, P counts as matching only if it takes some text.
(define (lookahead p want)
  (lambda (str len pos)
    (let ((r (p str len pos)))
      (and (eq? want (and r (> (car r) pos))) (list pos '())))))

;; A pattern named NAME in MODULE, looked up when it first runs.
(define (reference name module)
  (let ((parser #f))
    (lambda (str len pos)
      (unless parser
        (let ((p (module-ref module name #f)))
          (unless (procedure? p)
            (error "PEG pattern refers to an undefined pattern:" name))
          (set! parser p)))
      (parser str len pos))))

(define (ignored p)
  (lambda (str len pos)
    (let ((r (p str len pos)))
      (and r (list (car r) '())))))

;; The parser of PATTERN. Its texts give the tree when KEPT: `ignore`
;; compiles its pattern not kept, `capture` kept. A pattern it refers to
;; gives its own tree either way, which a sequence or repetition not kept
;; drops and a choice passes on.
(define (compile-pattern pattern kept module)
  (define (sub p) (compile-pattern p kept module))
  (define (one-argument form)
    (unless (and (pair? (cdr form)) (null? (cddr form)))
      (error "PEG pattern form takes one pattern:" form))
    (cadr form))
  (cond ((string? pattern) (literal pattern kept))
        ((eq? pattern 'peg-any) (any-char kept))
        ((symbol? pattern) (reference pattern module))
        ((and (pair? pattern) (list? pattern))
         (case (car pattern)
           ((and) (sequence (map sub (cdr pattern)) kept))
           ((or) (choice (map sub (cdr pattern))))
           ((*) (repeat (sub (one-argument pattern)) 0 kept))
           ((+) (repeat (sub (one-argument pattern)) 1 kept))
           ((?) (optional (sub (one-argument pattern)) kept))
           ((followed-by) (lookahead (sub (one-argument pattern)) #t))
           ((not-followed-by) (lookahead (sub (one-argument pattern)) #f))
           ((ignore) (compile-pattern (one-argument pattern) #f module))
           ((capture) (compile-pattern (one-argument pattern) #t module))
           ((peg) (if (and (= (length pattern) 2) (string? (cadr pattern)))
                      (compile-pattern (parse-peg-expression (cadr pattern)) kept module)
                      (error "PEG (peg TEXT) takes a string:" pattern)))
           ((range)
            (if (and (= (length pattern) 3) (char? (cadr pattern)) (char? (caddr pattern)))
                (char-range (cadr pattern) (caddr pattern) kept)
                (error "PEG (range LOW HIGH) takes two characters:" pattern)))
           (else (error "unknown PEG pattern form:" pattern))))
        (else (error "not a PEG pattern:" pattern))))

;; The parser that define-peg-pattern binds NAME to.
(define (%peg-parser name capture pattern module)
  (let ((p (compile-pattern pattern (not (eq? capture 'none)) module))
        ;; Guile tags the text of an `all` pattern that is a range alone
        ;; as (cg-range TEXT).
        (tag (if (and (pair? pattern) (eq? (car pattern) 'range))
                 (lambda (tree) (tagged name (list 'cg-range tree)))
                 (lambda (tree) (tagged name tree)))))
    (case capture
      ((all) (lambda (str len pos)
               (let ((r (p str len pos)))
                 (and r (list (car r) (tag (cadr r)))))))
      ((body) p)
      ((none) (ignored p))
      (else (error "PEG capture must be all, body or none:" capture)))))

(define-syntax define-peg-pattern
  (syntax-rules ()
    ((_ name capture pattern)
     (define name (%peg-parser 'name 'capture 'pattern (current-module))))))

;;; Matching

(define (parser-of pattern)
  (if (procedure? pattern)
      pattern
      (compile-pattern (if (string? pattern) (parse-peg-expression pattern) pattern) #t (current-module))))

(define (match-pattern pattern string)
  (let ((r ((parser-of pattern) string (string-length string) 0)))
    (and r (make-prec 0 (car r) string (cadr r)))))

(define (search-for-pattern pattern string)
  (let ((p (parser-of pattern)) (len (string-length string)))
    (let loop ((start 0))
      (and (<= start len)
           (let ((r (p string len start)))
             (if r
                 (make-prec start (car r) string (cadr r))
                 (loop (+ start 1))))))))

;;; PEG text: "name <- a b / c*" and so on, one definition per `<-`,
;;; `<--` (all) or `<` (none). Items: 'text' (or "text"), [a-z] and [abc]
;;; classes, `.`, names, ( ), and the prefixes ! & and suffixes * + ?.

(define* (peg-syntax-error text what #:optional pos)
  (error (string-append "PEG grammar: " what
                        (if pos (string-append " at position " (number->string pos)) "")
                        " in")
         text))

;; Reads TEXT's tokens: symbols, (literal . string), (class . pattern),
;; and the characters of the operators.
(define (peg-tokens text)
  (define len (string-length text))
  (define (name-char? c) (or (char-alphabetic? c) (char-numeric? c) (memv c '(#\- #\_))))
  (let loop ((i 0) (tokens '()))
    (cond ((>= i len) (reverse tokens))
          ((char-whitespace? (string-ref text i)) (loop (+ i 1) tokens))
          (else
           (let ((c (string-ref text i)))
             (cond ((memv c '(#\' #\"))
                    (let ((close (string-index text c (+ i 1))))
                      (unless close (peg-syntax-error text "unterminated literal" i))
                      (loop (+ close 1) (cons (cons 'literal (substring text (+ i 1) close)) tokens))))
                   ((char=? c #\[)
                    (let ((close (string-index text #\] (+ i 1))))
                      (unless close (peg-syntax-error text "unterminated character class" i))
                      (loop (+ close 1) (cons (cons 'class (class->pattern (substring text (+ i 1) close)))
                                              tokens))))
                   ((and (char=? c #\<) (string-prefix? "<--" (substring text i)))
                    (loop (+ i 3) (cons '<-- tokens)))
                   ((and (char=? c #\<) (string-prefix? "<-" (substring text i)))
                    (loop (+ i 2) (cons '<- tokens)))
                   ((memv c '(#\< #\/ #\( #\) #\* #\+ #\? #\! #\& #\.))
                    (loop (+ i 1) (cons c tokens)))
                   ((name-char? c)
                    (let ((end (or (string-index text (lambda (c) (not (name-char? c))) i) len)))
                      (loop end (cons (string->symbol (substring text i end)) tokens))))
                   (else (peg-syntax-error text (string-append "unexpected " (string c)) i))))))))

;; ITEMS (the last first) combined by OP, or the one item alone.
(define (combined op items)
  (if (null? (cdr items)) (car items) (cons op (reverse items))))

(define (class->pattern body)
  (let loop ((cs (string->list body)) (alternatives '()))
    (cond ((null? cs) (combined 'or alternatives))
          ((and (pair? (cdr cs)) (char=? (cadr cs) #\-) (pair? (cddr cs)))
           (loop (cdddr cs) (cons (list 'range (car cs) (caddr cs)) alternatives)))
          (else (loop (cdr cs) (cons (string (car cs)) alternatives))))))

;; Parses tokens into an s-expression pattern: choice of sequences of
;; prefixed, suffixed primaries. Gives (pattern . remaining tokens).
(define (parse-choice tokens stop? text)
  (let loop ((tokens tokens) (alternatives '()))
    (let* ((r (parse-sequence tokens stop? text))
           (alternatives (cons (car r) alternatives)))
      (if (and (pair? (cdr r)) (eqv? (cadr r) #\/))
          (loop (cddr r) alternatives)
          (cons (combined 'or alternatives) (cdr r))))))

(define (parse-sequence tokens stop? text)
  (let loop ((tokens tokens) (items '()))
    (if (or (null? tokens) (eqv? (car tokens) #\/) (eqv? (car tokens) #\)) (stop? tokens))
        (if (null? items)
            (peg-syntax-error text "empty sequence")
            (cons (combined 'and items) tokens))
        (let ((r (parse-prefixed tokens stop? text)))
          (loop (cdr r) (cons (car r) items))))))

(define (parse-prefixed tokens stop? text)
  (let ((form (assv (car tokens) '((#\! . not-followed-by) (#\& . followed-by)))))
    (if form
        (let ((r (parse-suffixed (cdr tokens) stop? text)))
          (cons (list (cdr form) (car r)) (cdr r)))
        (parse-suffixed tokens stop? text))))

(define (parse-suffixed tokens stop? text)
  (let loop ((r (parse-primary tokens stop? text)))
    (let ((form (and (pair? (cdr r)) (assv (cadr r) '((#\* . *) (#\+ . +) (#\? . ?))))))
      (if form
          (loop (cons (list (cdr form) (car r)) (cddr r)))
          r))))

(define (parse-primary tokens stop? text)
  (let ((t (car tokens)))
    (cond ((eqv? t #\()
           (let ((r (parse-choice (cdr tokens) (lambda (ts) #f) text)))
             (unless (and (pair? (cdr r)) (eqv? (cadr r) #\)))
               (peg-syntax-error text "missing )"))
             (cons (car r) (cddr r))))
          ((eqv? t #\.) (cons 'peg-any (cdr tokens)))
          ((and (pair? t) (eq? (car t) 'literal)) (cons (cdr t) (cdr tokens)))
          ((and (pair? t) (eq? (car t) 'class)) (cons (cdr t) (cdr tokens)))
          ((symbol? t) (cons t (cdr tokens)))
          (else (peg-syntax-error text (string-append "unexpected " (object->string t)))))))

;; The pattern of a whole expression in TEXT (for `(peg TEXT)`).
(define (parse-peg-expression text)
  (let ((r (parse-choice (peg-tokens text) (lambda (ts) #f) text)))
    (unless (null? (cdr r)) (peg-syntax-error text "text after the pattern"))
    (car r)))

;; A definition starts at NAME followed by an arrow.
(define (definition-start? tokens)
  (and (pair? tokens) (symbol? (car tokens)) (pair? (cdr tokens))
       (memv (cadr tokens) '(<- <-- #\<))))

;; ((NAME CAPTURE PATTERN) ...) of the definitions in TEXT.
(define (parse-peg-grammar text)
  (let loop ((tokens (peg-tokens text)) (definitions '()))
    (cond ((null? tokens) (reverse definitions))
          ((definition-start? tokens)
           (let* ((capture (case (cadr tokens) ((<-) 'body) ((<--) 'all) (else 'none)))
                  (r (parse-choice (cddr tokens) definition-start? text)))
             (loop (cdr r) (cons (list (car tokens) capture (car r)) definitions))))
          (else (peg-syntax-error text "expected NAME <- PATTERN")))))

;; Each definition of the grammar, read while expanding, becomes a
;; define-peg-pattern.
(define-syntax define-peg-string-patterns
  (lambda (x)
    (syntax-case x ()
      ((_ text)
       (string? (syntax->datum #'text))
       (with-syntax ((((name capture pattern) ...)
                      (map (lambda (d) (map (lambda (part) (datum->syntax x part)) d))
                           (parse-peg-grammar (syntax->datum #'text)))))
         #'(begin (define-peg-pattern name capture pattern) ...))))))
