;;; (web uri) -- URIs as Guile's (web uri) has them (RFC 3986): parsing
;;; into a <uri> record, writing back, and percent-encoding. Guix code
;;; parses origin URLs (mirror://, https://, file://) with it.

(define-module (web uri)
  #:use-module (srfi srfi-14)
  #:use-module (ice-9 regex)
  #:export (uri? uri-scheme uri-userinfo uri-host uri-port uri-path uri-query uri-fragment
            build-uri build-uri-reference build-relative-ref declare-default-port!
            string->uri string->uri-reference string->relative-ref
            uri-reference? relative-ref? uri->string
            uri-decode uri-encode split-and-decode-uri-path encode-and-join-uri-path))

(define-record-type <uri>
  (make-uri scheme userinfo host port path query fragment)
  uri-reference?
  (scheme uri-scheme)
  (userinfo uri-userinfo)
  (host uri-host)
  (port uri-port)
  (path uri-path)
  (query uri-query)
  (fragment uri-fragment))

(define (uri? x) (and (uri-reference? x) (uri-scheme x) #t))
(define (relative-ref? x) (and (uri-reference? x) (not (uri-scheme x))))

;;; Default ports, which uri->string leaves out.
(define %default-ports (list (cons 'http 80) (cons 'https 443) (cons 'ws 80) (cons 'wss 443)))
(define (declare-default-port! scheme port)
  (set! %default-ports (cons (cons scheme port) %default-ports)))
(define (default-port? scheme port)
  (let ((entry (assq scheme %default-ports)))
    (and entry (eqv? (cdr entry) port))))

(define* (build-uri-reference #:key scheme userinfo host port (path "") query fragment (validate? #t))
  (make-uri scheme userinfo host port path query fragment))
(define* (build-uri scheme #:key userinfo host port (path "") query fragment (validate? #t))
  (make-uri scheme userinfo host port path query fragment))
(define* (build-relative-ref #:key userinfo host port (path "") query fragment (validate? #t))
  (make-uri #f userinfo host port path query fragment))

;;; RFC 3986, appendix B: scheme, authority, path, query, fragment.
(define %uri-regexp (make-regexp "^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\\?([^#]*))?(#(.*))?$"))
(define %scheme-regexp (make-regexp "^[a-zA-Z][a-zA-Z0-9+.-]*$"))
(define %authority-regexp (make-regexp "^(([^@]*)@)?(\\[[0-9a-fA-F:.]*\\]|[^:]*)(:([0-9]*))?$"))
(define %host-regexp (make-regexp "^[a-zA-Z0-9._~%!$&'()*+,;=-]*$"))

(define (parse text)
  ;; A <uri> for TEXT, or #f if it is not a URI reference.
  (let ((m (regexp-exec %uri-regexp text)))
    (and m
         (let ((scheme (match:substring m 2))
               (authority (match:substring m 4)))
           (and (or (not scheme) (regexp-exec %scheme-regexp scheme))
                (let ((parts (and authority (regexp-exec %authority-regexp authority))))
                  (and (or (not authority) parts)
                       (let ((host (and parts (match:substring parts 3)))
                             (port (and parts (match:substring parts 5))))
                         (and (or (not host) (string-prefix? "[" host) (regexp-exec %host-regexp host))
                              (make-uri (and scheme (string->symbol (string-downcase scheme)))
                                        (and parts (match:substring parts 2))
                                        (cond ((not host) #f)
                                              ((string-prefix? "[" host) (substring host 1 (- (string-length host) 1)))
                                              ((string-null? host) #f)
                                              (else host))
                                        (and port (not (string-null? port)) (string->number port))
                                        (match:substring m 5)
                                        (match:substring m 7)
                                        (match:substring m 9)))))))))))

(define (string->uri-reference text) (parse text))
(define (string->uri text)
  (let ((uri (parse text))) (and uri (uri-scheme uri) uri)))
(define (string->relative-ref text)
  (let ((uri (parse text))) (and uri (not (uri-scheme uri)) uri)))

(define* (uri->string uri #:key (include-fragment? #t))
  (let ((scheme (uri-scheme uri))
        (host (uri-host uri))
        (port (uri-port uri)))
    (string-append
     (if scheme (string-append (symbol->string scheme) ":") "")
     (if host
         (string-append "//"
                        (if (uri-userinfo uri) (string-append (uri-userinfo uri) "@") "")
                        (if (string-index host #\:) (string-append "[" host "]") host)
                        (if (and port (not (default-port? scheme port)))
                            (string-append ":" (number->string port))
                            ""))
         "")
     (uri-path uri)
     (if (uri-query uri) (string-append "?" (uri-query uri)) "")
     (if (and include-fragment? (uri-fragment uri)) (string-append "#" (uri-fragment uri)) ""))))

;;; Percent-encoding, byte by byte of the text's UTF-8.
(define %unreserved (string->char-set "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"))

(define* (uri-encode text #:key (encoding "utf-8") (unescaped-chars %unreserved))
  (string-concatenate
   (map (lambda (c)
          (if (char-set-contains? unescaped-chars c)
              (string c)
              (string-concatenate
               (map (lambda (byte)
                      (string-append "%" (if (< byte 16) "0" "") (string-upcase (number->string byte 16))))
                    (bytevector->u8-list (string->utf8 (string c)))))))
        (string->list text))))

(define* (uri-decode text #:key (encoding "utf-8") (decode-plus-to-space? #t))
  (let loop ((chars (string->list text)) (bytes '()))
    (cond ((null? chars) (utf8->string (u8-list->bytevector (reverse bytes))))
          ((and (char=? (car chars) #\%) (pair? (cdr chars)) (pair? (cddr chars))
                (string->number (string (cadr chars) (caddr chars)) 16))
           => (lambda (byte) (loop (cdddr chars) (cons byte bytes))))
          ((and decode-plus-to-space? (char=? (car chars) #\+)) (loop (cdr chars) (cons 32 bytes)))
          (else (loop (cdr chars) (append (reverse (bytevector->u8-list (string->utf8 (string (car chars))))) bytes))))))

(define (split-and-decode-uri-path path)
  (map uri-decode (filter (lambda (s) (not (string-null? s))) (string-split path #\/))))
(define (encode-and-join-uri-path parts)
  (string-join (map uri-encode parts) "/"))
