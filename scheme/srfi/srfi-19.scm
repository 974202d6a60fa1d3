;;; (srfi srfi-19): time and date, with the interface of Guile's module.
;;;
;;; A time is a type (time-utc, time-tai, time-monotonic, time-process,
;;; time-thread or time-duration), seconds and nanoseconds; a date is a
;;; calendar date and time of day at a zone offset (seconds east of UTC).
;;; As in Guile, monotonic time is TAI time, and a negative duration has
;;; both its seconds and nanoseconds negative.

(define-module (srfi srfi-19)
  #:export (time-duration time-monotonic time-process time-tai time-thread time-utc
            make-time time? time-type time-nanosecond time-second
            set-time-type! set-time-nanosecond! set-time-second! copy-time
            current-time time-resolution
            time<=? time<? time=? time>=? time>?
            time-difference time-difference! add-duration add-duration!
            subtract-duration subtract-duration!
            make-date date? date-nanosecond date-second date-minute date-hour date-day
            date-month date-year date-zone-offset date-year-day date-week-day
            date-week-number current-date current-julian-day current-modified-julian-day
            time-utc->time-tai time-utc->time-tai! time-tai->time-utc time-tai->time-utc!
            time-utc->time-monotonic time-utc->time-monotonic!
            time-monotonic->time-utc time-monotonic->time-utc!
            time-tai->time-monotonic time-tai->time-monotonic!
            time-monotonic->time-tai time-monotonic->time-tai!
            time-utc->date time-tai->date time-monotonic->date
            date->time-utc date->time-tai date->time-monotonic
            date->julian-day date->modified-julian-day
            time-utc->julian-day time-utc->modified-julian-day
            time-tai->julian-day time-tai->modified-julian-day
            time-monotonic->julian-day time-monotonic->modified-julian-day
            julian-day->time-utc julian-day->time-tai julian-day->time-monotonic
            julian-day->date modified-julian-day->date
            modified-julian-day->time-utc modified-julian-day->time-tai
            modified-julian-day->time-monotonic
            date->string string->date))

(define time-duration 'time-duration)
(define time-monotonic 'time-monotonic)
(define time-process 'time-process)
(define time-tai 'time-tai)
(define time-thread 'time-thread)
(define time-utc 'time-utc)

(define nano 1000000000)
(define seconds-per-day 86400)

(define-record-type time
  (make-time type nanosecond second)
  time?
  (type time-type set-time-type!)
  (nanosecond time-nanosecond set-time-nanosecond!)
  (second time-second set-time-second!))

(define (copy-time t) (make-time (time-type t) (time-nanosecond t) (time-second t)))

(define (time->nanoseconds t) (+ (* (time-second t) nano) (time-nanosecond t)))

;; A time of TYPE that many nanoseconds long: seconds and nanoseconds
;; share their sign.
(define (nanoseconds->time type ns)
  (make-time type (truncate-remainder ns nano) (truncate-quotient ns nano)))

(define (store! t new)
  (set-time-type! t (time-type new))
  (set-time-nanosecond! t (time-nanosecond new))
  (set-time-second! t (time-second new))
  t)

;;; Leap seconds: TAI - UTC from each UTC second on (1972 to 2017).
(define (days-from-civil year month day)
  ;; Days since 1970-01-01 of a date of the proleptic Gregorian calendar.
  (let* ((y (if (<= month 2) (- year 1) year))
         (era (floor-quotient y 400))
         (year-of-era (- y (* era 400)))
         (day-of-year (+ (quotient (+ (* 153 (+ month (if (> month 2) -3 9))) 2) 5) (- day 1)))
         (day-of-era (+ (* year-of-era 365) (quotient year-of-era 4) (- (quotient year-of-era 100))
                        day-of-year)))
    (+ (* era 146097) day-of-era -719468)))

(define leap-seconds
  (map (lambda (entry)
         (cons (* seconds-per-day (days-from-civil (car entry) (cadr entry) 1)) (caddr entry)))
       '((2017 1 37) (2015 7 36) (2012 7 35) (2009 1 34) (2006 1 33) (1999 1 32)
         (1997 7 31) (1996 1 30) (1994 7 29) (1993 7 28) (1992 7 27) (1991 1 26)
         (1990 1 25) (1988 1 24) (1985 7 23) (1983 7 22) (1982 7 21) (1981 7 20)
         (1980 1 19) (1979 1 18) (1978 1 17) (1977 1 16) (1976 1 15) (1975 1 14)
         (1974 1 13) (1973 1 12) (1972 7 11) (1972 1 10))))

;; TAI - UTC at the first table entry IN-EFFECT? holds for.
(define (leap-seconds-where in-effect?)
  (let loop ((table leap-seconds))
    (cond ((null? table) 0)
          ((in-effect? (car table)) (cdar table))
          (else (loop (cdr table))))))
(define (leap-seconds-at utc-second)
  (leap-seconds-where (lambda (entry) (>= utc-second (car entry)))))
(define (leap-seconds-at-tai tai-second)
  (leap-seconds-where (lambda (entry) (>= (- tai-second (cdr entry)) (car entry)))))

(define (check-type who t type)
  (unless (eq? (time-type t) type)
    (error (string-append (symbol->string who) ": expected a time of type "
                          (symbol->string type) ", got")
           t)))

(define (current-time . type)
  (let ((type (if (pair? type) (car type) time-utc)))
    (case type
      ((time-utc) (clock-time time-utc))
      ((time-tai) (time-utc->time-tai (clock-time time-utc)))
      ((time-monotonic) (time-utc->time-monotonic (clock-time time-utc)))
      ((time-process time-thread) (clock-time type))
      (else (error "current-time: unknown time type" type)))))

(define (clock-time type)
  (let ((now (%clock-time type)))
    (make-time type (cdr now) (car now))))

(define (time-resolution . type) 1)

(define (compare who t1 t2)
  (unless (eq? (time-type t1) (time-type t2))
    (error (string-append (symbol->string who) ": times of different types") t1 t2))
  (- (time->nanoseconds t1) (time->nanoseconds t2)))

(define (time<=? t1 t2) (<= (compare 'time<=? t1 t2) 0))
(define (time<? t1 t2) (< (compare 'time<? t1 t2) 0))
(define (time=? t1 t2) (= (compare 'time=? t1 t2) 0))
(define (time>=? t1 t2) (>= (compare 'time>=? t1 t2) 0))
(define (time>? t1 t2) (> (compare 'time>? t1 t2) 0))

(define (time-difference t1 t2)
  (nanoseconds->time time-duration (compare 'time-difference t1 t2)))
(define (time-difference! t1 t2) (store! t1 (time-difference t1 t2)))

(define (add-duration t duration)
  (check-type 'add-duration duration time-duration)
  (nanoseconds->time (time-type t) (+ (time->nanoseconds t) (time->nanoseconds duration))))
(define (add-duration! t duration) (store! t (add-duration t duration)))

(define (subtract-duration t duration)
  (check-type 'subtract-duration duration time-duration)
  (nanoseconds->time (time-type t) (- (time->nanoseconds t) (time->nanoseconds duration))))
(define (subtract-duration! t duration) (store! t (subtract-duration t duration)))

;;; Conversions between time types.
(define (time-utc->time-tai t)
  (check-type 'time-utc->time-tai t time-utc)
  (make-time time-tai (time-nanosecond t) (+ (time-second t) (leap-seconds-at (time-second t)))))
(define (time-tai->time-utc t)
  (make-time time-utc (time-nanosecond t) (- (time-second t) (leap-seconds-at-tai (time-second t)))))
(define (time-utc->time-monotonic t)
  (let ((tai (time-utc->time-tai t))) (set-time-type! tai time-monotonic) tai))
(define (time-monotonic->time-utc t)
  (check-type 'time-monotonic->time-utc t time-monotonic)
  (time-tai->time-utc t))
(define (time-tai->time-monotonic t)
  (check-type 'time-tai->time-monotonic t time-tai)
  (make-time time-monotonic (time-nanosecond t) (time-second t)))
(define (time-monotonic->time-tai t)
  (check-type 'time-monotonic->time-tai t time-monotonic)
  (make-time time-tai (time-nanosecond t) (time-second t)))
(define (time-utc->time-tai! t) (store! t (time-utc->time-tai t)))
(define (time-tai->time-utc! t) (store! t (time-tai->time-utc t)))
(define (time-utc->time-monotonic! t) (store! t (time-utc->time-monotonic t)))
(define (time-monotonic->time-utc! t) (store! t (time-monotonic->time-utc t)))
(define (time-tai->time-monotonic! t) (store! t (time-tai->time-monotonic t)))
(define (time-monotonic->time-tai! t) (store! t (time-monotonic->time-tai t)))

;;; Dates.
(define-record-type date
  (make-date nanosecond second minute hour day month year zone-offset)
  date?
  (nanosecond date-nanosecond)
  (second date-second)
  (minute date-minute)
  (hour date-hour)
  (day date-day)
  (month date-month)
  (year date-year)
  (zone-offset date-zone-offset))

(define (civil-from-days days)
  ;; (year month day) of a count of days since 1970-01-01.
  (let* ((z (+ days 719468))
         (era (floor-quotient z 146097))
         (day-of-era (- z (* era 146097)))
         (year-of-era (quotient (- day-of-era (quotient day-of-era 1460) (- (quotient day-of-era 36524))
                                   (quotient day-of-era 146096))
                                365))
         (day-of-year (- day-of-era (+ (* 365 year-of-era) (quotient year-of-era 4))
                         (- (quotient year-of-era 100))))
         (mp (quotient (+ (* 5 day-of-year) 2) 153))
         (day (+ (- day-of-year (quotient (+ (* 153 mp) 2) 5)) 1))
         (month (if (< mp 10) (+ mp 3) (- mp 9)))
         (year (+ year-of-era (* era 400) (if (<= month 2) 1 0))))
    (list year month day)))

(define (time-utc->date t . offset)
  (check-type 'time-utc->date t time-utc)
  (let* ((offset (if (pair? offset) (car offset) (%utc-offset (time-second t))))
         (local (+ (time-second t) offset))
         (days (floor-quotient local seconds-per-day))
         (in-day (floor-remainder local seconds-per-day))
         (ymd (civil-from-days days)))
    (make-date (time-nanosecond t) (remainder in-day 60) (quotient (remainder in-day 3600) 60)
               (quotient in-day 3600) (caddr ymd) (cadr ymd) (car ymd) offset)))
(define (time-tai->date t . offset) (apply time-utc->date (time-tai->time-utc t) offset))
(define (time-monotonic->date t . offset) (apply time-utc->date (time-monotonic->time-utc t) offset))

(define (date->time-utc d)
  (make-time time-utc (date-nanosecond d)
             (+ (* seconds-per-day (days-from-civil (date-year d) (date-month d) (date-day d)))
                (* 3600 (date-hour d)) (* 60 (date-minute d)) (date-second d)
                (- (date-zone-offset d)))))
(define (date->time-tai d) (time-utc->time-tai (date->time-utc d)))
(define (date->time-monotonic d) (time-utc->time-monotonic (date->time-utc d)))

(define (current-date . offset) (apply time-utc->date (current-time time-utc) offset))

(define (leap-year? year)
  (and (zero? (modulo year 4)) (or (not (zero? (modulo year 100))) (zero? (modulo year 400)))))

(define (date-year-day d)
  (+ 1 (- (days-from-civil (date-year d) (date-month d) (date-day d))
          (days-from-civil (date-year d) 1 1))))

;; 0 for Sunday; 1970-01-01 was a Thursday.
(define (date-week-day d)
  (modulo (+ 4 (days-from-civil (date-year d) (date-month d) (date-day d))) 7))

;; Days of the year before its first week starting on FIRST-DAY.
(define (days-before-first-week d first-day)
  (modulo (- first-day (modulo (+ 4 (days-from-civil (date-year d) 1 1)) 7)) 7))

(define (date-week-number d first-day)
  (floor-quotient (- (date-year-day d) (days-before-first-week d first-day) 1) 7))

;;; Julian days, exact.
(define unix-epoch-julian-day 4881175/2)
(define modified-julian-day-origin 4800001/2)

(define (time-utc->julian-day t)
  (check-type 'time-utc->julian-day t time-utc)
  (+ unix-epoch-julian-day (/ (time->nanoseconds t) (* seconds-per-day nano))))
(define (time-utc->modified-julian-day t) (- (time-utc->julian-day t) modified-julian-day-origin))
(define (time-tai->julian-day t) (time-utc->julian-day (time-tai->time-utc t)))
(define (time-tai->modified-julian-day t) (time-utc->modified-julian-day (time-tai->time-utc t)))
(define (time-monotonic->julian-day t) (time-utc->julian-day (time-monotonic->time-utc t)))
(define (time-monotonic->modified-julian-day t)
  (time-utc->modified-julian-day (time-monotonic->time-utc t)))
(define (date->julian-day d) (time-utc->julian-day (date->time-utc d)))
(define (date->modified-julian-day d) (time-utc->modified-julian-day (date->time-utc d)))
(define (current-julian-day) (time-utc->julian-day (current-time time-utc)))
(define (current-modified-julian-day) (time-utc->modified-julian-day (current-time time-utc)))

(define (julian-day->time-utc jd)
  (nanoseconds->time time-utc
                     (round (* (- jd unix-epoch-julian-day) seconds-per-day nano))))
(define (julian-day->time-tai jd) (time-utc->time-tai (julian-day->time-utc jd)))
(define (julian-day->time-monotonic jd) (time-utc->time-monotonic (julian-day->time-utc jd)))
(define (julian-day->date jd . offset) (apply time-utc->date (julian-day->time-utc jd) offset))
(define (modified-julian-day->time-utc mjd) (julian-day->time-utc (+ mjd modified-julian-day-origin)))
(define (modified-julian-day->time-tai mjd) (julian-day->time-tai (+ mjd modified-julian-day-origin)))
(define (modified-julian-day->time-monotonic mjd)
  (julian-day->time-monotonic (+ mjd modified-julian-day-origin)))
(define (modified-julian-day->date mjd . offset)
  (apply julian-day->date (+ mjd modified-julian-day-origin) offset))

;;; date->string.
(define day-names '#("Sunday" "Monday" "Tuesday" "Wednesday" "Thursday" "Friday" "Saturday"))
(define month-names
  '#("January" "February" "March" "April" "May" "June" "July" "August" "September" "October"
     "November" "December"))

(define (abbreviation name) (substring name 0 3))

;; N in at least WIDTH characters, padded on the left with PAD.
(define (padded n width pad)
  (let ((s (number->string n)))
    (if (< (string-length s) width)
        (string-append (make-string (- width (string-length s)) pad) s)
        s)))

(define (zone-string offset)
  (if (zero? offset)
      "Z"
      (let ((minutes (quotient (abs offset) 60)))
        (string-append (if (negative? offset) "-" "+")
                       (padded (quotient minutes 60) 2 #\0)
                       (padded (remainder minutes 60) 2 #\0)))))

;; Weeks as ~U and ~W count them: the first partial week is week 0.
(define (week-of-year d first-day)
  (let ((n (date-week-number d first-day)))
    (padded (if (> (days-before-first-week d first-day) 0) (+ n 1) n) 2 #\0)))

;; As Guile: 13 to 23 lose 12, midnight stays 0.
(define (twelve-hour h) (if (> h 12) (- h 12) h))

(define (directive d c)
  (case c
    ((#\~) "~")
    ((#\a) (abbreviation (vector-ref day-names (date-week-day d))))
    ((#\A) (vector-ref day-names (date-week-day d)))
    ((#\b #\h) (abbreviation (vector-ref month-names (- (date-month d) 1))))
    ((#\B) (vector-ref month-names (- (date-month d) 1)))
    ((#\c) (date->string d "~a ~b ~d ~H:~M:~S~z ~Y"))
    ((#\d) (padded (date-day d) 2 #\0))
    ((#\D #\x) (date->string d "~m/~d/~y"))
    ((#\e) (padded (date-day d) 2 #\space))
    ((#\f) (number->string (exact->inexact (+ (date-second d) (/ (date-nanosecond d) nano)))))
    ((#\H) (padded (date-hour d) 2 #\0))
    ((#\I) (padded (twelve-hour (date-hour d)) 2 #\0))
    ((#\j) (padded (date-year-day d) 3 #\0))
    ((#\k) (padded (date-hour d) 2 #\space))
    ((#\l) (padded (twelve-hour (date-hour d)) 2 #\space))
    ((#\m) (padded (date-month d) 2 #\0))
    ((#\M) (padded (date-minute d) 2 #\0))
    ((#\n) "\n")
    ((#\N) (padded (date-nanosecond d) 9 #\0))
    ((#\p) (if (< (date-hour d) 12) "AM" "PM"))
    ((#\r) (date->string d "~I:~M:~S ~p"))
    ((#\s) (number->string (time-second (date->time-utc d))))
    ((#\S) (padded (date-second d) 2 #\0))
    ((#\t) "\t")
    ((#\T #\X #\3) (date->string d "~H:~M:~S"))
    ((#\U) (week-of-year d 0))
    ((#\V) (padded (date-week-number d 1) 2 #\0))
    ((#\w) (number->string (date-week-day d)))
    ((#\W) (week-of-year d 1))
    ((#\y) (padded (modulo (date-year d) 100) 2 #\0))
    ((#\Y) (number->string (date-year d)))
    ((#\z) (zone-string (date-zone-offset d)))
    ((#\1) (date->string d "~Y-~m-~d"))
    ((#\2) (date->string d "~H:~M:~S~z"))
    ((#\4) (date->string d "~Y-~m-~dT~H:~M:~S~z"))
    ((#\5) (date->string d "~Y-~m-~dT~H:~M:~S"))
    (else (error "date->string: unknown directive" (string #\~ c)))))

(define* (date->string d #:optional (format "~c"))
  (let ((n (string-length format)))
    (let loop ((i 0) (pieces '()))
      (cond ((= i n) (apply string-append (reverse pieces)))
            ((and (char=? (string-ref format i) #\~) (< (+ i 1) n))
             (loop (+ i 2) (cons (directive d (string-ref format (+ i 1))) pieces)))
            (else (loop (+ i 1) (cons (string (string-ref format i)) pieces)))))))

;;; string->date: the template's directives read fields, its other
;;; characters must appear as they are. Numbers are read greedily; as in
;;; Guile, names are matched with their case and text after the template's
;;; end is ignored.
(define (string->date text template)
  (define n (string-length text))
  (define (fail what)
    (error (string-append "string->date: " what) text template))
  (define (skip-blanks i)
    (if (and (< i n) (char=? (string-ref text i) #\space)) (skip-blanks (+ i 1)) i))
  ;; The number at I: (value . next index).
  (define (number-at i)
    (let loop ((j i) (value 0))
      (if (and (< j n) (char-numeric? (string-ref text j)))
          (loop (+ j 1) (+ (* value 10) (- (char->integer (string-ref text j)) 48)))
          (if (= j i) (fail "expected a number") (cons value j)))))
  ;; The index in NAMES of the name (or its abbreviation) at I.
  (define (name-at i names abbreviated?)
    (let loop ((k 0))
      (if (= k (vector-length names))
          (fail "expected a day or month name")
          (let* ((name (vector-ref names k))
                 (name (if abbreviated? (abbreviation name) name))
                 (end (+ i (string-length name))))
            (if (and (<= end n) (string=? name (substring text i end)))
                (cons k end)
                (loop (+ k 1)))))))
  (define (zone-at i)
    (cond ((and (< i n) (char=? (string-ref text i) #\Z)) (cons 0 (+ i 1)))
          ((and (<= (+ i 5) n) (memv (string-ref text i) '(#\+ #\-)))
           (let* ((digits (number-at (+ i 1)))
                  (seconds (+ (* 3600 (quotient (car digits) 100)) (* 60 (remainder (car digits) 100)))))
             (cons (if (char=? (string-ref text i) #\-) (- seconds) seconds) (cdr digits))))
          (else (fail "expected a time zone, Z or +hhmm"))))
  (let loop ((t 0) (i 0) (fields '()))
    (cond
     ((= t (string-length template))
      (let ((field (lambda (key default)
                     (cond ((assq key fields) => cdr)
                           ((eq? default 'required)
                            (fail (string-append "the template reads no " (symbol->string key))))
                           (else default)))))
        (let ((year (field 'year 'required)) (month (field 'month 'required))
              (day (field 'day 'required)) (hour (field 'hour 0)) (minute (field 'minute 0))
              (second (field 'second 0)))
          (make-date 0 second minute hour day month year
                     (field 'zone-offset
                            (%utc-offset (time-second (date->time-utc
                                                        (make-date 0 second minute hour day
                                                                   month year 0)))))))))
     ((and (char=? (string-ref template t) #\~) (< (+ t 1) (string-length template)))
      (let ((c (string-ref template (+ t 1))) (next (+ t 2)))
        (define (read-number key at)
          (let ((r (number-at at))) (loop next (cdr r) (cons (cons key (car r)) fields))))
        (case c
          ((#\~) (if (and (< i n) (char=? (string-ref text i) #\~))
                     (loop next (+ i 1) fields)
                     (fail "expected ~")))
          ((#\a #\A) (loop next (cdr (name-at i day-names (char=? c #\a))) fields))
          ((#\b #\h #\B)
           (let ((r (name-at i month-names (not (char=? c #\B)))))
             (loop next (cdr r) (cons (cons 'month (+ 1 (car r))) fields))))
          ((#\d) (read-number 'day i))
          ((#\e) (read-number 'day (skip-blanks i)))
          ((#\H) (read-number 'hour i))
          ((#\k) (read-number 'hour (skip-blanks i)))
          ((#\m) (read-number 'month i))
          ((#\M) (read-number 'minute i))
          ((#\S) (read-number 'second i))
          ((#\Y) (read-number 'year i))
          ;; Two digits: the year within 50 years of this one.
          ((#\y) (let* ((r (number-at i))
                        (r (if (> (- (cdr r) i) 2) (cons (string->number (substring text i (+ i 2))) (+ i 2)) r))
                        (this (date-year (current-date)))
                        (year (+ (* 100 (quotient this 100)) (car r))))
                   (loop next (cdr r) (cons (cons 'year (if (> (- year this) 50) (- year 100) year)) fields))))
          ((#\z) (let ((r (zone-at i))) (loop next (cdr r) (cons (cons 'zone-offset (car r)) fields))))
          (else (error "string->date: unknown directive" (string #\~ c))))))
     ((and (< i n) (char=? (string-ref template t) (string-ref text i)))
      (loop (+ t 1) (+ i 1) fields))
     (else (fail (string-append "expected " (string (string-ref template t))))))))

