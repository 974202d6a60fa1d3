;;; (guix utils): the helpers package definitions use most: keyword
;;; argument lists (`substitute-keyword-arguments`), version strings, the
;;; current and target systems, and the compilers for the target.

(define-module (guix utils)
  #:export (substitute-keyword-arguments strip-keyword-arguments ensure-keyword-arguments
            version-prefix version-major+minor+point version-major+minor version-major
            version-compare version>? version>=? version<? version<=?
            %current-system %current-target-system
            target-linux? target-hurd? target-64bit? target-x86-64? target-x86-32?
            target-aarch64? target-arm32? target-arm? target-riscv64? target-powerpc?
            cc-for-target cxx-for-target pkg-config-for-target
            string-replace-substring))

;;; Keyword argument lists

;; (substitute-keyword-arguments args ((#:kw var [default]) exp) ...):
;; args with the value of each #:kw replaced by exp, evaluated with var
;; bound to the old value. A missing #:kw is added when a default is
;; given (var is then the default), and otherwise left out.
(define-syntax substitute-keyword-arguments
  (syntax-rules ()
    ((_ args clause ...)
     (%substitute-keyword-arguments args (list (%keyword-substitution clause) ...)))))

(define-syntax %keyword-substitution
  (syntax-rules ()
    ((_ ((kw var) exp)) (list kw (lambda (var) exp) #f))
    ((_ ((kw var default) exp)) (list kw (lambda (var) exp) (lambda () default)))))

;; substitutions: (keyword new-value-procedure default-thunk-or-#f) each.
(define (%substitute-keyword-arguments args substitutions)
  (let loop ((rest args) (out '()) (seen '()))
    (cond ((null? rest)
           (append (reverse out)
                   (append-map (lambda (s)
                                 (let ((kw (car s)) (new (cadr s)) (default (caddr s)))
                                   (if (or (memq kw seen) (not default))
                                       '()
                                       (list kw (new (default))))))
                               substitutions)))
          ((and (keyword? (car rest)) (pair? (cdr rest)))
           (let ((s (assq (car rest) substitutions)))
             (loop (cddr rest)
                   (cons* (if s ((cadr s) (cadr rest)) (cadr rest)) (car rest) out)
                   (if s (cons (car rest) seen) seen))))
          (else (loop (cdr rest) (cons (car rest) out) seen)))))

;; args without the given keywords and their values.
(define (strip-keyword-arguments keywords args)
  (let loop ((rest args) (out '()))
    (cond ((null? rest) (reverse out))
          ((and (memq (car rest) keywords) (pair? (cdr rest))) (loop (cddr rest) out))
          (else (loop (cdr rest) (cons (car rest) out))))))

;; args with each keyword of kw/values (a keyword list) added if missing.
(define (ensure-keyword-arguments args kw/values)
  (let loop ((pairs kw/values) (out args))
    (if (or (null? pairs) (null? (cdr pairs)))
        out
        (loop (cddr pairs)
              (if (memq (car pairs) out) out (append out (list (car pairs) (cadr pairs))))))))

;;; Strings

;; str with every occurrence of old replaced by new.
(define (string-replace-substring str old new)
  (if (string-null? old)
      str
      (let loop ((start 0) (pieces '()))
        (let ((at (string-contains (substring str start) old)))
          (if at
              (loop (+ start at (string-length old))
                    (cons* new (substring str start (+ start at)) pieces))
              (string-concatenate-reverse (cons (substring str start) pieces)))))))

;;; Version strings

(define (version-components version)
  (let loop ((chars (string->list version)) (part '()) (parts '()))
    (cond ((null? chars) (reverse (cons (list->string (reverse part)) parts)))
          ((char=? (car chars) #\.) (loop (cdr chars) '() (cons (list->string (reverse part)) parts)))
          (else (loop (cdr chars) (cons (car chars) part) parts)))))

;; The first n dot-separated parts: (version-prefix "2.12.1" 2) is "2.12".
(define (version-prefix version n)
  (let loop ((parts (version-components version)) (n n) (out '()))
    (if (or (= n 0) (null? parts))
        (string-join (reverse out) ".")
        (loop (cdr parts) (- n 1) (cons (car parts) out)))))

(define (version-major+minor+point version) (version-prefix version 3))
(define (version-major+minor version) (version-prefix version 2))
(define (version-major version) (version-prefix version 1))

;; '<, '= or '>: parts compare as numbers when both are, else as strings;
;; a version that is a prefix of the other is the smaller.
(define (version-compare a b)
  (let loop ((as (version-components a)) (bs (version-components b)))
    (cond ((and (null? as) (null? bs)) '=)
          ((null? as) '<)
          ((null? bs) '>)
          (else
           (let ((x (string->number (car as))) (y (string->number (car bs))))
             (cond ((and x y (< x y)) '<)
                   ((and x y (> x y)) '>)
                   ((and x y) (loop (cdr as) (cdr bs)))
                   ((string<? (car as) (car bs)) '<)
                   ((string>? (car as) (car bs)) '>)
                   (else (loop (cdr as) (cdr bs)))))))))

(define (version>? a b) (eq? (version-compare a b) '>))
(define (version>=? a b) (not (eq? (version-compare a b) '<)))
(define (version<? a b) (eq? (version-compare a b) '<))
(define (version<=? a b) (not (eq? (version-compare a b) '>)))

;;; Systems

;; The system guix0 runs on, as Guix names it ("x86_64-linux").
(define %current-system
  (make-parameter
   (let ((machine (utsname:machine (uname))))
     (string-append (cond ((member machine '("i386" "i486" "i586" "i686")) "i686")
                          ((string-prefix? "armv7" machine) "armhf")
                          ((string=? machine "ppc64le") "powerpc64le")
                          (else machine))
                    "-linux"))))

;; #f: guix0 does not cross-compile.
(define %current-target-system (make-parameter #f))

(define (target) (or (%current-target-system) (%current-system)))

(define* (target-linux? #:optional (system (target))) (string-contains system "linux"))
(define* (target-hurd? #:optional (system (target))) (string-contains system "gnu"))
(define* (target-x86-64? #:optional (system (target))) (string-prefix? "x86_64-" system))
(define* (target-x86-32? #:optional (system (target)))
  (or (string-prefix? "i686-" system) (string-prefix? "i586-" system)))
(define* (target-aarch64? #:optional (system (target))) (string-prefix? "aarch64-" system))
(define* (target-arm32? #:optional (system (target)))
  (or (string-prefix? "arm" system) (string-prefix? "armhf-" system)))
(define* (target-arm? #:optional (system (target)))
  (or (target-arm32? system) (target-aarch64? system)))
(define* (target-riscv64? #:optional (system (target))) (string-prefix? "riscv64-" system))
(define* (target-powerpc? #:optional (system (target))) (string-prefix? "powerpc" system))
(define* (target-64bit? #:optional (system (target)))
  (any (lambda (prefix) (string-prefix? prefix system))
       '("x86_64-" "aarch64-" "mips64" "powerpc64" "riscv64-")))

;;; Compilers for the target: with no cross-compilation, the native ones.

(define* (cc-for-target #:optional (target (%current-target-system)))
  (if target (string-append target "-gcc") "gcc"))
(define* (cxx-for-target #:optional (target (%current-target-system)))
  (if target (string-append target "-g++") "g++"))
(define* (pkg-config-for-target #:optional (target (%current-target-system)))
  (if target (string-append target "-pkg-config") "pkg-config"))
