;;; (ice-9 eval-string) -- evaluate the forms a string holds.

(define-module (ice-9 eval-string)
  #:export (eval-string))

(define* (eval-string string #:key (module (current-module)) file line column lang compile?)
  ;; The value of the last form, each evaluated in MODULE in turn. FILE,
  ;; LINE, COLUMN, LANG and COMPILE? are accepted for Guile's callers.
  (call-with-input-string string
    (lambda (port)
      (let loop ((result *unspecified*))
        (let ((form (read port)))
          (if (eof-object? form)
              result
              (loop (eval form module))))))))
