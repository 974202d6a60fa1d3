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
(test-end "records")
