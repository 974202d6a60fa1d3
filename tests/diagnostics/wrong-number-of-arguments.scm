(define (area width height)
  (* width height))
(area 3)
