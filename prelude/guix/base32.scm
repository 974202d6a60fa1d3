;;; (guix base32): `(base32 "...")` decodes a nix-base32 digest (sha256,
;;; sha512 or sha1) when the file is loaded (so a bad hash is reported with its location); a string
;;; of x's (the seed's "xxxxxx") stands for a hash not known yet.

(define-module (guix base32)
  #:export (base32 placeholder-hash? nix-base32-string->bytevector bytevector->nix-base32-string
            bytevector->base32-string base32-string->bytevector))

(define (placeholder-hash? x)
  (and (string? x) (> (string-length x) 0) (string-every (lambda (c) (char=? c #\x)) x)))

(define-macro (base32 str)
  (cond ((placeholder-hash? str) str)
        ((string? str) (%decode-base32-hash str))
        (else `(nix-base32-string->bytevector ,str))))
