;;; srfi-26.scm -- `cut' and `cute' (SRFI 26): slots <>, the rest slot <...>,
;;; a slot in operator position, and when non-slot expressions are evaluated.

(use-modules (srfi srfi-64) (srfi srfi-26))

(test-begin "srfi-26")

(test-equal "no slots" '() ((cut list)))
(test-equal "one slot" '(1 2) ((cut list 1 <>) 2))
(test-equal "slots in order" '(a 1 b 2) ((cut list 'a <> 'b <>) 1 2))
(test-equal "rest slot" '(1 2 3 4) ((cut list 1 <...>) 2 3 4))
(test-equal "rest slot, no arguments" '(1) ((cut list 1 <...>)))
(test-equal "slot then rest" '(0 1 2) ((cut list <> <...>) 0 1 2))
(test-eqv "operator slot" 6 ((cut <> 2 3) *))
(test-equal "with map" '(11 12 13) (map (cut + 10 <>) '(1 2 3)))
(test-equal "cut with filter" '(2 3) (filter (cut > <> 1) '(1 2 3)))

(test-equal "cut evaluates its expressions at each call" '(1 2)
  (let* ((n 0)
         (f (cut list (begin (set! n (+ n 1)) n))))
    (list (car (f)) (car (f)))))
(test-equal "cute evaluates them once" '(1 1 1)
  (let* ((n 0)
         (f (cute list (begin (set! n (+ n 1)) n))))
    (f)
    (list (car (f)) n (car (f)))))
(test-equal "cute with slots and rest" '(1 2 3 4)
  ((cute append (list 1) <> <...>) '(2) '(3) '(4)))
(test-equal "cute captures a variable's value" 1
  (let* ((x 1) (f (cute + x)))
    (set! x 100)
    (f)))
(test-equal "cut sees a variable's new value" 100
  (let* ((x 1) (f (cut + x)))
    (set! x 100)
    (f)))

(test-end "srfi-26")
