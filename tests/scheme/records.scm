;;; records.scm -- SRFI-9 records as Guile has them: constructors,
;;; predicates, accessors, modifiers, printing, and the errors.

(use-modules (srfi srfi-64) (srfi srfi-9) (srfi srfi-9 gnu))

(test-begin "records")

(define-record-type <point>
  (make-point x y)
  point?
  (x point-x)
  (y point-y set-point-y!))

(define p (make-point 1 2))
(test-assert "predicate" (point? p))
(test-assert "predicate: other values" (not (point? (vector 1 2))))
(test-eqv "accessor" 1 (point-x p))
(set-point-y! p 20)
(test-eqv "modifier" 20 (point-y p))
(test-equal "printed as Guile prints it" "#<<point> x: 1 y: 20>" (object->string p))
(test-assert "record types are distinct" (not (point? (let () (define-record-type <point> (mk) pt?) (mk)))))
(test-equal "wrong record to an accessor" 'wrong-type-arg
  (catch #t (lambda () (point-x 'nope)) (lambda (key . args) key)))

;;; constructor taking fewer fields than the record has
(define-record-type <box>
  (make-box value)
  box?
  (value box-value)
  (label box-label set-box-label!))
(define b (make-box 5))
(test-eqv "constructor field" 5 (box-value b))
(set-box-label! b "five")
(test-equal "field not in the constructor" "five" (box-label b))

;;; (srfi srfi-9 gnu)
(define-immutable-record-type <pkg>
  (make-pkg name version)
  pkg?
  (name pkg-name set-pkg-name)
  (version pkg-version set-pkg-version))
(define hello (make-pkg "hello" "2.10"))
(define newer (set-pkg-version hello "2.12"))
(test-equal "functional setter makes a copy" '("2.10" "2.12") (list (pkg-version hello) (pkg-version newer)))
(test-equal "set-field" "2.11" (pkg-version (set-field hello (pkg-version) "2.11")))
(set-record-type-printer! <pkg>
  (lambda (r port) (display (string-append "#<pkg " (pkg-name r) "@" (pkg-version r) ">") port)))
(test-equal "set-record-type-printer!" "#<pkg hello@2.10>" (object->string hello))

(test-equal "display writes the fields, as Guile does" "#<<point> x: \"s\" y: #\\c>"
  (with-output-to-string (lambda () (display (make-point "s" #\c)))))
;; Guile's struct procedures on records, as Guix's define-record-type* uses them.
(define-record-type <spot> (make-spot x y) spot? (x spot-x) (y spot-y))
(let ((s (make-spot 1 2)))
  (test-assert "struct-vtable of a record is its type" (eq? (struct-vtable s) <spot>))
  (test-equal "struct-ref counts fields from 0" '(1 2) (list (struct-ref s 0) (struct-ref s 1)))
  (struct-set! s 0 10)
  (test-equal "struct-set! sets a field" 10 (spot-x s))
  (test-equal "make-struct/no-tail makes a record of the type" '(#t 4) (let ((t (make-struct/no-tail <spot> 3 4))) (list (spot? t) (spot-y t))))
  (test-assert "records are structs, types are vtables" (and (struct? s) (struct-vtable? <spot>) (not (struct? 1))))
  (test-error "struct-ref past the fields" 'out-of-range (struct-ref s 2)))
(test-equal "a type's name is its user field" '<spot> (struct-ref <spot> vtable-offset-user))
(set-struct-vtable-name! <spot> 'spot)
(test-equal "set-struct-vtable-name! leaves a record type's name" '<spot> (record-type-name <spot>))
(struct-set! <spot> vtable-offset-user 'spot)
(test-equal "struct-set! of the user field renames the type" '(spot "#<spot x: 1 y: 2>")
  (list (record-type-name <spot>) (object->string (make-spot 1 2))))

(test-end "records")
