;; A failed command outside a build phase is reported as Guix reports it.
(use-modules (guix build utils))
(invoke "sh" "-c" "exit 4")
