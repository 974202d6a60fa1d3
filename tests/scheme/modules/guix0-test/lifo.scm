;; An R7RS library for tests/scheme/r7rs-libraries.scm: exports, imports
;; with modifiers, cond-expand among the declarations.
(define-library (guix0-test lifo)
  (export make-lifo lifo? lifo-push! lifo-pop! lifo-size lifo-flavour)
  (import (scheme base)
          (only (srfi 1) fold))
  (begin
    (define-record-type <lifo>
      (%make-lifo items)
      lifo?
      (items lifo-items set-lifo-items!))
    
    (define (make-lifo . items) (%make-lifo (reverse items)))
    (define (lifo-push! s x) (set-lifo-items! s (cons x (lifo-items s))))
    (define (lifo-pop! s)
      (let ((top (car (lifo-items s))))
        (set-lifo-items! s (cdr (lifo-items s)))
        top))
    (define (lifo-size s) (fold (lambda (_ n) (+ n 1)) 0 (lifo-items s)))
    )
  (cond-expand
   (r7rs (begin (define (lifo-flavour) 'r7rs)))
   (else (begin (define (lifo-flavour) 'other)))))
