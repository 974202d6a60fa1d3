;;; (ice-9 pretty-print) -- Guile's pretty printer, written for guix0.
;;;
;;; The layout follows Guile's: an object that fits in the room left on the
;;; line (and is shorter than max-expr-width) is written on one line.
;;; Otherwise a list is broken with one element per line:
;;;  - a form whose head has a known style (define, lambda, let, if, cond,
;;;    case, do, begin, and, or, ...) keeps its first operands on the head's
;;;    line and indents its body by 2;
;;;  - another call with a head of at most 5 characters aligns its arguments
;;;    under the first argument;
;;;  - a call with a longer head puts every argument on its own line,
;;;    indented by 2;
;;;  - a list whose head is not a symbol aligns its elements under the first.
;;; (quote x), (quasiquote x), (unquote x) and (unquote-splicing x) are
;;; written 'x `x ,x ,@x.  The output always ends with a newline.

(define-module (ice-9 pretty-print)
  #:export (pretty-print))

;; The abbreviation of a (quote x)-like form, or #f.
(define (abbreviation x)
  (and (pair? x) (pair? (cdr x)) (null? (cddr x))
       (case (car x)
         ((quote) "'")
         ((quasiquote) "`")
         ((unquote) ",")
         ((unquote-splicing) ",@")
         (else #f))))

;; Feed the one-line text of OBJ to OUT piece by piece, stopping as soon as
;; OUT returns #f; return what the last call to OUT returned.  As in Guile,
;; only proper lists are written piecewise, with abbreviations; vectors,
;; improper lists and atoms are written by `write' (or `display').
(define (write-flat obj display? out)
  (define (elements l)
    (cond ((null? l) (out ")"))
          (else (and (out " ") (walk (car l)) (elements (cdr l))))))
  (define (walk obj)
    (cond ((abbreviation obj) => (lambda (prefix) (and (out prefix) (walk (cadr obj)))))
          ((and (pair? obj) (list? obj))
           (and (out "(") (walk (car obj)) (elements (cdr obj))))
          (else (out (call-with-output-string
                      (lambda (port) ((if display? display write) obj port)))))))
  (walk obj))

(define* (pretty-print obj #:optional port*
                       #:key (port (or port* (current-output-port)))
                       (width 79) (max-expr-width 50) (display? #f)
                       (per-line-prefix ""))
  ;; Columns count from the end of the per-line prefix.
  (define room (- width (string-length per-line-prefix)))

  ;; Write STR at column COL; return the column after it.
  (define (emit str col)
    (display str port)
    (+ col (string-length str)))

  ;; Move from column COL to column TO, on a new line if COL is past it.
  (define (move-to to col)
    (cond ((< to col)
           (newline port)
           (display per-line-prefix port)
           (emit (make-string to #\space) 0))
          (else (emit (make-string (- to col) #\space) col))))

  ;; Write OBJ on one line; return the column after it.
  (define (flat obj col)
    (let ((col col))
      (write-flat obj display? (lambda (s) (set! col (emit s col)) #t))
      col))

  ;; Does OBJ fit on one line at COL, followed by EXTRA closing parens?
  (define (fits? obj col extra)
    (let ((left (min (- room col extra -1) max-expr-width)))
      (write-flat obj display?
                  (lambda (s)
                    (set! left (- left (string-length s)))
                    (> left 0)))))

  ;; Write OBJ at COL: on one line if it fits, else a pair with BREAK (one
  ;; of the layouts below) and a vector as a list of forms after "#".
  (define (layout obj col extra break)
    (cond ((not (or (pair? obj) (vector? obj))) (flat obj col))
          ((fits? obj col extra) (flat obj col))
          ((pair? obj) (break obj col extra))
          (else (layout-list (vector->list obj) (emit "#" col) extra layout-form))))

  ;; Elements L from column COL on, each at column ALIGN, then ")".
  ;; The last one is followed by EXTRA + 1 closing parens.
  (define (layout-items l col align extra style)
    (cond ((null? l) (emit ")" col))
          ((pair? l)
           (layout-items (cdr l)
                         (layout (car l) (move-to align col)
                                 (if (null? (cdr l)) (+ extra 1) 0) style)
                         align extra style))
          (else                         ; a dotted tail
           (let ((col (emit "." (move-to align col))))
             (emit ")" (layout l (move-to align col) (+ extra 1) style))))))

  ;; (a b c) with every element under the first.
  (define (layout-list l col extra style)
    (let ((col (emit "(" col)))
      (layout-items l col col extra style)))

  ;; (head a b c) with the arguments under the first argument.
  (define (layout-call x col extra style)
    (let ((col* (flat (car x) (emit "(" col))))
      (layout-items (cdr x) col* (+ col* 1) extra style)))

  ;; (head [name] [first] [second] body ...): NAME (if NAMED?) and FIRST
  ;; follow the head, SECOND goes under FIRST, the body is indented by 2.
  ;; FIRST, SECOND and BODY are the layouts of those parts (#f: no such part).
  (define (layout-special x col extra named? first second body)
    (define (operand style rest col align k)
      (if (and style (pair? rest))
          (k (cdr rest)
             (layout (car rest) (move-to align col)
                     (if (null? (cdr rest)) (+ extra 1) 0) style))
          (k rest col)))
    (let* ((col* (flat (car x) (emit "(" col)))
           (named (and named? (pair? (cdr x))))
           (col* (if named (flat (cadr x) (emit " " col*)) col*))
           (rest (if named (cddr x) (cdr x))))
      (operand first rest col* (+ col* 1)
        (lambda (rest col1)
          (operand second rest col1 (+ col* 1)
            (lambda (rest col2)
              (layout-items rest col2 (+ col 2) extra body)))))))

  ;; A list seen as code.
  (define (layout-form x col extra)
    (let ((head (car x)))
      (cond ((abbreviation x)
             => (lambda (prefix) (layout (cadr x) (emit prefix col) extra layout-form)))
            ((not (symbol? head)) (layout-list x col extra layout-form))
            ((special-style head)
             => (lambda (style) (style x col extra)))
            ((> (string-length (symbol->string head)) 5)
             (layout-special x col extra #f #f #f layout-form))
            (else (layout-call x col extra layout-form)))))

  ;; A list of forms, such as lambda parameters or let bindings.
  (define (layout-forms l col extra)
    (layout-list l col extra layout-form))

  (define (special-style head)
    (case head
      ((lambda lambda* let* letrec define define* define-public
        define-syntax let-syntax letrec-syntax with-syntax syntax-rules)
       (lambda (x col extra)
         (layout-special x col extra #f layout-forms #f layout-form)))
      ((if set!)
       (lambda (x col extra)
         (layout-special x col extra #f layout-form #f layout-form)))
      ((cond)
       (lambda (x col extra) (layout-call x col extra layout-forms)))
      ((case)
       (lambda (x col extra)
         (layout-special x col extra #f layout-form #f layout-forms)))
      ((and or)
       (lambda (x col extra) (layout-call x col extra layout-form)))
      ((let)
       (lambda (x col extra)
         (layout-special x col extra (and (pair? (cdr x)) (symbol? (cadr x)))
                         layout-forms #f layout-form)))
      ((begin)
       (lambda (x col extra)
         (layout-special x col extra #f #f #f layout-form)))
      ((do)
       (lambda (x col extra)
         (layout-special x col extra #f layout-forms layout-forms layout-form)))
      ((syntax-case)
       (lambda (x col extra)
         (layout-special x col extra #t layout-forms #f layout-form)))
      (else #f)))

  (display per-line-prefix port)
  (layout obj 0 0 layout-form)
  (newline port))
