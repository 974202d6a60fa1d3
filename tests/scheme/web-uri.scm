;;; web-uri.scm -- (web uri) as Guix code uses it on origin URLs: parsing
;;; into parts, writing back (default ports left out, IPv6 hosts in
;;; brackets), validation, and percent-encoding. Runs under guix0 and
;;; Guile 3 alike.

(use-modules (srfi srfi-64) (srfi srfi-14) (web uri))

(test-begin "web-uri")

(define (parts text)
  (let ((u (string->uri text)))
    (and u (list (uri-scheme u) (uri-userinfo u) (uri-host u) (uri-port u)
                 (uri-path u) (uri-query u) (uri-fragment u)))))

(test-equal "every part"
  '(https "user:pw" "ftp.gnu.org" 8080 "/gnu/hello/hello-2.10.tar.gz" "x=1&y" "frag")
  (parts "https://user:pw@ftp.gnu.org:8080/gnu/hello/hello-2.10.tar.gz?x=1&y#frag"))
(test-equal "a Guix mirror URL" '(mirror #f "gnu" #f "/hello/hello-2.10.tar.gz" #f #f)
  (parts "mirror://gnu/hello/hello-2.10.tar.gz"))
(test-equal "an empty authority has no host" '(file #f #f #f "/tmp/a%20b" #f #f) (parts "file:///tmp/a%20b"))
(test-equal "an IPv6 host" '(http #f "::1" 80 "/x" #f #f) (parts "http://[::1]:80/x"))
(test-equal "an empty port" #f (uri-port (string->uri "ftp://ftp.gnu.org:/pub")))
(test-equal "the scheme is downcased, the host is not" '(http "Example.ORG")
  (let ((u (string->uri "HTTP://Example.ORG/"))) (list (uri-scheme u) (uri-host u))))
(test-equal "a URI without authority" '(urn #f #f #f "isbn:123" #f #f) (parts "urn:isbn:123"))
(test-equal "not URIs" '(#f #f #f #f)
  (map string->uri '("/relative/path" "http://a b" "1http://x" "http://x:abc/")))
(test-assert "uri?" (and (uri? (string->uri "http://x")) (not (uri? 'x))))

(test-equal "uri->string"
  '("https://user:pw@ftp.gnu.org:8080/gnu/hello.tar.gz?x=1#f" "file:/tmp/a" "http://[::1]/x"
    "http://example.org/" "git+ssh://git@host/repo.git" "x:y:z")
  (map (lambda (text) (uri->string (string->uri text)))
       '("https://user:pw@ftp.gnu.org:8080/gnu/hello.tar.gz?x=1#f" "file:///tmp/a" "http://[::1]:80/x"
         "http://example.org:80/" "git+ssh://git@host/repo.git" "x:y:z")))
(test-equal "build-uri" "https://gnu.org/x?q=1"
  (uri->string (build-uri 'https #:host "gnu.org" #:path "/x" #:query "q=1")))
(test-equal "string->uri-reference" '(#f "/a" "b" "c")
  (let ((u (string->uri-reference "/a?b#c"))) (list (uri-scheme u) (uri-path u) (uri-query u) (uri-fragment u))))

(test-equal "uri-decode" '("Aé " "a+b") (list (uri-decode "%41%c3%a9+") (uri-decode "a+b" #:decode-plus-to-space? #f)))
(test-equal "uri-encode" '("a%20b%2Fc~d" "%C3%A9%26%3D" "a/b")
  (list (uri-encode "a b/c~d") (uri-encode "é&=") (uri-encode "a/b" #:unescaped-chars (string->char-set "/ab"))))
(test-equal "split-and-decode-uri-path" '("a" "b c" "d") (split-and-decode-uri-path "/a/b%20c//d/"))
(test-equal "encode-and-join-uri-path" "a/b%20c" (encode-and-join-uri-path '("a" "b c")))

(test-end "web-uri")
