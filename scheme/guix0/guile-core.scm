;;; guile-core.scm -- more of Guile's default environment: its version,
;;; hooks, object and symbol properties, procedures with setters (for
;;; `(set! (f x) v)`), the procedural record interface, gettext, module
;;; reflection, stacks and frames, and small list, number, string and
;;; file-name procedures. Run on first use of a name it
;;; defines (see src/module/autoload.rs).

;;; The Guile whose language guix0 speaks (guix0's own version is
;;; `guix0 --version`).
(define (version) "3.0.8")
(define (effective-version) "3.0")
(define (major-version) "3")
(define (minor-version) "0")
(define (micro-version) "8")

;;; Hooks: procedures run in turn by run-hook, the last added first unless
;;; added with APPEND? true.
(define-record-type <hook>
  (%make-hook arity procedures)
  hook?
  (arity %hook-arity)
  (procedures hook->list %set-hook-procedures!))
(define* (make-hook #:optional (arity 0)) (%make-hook arity '()))
(define* (add-hook! hook proc #:optional append?)
  (let ((rest (delq proc (hook->list hook))))
    (%set-hook-procedures! hook (if append? (append rest (list proc)) (cons proc rest)))))
(define (remove-hook! hook proc) (%set-hook-procedures! hook (delq proc (hook->list hook))))
(define (reset-hook! hook) (%set-hook-procedures! hook '()))
(define (hook-empty? hook) (null? (hook->list hook)))
(define (run-hook hook . args) (for-each (lambda (proc) (apply proc args)) (hook->list hook)))
;; The index of a record type's name, as Guile's struct-ref sees a type.
(define vtable-offset-user 8)
;; Guile's hooks for these events; guix0 runs neither (nor does Guile run
;; exit-hook when a script ends), but code adds to them.
(define exit-hook (make-hook))
(define after-gc-hook (make-hook))

;;; Procedures with setters: (set! (f x ...) v) calls ((setter f) x ... v).
(define (make-procedure-with-setter getter set)
  (let ((proc (lambda args (apply getter args))))
    (set-procedure-property! proc 'setter set)
    proc))
(define (procedure-with-setter? x) (and (procedure? x) (procedure? (procedure-property x 'setter))))
;; SRFI-17's setters of the built-in accessors.
(define %builtin-setters
  (list (cons car set-car!) (cons cdr set-cdr!)
        (cons caar (lambda (p v) (set-car! (car p) v))) (cons cadr (lambda (p v) (set-car! (cdr p) v)))
        (cons cdar (lambda (p v) (set-cdr! (car p) v))) (cons cddr (lambda (p v) (set-cdr! (cdr p) v)))
        (cons vector-ref vector-set!) (cons string-ref string-set!) (cons list-ref list-set!)
        (cons hash-ref hash-set!) (cons hashq-ref hashq-set!) (cons hashv-ref hashv-set!)))
(define (setter proc)
  (let ((set (and (procedure? proc)
                  (or (procedure-property proc 'setter)
                      (let ((builtin (assq proc %builtin-setters))) (and builtin (cdr builtin)))))))
    (if set set (scm-error 'wrong-type-arg "setter" "Wrong type argument in position ~A: ~S"
                           (list 1 proc) (list proc)))))

;;; Object properties, held weakly (an object does not live on for them).
(define (make-object-property)
  (let ((table (make-weak-key-hash-table)))
    (make-procedure-with-setter
     (lambda (obj) (hashq-ref table obj #f))
     (lambda (obj value) (hashq-set! table obj value)))))
(define (%property-table)
  ;; Over a weak table of alists, one per object: get and set the alist,
  ;; get and set one property.
  (let ((table (make-weak-key-hash-table)))
    (define (all obj) (hashq-ref table obj '()))
    (define (set-all! obj alist) (hashq-set! table obj alist))
    (values all
            set-all!
            (lambda (obj key) (assq-ref (all obj) key))
            (lambda (obj key value) (set-all! obj (acons key value (alist-delete key (all obj) eq?)))))))
(define-values (object-properties set-object-properties! object-property set-object-property!)
  (%property-table))
(define-values (%symbol-properties %set-symbol-properties! symbol-property set-symbol-property!)
  (%property-table))
(define (symbol-property-remove! sym key)
  (%set-symbol-properties! sym (alist-delete key (%symbol-properties sym) eq?)))

;;; Source properties: guix0 keeps source positions with code, not with
;;; data (see current-source-location), so data has only the properties a
;;; program gives it.
(define-values (source-properties set-source-properties! source-property set-source-property!)
  (%property-table))
(define (supports-source-properties? obj)
  (not (or (boolean? obj) (char? obj) (null? obj) (eof-object? obj) (unspecified? obj)
           (and (exact-integer? obj) (< (abs obj) (expt 2 61))))))

;;; Error messages as Guile prints them: "In procedure SUBR: MESSAGE",
;;; the message's ~A and ~S filled from ARGS.
(define (display-error frame port subr message args rest)
  (if subr (simple-format port "In procedure ~A: " subr))
  (display (apply simple-format #f message (if (list? args) args '())) port)
  (newline port))
(define (print-exception port frame key args)
  (if (and (list? args) (= (length args) 4) (string? (cadr args)))
      (apply display-error frame port args)
      (simple-format port "Throw to key `~A' with args `~S'.\n" key args)))

;; Guile keeps a string in one byte per character when it can.
(define (string-bytes-per-char s)
  (if (string-every (lambda (c) (< (char->integer c) 256)) s) 1 4))
(define substring/read-only substring)

;; A throw out of THUNK stops here: it is reported and the result is #f.
;; (Continuations captured in THUNK can be re-entered: guix0 has no C
;; frames for a barrier to protect.)
(define (with-continuation-barrier thunk)
  (catch #t thunk
    (lambda (key . args)
      (print-exception (current-error-port) #f key args)
      #f)))

;;; Stacks and frames, Guile's debugging interface: make-stack takes a
;;; snapshot of the calls in progress, innermost first; frame 0 is
;;; make-stack's own, as in Guile.
(define-record-type <stack>
  (%make-stack frames)
  stack?
  (frames %stack-frames-of))
;; A frame is its stack and its index there, so that frame-previous can
;; step outwards.
(define-record-type <frame>
  (%make-frame stack index)
  frame?
  (stack %frame-stack)
  (index %frame-index))
(define (%frame-field frame i) (vector-ref (vector-ref (%stack-frames-of (%frame-stack frame)) (%frame-index frame)) i))

;; The frames left after a cut: an integer drops that many; a procedure
;; drops frames up to and including its innermost call (from the inner
;; end) or its outermost one (from the outer end).
(define (%cut-frames frames cut from-inner?)
  (let ((frames (if from-inner? frames (reverse frames))))
    (define (named? frame)
      (let ((name (vector-ref frame 0)))
        (and name (eq? name (if (procedure? cut) (procedure-name cut) cut)))))
    (let ((kept (cond ((not cut) frames)
                      ((exact-integer? cut) (if (< cut (length frames)) (list-tail frames (max cut 0)) '()))
                      (else (let ((tail (member #t frames (lambda (_ frame) (named? frame)))))
                              (if tail (cdr tail) frames))))))
      (if from-inner? kept (reverse kept)))))

(define (make-stack obj . cuts)
  (unless (eq? obj #t)
    (scm-error 'wrong-type-arg "make-stack" "Wrong type argument in position ~A: ~S" (list 1 obj) (list obj)))
  (let loop ((frames (%stack-frames)) (cuts cuts))
    (if (null? cuts)
        (%make-stack (list->vector frames))
        (let* ((inner (car cuts))
               (outer (and (pair? (cdr cuts)) (cadr cuts)))
               (frames (%cut-frames (%cut-frames frames inner #t) outer #f)))
          (loop frames (if (pair? (cdr cuts)) (cddr cuts) '()))))))
(define (stack-length stack) (vector-length (%stack-frames-of stack)))
(define (stack-ref stack index)
  (unless (and (exact-integer? index) (< -1 index (stack-length stack)))
    (scm-error 'out-of-range "stack-ref" "Argument 2 out of range: ~S" (list index) (list index)))
  (%make-frame stack index))
(define (frame-procedure-name frame) (%frame-field frame 0))
(define (frame-arguments frame) (%frame-field frame 4))
;; (address file line . column), the line 0-based as Guile's; #f unknown.
(define (frame-source frame)
  (and (%frame-field frame 1)
       (cons* 0 (%frame-field frame 1) (- (%frame-field frame 2) 1) (%frame-field frame 3))))
(define (frame-previous frame)
  (let ((next (+ (%frame-index frame) 1)))
    (and (< next (stack-length (%frame-stack frame))) (%make-frame (%frame-stack frame) next))))

;; As Guile lays it out: outermost first, frames grouped under their file,
;; each as "LINE:COLUMN INDEX (NAME ARGUMENT ...)".
(define* (display-backtrace stack port #:optional first-frame depth highlights)
  (let* ((count (stack-length stack))
         (first (or first-frame (- count 1)))
         (last (max 0 (- first (or depth count) -1))))
    (let loop ((i first) (file-shown 'none))
      (when (>= i last)
        (let* ((frame (stack-ref stack i))
               (file (%frame-field frame 1)))
          (unless (equal? file file-shown)
            (simple-format port "In ~A:\n" (or file "unknown file")))
          (let ((where (if file
                           (string-append (number->string (%frame-field frame 2)) ":"
                                          (number->string (%frame-field frame 3)))
                           "")))
            (display (string-pad where 9) port)
            (display (string-pad (number->string i) 3) port)
            (display " " port)
            (let ((call (object->string (cons (or (frame-procedure-name frame) '_) (frame-arguments frame)))))
              (display (if (> (string-length call) 60) (string-append (substring call 0 59) "…)") call) port))
            (newline port))
          (loop (- i 1) file))))))

;;; Records, the procedural way.
(define* (record-constructor type #:optional (field-names (record-type-fields type)))
  (let ((fields (record-type-fields type)))
    (if (equal? field-names fields)
        (lambda values
          (if (= (length values) (length fields))
              (apply %make-record type values)
              (scm-error 'wrong-number-of-args "record-constructor"
                         "Wrong number of arguments to the constructor of ~A" (list (record-type-name type)) #f)))
        ;; Fields not named are #f.
        (lambda values
          (apply %make-record type
                 (map (lambda (f)
                        (let ((tail (memq f field-names)))
                          (and tail (list-ref values (- (length field-names) (length tail))))))
                      fields))))))
(define (%field-index who type field)
  (let ((tail (memq field (record-type-fields type))))
    (if tail
        (- (length (record-type-fields type)) (length tail))
        (scm-error 'misc-error who "~S is not a field of ~A" (list field (record-type-name type)) #f))))
(define (record-predicate type) (lambda (x) (%record-is-a? type x)))
(define (record-accessor type field)
  (let ((i (%field-index "record-accessor" type field)) (who (symbol->string field)))
    (lambda (record) (%record-ref type record i who))))
(define (record-modifier type field)
  (let ((i (%field-index "record-modifier" type field)) (who (symbol->string field)))
    (lambda (record value) (%record-set! type record i value who))))

;;; Lists.
(define (and-map f lst)
  (let loop ((lst lst) (last #t))
    (if (null? lst) last (let ((r (f (car lst)))) (and r (loop (cdr lst) r))))))
(define (or-map f lst) (and (pair? lst) (or (f (car lst)) (or-map f (cdr lst)))))
(define (%delete-first same? x lst)
  (cond ((null? lst) lst)
        ((same? x (car lst)) (cdr lst))
        (else (let loop ((prev lst))
                (cond ((null? (cdr prev)) lst)
                      ((same? x (cadr prev)) (set-cdr! prev (cddr prev)) lst)
                      (else (loop (cdr prev))))))))
(define (delq1! x lst) (%delete-first eq? x lst))
(define (delv1! x lst) (%delete-first eqv? x lst))
(define (delete1! x lst) (%delete-first equal? x lst))
(define (assv-set! alist key value)
  (let ((cell (assv key alist)))
    (if cell (begin (set-cdr! cell value) alist) (acons key value alist))))
(define (assv-remove! alist key)
  (let ((cell (assv key alist))) (if cell (delq1! cell alist) alist)))
(define (sloppy-assq key alist) (find (lambda (x) (and (pair? x) (eq? (car x) key))) alist))
(define (sloppy-assv key alist) (find (lambda (x) (and (pair? x) (eqv? (car x) key))) alist))
(define (sloppy-assoc key alist) (find (lambda (x) (and (pair? x) (equal? (car x) key))) alist))
(define (list-cdr-ref lst k) (list-tail lst k))
(define (list-cdr-set! lst k value) (set-cdr! (list-tail lst (- k 1)) value))
(define (sort-list lst less?) (sort lst less?))
(define (sort-list! lst less?) (sort! lst less?))
(define (merge! a b less?) (merge a b less?))

;;; Numbers (no complex numbers: the imaginary part is always 0; sinh,
;;; log10 and the like are primitives).
(define (integer-expt base k) (expt base k))
(define (modulo-expt base k m)
  ;; By squaring, so large exponents stay fast.
  (let loop ((b (modulo base m)) (k k) (acc 1))
    (cond ((= k 0) (modulo acc m))
          ((odd? k) (loop (modulo (* b b) m) (quotient k 2) (modulo (* acc b) m)))
          (else (loop (modulo (* b b) m) (quotient k 2) acc)))))
(define (real-part x) x)
(define (imag-part x) 0)
(define (angle x) (if (negative? x) (acos -1) 0.0))
(define (make-rectangular re im)
  (if (and (exact? im) (zero? im)) re (error "make-rectangular: guix0 has no complex numbers" re im)))
(define (make-polar magnitude angle)
  (if (and (exact? angle) (zero? angle)) magnitude (make-rectangular (* magnitude (cos angle)) (* magnitude (sin angle)))))
;; Division whose quotient rounds (to even), goes to the ceiling, gives a
;; non-negative remainder (Euclidean), or a remainder in [-|y|/2, |y|/2).
(define (%division quotient-of)
  (lambda (x y) (let ((q (quotient-of x y))) (values q (- x (* q y))))))
(define (round-quotient x y) (round (/ x y)))
(define (ceiling-quotient x y) (ceiling (/ x y)))
(define (euclidean-quotient x y) (if (negative? y) (- (floor (/ x (- y)))) (floor (/ x y))))
(define (centered-quotient x y)
  (let* ((q (round-quotient x y)) (r (- x (* q y))) (half (/ (abs y) 2)))
    ;; A remainder of exactly |y|/2 goes down to -|y|/2.
    (if (>= r half) (+ q (if (negative? y) -1 1)) q)))
(define round/ (%division round-quotient))
(define ceiling/ (%division ceiling-quotient))
(define euclidean/ (%division euclidean-quotient))
(define centered/ (%division centered-quotient))
(define (round-remainder x y) (- x (* y (round-quotient x y))))
(define (ceiling-remainder x y) (- x (* y (ceiling-quotient x y))))
(define (euclidean-remainder x y) (- x (* y (euclidean-quotient x y))))
(define (centered-remainder x y) (- x (* y (centered-quotient x y))))
(define (inf) +inf.0)
(define (nan) +nan.0)
(define (round-ash n count) (if (>= count 0) (ash n count) (round (/ n (expt 2 (- count))))))

;;; Strings, symbols, characters.
(define (symbol . chars) (string->symbol (apply string chars)))
(define (list->symbol chars) (string->symbol (list->string chars)))
(define (string-capitalize s) (string-titlecase s))
(define (string-capitalize! s) (string-titlecase! s))
(define (string-ci->symbol s) (string->symbol (string-downcase s)))
(define (string-utf8-length s) (bytevector-length (string->utf8 s)))
(define (symbol-interned? sym) (eq? sym (string->symbol (symbol->string sym))))
(define (substring-fill! str start end fill) (string-fill! str fill start end))
(define (substring-move! from start end to at) (string-copy! to at from start end))
(define (restricted-vector-sort! v less? start end)
  (do ((i start (+ i 1)) (sorted (sort (vector->list v start end) less?) (cdr sorted)))
      ((null? sorted))
    (vector-set! v i (car sorted))))
(define (->bool x) (not (not x)))
(define (unspecified? x) (eq? x (if #f #f)))
(define (self-evaluating? x) (not (or (symbol? x) (pair? x) (null? x))))

;;; Messages: gettext without translations (guix0 speaks the C locale), so
;;; code that marks its messages for translation, as Guix's G_ does, gets
;;; them back as written.
(define (gettext message . domain+category) message)
(define (ngettext singular plural n . domain+category) (if (= n 1) singular plural))
(define %text-domain "messages")
(define (textdomain . domain)
  (if (pair? domain) (set! %text-domain (car domain)))
  %text-domain)
(define (bindtextdomain domain . directory)
  (if (pair? directory) (car directory) "/usr/share/locale"))
(define (bind-textdomain-codeset domain . codeset)
  (if (pair? codeset) (car codeset) #f))

;;; File names.
(define (file-name-separator? c) (eqv? c #\/))
(define (absolute-file-name? name) (string-prefix? "/" name))
(define (in-vicinity dir file)
  (cond ((string-null? dir) file)
        ((string-suffix? "/" dir) (string-append dir file))
        (else (string-append dir "/" file))))
;;; Definitions and odds and ends.
(define-syntax define-once
  ;; A definition that a second load of the same code leaves alone.
  (syntax-rules ()
    ((_ name value) (define name (if (defined? 'name) name value)))))
(define-syntax define-private
  (syntax-rules ()
    ((_ form ...) (define form ...))))
(define-syntax λ
  (syntax-rules ()
    ((_ formals body ...) (lambda formals body ...))))
(define (peek . stuff) (apply pk stuff))
(define (warn . stuff)
  (let ((port (current-warning-port)))
    (display ";;; WARNING " port)
    (display stuff port)
    (newline port)))
(define (primitive-load-path file . exception-on-not-found) (load-from-path file))
(define (mkstemp template . mode) (apply mkstemp! (string-copy template) mode))
(define (make-thread-local-fluid . default) (apply make-fluid default))
(define-macro (defmacro-public name args . body)
  `(begin (defmacro ,name ,args ,@body) (export ,name)))
(define (close port-or-fd)
  (if (port? port-or-fd) (close-port port-or-fd) (close-fdes port-or-fd)))
(define (putenv setting)
  ;; "NAME=VALUE" sets NAME, "NAME" alone unsets it.
  (let ((equals (string-index setting #\=)))
    (if equals
        (setenv (substring setting 0 equals) (substring setting (+ equals 1)))
        (unsetenv setting))))
(define (load-in-vicinity dir file) (load (in-vicinity dir file)))
(define (primitive-read . port) (apply read port))
(define (kw-arg-ref args kw)
  ;; The value after keyword KW in ARGS, or #f.
  (let ((tail (memq kw args))) (and tail (pair? (cdr tail)) (cadr tail))))
(define (make-mutable-parameter init . converter)
  ;; A procedure: called with no argument, the value; with one, sets it.
  (let* ((convert (if (pair? converter) (car converter) (lambda (x) x)))
         (value (convert init)))
    (case-lambda
      (() value)
      ((new) (set! value (convert new))))))

;;; Modules, reflected.
(define (make-module . size+uses) (%make-module (list '%anonymous (gensym "module"))))
(define (module-bound? module name) (module-defined? module name))
(define (module-locally-bound? module name)
  (let ((var (module-local-variable module name))) (and var (variable-bound? var))))
(define (module-export-all! module) (module-export! module (module-map (lambda (name var) name) module)))
(define (save-module-excursion thunk)
  ;; THUNK runs in the current module; whatever module it leaves current
  ;; is current again when control comes back into it.
  (let ((inner (current-module)) (outer #f))
    (dynamic-wind
      (lambda () (set! outer (set-current-module inner)))
      thunk
      (lambda () (set! inner (set-current-module outer))))))
(define the-root-module (resolve-module '(guile)))
(define the-scm-module the-root-module)

;;; Features, as cond-expand and provided? know them.
(define *features*
  '(defmacro values sort regex popen fork posix inexact random delay char-ready? system guix0))
(define (provided? feature) (and (memq feature *features*) #t))
(define (provide feature) (if (not (provided? feature)) (set! *features* (cons feature *features*))))
