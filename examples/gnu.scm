;;; Real GNU packages built by Guix 0 from the tarballs Guix uses.
;;;
;;; Put the tarballs next to this file's working directory (Debian ships
;;; byte-identical ones: `apt-get source --download-only hello patch bzip2
;;; diffutils` gives hello_2.10.orig.tar.gz etc.; `--sources DIR` points
;;; guix0 elsewhere), then:  guix0 guix0.scm -f examples/gnu.scm
;;;
;;; Guix 0 uses no host program by accident: the only other input of these
;;; packages is `host-seed`, which names the host programs it links in.
;;;
;;; The #:output-hash values are those of contained builds with Debian 12's
;;; toolchain (the host programs are part of the build); another toolchain
;;; gives other outputs, and guix0 then says so and prints the actual hash.

(define host-seed
  (host-tools '("sh" "bash" "make" "gcc" "cc" "cpp" "ld" "as" "ar" "ranlib" "nm" "strip"
                "sed" "grep" "awk" "cat" "cp" "mv" "rm" "mkdir" "rmdir" "chmod" "ln" "ls" "tr" "sort"
                "uniq" "expr" "basename" "dirname" "head" "tail" "wc" "touch" "cmp" "diff" "printf"
                "echo" "env" "install" "sleep" "true" "false" "tee" "date" "find" "xargs" "od" "cut"
                "test" "uname" "hostname" "gzip" "mktemp" "readlink" "realpath" "ed" "perl" "seq" "split"
                "mkfifo" "stat")
              #:name "host-seed"
              #:optional '("makeinfo" "pr" "iconv" "file")))

(define-public hello
  (package
    (name "hello")
    (version "2.10")
    (source (origin
              (method url-fetch)
              (uri "mirror://gnu/hello/hello-2.10.tar.gz")
              (file-name "hello_2.10.orig.tar.gz")
              (sha256 (base32 "0ssi1wpaf7plaswqqjwigppsg5fyh99vdlb9kzl7c9lng89ndq1i"))))
    (build-system gnu-build-system)
    (inputs (list host-seed))
    (arguments '(#:output-hash "0qsxls7va4z1lkrv3m5k6q6dy24dmyrlngryxkmvwl4iqix92i4x"))
    (synopsis "Hello, GNU world: An example GNU package")
    (description "GNU Hello prints the message \"Hello, world!\" and then exits.")
    (home-page "https://www.gnu.org/software/hello/")
    (license license:gpl3+)))

(define-public patch
  (package
    (name "patch")
    (version "2.7.6")
    (source (origin
              (method url-fetch)
              (uri "mirror://gnu/patch/patch-2.7.6.tar.xz")
              (file-name "patch_2.7.6.orig.tar.xz")
              (sha256 (base32 "1zfqy4rdcy279vwn2z1kbv19dcfw25d2aqy9nzvdkq5bjzd0nqdc"))))
    (build-system gnu-build-system)
    (inputs (list host-seed))
    (arguments '(#:output-hash "1njrnhs1jj5zazmgvdxdkvgq2a742gda057syxibqlknp2kfg77s"))
    (synopsis "Apply differences to originals, with optional backups")
    (description "Patch is a program that applies changes to files based on differences laid out as by diff.")
    (home-page "https://savannah.gnu.org/projects/patch/")
    (license license:gpl3+)))

(define-public bzip2
  (package
    (name "bzip2")
    (version "1.0.8")
    (source (origin
              (method url-fetch)
              (uri "https://sourceware.org/pub/bzip2/bzip2-1.0.8.tar.gz")
              (file-name "bzip2_1.0.8.orig.tar.gz")
              (sha256 (base32 "0s92986cv0p692icqlw1j42y9nld8zd83qwhzbqd61p1dqbh6nmb"))))
    (build-system gnu-build-system)
    (inputs (list host-seed))
    (arguments
     ;; A Makefile without configure: phases modified as in Guix.
     `(#:output-hash "1ja0k4ia75640w8v56bcm3zw0h3xsrkxjah8h8i3hmimf843s0k8"
       #:make-flags (list (string-append "PREFIX=" (assoc-ref %outputs "out")) "CC=gcc")
       #:test-target "check"
       #:phases (modify-phases %standard-phases
                  (delete 'configure)
                  (add-after 'unpack 'fix-makefile-shell
                    (lambda _
                      (substitute* "Makefile" (("^SHELL=.*$") (string-append "SHELL=" (which "sh") "\n"))))))))
    (synopsis "High-quality data compression program")
    (description "bzip2 is a freely available, patent free, data compressor.")
    (home-page "https://sourceware.org/bzip2/")
    (license (license:non-copyleft "file://LICENSE"))))

(define-public diffutils
  (package
    (name "diffutils")
    (version "3.8")
    (source (origin
              (method url-fetch)
              (uri "mirror://gnu/diffutils/diffutils-3.8.tar.xz")
              (file-name "diffutils_3.8.orig.tar.xz")
              (sha256 (base32 "1v4g8gi0lgakqa7iix8s4fq7lq6l92vw3rjd9wfd2rhjng8xggd6"))))
    (build-system gnu-build-system)
    (inputs (list host-seed))
    (arguments '(#:output-hash "1j73s0jwahli8byws1p2ydgvs5pkw8xahsg7kasnm6ihzaqznq7p"))
    (synopsis "Comparing and merging files")
    (description "GNU Diffutils is a package containing tools for finding the differences between files.")
    (home-page "https://www.gnu.org/software/diffutils/")
    (license license:gpl3+)))
