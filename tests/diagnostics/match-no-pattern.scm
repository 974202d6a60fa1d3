(use-modules (ice-9 match))

(define (area shape)
  (match shape
    (('square side) (* side side))
    (('rect w h) (* w h))))

(display (area '(circle 2)))
