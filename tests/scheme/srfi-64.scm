;;; SRFI-64's test runners: custom callbacks, counts, skipping and expected
;;; failures, test-apply, result alists. Runs under guix0 and Guile 3.

(use-modules (srfi srfi-64))

(test-begin "srfi-64")

;; A runner logging each result, the final counts and a bad group count.
(define (logging-runner log)
  (let ((r (test-runner-null)))
    (test-runner-on-test-end! r (lambda (r) (set-car! log (cons (test-result-kind r) (car log)))))
    (test-runner-on-final! r
      (lambda (r)
        (set-car! log (cons (list 'final (test-runner-pass-count r) (test-runner-fail-count r)
                                  (test-runner-xfail-count r) (test-runner-xpass-count r)
                                  (test-runner-skip-count r))
                            (car log)))))
    (test-runner-on-bad-count! r (lambda (r count expected) (set-car! log (cons (list 'bad-count count expected) (car log)))))
    r))

(define log (list '()))
(test-with-runner (logging-runner log)
  (test-begin "outer" 6)
  (test-assert "one" #t)
  (test-equal "two" 2 (+ 1 1))
  (test-skip "three")
  (test-assert "three" #f)
  (test-expect-fail 1)
  (test-assert "four" #f)
  (test-expect-fail "five")
  (test-assert "five" #t)
  (test-group "inner" (test-eqv "six" 6 (* 2 3)) (test-error "seven" (car '())))
  (test-end "outer"))
(test-equal "a custom runner sees each kind of result, the count and the totals"
  '(pass pass skip xfail xpass pass pass (bad-count 7 6) (final 4 0 1 1 1))
  (reverse (car log)))

(define log2 (list '()))
(test-apply (logging-runner log2) (test-match-name "b")
  (lambda () (test-begin "g") (test-assert "a" #t) (test-assert "b" #t) (test-assert "c" #f) (test-end "g")))
(test-equal "test-apply runs only the chosen tests" '(skip pass skip (final 1 0 0 0 2)) (reverse (car log2)))

(define log3 (list '()))
(test-with-runner (logging-runner log3)
  (test-begin "specifiers")
  (test-skip (test-match-all (test-match-nth 2 2) (test-match-name "y")))
  (test-assert "x" #t)
  (test-assert "y" #f)
  (test-assert "z" #t)
  (test-skip (test-match-any "p" "q"))
  (test-assert "p" #f)
  (test-assert "q" #f)
  (test-assert "r" #t)
  (test-end "specifiers"))
(test-equal "test-match-nth, -all and -any" '(pass skip pass skip skip pass (final 3 0 0 0 3))
  (reverse (car log3)))

(define quiet (test-runner-null))
(define results
  (test-with-runner quiet
    (test-begin "results")
    (test-equal "x" 1 2)
    (let ((first (list (test-result-ref quiet 'expected-value) (test-result-ref quiet 'actual-value)
                       (test-result-kind quiet) (test-passed? quiet) (test-runner-group-path quiet)
                       (test-runner-test-name quiet))))
      (test-result-set! quiet 'note 1)
      (let ((noted (test-result-ref quiet 'note)))
        (test-result-clear quiet)
        (test-end "results")
        (append first (list noted (test-result-ref quiet 'note 'gone)))))))
(test-equal "the result alist" '(1 2 fail #f ("results") "x" 1 gone) results)
(test-equal "test-read-eval-string" 3 (test-read-eval-string "(+ 1 2)"))
(test-assert "runners" (and (test-runner? quiet) (test-runner? (test-runner-current))))
(test-approximate "test-approximate" 3.14 (* 4 (atan 1)) 0.01)

(test-end "srfi-64")
