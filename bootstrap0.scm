;;; bootstrap0.scm: the stage-0 package definitions of Guix 0.
;;;
;;; This file defines the four packages that the seed
;;; (../shared/seed/guix0-gist.txt) puts at the very start of bootstrapping
;;; GNU Guix from an existing operating system:
;;;
;;;   mes    the one binary we take on trust, copied into the store as is
;;;   gash   a POSIX shell written in Scheme, run by that binary
;;;   tcc    a C compiler, built by MesCC (Mes's C compiler) with gash as
;;;          the shell
;;;   guile  GNU Guile, built by tcc, which then runs Guix 1
;;;
;;; How guix0 uses it
;;; -----------------
;;; Run `guix0 guix0.scm` (the seed's `./mes guix0.scm`) in a directory that
;;; holds this file, the trusted `mes` executable and the source tarballs
;;; listed below.  guix0 then:
;;;
;;;  1. Evaluates these definitions.  Every `(sha256 (base32 "..."))` is
;;;     decoded when the file is loaded, so a malformed hash fails right away.
;;;  2. Never downloads anything.  It looks up each source in the current
;;;     directory (or in `--sources DIR`): first by the origin's file name,
;;;     then by the basename of its URI, then by the seed's name mapping
;;;     (`gash` -> gash.tar*, `mes` -> ./mes).  It checks the sha256 of every
;;;     file BEFORE it uses it, and halts on a mismatch, printing the expected
;;;     and the actual hash.
;;;  3. Builds each package, inputs first (mes, gash, tcc, guile), in a
;;;     scratch directory, with an environment made only of the declared
;;;     inputs (no host PATH, no host /bin/sh).  Only when the build has
;;;     passed every check is the output renamed to
;;;     ./store0/<hash>-<name>-<version>.  The <hash> depends only on the
;;;     definition (name, version, build system, source hash, arguments and
;;;     the inputs' store names), so it is the same on every machine.
;;;  4. Normalises the output and computes its nar sha256.  If the arguments
;;;     declare `#:output-hash "..."`, a different hash halts the run.  If
;;;     they do not, guix0 prints the hash so that you can pin it: add
;;;     `#:output-hash "<printed hash>"` to that package's arguments.  No
;;;     output hash is pinned below yet, because none of these builds has
;;;     been run and checked.
;;;  5. Hands off to the next stage, as the seed describes:
;;;     `./store0/<hash>-guile-3.0.9/bin/guile guix1.scm`.
;;;
;;; `guix0 guix0.scm --dry-run` evaluates the file and lists what to fetch
;;; (file name, URIs, expected sha256) and what it would build.  It builds
;;; nothing.
;;;
;;; What you need in the current directory (all sha256 values are the ones
;;; GNU Guix declares for these files, except the trusted binary's):
;;;
;;;   mes                                 your trusted Mes-compatible binary
;;;   gash-0.2.0.tar.gz                   gnu/packages/shells.scm
;;;   tcc-0.9.26-1149-g46a75d0c.tar.gz    gnu/packages/commencement.scm
;;;   mes-0.25.1.tar.gz                   gnu/packages/commencement.scm
;;;   nyacc-1.00.2.tar.gz                 gnu/packages/mes.scm
;;;   stage0-posix-1.6.0.tar.gz           gnu/packages/commencement.scm
;;;   guile-3.0.9.tar.xz                  gnu/packages/guile.scm
;;;
;;; The dialect
;;; -----------
;;; This file uses only what the Guix-0 prelude provides: the modules below,
;;; `package` and `origin` records with `(inherit ...)`, old-style labelled
;;; inputs and new-style `(list ...)` inputs, and quasiquoted, old-style
;;; `arguments`.  guix0 has no G-expressions (no #~ #$) and no
;;; `this-package`.  Build-side code (builders and phases) uses Guile
;;; primitives, `%standard-phases`, `modify-phases` and
;;; `(guix build utils)`.
;;;
;;; Known gaps (this file has not been built end to end yet)
;;; ---------------------------------------------------------
;;;  * Guix's bootstrap gives Gash a second package, Gash-Utils (cp, mkdir,
;;;    rm, sed, tar, ... written in Scheme).  MesCC's and tcc's build
;;;    scripts (configure.sh, bootstrap.sh, install.sh) call those commands.
;;;    The seed's four packages have no such package yet.
;;;  * GNU Guile 3.0.9 also needs `make` and the libraries libgc, libffi and
;;;    libunistring.  None of them is among the four packages.  The seed
;;;    says so itself: "Guile would need to change to provide a minimal build
;;;    option with fewer dependencies".  See the comments on `guile`.

(use-modules (guix packages)
             (guix download)
             (guix build-system gnu)
             (guix build-system trivial)
             ((guix licenses) #:prefix license:))


;;;
;;; 1. mes: the trusted binary.
;;;
;;; Needs: nothing.  It is the binary seed: a Scheme interpreter that runs
;;; Gash, the shell of every later build script.  (The Mes that runs MesCC is
;;; built from source inside `tcc` below, as Guix's `mes-boot` is.)  With
;;; guix0 the natural choice is guix0 itself, a drop-in for `mes`.  A GNU
;;; Mes `mes` built from mes-0.24.2.tar.gz
;;; (mirror://gnu/mes/mes-0.24.2.tar.gz, sha256
;;; 0vp8v88zszh1imm3dvdfi3m8cywshdj7xcrsq4cgmss69s2y1nkx, as in Guix's
;;; gnu/packages/mes.scm and Debian's mes_0.24.2.orig.tar.gz) is the other
;;; candidate.
;;;
;;; No upstream publishes a bare `mes` executable, so the URI below is the
;;; seed's placeholder and the hash is a placeholder too.  The user pins the
;;; binary they trust.  Put it in the current directory as ./mes, run
;;;
;;;     guix0 guix0.scm hash ./mes
;;;
;;; and paste the printed nix-base32 sha256 in place of "xxxxxx".  From then
;;; on guix0 refuses any other ./mes.
;;;
(define-public mes
  (package
    (name "mes")
    (version "0.24.2")
    (source #f)
    (build-system trivial-build-system)
    (inputs
     `(("exe"
        ,(origin
           (method url-fetch)
           ;; Placeholder, as in the seed: there is no upstream URL for the
           ;; executable.  guix0 finds the file as ./mes (by this file name).
           (uri "https://example.org/mes")
           (file-name "mes")
           ;; Placeholder: pin with `guix0 guix0.scm hash ./mes`.
           (sha256 (base32 "xxxxxx"))))))
    (arguments
     `(#:modules ((guix build utils))
       #:builder
       (begin
         (use-modules (guix build utils))
         ;; The trivial build system does no unpacking and has no phases.
         ;; Copy the executable to $out/bin/mes and make it executable.
         (let* ((out (assoc-ref %outputs "out"))
                (bin (string-append out "/bin"))
                (exe (string-append bin "/mes")))
           (mkdir-p bin)
           (copy-file (assoc-ref %build-inputs "exe") exe)
           (chmod exe #o555)))))
    (home-page "https://www.gnu.org/software/mes/")
    (synopsis "Trusted Scheme interpreter binary that seeds Guix 0")
    (description
     "This package installs, unchanged, the one executable that Guix 0
takes on trust: a Scheme interpreter compatible with GNU Mes (GNU Mes itself,
or guix0).  It runs Gash, the shell with which every other package of stage 0
is built from source.")
    (license license:gpl3+)))


;;;
;;; 2. gash: the shell.
;;;
;;; Needs: a Guile-compatible Scheme to RUN, because Gash is Guile code.  In
;;; Guix the bootstrap Guile binary runs it.  At stage 0 the only Scheme is
;;; the trusted `mes`, so gash's launcher runs $mes/bin/mes.  Gash is written
;;; for Guile: whether a given Mes runs it is not verified here.  guix0, a
;;; Guile-compatible drop-in for mes, is meant to.
;;;
;;; Building it needs no shell, make or compiler (there are none yet).
;;; Guix's `gash-boot` (commencement.scm) replaces the autotools steps with
;;; pure-Scheme phases, and so do the phases below: fill in the `.in`
;;; templates, install the modules as source (no .go: nothing here can
;;; compile Scheme ahead of time), and install the `gash` launcher with
;;; `sh` and `bash` links to it.  Guix's gnu-build-system looks for a
;;; "bash" input, and build scripts run `sh`.
;;;
(define-public gash
  (package
    (name "gash")
    (version "0.2.0")
    (source
     (origin
       (method url-fetch)
       (uri "mirror://savannah/gash/gash-0.2.0.tar.gz")
       (sha256
        (base32 "13m0yz5h9nj3x40mr6wr5xcpq1lscndfwcicw3skrz801025hhgf"))))
    (build-system gnu-build-system)
    ;; The seed writes (inputs (list guile-3.0)).  Guile is built only at the
    ;; end of stage 0, so the Scheme that runs Gash here is the trusted mes.
    (inputs (list mes))
    (arguments
     `(#:implicit-inputs? #f            ;no host or bootstrap toolchain
       #:tests? #f                      ;the test suite needs make and a shell
       #:strip-binaries? #f             ;no binutils at stage 0
       #:validate-runpath? #f           ;no ELF files
       #:phases
       (modify-phases %standard-phases
         (replace 'configure
           ;; Instead of ./configure (which needs a shell), fill in the
           ;; templates ourselves.
           (lambda* (#:key inputs outputs #:allow-other-keys)
             (let* ((out (assoc-ref outputs "out"))
                    (scheme (string-append (assoc-ref inputs "mes")
                                           "/bin/mes"))
                    (moddir (string-append out "/share/guile/site/3.0"))
                    (godir (string-append out "/lib/guile/3.0/site-ccache")))
               ;; Module templates, e.g. the (gash config) module.
               (for-each (lambda (template)
                           (let ((target (string-drop-right template 3)))
                             (copy-file template target)
                             (substitute* target
                               (("@PACKAGE_NAME@") "Gash")
                               (("@VERSION@") "0.2.0"))))
                         (find-files "gash" "\\.in$"))
               ;; The launcher, scripts/gash.in.  Its interpreter is the
               ;; trusted mes.
               (for-each (lambda (template)
                           (let ((target (string-drop-right template 3)))
                             (copy-file template target)
                             (substitute* target
                               (("@GUILE@") scheme)
                               (("@MODDIR@") moddir)
                               (("@GODIR@") godir))
                             (chmod target #o755)))
                         (find-files "scripts" "\\.in$")))))
         ;; Nothing to build: the modules are installed as source.
         (delete 'build)
         (replace 'install
           (lambda* (#:key outputs #:allow-other-keys)
             (let* ((out (assoc-ref outputs "out"))
                    (bin (string-append out "/bin"))
                    (moddir (string-append out "/share/guile/site/3.0")))
               (for-each (lambda (file)
                           (install-file file
                                         (string-append moddir "/"
                                                        (dirname file))))
                         (find-files "gash" "\\.scm$"))
               (install-file "scripts/gash" bin)
               (chmod (string-append bin "/gash") #o555)
               (with-directory-excursion bin
                 (symlink "gash" "sh")
                 (symlink "gash" "bash"))))))))
    (home-page "https://savannah.nongnu.org/projects/gash/")
    (synopsis "POSIX shell written in Scheme")
    (description
     "Gash is a POSIX-compatible shell written in Guile Scheme.  It is also a
library for parsing shell scripts.  In Guix 0 it is the shell that runs the
build scripts of the C bootstrap.")
    (license license:gpl3+)))


;;;
;;; 3. tcc: the first C compiler.
;;;
;;; Needs: mes and gash, as in Guix, whose `tcc-boot0` is built by MesCC
;;; (`mescc`, the C compiler that ships with Mes) with Gash as the shell.
;;; Pristine TinyCC cannot be compiled by MesCC, so Guix uses Jan
;;; Nieuwenhuizen's patched 0.9.26 snapshot.  The source below is Guix's
;;; `tcc-boot0` source, byte for byte.
;;;
;;; MesCC itself needs more than the mes binary, so this package also takes
;;; three more source tarballs (native-inputs).  Each is the one Guix's
;;; commencement.scm uses for the same step:
;;;   - stage0-posix 1.6.0: M1, hex2 and blood-elf (MesCC's assembler and
;;;     linker) and M2-Planet, built by its kaem script from stage0's
;;;     357-byte hex0 seed.  These are the seeds Guix's full-source bootstrap
;;;     also starts from.  The other way is to trust M1 and hex2 binaries
;;;     next to ./mes.
;;;   - mes 0.25.1 (Guix's `mes-boot`): MesCC's Scheme modules and the Mes C
;;;     library that tcc links against.  Its bootstrap.sh builds its own
;;;     `mes` with M2-Planet and then the C library with MesCC.  This is the
;;;     Mes release Guix pairs with tcc 0.9.26-1149.
;;;   - nyacc 1.00.2: the C parser that MesCC uses.  Guix unpacks the
;;;     pristine tarball (the snippet of its nyacc package is not applied).
;;; The steps below follow Guix's stage0-posix, mes-boot and tcc-boot0, one
;;; after the other, and install mes-boot and tcc into the same output, so
;;; that $out/include and $out/lib hold the C library that tcc uses.
;;;
;;; Guix's next step, `tcc-boot`, rebuilds pristine tcc 0.9.27
;;; (mirror://savannah/tinycc/tcc-0.9.27.tar.bz2, sha256
;;; 177bdhwzrnqgyrdv1dwvpd04fcxj68s5pm1dzwny6359ziway8yy) with this tcc
;;; and with make-mesboot0 (make 3.80).  That belongs to the next stage.
;;;
;;; Gap: configure.sh, bootstrap.sh and install.sh also call cp, mkdir, rm,
;;; sed and tar.  Guix gives them Gash-Utils; see the header.
;;;
(define-public tcc
  (package
    (name "tcc")
    (version "0.9.26-1149-g46a75d0c")
    (source
     (origin
       (method url-fetch)
       ;; Guix lists this file at two places:
       ;; mirror://gnu/guix/mirror/tcc-0.9.26-1149-g46a75d0c.tar.gz and
       ;; the author's site below.
       (uri "https://lilypond.org/janneke/tcc/tcc-0.9.26-1149-g46a75d0c.tar.gz")
       (sha256
        (base32 "068x3r55fnz7pdxb6q01s8s26pb4kpxm61q8mwsa4cf6389cxxpl"))))
    (build-system gnu-build-system)
    ;; mes runs gash (and thus every build script), and gash is `sh`.
    (inputs (list mes gash))
    (native-inputs
     `(("stage0-posix-source"
        ,(origin
           (method url-fetch)
           (uri "https://github.com/oriansj/stage0-posix/releases/download/Release_1.6.0/stage0-posix-1.6.0.tar.gz")
           (sha256
            (base32 "0p06wn95y6xbp2kcd81h2fm3wxvldd1qqyxgav0farl34xlzyq4j"))))
       ("mes-source"
        ,(origin
           (method url-fetch)
           ;; Also at https://lilypond.org/janneke/mes/mes-0.25.1.tar.gz.
           (uri "mirror://gnu/mes/mes-0.25.1.tar.gz")
           (sha256
            (base32 "03np6h4qx94givjdvq2rmhvab38y5f91254n0avg4vq2j0cx78in"))))
       ("nyacc-source"
        ,(origin
           (method url-fetch)
           (uri "mirror://savannah/nyacc/nyacc-1.00.2.tar.gz")
           (sha256
            (base32 "065ksalfllbdrzl12dz9d9dcxrv97wqxblslngsc6kajvnvlyvpk"))))))
    (arguments
     `(#:implicit-inputs? #f
       #:tests? #f                      ;no check target usable without make
       #:strip-binaries? #f             ;strip would break MesCC's binaries
       #:validate-runpath? #f           ;static binaries only
       #:phases
       (modify-phases %standard-phases
         (add-after 'unpack 'unpack-extra-sources
           ;; Unpack the three other tarballs next to the tcc source tree,
           ;; with the same `unpack` procedure as the main source.
           (lambda* (#:key inputs #:allow-other-keys)
             (let ((unpack (assoc-ref %standard-phases 'unpack)))
               (for-each (lambda (label)
                           (with-directory-excursion ".."
                             (unpack #:source (assoc-ref inputs label))))
                         '("stage0-posix-source" "mes-source"
                           "nyacc-source")))))
         (add-after 'unpack-extra-sources 'build-stage0-posix
           ;; Needs: nothing but the kaem-optional-seed and hex0 seed that
           ;; the tarball carries.  Gives M1, hex2, blood-elf, kaem and
           ;; M2-Planet in x86/bin (i686 binaries, which Guix also runs on
           ;; x86_64).
           (lambda _
             (let ((dir (string-append (dirname (getcwd))
                                       "/stage0-posix-1.6.0")))
               (with-directory-excursion dir
                 (invoke "./bootstrap-seeds/POSIX/x86/kaem-optional-seed"
                         "kaem.x86"))
               (setenv "PATH" (string-append dir "/x86/bin:"
                                             (or (getenv "PATH") ""))))))
         (add-after 'build-stage0-posix 'build-mes-boot
           ;; Needs: gash (the scripts), stage0-posix (M2-Planet builds
           ;; mes-m2, then M1/hex2 assemble and link what MesCC emits), nyacc
           ;; (MesCC's C parser).  Installs bin/mes, bin/mescc, include/ and
           ;; the Mes C library in lib/ into $out.
           (lambda* (#:key outputs #:allow-other-keys)
             (let ((out (assoc-ref outputs "out"))
                   (top (dirname (getcwd))))
               (with-directory-excursion (string-append top "/mes-0.25.1")
                 (setenv "GUILE_LOAD_PATH"
                         (string-append top "/nyacc-1.00.2/module"))
                 (invoke "gash" "configure.sh"
                         (string-append "--prefix=" out)
                         "--host=i686-linux-gnu")
                 ;; As in Guix: keep GUILE_LOAD_PATH from leaking into the
                 ;; freshly built mes.
                 (substitute* "kaem.run"
                   (("cp bin/mes-m2 bin/mes" all)
                    (string-append "GUILE_LOAD_PATH=/fubar\n" all)))
                 (invoke "gash" "bootstrap.sh")
                 (invoke "gash" "install.sh"))
               (setenv "PATH" (string-append out "/bin:" (getenv "PATH"))))))
         (replace 'configure
           ;; Needs: mescc (from build-mes-boot) as the C compiler and nyacc.
           (lambda* (#:key outputs #:allow-other-keys)
             (let ((out (assoc-ref outputs "out"))
                   (top (dirname (getcwd))))
               (substitute* "conftest.c"
                 (("volatile") ""))
               (setenv "prefix" out)
               (setenv "GUILE_LOAD_PATH"
                       (string-append top "/nyacc-1.00.2/module"))
               (setenv "ONE_SOURCE" "true")
               (invoke "sh" "configure"
                       "--cc=mescc"
                       (string-append "--prefix=" out)
                       "--elfinterp=/lib/mes-loader"
                       "--crtprefix=."
                       "--tccdir=."))))
         (replace 'build
           ;; MesCC compiles tcc, then tcc rebuilds itself and its runtime.
           (lambda _
             (invoke "sh" "bootstrap.sh")))
         (replace 'install
           (lambda _
             (invoke "sh" "install.sh"))))))
    (home-page "http://www.tinycc.org/")
    (synopsis "Bootstrappable snapshot of the Tiny C Compiler")
    (description
     "TCC (TinyCC) is a small and fast C compiler.  This is the patched
0.9.26 snapshot that MesCC, the C compiler of GNU Mes, can build.  It is the
first C compiler of Guix 0, built with MesCC and the Mes C library.")
    (license license:lgpl2.1+)))


;;;
;;; 4. guile: the Scheme that runs Guix 1.
;;;
;;; Needs: a C compiler (tcc, with the Mes C library it carries), a shell
;;; (gash, run by mes) for ./configure, and make for the build.
;;;
;;; Gaps, as the seed foresees.  Out of the box Guile 3.0.9 also needs
;;;   - make: Guix's bootstrap builds make 3.80 with tcc first
;;;     (mirror://gnu/make/make-3.80.tar.gz, sha256
;;;     1pb7fb7fqf9wz9najm85qdma1xhxzf1rhj5gwrlzdsz2zm0hpcv4, commencement.scm
;;;     `gnu-make-mesboot0`);
;;;   - the utilities that ./configure calls (sed, grep, awk, expr, ...):
;;;     Gash-Utils in Guix's bootstrap;
;;;   - the libraries libgc, libffi and libunistring.  GMP is avoided with
;;;     --enable-mini-gmp.
;;; The configure flags below ask for the smallest Guile that configure can
;;; make: no JIT, no threads, no shared libraries, no networking, the
;;; bundled mini-GMP.  Whether tcc with the Mes C library can compile it has
;;; not been tried.
;;;
(define-public guile
  (package
    (name "guile")
    (version "3.0.9")
    (source
     (origin
       (method url-fetch)
       (uri "mirror://gnu/guile/guile-3.0.9.tar.xz")
       (sha256
        (base32 "03bm1mnfc9kkg2ls942a0js7bxrdzmcffgrgg6anwdmjfan2a9hs"))))
    (build-system gnu-build-system)
    ;; tcc compiles, gash runs ./configure, mes runs gash.
    (inputs (list tcc gash mes))
    (arguments
     `(#:implicit-inputs? #f
       #:tests? #f                      ;the test suite takes hours, even on
                                        ;a fast toolchain
       #:strip-binaries? #f             ;no binutils
       #:validate-runpath? #f           ;static binaries
       #:phases
       (modify-phases %standard-phases
         (add-before 'configure 'use-tcc
           ;; Point the build at tcc and at the Mes C library it installed.
           (lambda* (#:key inputs #:allow-other-keys)
             (let ((tcc (assoc-ref inputs "tcc")))
               (setenv "CC" "tcc")
               (setenv "CPP" "tcc -E")
               (setenv "LD" "tcc")
               (setenv "AR" "tcc -ar")
               (setenv "C_INCLUDE_PATH" (string-append tcc "/include"))
               (setenv "LIBRARY_PATH" (string-append tcc "/lib")))))
         (replace 'configure
           ;; gnu-build-system's configure looks for a "bash" input.  Here
           ;; the shell is gash, so call it explicitly and make configure use
           ;; it for the scripts it generates.
           (lambda* (#:key outputs #:allow-other-keys)
             (let ((out (assoc-ref outputs "out"))
                   (sh (which "gash")))
               (setenv "CONFIG_SHELL" sh)
               (setenv "SHELL" sh)
               (invoke sh "./configure"
                       (string-append "CONFIG_SHELL=" sh)
                       (string-append "SHELL=" sh)
                       (string-append "--prefix=" out)
                       "--build=i686-unknown-linux-gnu"
                       "--host=i686-unknown-linux-gnu"
                       "--disable-shared"
                       "--enable-mini-gmp"
                       "--disable-jit"
                       "--without-threads"
                       "--disable-networking")))))))
    (home-page "https://www.gnu.org/software/guile/")
    (synopsis "GNU Guile, built from source at the end of Guix 0")
    (description
     "Guile is the GNU Ubiquitous Intelligent Language for Extensions, an
implementation of Scheme.  Guix 0 builds it from source as its last package
and hands over to it: its bin/guile runs guix1.scm, the next stage of the
bootstrap.")
    (license license:lgpl3+)))
