;; A SRFI-35 condition no handler takes: its message is the error, and the
;; help names its types.
(use-modules (srfi srfi-35))

(define-condition-type &missing-input &error missing-input? (input missing-input-name))

(define (check-inputs inputs)
  (unless (member "gcc" inputs)
    (raise (condition (&message (message "package has no input named \"gcc\""))
                      (&missing-input (input "gcc"))))))

(check-inputs '("make" "sed"))
