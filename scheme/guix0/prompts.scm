;;; Prompts from (ice-9 control), for escaping only: `abort-to-prompt`
;;; returns to the innermost `call-with-prompt` of its tag and calls the
;;; handler, as in Guile, but the continuation the handler receives cannot
;;; be resumed (guix0's continuations are not delimited); calling it is an
;;; error that says so. The root module offers these names, loading this
;;; file on first use.

(define-module (guix0 prompts)
  #:export (make-prompt-tag default-prompt-tag call-with-prompt abort-to-prompt let/ec))

(define* (make-prompt-tag #:optional (stem "prompt")) (list stem))
(define %default-prompt-tag (make-prompt-tag "default"))
(define (default-prompt-tag) %default-prompt-tag)

;; The prompts in force, innermost first: (tag . escape) pairs.
(define %prompts (make-parameter '()))
;; What an abort hands its prompt: (%aborted continuation arg ...).
(define %aborted (list 'aborted))

(define (call-with-prompt tag thunk handler)
  (let ((outcome (call/ec
                   (lambda (escape)
                     (parameterize ((%prompts (acons tag escape (%prompts))))
                       (call-with-values thunk list))))))
    (if (and (pair? outcome) (eq? (car outcome) %aborted))
        (apply handler (cdr outcome))
        (apply values outcome))))

(define (abort-to-prompt tag . args)
  (let ((prompt (assq tag (%prompts))))
    (unless prompt
      (scm-error 'misc-error "abort-to-prompt" "Abort to unknown prompt: ~S" (list tag) #f))
    ((cdr prompt) (cons* %aborted (unresumable tag) args))))

(define (unresumable tag)
  (lambda _
    (scm-error 'misc-error "abort-to-prompt"
               "guix0 cannot resume the continuation of an abort to ~S (its prompts only escape)"
               (list tag) #f)))

(define-syntax-rule (let/ec k body ...)
  (call/ec (lambda (k) body ...)))
