;;; Small Guile modules Guix-style code imports: SRFI-71's multiple-value
;;; `let`, SRFI-31 `rec`, SRFI-45 promises, (ice-9 string-fun)'s
;;; string-replace-substring, (ice-9 and-let-star), SRFI-88 keywords, and
;;; string-contains with ranges. Runs under guix0 and Guile 3 alike; SRFI-71
;;; replaces `let`, so every `let` in this file goes through it.

(use-modules (srfi srfi-64) (srfi srfi-71) (srfi srfi-31) (srfi srfi-45) (ice-9 string-fun)
             (ice-9 and-let-star) (srfi srfi-88))

(test-begin "small-modules")

;;; (srfi srfi-71)
(define x 10)
(test-equal "a binding with two variables takes two values" '(1 2 10)
  (let ((a b (values 1 2)) (c x)) (list a b c)))
(test-equal "let's expressions see the outer variables" '(1 10)
  (let ((x 1) (y x)) (list x y)))
(test-equal "(values . rest) and (values a . rest) bindings" '(3 2 (1 2 3) 4 (5 6))
  (let ((q r (floor/ 17 5)) ((values . all) (values 1 2 3)) ((values h . t) (values 4 5 6)))
    (list q r all h t)))
(test-equal "let* binds in order" '(1 2 3 3 6)
  (let* ((a b (values 1 2)) (c (+ a b)) (d e (values c (* c 2)))) (list a b c d e)))
(test-equal "named let still loops" '(0 1 2)
  (let loop ((i 0) (acc '())) (if (= i 3) (reverse acc) (loop (+ i 1) (cons i acc)))))
(test-equal "internal definitions in let and an empty let*" '(5 7)
  (list (let () (define z 5) z) (let* () 7)))
(test-equal "letrec: procedures from one binding call each other" '(#t #t)
  (letrec ((ev? od? (values (lambda (n) (if (= n 0) #t (od? (- n 1))))
                            (lambda (n) (if (= n 0) #f (ev? (- n 1)))))))
    (list (ev? 10) (od? 7))))
(test-equal "letrec with one value per binding" 120
  (letrec ((f (lambda (n) (if (= n 0) 1 (* n (f (- n 1))))))) (f 5)))
(test-equal "values->list, values->vector, uncons, unlist, unvector" '((1 2) #(1 2) 6 (a b))
  (list (values->list (values 1 2))
        (values->vector (uncons (cons 1 2)))
        (let ((a b c (unlist (list 1 2 3)))) (+ a b c))
        (let ((a b (unvector (vector 'a 'b)))) (list a b))))

;;; (srfi srfi-31), (srfi srfi-45)
(test-equal "rec makes a recursive procedure" 120
  ((rec (fact n) (if (= n 0) 1 (* n (fact (- n 1))))) 5))
(test-equal "rec of a value" '(1 1 1)
  (let ((ones (rec s (cons 1 (delay s))))) (list (car ones) (car (force (cdr ones))) (car (force (cdr (force (cdr ones))))))))
(test-equal "eager, lazy, delay, force" '(3 4)
  (list (force (eager 3)) (force (lazy (delay 4)))))
(test-equal "a lazy stream runs in constant space" 100000
  (let loop ((n 0) (p (eager 0)))
    (if (= n 100000) (force p) (loop (+ n 1) (lazy (let ((v (+ 1 (force p)))) (eager v)))))))

;;; (ice-9 string-fun)
(test-equal "string-replace-substring" '("a+b+c" "aaaaaa" "" "abc" "x/y/z")
  (list (string-replace-substring "a--b--c" "--" "+")
        (string-replace-substring "aaa" "a" "aa")
        (string-replace-substring "" "x" "y")
        (string-replace-substring "abc" "d" "e")
        (string-replace-substring "x::y::z" "::" "/")))

;;; (ice-9 and-let-star), (srfi srfi-88), string-contains with ranges
(test-equal "and-let*" '(5 #f)
  (list (and-let* ((x 5) ((> x 3))) x) (and-let* ((x 2) ((> x 3))) x)))
(test-equal "SRFI-88 keywords" '("foo" #:bar #t)
  (list (keyword->string #:foo) (string->keyword "bar") (keyword? #:baz)))
(test-equal "string-contains from a start, within ranges, with non-ASCII text" '(7 4 0 2 #f)
  (list (string-contains "hello world" "o" 5)
        (string-contains "hello world" "xo" 0 11 1 2)
        (string-contains "abc" "")
        (string-contains "λxλy" "λy")
        (string-contains "hello" "lo" 0 4)))

(test-end "small-modules")
