//! gnu-build-system end to end: real GNU tarballs (the ones Guix declares)
//! build with their test suites, reproducibly, in containers; phases are
//! scriptable as in Guix; a failing `make check` says what failed.
//!
//! Needs the tarballs (tests/fetch-tarballs.sh) and a host compiler
//! toolchain (gcc, make, perl, ...: Debian's build-essential, on CI).

mod common;

use std::path::Path;
use std::process::Command;

fn guix0_in(dir: &Path, args: &[&str]) -> common::Run {
    let mut all = vec!["guix0.scm"];
    all.extend_from_slice(args);
    common::run_in(dir, &all)
}

/// The store item of `suffix` (e.g. "-hello-2.10").
fn item(dir: &Path, suffix: &str) -> std::path::PathBuf {
    std::fs::read_dir(dir.join("store0"))
        .expect("store0")
        .filter_map(|e| e.ok())
        .find(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.ends_with(suffix) && !n.starts_with('.')
        })
        .unwrap_or_else(|| panic!("no store item ending in {suffix}"))
        .path()
}

#[test]
fn real_gnu_packages_build_reproducibly_with_their_tests() {
    let dir = tempfile::tempdir().expect("temp dir");
    for t in
        ["hello_2.10.orig.tar.gz", "patch_2.7.6.orig.tar.xz", "bzip2_1.0.8.orig.tar.gz", "diffutils_3.8.orig.tar.xz"]
    {
        std::fs::copy(common::tarball(t), dir.path().join(t)).expect("copy tarball");
    }
    let defs = common::repo().join("examples/gnu.scm");
    let defs = defs.to_str().expect("utf-8");
    // The definitions pin every output hash: a build that differs fails.
    let r = guix0_in(dir.path(), &["-f", defs, "build", "--container"]);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    for p in ["hello@2.10", "patch@2.7.6", "bzip2@1.0.8", "diffutils@3.8"] {
        assert!(r.stdout.contains(&format!("built {p}")), "{p}: {}", r.stdout);
    }
    let logs = dir.path().join("store0/.logs");
    for (name, marker) in [("hello", "PASS: tests/hello-1"), ("patch", "PASS: "), ("diffutils", "PASS: basic")] {
        let log = std::fs::read_dir(&logs)
            .expect("logs")
            .filter_map(|e| e.ok())
            .find(|e| e.file_name().to_string_lossy().contains(&format!("-{name}-")))
            .expect("a build log");
        let text = std::fs::read_to_string(log.path()).expect("log");
        assert!(text.contains("starting phase `check'") && text.contains(marker), "{name}'s tests did not run");
    }
    let hello = Command::new(item(dir.path(), "-hello-2.10").join("bin/hello")).output().expect("hello runs");
    assert_eq!(String::from_utf8_lossy(&hello.stdout), "Hello, world!\n");
    let r = guix0_in(dir.path(), &["-f", defs, "--check", "--container", "hello"]);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("hello@2.10 is reproducible"), "{}", r.stdout);
}

/// A small autotools-free project: `configure` writes a generated file and
/// the Makefile; `make check` fails when FAIL_CHECK is set at configure.
fn project_tarball(dir: &Path, fail_check: bool) -> String {
    let src = dir.join("greeter-1.0");
    std::fs::create_dir_all(&src).expect("mkdir");
    std::fs::write(
        src.join("configure"),
        format!(
            "#!/bin/sh\nprefix=/usr\nfor a in \"$@\"; do case $a in --prefix=*) prefix=${{a#--prefix=}};; esac; done\n\
             echo 'greeting = VERSION' > generated.txt\n\
             echo \"$@\" > configure-args\n\
             sed -e \"s|@prefix@|$prefix|\" -e 's|@check@|{}|' Makefile.in > Makefile\n",
            if fail_check { "false" } else { "true" }
        ),
    )
    .expect("write");
    std::fs::write(
        src.join("Makefile.in"),
        "prefix = @prefix@\nall:\n\tcp greet.sh greet\ncheck:\n\t@check@\ninstall:\n\tmkdir -p $(prefix)/bin $(prefix)/share\n\tcp greet $(prefix)/bin/greet\n\tcp generated.txt configure-args $(prefix)/share/\n",
    )
    .expect("write");
    std::fs::write(src.join("greet.sh"), "#!/bin/sh\necho \"hello from $GREETER_LANG\"\n").expect("write");
    use std::os::unix::fs::PermissionsExt;
    for f in ["configure", "greet.sh"] {
        std::fs::set_permissions(src.join(f), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let status = Command::new("tar")
        .args(["czf", "greeter-1.0.tar.gz", "greeter-1.0"])
        .current_dir(dir)
        .status()
        .expect("tar runs");
    assert!(status.success());
    std::fs::remove_dir_all(&src).expect("clean");
    let r = common::run_in(dir, &["guix0.scm", "hash", "greeter-1.0.tar.gz"]);
    r.stdout.trim().to_string()
}

/// A bootstrap0.scm defining `greeter` from the project tarball (whose
/// hash is `hash`) with the given `arguments` field.
fn greeter_package(hash: &str, arguments: &str) -> String {
    format!(
        r#"(define tools (host-tools '("sh" "bash" "make" "cp" "mkdir" "sed" "cat" "true" "false" "ls")))
(define-public greeter
  (package
    (name "greeter") (version "1.0")
    (source (origin (method url-fetch) (uri "https://example.org/greeter-1.0.tar.gz")
                    (sha256 (base32 "{hash}"))))
    (build-system gnu-build-system)
    (inputs (list tools))
    (arguments
{arguments}
    (synopsis "s") (description "d") (license license:gpl3+) (home-page "h")))
"#
    )
}

fn greeter_definitions(hash: &str) -> String {
    greeter_package(
        hash,
        r#"     `(#:phases
       (modify-phases %standard-phases
         (delete 'strip)
         (add-after 'configure 'set-version
           (lambda _ (substitute* "generated.txt" (("VERSION") "1.0"))))
         (replace 'install
           (lambda* (#:key outputs inputs #:allow-other-keys)
             (let ((out (assoc-ref outputs "out")))
               (invoke "make" "install")
               (call-with-output-file (string-append out "/bin/late")
                 (lambda (port) (display "\x23;!/bin/sh\necho late\n" port)))
               (chmod (string-append out "/bin/late") #o755)
               (call-with-output-file (string-append out "/share/tools")
                 (lambda (port) (display (if (assoc-ref inputs "host-tools") "found" "missing") port)))
               (wrap-program (string-append out "/bin/greet")
                 `("GREETER_LANG" = ("en")))))))))"#,
    )
}

#[test]
fn phases_are_scriptable_as_in_guix() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hash = project_tarball(dir.path(), false);
    std::fs::write(dir.path().join("bootstrap0.scm"), greeter_definitions(&hash)).expect("write");
    let r = guix0_in(dir.path(), &["build"]);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    let out = item(dir.path(), "-greeter-1.0");
    assert_eq!(std::fs::read_to_string(out.join("share/generated.txt")).expect("generated"), "greeting = 1.0\n");
    assert_eq!(std::fs::read_to_string(out.join("share/tools")).expect("tools"), "found");
    let wrapper = std::fs::read_to_string(out.join("bin/greet")).expect("wrapper");
    assert!(wrapper.contains("export GREETER_LANG=\"en\"") && wrapper.contains(".greet-real"), "{wrapper}");
    // Written by the install phase, after the sources were patched.
    let script = std::fs::read_to_string(out.join("bin/late")).expect("script");
    assert!(script.starts_with("#!/") && !script.starts_with("#!/bin/sh"), "not patched: {script}");
    // The greeter's own log (the host-tools input has one too).
    let log = std::fs::read_dir(dir.path().join("store0/.logs"))
        .expect("logs")
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().ends_with("-greeter-1.0.log"))
        .expect("the greeter's log");
    let log = std::fs::read_to_string(log.path()).expect("log");
    for line in ["starting phase `set-version'", "phase `set-version' succeeded after", "starting phase `install'"] {
        assert!(log.contains(line), "{line}");
    }
    assert!(!log.contains("starting phase `strip'"), "the deleted phase ran");
}

#[test]
fn a_failing_check_shows_the_command_its_status_and_the_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hash = project_tarball(dir.path(), true);
    std::fs::write(dir.path().join("bootstrap0.scm"), greeter_definitions(&hash)).expect("write");
    let r = guix0_in(dir.path(), &["build"]);
    assert_eq!(r.status, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("build of greeter@1.0 failed"), "{}", r.stderr);
    assert!(
        r.stderr.contains("  | error: in phase 'check': command \"make\" \"check\" \"-j\" \"1\" failed with status 2"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("  | phase `check' failed after"), "{}", r.stderr);
    assert!(r.stderr.contains("  log: ") && r.stderr.contains(".logs/"), "{}", r.stderr);
    assert!(std::fs::read_dir(dir.path().join("store0")).expect("store0").filter_map(|e| e.ok()).all(|e| {
        let n = e.file_name().to_string_lossy().into_owned();
        n.starts_with('.') || !n.ends_with("-greeter-1.0")
    }));
}

#[test]
fn an_error_in_a_phase_is_reported_with_the_procedure_and_its_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("bootstrap0.scm"),
        r#"(define-public broken
  (package
    (name "broken") (version "1") (source #f)
    (build-system gnu-build-system)
    (arguments '(#:phases (modify-phases %standard-phases (replace 'unpack (lambda _ (car 5))))))
    (synopsis "s") (description "d") (license license:gpl3+) (home-page "h")))
"#,
    )
    .expect("write");
    let r = guix0_in(dir.path(), &["build"]);
    assert_eq!(r.status, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains(
            "error: in phase 'unpack': In procedure car: Wrong type argument in position 1 (expecting pair): 5\n"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn other_outputs_get_their_directories_from_configure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hash = project_tarball(dir.path(), false);
    let defs = greeter_definitions(&hash).replace(
        "(build-system gnu-build-system)",
        "(build-system gnu-build-system)\n    (outputs '(\"out\" \"doc\"))",
    );
    let defs = defs.replace(
        "(invoke \"make\" \"install\")",
        "(invoke \"make\" \"install\") (mkdir-p (assoc-ref outputs \"doc\"))",
    );
    std::fs::write(dir.path().join("bootstrap0.scm"), defs).expect("write");
    let r = guix0_in(dir.path(), &["build"]);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    let out = item(dir.path(), "-greeter-1.0");
    let doc = item(dir.path(), "-greeter-1.0-doc");
    let doc_name = doc.file_name().expect("name").to_string_lossy().into_owned();
    let args = std::fs::read_to_string(out.join("share/configure-args")).expect("configure-args");
    assert!(args.contains(&format!("/{doc_name}/share/doc/greeter-1.0")), "{args}");
    assert!(args.contains("--prefix=") && !args.contains("--libdir"), "{args}");
}

#[test]
fn new_style_arguments_with_gexps_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hash = project_tarball(dir.path(), false);
    let defs = greeter_package(
        &hash,
        r#"     (list #:configure-flags #~(list (string-append "--with-note=" #$output "/note"))
           #:tests? #f
           #:patch-shebangs? #f
           #:phases
           #~(modify-phases %standard-phases
               (delete 'strip)
               (add-after 'install 'record-tools
                 (lambda* (#:key inputs #:allow-other-keys)
                   (call-with-output-file (string-append #$output "/share/tools")
                     (lambda (port) (display #$tools port)))
                   (call-with-output-file (string-append #$output "/bin/late")
                     (lambda (port) (display "\x23;!/bin/sh\necho late\n" port)))
                   (chmod (string-append #$output "/bin/late") #o755))))))"#,
    );
    std::fs::write(dir.path().join("bootstrap0.scm"), defs).expect("write");
    let r = guix0_in(dir.path(), &["build"]);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    let out = item(dir.path(), "-greeter-1.0");
    let out_name = out.file_name().expect("name").to_string_lossy().into_owned();
    let args = std::fs::read_to_string(out.join("share/configure-args")).expect("configure-args");
    assert!(args.contains("--with-note=") && args.contains(&format!("/{out_name}/note")), "{args}");
    let tools = std::fs::read_to_string(out.join("share/tools")).expect("tools");
    assert!(tools.ends_with("-host-tools-host"), "{tools}");
    let script = std::fs::read_to_string(out.join("bin/late")).expect("script");
    assert!(script.starts_with("#!/bin/sh\n"), "#:patch-shebangs? #f, yet: {script}");
    let log = std::fs::read_dir(dir.path().join("store0/.logs")).expect("logs").filter_map(|e| e.ok());
    let log = log.map(|e| std::fs::read_to_string(e.path()).expect("log")).find(|l| l.contains("record-tools"));
    assert!(log.is_some_and(|l| l.contains("test suite not run") && !l.contains("starting phase `strip'")));
}
