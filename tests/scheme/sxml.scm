;;; (sxml simple): XML read into SXML and written back. Every expected
;;; value is Guile 3.0.8's, including SSAX's order of attributes (prefixed
;;; ones first, then the rest, each descending by name).

(use-modules (srfi srfi-64) (sxml simple))

(define (parse-error-key thunk)
  (catch #t (lambda () (thunk) 'no-error) (lambda (key . args) key)))

(test-begin "sxml")

(test-equal "an element, attributes, text and the prolog's processing instruction"
  '(*TOP* (*PI* xml "version=\"1.0\"") (a (@ (c "x&y") (b "1")) "x < y" (c) (d (@ (e "2")) "t")))
  (xml->sxml "<?xml version=\"1.0\"?><!-- c --><a b='1' c=\"x&amp;y\">x &lt; y<c/><d e='2'>t</d></a>"))
(test-equal "text, CDATA, references and comments merge; a processing instruction is a node"
  '(*TOP* (a " raw<>AB" (*PI* p "d") "xy"))
  (xml->sxml "<a> <![CDATA[raw<>]]>&#65;&#x42;<?p d?>x<!-- c -->y</a>"))
(test-equal "#:trim-whitespace? drops whitespace-only text"
  '(*TOP* (a (b "x") "\n  text  \n"))
  (xml->sxml "<a>\n  <b>x</b>\n  text  \n</a>" #:trim-whitespace? #t))
(test-equal "line ends become newlines; attribute whitespace becomes spaces"
  '(*TOP* (p (@ (b "x y z")) "a\nb\nc"))
  (xml->sxml "<p b='x\ny\tz'>a\r\nb\rc</p>"))
(test-equal "plain attributes come in descending order"
  '(*TOP* (a (@ (ab "6") (a-b "5") (a "2") (_ "4") (Z "3") (B "1"))))
  (xml->sxml "<a B='1' a='2' Z='3' _='4' a-b='5' ab='6'/>"))

(define pom
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<project xmlns=\"http://maven.apache.org/POM/4.0.0\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"
    xsi:schemaLocation=\"http://maven.apache.org/POM/4.0.0 x.xsd\">
  <modelVersion>4.0.0</modelVersion>
  <dependencies>
    <dependency><groupId>junit</groupId><scope>test</scope></dependency>
  </dependencies>
</project>
")
(test-equal "a default namespace prefixes elements with its URI (a Maven POM)"
  '(*TOP* (*PI* xml "version=\"1.0\" encoding=\"UTF-8\"")
          (http://maven.apache.org/POM/4.0.0:project
           (@ (http://www.w3.org/2001/XMLSchema-instance:schemaLocation "http://maven.apache.org/POM/4.0.0 x.xsd"))
           (http://maven.apache.org/POM/4.0.0:modelVersion "4.0.0")
           (http://maven.apache.org/POM/4.0.0:dependencies
            (http://maven.apache.org/POM/4.0.0:dependency
             (http://maven.apache.org/POM/4.0.0:groupId "junit")
             (http://maven.apache.org/POM/4.0.0:scope "test")))))
  (xml->sxml pom #:trim-whitespace? #t))
(test-equal "#:namespaces names a URI's prefix; prefixed attributes come first"
  '(*TOP* (p (A:q (@ (urn:b:t "3") (A:r "1") (s "2")))))
  (xml->sxml "<p xmlns:a='urn:a'><a:q a:r='1' s='2' xmlns:b='urn:b' b:t='3'/></p>"
             #:namespaces '((A . "urn:a"))))
(test-equal "namespaces given are declared, unless #:declare-namespaces? is #f"
  '((*TOP* (q:p)) parser-error)
  (list (xml->sxml "<q:p/>" #:namespaces '((q . "urn:q")))
        (parse-error-key (lambda () (xml->sxml "<q:p/>" #:namespaces '((q . "urn:q")) #:declare-namespaces? #f)))))
(test-equal "the xml prefix needs no declaration"
  '(*TOP* (a (@ (xml:lang "en"))))
  (xml->sxml "<a xml:lang='en'/>"))

(test-equal "#:entities: replacement text, markup in it parsed"
  '(*TOP* (p "a\xa0b" (b "y")))
  (xml->sxml "<p>a&nbsp;b&x;</p>" #:entities '((nbsp . "\xa0") (x . "<b>y</b>"))))
(test-equal "#:default-entity-handler, in attributes too"
  '(*TOP* (p (@ (a "Q:x")) "Q:y"))
  (xml->sxml "<p a='&x;'>&y;</p>"
             #:default-entity-handler (lambda (port name) (string-append "Q:" (symbol->string name)))))
(test-equal "#:doctype-handler gets the name, system id and internal subset, and gives entities"
  '((html "foo" " <!ENTITY y 'Y'> ") (*TOP* (p "X")))
  (let* ((seen #f)
         (doc (xml->sxml "<!DOCTYPE html SYSTEM 'foo' [ <!ENTITY y 'Y'> ]><p>&x;</p>"
                         #:doctype-handler (lambda args (set! seen args) (values #:entities '((x . "X")))))))
    (list seen doc)))
(test-equal "a DOCTYPE without a handler is skipped"
  '(*TOP* (a "<"))
  (xml->sxml "<!DOCTYPE a SYSTEM \"foo.dtd\"><a>&lt;</a>"))
(test-equal "reading from a port stops after the root element"
  '((*TOP* (a)) #\r)
  (let* ((port (open-input-string "<a/>rest")) (doc (xml->sxml port)))
    (list doc (read-char port))))

(test-equal "malformed documents raise parser-error"
  '(parser-error parser-error parser-error parser-error parser-error parser-error parser-error)
  (map (lambda (text) (parse-error-key (lambda () (xml->sxml text))))
       '("" "<a><b></a>" "<a>&foo;</a>" "<a b='1' b='2'/>" "<a b=1/>" "<q:b/>" "<a>&#xZZ;</a>")))

(test-equal "sxml->xml escapes text and attribute values, and closes empty elements"
  "<?xml version=\"1.0\"?><project name=\"x\"><target name=\"c\"><mkdir dir=\"a&lt;b&amp;&quot;c\" />t&amp;&lt;&gt;&quot;'x</target></project>"
  (call-with-output-string
    (lambda (port)
      (sxml->xml '(*TOP* (*PI* xml "version=\"1.0\"")
                         (project (@ (name "x")) (target (@ (name "c")) (mkdir (@ (dir "a<b&\"c"))) "t&<>\"'x")))
                 port))))
(test-equal "sxml->xml: atoms are displayed, booleans and empty attributes"
  "<a x=\"1\" c=\"\">2sym&amp;<b></b></a>"
  (with-output-to-string (lambda () (sxml->xml '(a (@ (x 1) (c)) 2 sym #t (*ENTITY* "amp") (b ""))))))
(test-equal "sxml->xml: a list of nodes"
  "<a /><b />c"
  (with-output-to-string (lambda () (sxml->xml '((a) (b) "c")))))
(test-equal "sxml->xml rejects a name that is not one"
  '(misc-error misc-error)
  (list (parse-error-key (lambda () (with-output-to-string (lambda () (sxml->xml '(1a))))))
        (parse-error-key (lambda () (with-output-to-string (lambda () (sxml->xml '(a:b:c))))))))
(test-equal "written and read back"
  '(*TOP* (project (@ (name "n")) (target (@ (name "jar")) (jar (@ (destfile "a.jar") (basedir "build"))))))
  (xml->sxml (with-output-to-string
               (lambda () (sxml->xml '(project (@ (name "n")) (target (@ (name "jar")) (jar (@ (destfile "a.jar") (basedir "build"))))))))))
(test-equal "sxml->string: every string, attribute values included"
  "vcxy"
  (sxml->string '(*TOP* (*PI* xml "v") (a (@ (b "c")) "x" 1 (c "y" #\z)))))

(test-end "sxml")
