;;; (sxml simple) -- XML to SXML and back, as Guile's module has it.
;;;
;;; `xml->sxml` reads a document into (*TOP* (*PI* ...) ... (root ...)),
;;; with attributes in an (@ ...) list, namespaces resolved to their URI
;;; (or to a prefix the caller names), character data merged into one
;;; string per run, and entity references expanded. `sxml->xml` writes a
;;; tree back as text; `sxml->string` gives only its strings. Guix's
;;; ant-build-system writes build.xml with it, and (guix build maven pom)
;;; reads pom.xml files.
;;;
;;; Where SSAX's output has an order that is not the document's, this
;;; follows it: the attributes of an element come prefixed ones first,
;;; then the others, each group by name, descending.

(define-module (sxml simple)
  #:use-module (srfi srfi-1)
  #:export (xml->sxml sxml->xml sxml->string))

;;; Reading

(define (parser-error port message . details)
  (apply throw 'parser-error port message details))

(define (name-start-char? c)
  (or (char-alphabetic? c) (memv c '(#\_ #\:)) (> (char->integer c) 127)))

(define (name-char? c)
  (or (name-start-char? c) (char-numeric? c) (memv c '(#\- #\.))))

(define (xml-space? c)
  (memv c '(#\space #\tab #\newline #\return)))

(define (skip-space port)
  (let ((c (peek-char port)))
    (when (and (char? c) (xml-space? c))
      (read-char port)
      (skip-space port))))

(define (read-xml-name port)
  (let ((c (peek-char port)))
    (unless (and (char? c) (name-start-char? c))
      (parser-error port "Invalid name starting character " c))
    (let loop ((chars '()))
      (let ((c (peek-char port)))
        (if (and (char? c) (name-char? c))
            (loop (cons (read-char port) chars))
            (list->string (reverse chars)))))))

(define (expect port text)
  (string-for-each
   (lambda (wanted)
     (let ((c (read-char port)))
       (unless (eqv? c wanted)
         (parser-error port "Wrong character " c ", " wanted " expected"))))
   text))

;; The text up to `end`, which is consumed.
(define (read-until port end)
  (let ((tail (reverse (string->list end)))
        (n (string-length end)))
    (let loop ((rev '()) (count 0))
      (let ((c (read-char port)))
        (when (eof-object? c)
          (parser-error port "Unexpected end of input, " end " expected"))
        (let ((rev (cons c rev)) (count (+ count 1)))
          (if (and (>= count n) (equal? (list-head rev n) tail))
              (list->string (reverse (list-tail rev n)))
              (loop rev count)))))))

;; What a parse needs besides the port: the caller's options.
(define-record-type <xml-reader>
  (make-xml-reader entities entity-handler namespaces trim?)
  xml-reader?
  (entities reader-entities set-reader-entities!)
  (entity-handler reader-entity-handler)
  (namespaces reader-namespaces set-reader-namespaces!)
  (trim? reader-trim?))

(define %predefined-entities
  '(("lt" . "<") ("gt" . ">") ("amp" . "&") ("quot" . "\"") ("apos" . "'")))

;; After "&#": a character reference's character.
(define (read-char-reference port)
  (let* ((hex? (and (eqv? (peek-char port) #\x) (read-char port)))
         (digits (read-until port ";"))
         (n (string->number digits (if hex? 16 10))))
    (unless (and (exact-integer? n) (<= 0 n #x10FFFF) (not (<= #xD800 n #xDFFF)))
      (parser-error port "[wf-Legalchar] broken for '" digits "'"))
    (integer->char n)))

;; After "&": the name of an entity reference.
(define (read-entity-reference port)
  (let ((name (read-xml-name port)))
    (expect port ";")
    name))

;; The replacement text of a declared entity (not a predefined one).
(define (entity-text port reader name)
  (let ((text (cond ((assq (string->symbol name) (reader-entities reader)) => cdr)
                    ((reader-entity-handler reader)
                     => (lambda (handler) (handler port (string->symbol name))))
                    (else (parser-error port "[wf-entdeclared] broken for " name)))))
    (unless (string? text)
      (scm-error 'wrong-type-arg "xml->sxml" "The text of entity ~A is not a string: ~S" (list name text) #f))
    text))

;; A reference's text in an attribute value: markup there is text.
(define (reference-text port reader)
  (let ((name (read-entity-reference port)))
    (cond ((assoc name %predefined-entities) => cdr)
          (else (entity-text port reader name)))))

;; A quoted attribute value, with references expanded and whitespace
;; normalised to spaces.
(define (read-attribute-value port reader)
  (let ((quote-char (read-char port)))
    (unless (memv quote-char '(#\' #\"))
      (parser-error port "Wrong character " quote-char " XML [10]: ' or \" expected"))
    (call-with-output-string
      (lambda (out)
        (let loop ()
          (let ((c (read-char port)))
            (cond ((eof-object? c) (parser-error port "Unexpected end of input in an attribute value"))
                  ((eqv? c quote-char) #t)
                  ((eqv? c #\<) (parser-error port "'<' in an attribute value"))
                  ((eqv? c #\&)
                   (if (eqv? (peek-char port) #\#)
                       (begin (read-char port) (write-char (read-char-reference port) out))
                       (display (reference-text port reader) out))
                   (loop))
                  ((eqv? c #\return)
                   (when (eqv? (peek-char port) #\newline) (read-char port))
                   (write-char #\space out)
                   (loop))
                  ((xml-space? c) (write-char #\space out) (loop))
                  (else (write-char c out) (loop)))))))))

;; After "<": the name, attributes (as (qname . value) in document order)
;; and whether the tag closed itself.
(define (read-start-tag port reader)
  (let ((name (read-xml-name port)))
    (let loop ((attributes '()))
      (skip-space port)
      (let ((c (peek-char port)))
        (cond ((eqv? c #\>) (read-char port) (values name (reverse attributes) #f))
              ((eqv? c #\/) (read-char port) (expect port ">") (values name (reverse attributes) #t))
              ((eof-object? c) (parser-error port "Unexpected end of input in the tag " name))
              (else
               (let ((attribute (read-xml-name port)))
                 (when (assoc attribute attributes)
                   (parser-error port "[uniqattspec] broken for " (string->symbol attribute)))
                 (skip-space port)
                 (expect port "=")
                 (skip-space port)
                 (loop (acons attribute (read-attribute-value port reader) attributes)))))))))

;;; Namespaces: an environment is an alist from prefix ("" for the
;;; default namespace) to URI.

(define (split-qname qname)
  (let ((colon (string-index qname #\:)))
    (if colon
        (values (substring qname 0 colon) (substring qname (+ colon 1)))
        (values #f qname))))

(define (declare-namespaces attributes env)
  (fold (lambda (attribute env)
          (let ((qname (car attribute)))
            (cond ((string=? qname "xmlns") (acons "" (cdr attribute) env))
                  ((string-prefix? "xmlns:" qname) (acons (substring qname 6) (cdr attribute) env))
                  (else env))))
        env
        attributes))

(define (namespace-declaration? attribute)
  (let ((qname (car attribute)))
    (or (string=? qname "xmlns") (string-prefix? "xmlns:" qname))))

;; The SXML name of `qname`: its URI (or the caller's prefix for that
;; URI) and its local part. Unprefixed attributes take no namespace.
(define (resolve-name port reader qname env element?)
  (let-values (((prefix local) (split-qname qname)))
    (let ((uri (cond ((equal? prefix "xml") #f)
                     (prefix (or (assoc-ref env prefix)
                                 (parser-error port "[nsc-NSDeclared] broken; prefix " (string->symbol prefix))))
                     (element? (let ((default (assoc-ref env ""))) (and default (not (string-null? default)) default)))
                     (else #f))))
      (string->symbol
       (cond ((equal? prefix "xml") qname)
             ((not uri) local)
             ((rassoc uri (reader-namespaces reader))
              => (lambda (user) (string-append (symbol->string (car user)) ":" local)))
             (else (string-append uri ":" local)))))))

(define (rassoc value alist)
  (find (lambda (entry) (equal? (cdr entry) value)) alist))

(define (sxml-attributes port reader attributes env)
  (define (resolved attribute)
    (list (resolve-name port reader (car attribute) env #f) (cdr attribute)))
  (define (descending items)
    (sort items (lambda (a b) (string>? (symbol->string (car a)) (symbol->string (car b))))))
  (let-values (((prefixed plain)
                (partition (lambda (attribute) (string-index (car attribute) #\:))
                           (remove namespace-declaration? attributes))))
    (append (descending (map resolved prefixed)) (descending (map resolved plain)))))

;; After "<": an element and everything in it.
(define (read-element port reader env)
  (let-values (((qname attributes empty?) (read-start-tag port reader)))
    (let* ((env (declare-namespaces attributes env))
           (name (resolve-name port reader qname env #t))
           (attributes (sxml-attributes port reader attributes env))
           (children (if empty? '() (read-content port reader env qname))))
      (cons name (if (null? attributes) children (cons (cons '@ attributes) children))))))

;; The children of an element up to its end tag `end` (or, when `end` is
;; #f, up to the end of input: an entity's replacement text). A run of
;; character data, CDATA sections, references and comments is one string.
(define (read-content port reader env end)
  (let ((text (open-output-string)) (children '()))
    (define (flush!)
      (let ((s (get-output-string text)))
        (unless (or (string-null? s)
                    (and (reader-trim? reader) (string-every char-whitespace? s)))
          (set! children (cons s children)))
        (set! text (open-output-string))))
    (define (add! node)
      (flush!)
      (set! children (cons node children)))
    (let loop ()
      (let ((c (read-char port)))
        (cond
         ((eof-object? c)
          (when end (parser-error port "Unexpected end of input, </" end "> expected"))
          (flush!))
         ((eqv? c #\<)
          (let ((c (peek-char port)))
            (cond
             ((eqv? c #\/)
              (read-char port)
              (let ((name (read-xml-name port)))
                (skip-space port)
                (expect port ">")
                (unless (equal? name end)
                  (parser-error port "[GIMatch] broken: </" name "> where </" end "> was expected"))
                (flush!)))
             ((eqv? c #\!)
              (read-char port)
              (if (eqv? (peek-char port) #\-)
                  (begin (expect port "--") (read-until port "-->"))
                  (begin (expect port "[CDATA[") (display (read-until port "]]>") text)))
              (loop))
             ((eqv? c #\?)
              (read-char port)
              (add! (read-processing-instruction port))
              (loop))
             (else (add! (read-element port reader env)) (loop)))))
         ((eqv? c #\&)
          (if (eqv? (peek-char port) #\#)
              (begin (read-char port) (write-char (read-char-reference port) text))
              (for-each (lambda (node) (if (string? node) (display node text) (add! node)))
                        (entity-nodes port reader env)))
          (loop))
         ((eqv? c #\return)
          (when (eqv? (peek-char port) #\newline) (read-char port))
          (write-char #\newline text)
          (loop))
         (else (write-char c text) (loop)))))
    (reverse children)))

;; After "&" in content: a predefined entity is one character; another
;; entity's replacement text is itself content, which may hold markup.
(define (entity-nodes port reader env)
  (let ((name (read-entity-reference port)))
    (cond ((assoc name %predefined-entities) => (lambda (entry) (list (cdr entry))))
          (else
           (let ((text (entity-text port reader name)))
             (if (string-any (lambda (c) (memv c '(#\< #\&))) text)
                 (read-content (open-input-string text) reader env #f)
                 (list text)))))))

;; After "<?": (*PI* target "data").
(define (read-processing-instruction port)
  (let ((target (string->symbol (read-xml-name port))))
    (skip-space port)
    (list '*PI* target (read-until port "?>"))))

(define (read-quoted port)
  (let ((quote-char (read-char port)))
    (unless (memv quote-char '(#\' #\"))
      (parser-error port "Wrong character " quote-char ": ' or \" expected"))
    (read-until port (string quote-char))))

;; After "<!DOCTYPE": the handler's #:entities and #:namespaces join the
;; reader's.
(define (read-doctype port reader handler)
  (skip-space port)
  (let* ((name (string->symbol (read-xml-name port)))
         (system-id (begin
                      (skip-space port)
                      (cond ((eqv? (peek-char port) #\S) (expect port "SYSTEM") (skip-space port) (read-quoted port))
                            ((eqv? (peek-char port) #\P)
                             (expect port "PUBLIC")
                             (skip-space port)
                             (read-quoted port)
                             (skip-space port)
                             (read-quoted port))
                            (else #f))))
         (subset (begin
                   (skip-space port)
                   (and (eqv? (peek-char port) #\[) (read-char port) (read-until port "]")))))
    (skip-space port)
    (expect port ">")
    (when handler
      (let loop ((options (call-with-values (lambda () (handler name system-id subset)) list)))
        (when (and (pair? options) (pair? (cdr options)))
          (case (car options)
            ((#:entities) (set-reader-entities! reader (append (cadr options) (reader-entities reader))))
            ((#:namespaces) (set-reader-namespaces! reader (append (cadr options) (reader-namespaces reader))))
            (else (scm-error 'keyword-argument-error "xml->sxml" "Invalid keyword" '() (list (car options)))))
          (loop (cddr options)))))))

(define* (xml->sxml #:optional (string-or-port (current-input-port))
                    #:key (namespaces '()) (declare-namespaces? #t) (trim-whitespace? #f)
                    (entities '()) (default-entity-handler #f) (doctype-handler #f))
  (let ((port (if (string? string-or-port) (open-input-string string-or-port) string-or-port))
        (reader (make-xml-reader entities default-entity-handler namespaces trim-whitespace?)))
    (let loop ((prolog '()))
      (skip-space port)
      (let ((c (read-char port)))
        (unless (eqv? c #\<)
          (parser-error port "Wrong character " c ": '<' expected"))
        (case (peek-char port)
          ((#\?) (read-char port) (loop (cons (read-processing-instruction port) prolog)))
          ((#\!)
           (read-char port)
           (if (eqv? (peek-char port) #\-)
               (begin (expect port "--") (read-until port "-->"))
               (begin (expect port "DOCTYPE") (read-doctype port reader doctype-handler)))
           (loop prolog))
          (else
           (let ((env (if declare-namespaces?
                          (map (lambda (entry) (cons (symbol->string (car entry)) (cdr entry)))
                               (reader-namespaces reader))
                          '())))
             (cons '*TOP* (reverse (cons (read-element port reader env) prolog))))))))))

;;; Writing

(define (check-name name)
  (let ((text (if (symbol? name) (symbol->string name) name)))
    (unless (and (string? text) (not (string-null? text)) (name-start-char? (string-ref text 0)))
      (error "Invalid name starting character" text name))
    (when (> (string-count text #\:) 1)
      (error "Invalid QName: more than one colon" name))
    text))

(define (write-escaped text port)
  (string-for-each
   (lambda (c)
     (case c
       ((#\&) (display "&amp;" port))
       ((#\<) (display "&lt;" port))
       ((#\>) (display "&gt;" port))
       ((#\") (display "&quot;" port))
       (else (write-char c port))))
   text))

(define (write-attribute attribute port)
  (display " " port)
  (display (check-name (car attribute)) port)
  (display "=\"" port)
  (for-each (lambda (value)
              (write-escaped (if (string? value) value (format #f "~a" value)) port))
            (cdr attribute))
  (display "\"" port))

(define (write-element name body port)
  (let* ((attributes? (and (pair? body) (pair? (car body)) (eq? (caar body) '@)))
         (children (if attributes? (cdr body) body)))
    (display (string-append "<" (check-name name)) port)
    (when attributes?
      (for-each (lambda (attribute) (write-attribute attribute port)) (cdar body)))
    (if (not (pair? children))
        (display " />" port)
        (begin
          (display ">" port)
          (for-each (lambda (child) (write-node child port)) children)
          (display "</" port)
          (display name port)
          (display ">" port)))))

(define (write-node tree port)
  (cond ((pair? tree)
         (case (car tree)
           ((*TOP*) (for-each (lambda (child) (write-node child port)) (cdr tree)))
           ((*PI*) (format port "<?~a ~a?>" (cadr tree) (caddr tree)))
           ((*ENTITY*) (format port "&~a;" (cadr tree)))
           (else (if (symbol? (car tree))
                     (write-element (car tree) (cdr tree) port)
                     (for-each (lambda (child) (write-node child port)) tree)))))
        ((string? tree) (write-escaped tree port))
        ((or (null? tree) (boolean? tree)) #t)
        (else (display tree port))))

(define* (sxml->xml tree #:optional (port (current-output-port)))
  (write-node tree port))

;; The strings of a tree, attribute values included, concatenated.
(define (sxml->string sxml)
  (call-with-output-string
    (lambda (out)
      (let walk ((tree sxml))
        (cond ((string? tree) (display tree out))
              ((pair? tree) (walk (car tree)) (walk (cdr tree))))))))
