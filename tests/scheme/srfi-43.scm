;;; srfi-43.scm -- (srfi srfi-43): vector library. vector-map,
;;; vector-for-each, vector-fold and vector-count pass the index first;
;;; the searching procedures pass only the elements.

(use-modules (srfi srfi-64) (srfi srfi-43))

(test-begin "srfi-43")

;;; constructors
(test-equal "make-vector" #(x x) (make-vector 2 'x))
(test-equal "vector" #(1 2) (vector 1 2))
(test-equal "vector-unfold" #(1 2 4 8 16) (vector-unfold (lambda (i x) (values x (* x 2))) 5 1))
(test-equal "vector-unfold no seed" #(0 1 4 9) (vector-unfold (lambda (i) (* i i)) 4))
(test-equal "vector-unfold two seeds" #((0 . 10) (1 . 9))
  (vector-unfold (lambda (i a b) (values (cons a b) (+ a 1) (- b 1))) 2 0 10))
(test-equal "vector-unfold-right" #(2 1 0) (vector-unfold-right (lambda (i x) (values x (+ x 1))) 3 0))
(test-equal "vector-copy" #(1 2 3) (vector-copy #(1 2 3)))
(test-assert "vector-copy fresh" (let ((v (vector 1))) (not (eq? v (vector-copy v)))))
(test-equal "vector-copy start" #(2 3) (vector-copy #(1 2 3) 1))
(test-equal "vector-copy past the end pads with the unspecified value" (vector 3 (if #f #f))
  (vector-copy #(1 2 3) 2 4))
(test-equal "vector-copy range" #(2) (vector-copy #(1 2 3) 1 2))
(test-equal "vector-copy fill" #(2 x x) (vector-copy #(1 2) 1 4 'x))
(test-equal "vector-reverse-copy" #(3 2 1) (vector-reverse-copy #(1 2 3)))
(test-equal "vector-reverse-copy range" #(3 2) (vector-reverse-copy #(1 2 3 4) 1 3))
(test-equal "vector-append" #(1 2 3) (vector-append #(1) #(2 3) #()))
(test-equal "vector-append none" #() (vector-append))
(test-equal "vector-concatenate" #(a b c) (vector-concatenate '(#(a) #(b c))))

;;; predicates
(test-assert "vector?" (and (vector? #(1)) (not (vector? '(1)))))
(test-assert "vector-empty?" (vector-empty? #()))
(test-assert "not vector-empty?" (not (vector-empty? #(1))))
(test-assert "vector=" (vector= eq? #(a b) #(a b) #(a b)))
(test-assert "vector= differs" (not (vector= eq? #(a b) #(a c))))
(test-assert "vector= lengths" (not (vector= = #(1) #(1 2))))
(test-assert "vector= trivial" (and (vector= eq?) (vector= eq? #(1))))

;;; selectors
(test-eqv "vector-ref" 2 (vector-ref #(1 2) 1))
(test-eqv "vector-length" 3 (vector-length #(1 2 3)))

;;; iteration
(test-equal "vector-fold" '(c b a) (vector-fold (lambda (i acc x) (cons x acc)) '() #(a b c)))
(test-equal "vector-fold index" '(2 1 0) (vector-fold (lambda (i acc x) (cons i acc)) '() #(a b c)))
(test-eqv "vector-fold n-ary" 22 (vector-fold (lambda (i acc x y) (+ acc x y)) 0 #(1 2) #(9 10 11)))
(test-equal "vector-fold-right" '(a b c) (vector-fold-right (lambda (i acc x) (cons x acc)) '() #(a b c)))
(test-equal "vector-fold-right n-ary" '((a . 1) (b . 2))
  (vector-fold-right (lambda (i acc x y) (cons (cons x y) acc)) '() #(a b c) #(1 2)))
(test-equal "vector-map index first" #(0 2 6) (vector-map (lambda (i x) (* i x)) #(1 2 3)))
(test-equal "vector-map n-ary shortest" #(11 22) (vector-map (lambda (i x y) (+ x y)) #(1 2 3) #(10 20)))
(test-equal "vector-map!" #(10 21 32)
  (let ((v (vector 10 20 30))) (vector-map! (lambda (i x) (+ i x)) v) v))
(test-equal "vector-for-each" '((1 . b) (0 . a))
  (let ((acc '())) (vector-for-each (lambda (i x) (set! acc (cons (cons i x) acc))) #(a b)) acc))
(test-equal "vector-for-each n-ary" '(4 2)
  (let ((acc '())) (vector-for-each (lambda (i x y) (set! acc (cons (+ x y) acc))) #(1 1) #(1 3 5)) acc))
(test-eqv "vector-count" 2 (vector-count (lambda (i x) (even? x)) #(1 2 4)))
(test-eqv "vector-count n-ary" 1 (vector-count (lambda (i x y) (< x y)) #(1 5 9) #(2 4)))

;;; searching
(test-eqv "vector-index" 2 (vector-index even? #(1 3 4 6)))
(test-eqv "vector-index none" #f (vector-index even? #(1 3)))
(test-eqv "vector-index n-ary" 1 (vector-index < #(3 1 4) #(2 7 1)))
(test-eqv "vector-index-right" 3 (vector-index-right even? #(1 3 4 6 7)))
(test-eqv "vector-skip" 2 (vector-skip odd? #(1 3 4)))
(test-eqv "vector-skip none" #f (vector-skip odd? #(1 3)))
(test-eqv "vector-skip-right" 0 (vector-skip-right odd? #(2 3 5)))
(test-eqv "vector-any" 4 (vector-any (lambda (x) (and (even? x) x)) #(1 4 6)))
(test-eqv "vector-any none" #f (vector-any even? #(1 3)))
(test-eqv "vector-every" 5 (vector-every (lambda (x) (and (odd? x) x)) #(1 3 5)))
(test-eqv "vector-every fails" #f (vector-every odd? #(1 2)))
(test-eqv "vector-every empty" #t (vector-every odd? #()))
(test-eqv "vector-binary-search" 2 (vector-binary-search #(1 3 5 7) 5 -))
(test-eqv "vector-binary-search first" 0 (vector-binary-search #(1 3 5 7) 1 -))
(test-eqv "vector-binary-search last" 3 (vector-binary-search #(1 3 5 7) 7 -))
(test-eqv "vector-binary-search missing" #f (vector-binary-search #(1 3 5 7) 4 -))
(test-eqv "vector-binary-search empty" #f (vector-binary-search #() 4 -))
(test-eqv "vector-binary-search chars" 2
  (vector-binary-search #(#\a #\b #\c #\d #\e) #\c
                        (lambda (a b) (- (char->integer a) (char->integer b)))))

;;; mutators
(test-equal "vector-set!" #(1 x) (let ((v (vector 1 2))) (vector-set! v 1 'x) v))
(test-equal "vector-swap!" #(3 2 1) (let ((v (vector 1 2 3))) (vector-swap! v 0 2) v))
(test-equal "vector-fill!" #(0 0) (let ((v (vector 1 2))) (vector-fill! v 0) v))
(test-equal "vector-fill! range" #(1 0 0 4) (let ((v (vector 1 2 3 4))) (vector-fill! v 0 1 3) v))
(test-equal "vector-reverse!" #(4 3 2 1) (let ((v (vector 1 2 3 4))) (vector-reverse! v) v))
(test-equal "vector-reverse! range" #(1 4 3 2 5) (let ((v (vector 1 2 3 4 5))) (vector-reverse! v 1 4) v))
(test-equal "vector-copy!" #(b c 3 4) (let ((v (vector 1 2 3 4))) (vector-copy! v 0 #(a b c) 1) v))
(test-equal "vector-reverse-copy!" #(0 c b a 0)
  (let ((t (make-vector 5 0))) (vector-reverse-copy! t 1 #(a b c)) t))
(test-equal "vector-reverse-copy! range" #(c b 0)
  (let ((t (make-vector 3 0))) (vector-reverse-copy! t 0 #(a b c d) 1 3) t))

;;; conversion
(test-equal "vector->list" '(1 2 3) (vector->list #(1 2 3)))
(test-equal "vector->list range" '(2) (vector->list #(1 2 3) 1 2))
(test-equal "reverse-vector->list" '(3 2 1) (reverse-vector->list #(1 2 3)))
(test-equal "reverse-vector->list range" '(3 2) (reverse-vector->list #(1 2 3 4) 1 3))
(test-equal "list->vector" #(1 2) (list->vector '(1 2)))
(test-equal "list->vector range" #(2 3) (list->vector '(1 2 3 4) 1 3))
(test-equal "reverse-list->vector" #(3 2 1) (reverse-list->vector '(1 2 3)))
(test-error "vector-ref out of range" 'out-of-range (vector-ref (vector-copy #(1)) 5))

(test-end "srfi-43")
