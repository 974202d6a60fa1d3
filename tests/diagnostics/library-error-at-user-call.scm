;; An error raised inside guix0's library points at the user's call.
(define (padded who)
  (list (string-pad who 8)))
(display (padded 'world))
