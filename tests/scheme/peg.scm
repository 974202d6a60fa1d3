;;; (ice-9 peg): parsing expression grammars. Every expected tree is Guile
;;; 3.0.8's, quirks included; tests/guile_conformance.rs also compares
;;; guix0's trees with Guile's on random grammars.

(use-modules (srfi srfi-64) (ice-9 peg))

(define (parse pattern text)
  (let ((m (match-pattern pattern text)))
    (and m (list (peg:end m) (peg:tree m)))))

(define (error-key thunk)
  (catch #t (lambda () (thunk) 'no-error) (lambda (key . args) key)))

(define-peg-pattern a all "a")
(define-peg-pattern a-body body "a")
(define-peg-pattern a-none none "a")
(define-peg-pattern as body (+ "a"))
(define-peg-pattern as-tagged all (+ "a"))
(define-peg-pattern a-list body (* a))
(define-peg-pattern a-list-tagged all (* a))
(define-peg-pattern nothing-tagged all (* "q"))
(define-peg-pattern pair-of-a body (and a a))

(test-begin "peg")

(test-equal "capture types: all tags the text, body gives it, none drops it"
  '((1 (a "a")) (1 "a") (1 ()))
  (list (parse a "ab") (parse a-body "ab") (parse a-none "ab")))
(test-equal "repeated texts join into one string"
  '((3 "aaa") (3 (as-tagged "aaa")))
  (list (parse as "aaab") (parse as-tagged "aaab")))
(test-equal "a list of tagged trees; tagged with the pattern's name, spliced"
  '((3 ((a "a") (a "a") (a "a"))) (3 (a-list-tagged (a "a") (a "a") (a "a"))))
  (list (parse a-list "aaa") (parse a-list-tagged "aaa")))
(test-equal "an all pattern that matched nothing is its name alone"
  '(0 nothing-tagged)
  (parse nothing-tagged ""))
(test-equal "no match at the start is #f"
  #f
  (parse a "ba"))

(define-peg-pattern mixed body (and "b" a "c" "d"))
(define-peg-pattern inner-first body (and "x" (and "y" a) "z" "v"))
(define-peg-pattern inner-lists body (and "x" (and a "y") "z"))
(define-peg-pattern one-inner all (and (ignore "x") a))
(define-peg-pattern nested all (and one-inner one-inner))
(test-equal "adjacent strings join; a tagged tree stays apart"
  '(4 ("b" (a "a") "cd"))
  (parse mixed "bacd"))
(test-equal "a string goes to the front of a following list that starts with one"
  '(5 (("x" "y" (a "a")) "zv"))
  (parse inner-first "xyazv"))
(test-equal "but not of a list that starts with a tree"
  '(4 ("x" ((a "a") "y") "z"))
  (parse inner-lists "xayz"))
(test-equal "one tagged tree under a name, and two"
  '((2 (one-inner (a "a"))) (4 (nested (one-inner (a "a")) (one-inner (a "a")))))
  (list (parse one-inner "xa") (parse nested "xaxa")))
(test-equal "a body pattern of one part is that part"
  '(2 ((a "a") (a "a")))
  (parse pair-of-a "aa"))

(define-peg-pattern dropped all (ignore (and "x" a)))
(define-peg-pattern chosen all (ignore (or "q" a)))
(define-peg-pattern captured body (ignore (capture peg-any)))
(define-peg-pattern uses-none all (and a-none "z"))
(test-equal "ignore drops a sequence's trees, those of the patterns it names too"
  '(2 dropped)
  (parse dropped "xa"))
(test-equal "but a choice passes on the tree of the pattern it took"
  '(1 (chosen (a "a")))
  (parse chosen "a"))
(test-equal "capture inside ignore keeps the text"
  '(1 "b")
  (parse captured "b"))
(test-equal "a none pattern gives nothing to the pattern using it"
  '(2 (uses-none "z"))
  (parse uses-none "az"))

(define-peg-pattern not-b all (and (not-followed-by "b") peg-any))
(define-peg-pattern empty-ok all (not-followed-by "ba"))
(define-peg-pattern not-empty all (and (not-followed-by empty-ok) "aa"))
(define-peg-pattern ahead-empty all (and (followed-by (* "x")) "aa"))
(define-peg-pattern optional-empty body (and (? empty-ok)))
(define-peg-pattern once-or-more-empty all (+ (? "a")))
(test-equal "not-followed-by"
  '((1 (not-b "c")) #f)
  (list (parse not-b "c") (parse not-b "b")))
(test-equal "as in Guile, a lookahead's pattern counts only if it takes text"
  '((2 (not-empty "aa")) #f)
  (list (parse not-empty "aa") (parse ahead-empty "aa")))
(test-equal "and so does an optional or repeated one"
  '((0 ()) (2 (once-or-more-empty "aa")) #f)
  (list (parse optional-empty "") (parse once-or-more-empty "aa") (parse once-or-more-empty "")))

(define-peg-pattern letters body (+ (range #\a #\c)))
(define-peg-pattern one-letter all (range #\a #\c))
(define-peg-pattern wide body (range #\space #\頋))
(test-equal "ranges"
  '((3 "abc") (1 "頋"))
  (list (parse letters "abcd") (parse wide "頋x")))
(test-equal "Guile tags an all pattern that is a range alone with cg-range"
  '(1 (one-letter (cg-range "b")))
  (parse one-letter "b"))

(define-peg-string-patterns
  "as-or-bs <- as-s/bs-s
as-s <- 'a'+
bs-s <- 'b'+
tagged <-- as-tag/bs-tag
as-tag <-- 'a'+
bs-tag <-- 'b'+")
(define-peg-string-patterns
  "lines <-- line* !.
line <-- (! NL .)* NL*
NL < '\n'
num <-- [0-9]+ ('.' [0-9]+)?
ws < [ \t]*
sum <-- num (ws ('+' / '-') ws num)*
look <-- &'x' . / !'y' .")
(test-equal "string patterns: <- body, <-- all"
  '((2 "aa") (2 (tagged (as-tag "aa"))))
  (list (parse as-or-bs "aabbcc") (parse tagged "aabbcc")))
(test-equal "string patterns: < none, ! and ., classes, grouping"
  '((13 (lines (line "root:x") (line "bin:y")))
    (9 (sum (num "1") (("+" (num "2.5")) ("-" (num "3"))))))
  (list (parse lines "root:x\nbin:y\n") (parse sum "1 + 2.5-3")))
(test-equal "string patterns: & and !"
  '((1 (look "x")) (1 (look "z")) #f)
  (list (parse look "x") (parse look "z") (parse look "y")))
(define-peg-pattern embedded body (peg "'a' [b-c]*"))
(test-equal "(peg TEXT) inside an s-expression pattern"
  '(4 "abcb")
  (parse embedded "abcbx"))

(define-peg-pattern anything body (* peg-any))
(test-equal "a long run of single characters joins into one string"
  20000
  (string-length (peg:tree (match-pattern anything (make-string 20000 #\x)))))

(test-equal "search-for-pattern finds the first match, and its place"
  '(3 5 "xx 12+3 yy" "12")
  (let ((m (search-for-pattern num "xx 12+3 yy")))
    (list (peg:start m) (peg:end m) (peg:string m) (peg:substring m))))
(test-equal "search-for-pattern gives #f when nothing matches"
  #f
  (search-for-pattern a "bbb"))
(test-assert "match records"
  (peg-record? (match-pattern a "a")))

;; The shape of tree Guix's (guix build po) reads: entries of msgid and
;; msgstr, comments dropped, continued strings joined, and an empty msgid
;; holding the msgstr, which that module's `match` expects.
(define-peg-pattern po body (* (or comment entry space)))
(define-peg-pattern space body (or " " "\t" "\n"))
(define-peg-pattern comment none (and "#" (* (and (not-followed-by "\n") peg-any)) "\n"))
(define-peg-pattern entry all
  (and (ignore (* space)) (ignore "msgid ") msgid (ignore (* space)) (ignore "msgstr ") msgstr))
(define-peg-pattern msgid all content)
(define-peg-pattern msgstr all content)
(define-peg-pattern content body
  (and (ignore "\"") (* (and (not-followed-by "\"") peg-any)) (ignore "\"")
       (? (and (ignore (* space)) content))))
(test-equal "a po file"
  '((entry (msgid "Hello") (msgstr "Salut"))
    (entry (msgid "twolines") (msgstr "deux"))
    (entry (msgid (msgstr "x")))
    "\n")
  (peg:tree (match-pattern po "# c\nmsgid \"Hello\"\nmsgstr \"Salut\"\n\nmsgid \"two\"\n\"lines\"\nmsgstr \"deux\"\nmsgid \"\"\nmsgstr \"x\"\n")))

(define-peg-pattern left-recursive body (and "a" missing-pattern))
(test-assert "a pattern that names no pattern is an error when it runs"
  (not (eq? 'no-error (error-key (lambda () (match-pattern left-recursive "ab"))))))

(test-end "peg")
