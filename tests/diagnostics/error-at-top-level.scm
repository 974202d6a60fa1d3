;; `error` called by a top-level form points at the form.
(display "starting\n")
(error "cannot go on:" (quote config) 42)
