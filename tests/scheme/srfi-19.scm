;;; srfi-19.scm -- (srfi srfi-19): times, dates, their conversions,
;;; date->string and string->date. Dates are made with explicit zone offsets so that the
;;; results do not depend on the machine's time zone. Not compared:
;;; time-resolution (Guile's clock counts microseconds, guix0's
;;; nanoseconds).

(use-modules (srfi srfi-64) (srfi srfi-19))

(test-begin "srfi-19")

(define d (make-date 123456789 5 4 3 2 1 2000 0))        ; Sunday 2000-01-02 03:04:05 UTC
(define d2 (make-date 0 59 30 15 31 12 1999 3600))       ; Friday, one hour east

;;; times
(test-equal "make-time and its accessors" '(time-utc 5 7)
  (let ((t (make-time time-utc 5 7))) (list (time-type t) (time-nanosecond t) (time-second t))))
(test-assert "time?" (and (time? (make-time time-tai 0 0)) (not (time? 0))))
(test-equal "current-time is UTC by default" time-utc (time-type (current-time)))
(test-equal "current-time of another type" time-process (time-type (current-time time-process)))
(test-equal "monotonic time is TAI time" 37
  (- (time-second (current-time time-monotonic)) (time-second (current-time time-utc))))
(test-equal "time-difference" '(time-duration -2 -100)
  (let ((t (time-difference (make-time time-utc 100 10) (make-time time-utc 200 12))))
    (list (time-type t) (time-second t) (time-nanosecond t))))
(test-equal "add-duration carries nanoseconds" '(5 1)
  (let ((t (add-duration (make-time time-utc 999999999 1) (make-time time-duration 2 3))))
    (list (time-second t) (time-nanosecond t))))
(test-equal "subtract-duration" '(0 999999999)
  (let ((t (subtract-duration (make-time time-utc 0 2) (make-time time-duration 1 1))))
    (list (time-second t) (time-nanosecond t))))
(test-equal "add-duration! changes the time" 11
  (let ((t (make-time time-utc 0 10))) (add-duration! t (make-time time-duration 0 1)) (time-second t)))
(test-assert "comparisons"
  (and (time<? (make-time time-utc 0 1) (make-time time-utc 1 1))
       (time<=? (make-time time-utc 1 1) (make-time time-utc 1 1))
       (time=? (make-time time-utc 0 1) (make-time time-utc 0 1))
       (time>? (make-time time-utc 0 2) (make-time time-utc 999 1))
       (not (time>=? (make-time time-utc 0 1) (make-time time-utc 0 2)))))
(test-equal "copy-time is a new time" '(#t #f)
  (let* ((t (make-time time-utc 1 2)) (c (copy-time t))) (list (time=? t c) (eq? t c))))
(test-equal "UTC to TAI counts leap seconds" '(1500000037 946684832 0)
  (map time-second (list (time-utc->time-tai (make-time time-utc 0 1500000000))
                         (time-utc->time-tai (make-time time-utc 0 946684800))
                         (time-utc->time-tai (make-time time-utc 0 0)))))
(test-equal "TAI to UTC" 1500000000
  (time-second (time-tai->time-utc (make-time time-tai 0 1500000037))))
(test-equal "monotonic to UTC" '(time-utc 1500000000)
  (let ((t (time-monotonic->time-utc (make-time time-monotonic 0 1500000037))))
    (list (time-type t) (time-second t))))

;;; dates
(test-equal "date accessors" '(123456789 5 4 3 2 1 2000 0)
  (list (date-nanosecond d) (date-second d) (date-minute d) (date-hour d) (date-day d)
        (date-month d) (date-year d) (date-zone-offset d)))
(test-equal "year day, week day, week numbers" '(365 5 51 -1 2 0)
  (list (date-year-day d2) (date-week-day d2) (date-week-number d2 0) (date-week-number d 1)
        (date-year-day d) (date-week-day d)))
(test-equal "a leap year's last day" 366 (date-year-day (make-date 0 0 0 0 31 12 2024 0)))
(test-equal "time-utc->date" '(1970 1 2 0 0 0 5)
  (let ((x (time-utc->date (make-time time-utc 5 86400) 0)))
    (list (date-year x) (date-month x) (date-day x) (date-hour x) (date-minute x) (date-second x)
          (date-nanosecond x))))
(test-equal "time-utc->date before the epoch" '(1969 12 31 23 59 59)
  (let ((x (time-utc->date (make-time time-utc 0 -1) 0)))
    (list (date-year x) (date-month x) (date-day x) (date-hour x) (date-minute x) (date-second x))))
(test-equal "date->time-utc takes the zone offset off" 946650659 (time-second (date->time-utc d2)))
(test-equal "a date survives the round trip" '(2024 2 29 23 59 58 -18000)
  (let ((x (time-utc->date (date->time-utc (make-date 0 58 59 23 29 2 2024 -18000)) -18000)))
    (list (date-year x) (date-month x) (date-day x) (date-hour x) (date-minute x) (date-second x)
          (date-zone-offset x))))
(test-equal "julian days are exact" '(211813542245123456789/86400000000000 4453499045123456789/86400000000000 4881175/2)
  (list (date->julian-day d) (date->modified-julian-day d) (time-utc->julian-day (make-time time-utc 0 0))))
(test-equal "julian-day->date" '(2000 1 1 12)
  (let ((x (julian-day->date 2451545 0))) (list (date-year x) (date-month x) (date-day x) (date-hour x))))
(test-equal "current-date with an offset" 3600 (date-zone-offset (current-date 3600)))

;;; date->string
(define (both format) (list (date->string d format) (date->string d2 format)))
(test-equal "~a ~A ~b ~B" '("Sun Sunday Jan January" "Fri Friday Dec December") (both "~a ~A ~b ~B"))
(test-equal "~c, the default" '("Sun Jan 02 03:04:05Z 2000" "Fri Dec 31 15:30:59+0100 1999") (both "~c"))
(test-equal "date->string without a format is ~c" "Sun Jan 02 03:04:05Z 2000" (date->string d))
(test-equal "~d ~D ~e ~j" '("02 01/02/00  2 002" "31 12/31/99 31 365") (both "~d ~D ~e ~j"))
(test-equal "~f ~N" '("5.123456789 123456789" "59.0 000000000") (both "~f ~N"))
(test-equal "~H ~I ~k ~l ~p" '("03 03  3  3 AM" "15 03 15  3 PM") (both "~H ~I ~k ~l ~p"))
(test-equal "~m ~M ~S ~s" '("01 04 05 946782245" "12 30 59 946650659") (both "~m ~M ~S ~s"))
(test-equal "~r ~T ~x ~X" '("03:04:05 AM 03:04:05 01/02/00 03:04:05" "03:30:59 PM 15:30:59 12/31/99 15:30:59")
  (both "~r ~T ~x ~X"))
(test-equal "~U ~V ~w ~W" '("01 -1 0 00" "52 51 5 52") (both "~U ~V ~w ~W"))
(test-equal "~y ~Y ~z ~~" '("00 2000 Z ~" "99 1999 +0100 ~") (both "~y ~Y ~z ~~"))
(test-equal "~1 ~2 ~3" '("2000-01-02 03:04:05Z 03:04:05" "1999-12-31 15:30:59+0100 15:30:59")
  (both "~1 ~2 ~3"))
(test-equal "~4 ~5" '("2000-01-02T03:04:05Z 2000-01-02T03:04:05" "1999-12-31T15:30:59+0100 1999-12-31T15:30:59")
  (both "~4 ~5"))
(test-equal "a negative offset, midnight and noon" '("-0500 00 AM" "-0500 12 PM")
  (list (date->string (make-date 0 0 0 0 1 1 2024 -18000) "~z ~I ~p")
        (date->string (make-date 0 0 0 12 1 1 2024 -18000) "~z ~I ~p")))
(test-equal "ISO weeks at the turn of a year" "52 52 52"
  (date->string (make-date 0 0 0 13 31 12 2024 -18000) "~V ~U ~W"))

;;; string->date
(define (fields d)
  (list (date-year d) (date-month d) (date-day d) (date-hour d) (date-minute d) (date-second d)))
(test-equal "string->date, numeric" '(2024 2 29 13 5 9)
  (fields (string->date "2024-02-29 13:05:09" "~Y-~m-~d ~H:~M:~S")))
(test-equal "string->date with zones" '(3600 -19800 0)
  (map (lambda (s) (date-zone-offset (string->date s "~Y-~m-~dT~H:~M:~S~z")))
       '("2024-02-29T13:05:09+0100" "2024-02-29T13:05:09-0530" "2024-02-29T13:05:09Z")))
(test-equal "string->date with names" '((2024 2 29 0 0 0) (2024 2 29 0 0 0))
  (list (fields (string->date "Thursday, February 29, 2024 ~" "~A, ~B ~d, ~Y ~~"))
        (fields (string->date "Thu, 29 Feb 2024" "~a, ~d ~b ~Y"))))
(test-equal "string->date reads numbers of any width and ignores the rest" '(2024 1 5 0 0 0)
  (fields (string->date "2024-1-5 and more" "~Y-~m-~d")))
(test-equal "string->date and date->string agree" "2024-02-29T13:05:09+0100"
  (date->string (string->date "2024-02-29T13:05:09+0100" "~Y-~m-~dT~H:~M:~S~z") "~4"))
(test-error "string->date of text that does not fit" 'misc-error (string->date "x" "~Y"))
(test-error "string->date of a month name in the wrong case" 'misc-error (string->date "29 feb 2024" "~d ~b ~Y"))

(test-equal "string->date ~y: two digits, the year within 50 years of this one" '(2024 1999 3 1)
  (let ((a (string->date "24-03-01" "~y-~m-~d")) (b (string->date "9903 01" "~y~m ~d")))
    (list (date-year a) (date-year b) (date-month b) (date-day b))))
(test-end "srfi-19")
