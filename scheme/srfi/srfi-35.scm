;;; (srfi srfi-35): condition types and conditions, as Guix code uses them:
;;; `(raise (condition (&message (message "..."))))`, `define-condition-type`,
;;; `(guard (c ((message-condition? c) (condition-message c))) ...)`.
;;;
;;; The errors guix0 itself raises (from `error`, `throw` or a primitive)
;;; count as `&error` conditions with a `&message`, as Guile's do.

(define-module (srfi srfi-35)
  #:export (make-condition-type condition-type? make-condition condition? condition-has-type?
            condition-ref make-compound-condition extract-condition define-condition-type condition
            &condition &message &serious &error message-condition? condition-message
            serious-condition? error?))

;;; Types

(define-record-type <condition-type>
  (%make-condition-type name parent fields)
  condition-type?
  (name condition-type-name)
  (parent condition-type-parent)
  ;; This type's own field names (a parent's are inherited).
  (fields condition-type-fields))

(define (make-condition-type name parent fields)
  (unless (or (not parent) (condition-type? parent))
    (error "make-condition-type: not a condition type:" parent))
  (%make-condition-type name parent fields))

;; The type's fields, inherited ones first.
(define (all-fields type)
  (if type (append (all-fields (condition-type-parent type)) (condition-type-fields type)) '()))

(define (subtype? type ancestor)
  (and type (or (eq? type ancestor) (subtype? (condition-type-parent type) ancestor))))

(define &condition (%make-condition-type '&condition #f '()))
(define &message (make-condition-type '&message &condition '(message)))
(define &serious (make-condition-type '&serious &condition '()))
(define &error (make-condition-type '&error &serious '()))

;;; Conditions: one part per type, each with its field values.

(define-record-type <condition>
  (%make-condition parts)
  srfi-35-condition?
  ;; ((type . ((field . value) ...)) ...)
  (parts condition-parts))

(set-record-type-printer! <condition>
  (lambda (c port)
    (display "#<condition" port)
    (for-each (lambda (part)
                (display " " port)
                (display (condition-type-name (car part)) port)
                (for-each (lambda (f)
                            (display " " port) (display (car f) port) (display ": " port) (write (cdr f) port))
                          (cdr part)))
              (condition-parts c))
    (display ">" port)))

;; A condition guix0 raised itself (an `error`, a `throw`, a primitive's).
(define (native? obj) ((@ (guile) condition?) obj))

(define (condition? obj) (or (srfi-35-condition? obj) (native? obj)))

;; (make-condition TYPE 'field value ...): every field must be given.
(define (make-condition type . field-values)
  (let ((fields (all-fields type)))
    (let loop ((rest field-values) (given '()))
      (cond ((null? rest)
             (let ((missing (filter (lambda (f) (not (assq f given))) fields)))
               (unless (null? missing)
                 (error "make-condition: missing fields" (condition-type-name type) missing))
               (%make-condition (list (cons type (reverse given))))))
            ((or (null? (cdr rest)) (not (memq (car rest) fields)))
             (error "make-condition: not a field of" (condition-type-name type) (car rest)))
            (else (loop (cddr rest) (cons (cons (car rest) (cadr rest)) given)))))))

(define (make-compound-condition . conditions)
  (%make-condition (append-map condition-parts conditions)))

(define (condition-has-type? c type)
  (cond ((srfi-35-condition? c) (any (lambda (part) (subtype? (car part) type)) (condition-parts c)))
        ((native? c) (or (eq? type &condition) (eq? type &serious) (eq? type &error) (eq? type &message)))
        (else #f)))

(define (condition-ref c field)
  (cond ((srfi-35-condition? c)
         (let loop ((parts (condition-parts c)))
           (cond ((null? parts) (error "condition-ref: no field" field c))
                 ((assq field (cdar parts)) => cdr)
                 (else (loop (cdr parts))))))
        ((and (native? c) (eq? field 'message)) (error-object-message c))
        (else (error "condition-ref: no field" field c))))

;; The part of C of TYPE, as a condition of its own.
(define (extract-condition c type)
  (let ((part (find (lambda (part) (subtype? (car part) type)) (condition-parts c))))
    (unless part (error "extract-condition: no part of type" (condition-type-name type)))
    (%make-condition (list (cons type (filter (lambda (f) (memq (car f) (all-fields type))) (cdr part)))))))

;; (define-condition-type &name &parent name? (field accessor) ...)
(define-macro (define-condition-type name parent predicate . field-specs)
  `(begin
     (define ,name ((@@ (srfi srfi-35) make-condition-type) ',name ,parent ',(map car field-specs)))
     (define (,predicate c) ((@@ (srfi srfi-35) condition-has-type?) c ,name))
     ,@(map (lambda (spec) `(define (,(cadr spec) c) ((@@ (srfi srfi-35) condition-ref) c ',(car spec))))
            field-specs)))

;; (condition (&type (field value) ...) ...)
(define-macro (condition . specs)
  `((@@ (srfi srfi-35) make-compound-condition)
    ,@(map (lambda (spec)
             `((@@ (srfi srfi-35) make-condition) ,(car spec)
               ,@(append-map (lambda (f) `(',(car f) ,(cadr f))) (cdr spec))))
           specs)))

(define (message-condition? c) (condition-has-type? c &message))
(define (condition-message c) (condition-ref c 'message))
(define (serious-condition? c) (condition-has-type? c &serious))
(define (error? c) (condition-has-type? c &error))
