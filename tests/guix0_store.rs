//! Guix 0 end to end: definitions evaluated as Guix writes them, store
//! names that depend only on definitions, atomic builds, and every failure
//! caught with the right message and nothing left in the store.

mod common;

use std::path::{Path, PathBuf};

struct Project {
    dir: tempfile::TempDir,
}

const GREETING: &str = "hello world\n";
/// nix-base32 sha256 of GREETING.
const GREETING_HASH: &str = "0ix4jahrkll5zg01wandq78jw3ab30q4nscph67rniqg5x7r0j59";

/// A trivial three-package chain; `extra` is spliced into `top`'s builder.
fn chain(seed_hash: &str, top_extra: &str) -> String {
    format!(
        r#"
(define-public seed
  (package
    (name "seed") (version "1") (source #f)
    (build-system trivial-build-system)
    (inputs `(("greeting" ,(origin (method url-fetch) (uri "https://example.org/greeting.txt")
                                   (sha256 (base32 "{seed_hash}"))))))
    (arguments
     `(#:builder (begin
                   (mkdir-p (string-append %output "/share"))
                   (copy-file (assoc-ref %build-inputs "greeting") (string-append %output "/share/greeting")))))
    (synopsis "A seed") (description "The first package.")
    (license license:gpl3+) (home-page "https://example.org")))

(define-public middle
  (package
    (inherit seed)
    (name "middle")
    (inputs (list seed))
    (arguments
     `(#:builder (begin
                   (mkdir %output)
                   (symlink (string-append (assoc-ref %build-inputs "seed") "/share/greeting")
                            (string-append %output "/greeting")))))))

(define-public top
  (package
    (inherit seed)
    (name "top")
    (inputs (list middle))
    (arguments
     `(#:builder (begin
                   (mkdir %output)
                   {top_extra}
                   (copy-recursively (assoc-ref %build-inputs "middle") (string-append %output "/copy")))))))
"#
    )
}

impl Project {
    fn new(definitions: &str) -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("bootstrap0.scm"), definitions).expect("write definitions");
        std::fs::write(dir.path().join("greeting.txt"), GREETING).expect("write source");
        Project { dir }
    }
    fn path(&self) -> &Path {
        self.dir.path()
    }
    fn run(&self, args: &[&str]) -> common::Run {
        let mut all = vec!["guix0.scm"];
        all.extend_from_slice(args);
        common::run_in(self.path(), &all)
    }
    /// Names in store0 (excluding the .logs/.build/.failed bookkeeping).
    fn store_items(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path().join("store0"))
            .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        names.retain(|n| !n.starts_with('.'));
        names.sort();
        names
    }
    /// A store file, following a symlink into the store: contained builds
    /// see the store at /store0, so that is where their links point.
    fn resolve(&self, file: &Path) -> PathBuf {
        match std::fs::read_link(file) {
            Ok(target) => match target.strip_prefix("/store0") {
                Ok(rest) => self.path().join("store0").join(rest),
                Err(_) => target,
            },
            Err(_) => file.to_path_buf(),
        }
    }
    fn store_name(&self, package: &str) -> String {
        let r = self.run(&["show", package]);
        r.stdout
            .lines()
            .find_map(|l| l.strip_prefix("store name: "))
            .unwrap_or_else(|| panic!("no store name for {package}: {}{}", r.stdout, r.stderr))
            .to_string()
    }
}

#[test]
fn the_seeds_own_definitions_evaluate_and_dry_run_reports_what_is_missing() {
    let gist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/seed-gist.scm");
    let dir = tempfile::tempdir().expect("temp dir");
    let r = common::run_in(dir.path(), &["guix0.scm", "-f", gist.to_str().expect("utf-8"), "--dry-run"]);
    assert_eq!(r.status, 1, "missing sources make the dry run fail\n{}{}", r.stdout, r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    assert!(r.stdout.contains("would build:   mes@0"), "{}", r.stdout);
    assert!(r.stdout.contains("exe: missing") && r.stdout.contains("sha256 is a placeholder"), "{}", r.stdout);
    assert!(r.stdout.contains("would build:   gash@0.2.0"), "{}", r.stdout);
    assert!(r.stdout.contains("looked for gash-0.2.0.tar.gz, gash.tar"), "{}", r.stdout);
    assert!(r.stdout.contains("#:output-hash: placeholder"), "{}", r.stdout);
}

#[test]
fn bootstrap0_dry_runs_in_a_directory_without_tarballs() {
    let defs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bootstrap0.scm");
    let dir = tempfile::tempdir().expect("temp dir");
    let r = common::run_in(dir.path(), &["guix0.scm", "-f", defs.to_str().expect("utf-8"), "--dry-run"]);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    for name in ["mes@", "gash@0.2.0", "tcc@", "guile@"] {
        assert!(r.stdout.contains(&format!("would build:   {name}")), "{name}: {}", r.stdout);
    }
    assert!(r.stdout.contains("gash-0.2.0.tar.gz") && r.stdout.contains("fetch from"), "{}", r.stdout);
    // ./tcc may be tcc's source, but not each of its other origins.
    std::fs::write(dir.path().join("tcc"), "not a tarball").expect("write");
    let r = common::run_in(dir.path(), &["guix0.scm", "-f", defs.to_str().expect("utf-8"), "--dry-run"]);
    assert_eq!(r.stdout.matches("/tcc (HASH MISMATCH").count(), 1, "{}", r.stdout);
    assert!(r.stdout.contains("mes-source: missing (looked for mes-0.25.1.tar.gz, mes-source;"), "{}", r.stdout);
}

#[test]
fn chain_builds_names_are_stable_and_nothing_is_rebuilt() {
    let a = Project::new(&chain(GREETING_HASH, ""));
    let r = a.run(&[]);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("[1/3] building seed@1") && r.stdout.contains("[3/3] built top@1"), "{}", r.stdout);
    assert!(r.stdout.contains("pin it with: #:output-hash"), "{}", r.stdout);
    let items = a.store_items();
    assert_eq!(items.len(), 3, "{items:?}");
    let greeting = a.path().join("store0").join(items.iter().find(|i| i.ends_with("-top-1")).expect("top"));
    assert_eq!(std::fs::read_to_string(a.resolve(&greeting.join("copy/greeting"))).expect("built file"), GREETING);

    // A second run builds nothing.
    let again = a.run(&[]);
    assert!(again.stdout.contains("seed@1 is already built") && !again.stdout.contains("building"), "{}", again.stdout);

    // The same definitions elsewhere give the same names.
    let b = Project::new(&chain(GREETING_HASH, ""));
    assert_eq!(b.run(&[]).status, 0);
    assert_eq!(a.store_items(), b.store_items());

    // Changing one argument changes exactly that package and its dependents.
    let c = Project::new(&chain(GREETING_HASH, "(mkdir (string-append %output \"/extra\"))"));
    for (pkg, same) in [("seed", true), ("middle", true), ("top", false)] {
        assert_eq!(a.store_name(pkg) == c.store_name(pkg), same, "{pkg}");
    }
}

#[test]
fn wrong_source_hash_stops_with_guix_message_and_stores_nothing() {
    let p = Project::new(&chain("1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s", ""));
    let r = p.run(&[]);
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("sha256 hash mismatch for"), "{}", r.stderr);
    assert!(r.stderr.contains("  expected hash: 1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s"), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("  actual hash:   {GREETING_HASH}")), "{}", r.stderr);
    assert!(p.store_items().is_empty(), "{:?}", p.store_items());
}

#[test]
fn missing_source_lists_names_tried_and_the_uri() {
    let p = Project::new(&chain(GREETING_HASH, ""));
    std::fs::remove_file(p.path().join("greeting.txt")).expect("remove");
    let r = p.run(&[]);
    assert_eq!(r.status, 1);
    assert!(
        r.stderr.contains("not found") && r.stderr.contains("looked for: greeting.txt, greeting, seed"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("fetch it from: https://example.org/greeting.txt"), "{}", r.stderr);
    assert!(p.store_items().is_empty());
}

#[test]
fn a_builder_that_raises_fails_the_build_with_its_log() {
    let p = Project::new(&chain(GREETING_HASH, "(error \"something broke\" 42)"));
    let r = p.run(&[]);
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("build of top@1 failed: the builder exited with status 1"), "{}", r.stderr);
    assert!(r.stderr.contains("something broke 42") && r.stderr.contains("log: "), "{}", r.stderr);
    let items = p.store_items();
    assert_eq!(items.len(), 2, "only seed and middle are in the store: {items:?}");
    assert!(!items.iter().any(|i| i.ends_with("-top-1")));
}

#[test]
fn output_hash_mismatch_halts_and_keeps_the_output_aside() {
    let defs = chain(GREETING_HASH, "").replace(
        "(name \"middle\")",
        "(name \"middle\") (arguments (append (package-arguments seed) '(#:output-hash \"0000000000000000000000000000000000000000000000000000\")))",
    );
    // `arguments` given twice is an error; keep the builder, add the hash.
    let defs = defs.replacen(
        "(name \"middle\") (arguments (append (package-arguments seed) '(#:output-hash \"0000000000000000000000000000000000000000000000000000\")))\n    (inputs (list seed))\n    (arguments\n     `(#:builder",
        "(name \"middle\")\n    (inputs (list seed))\n    (arguments\n     `(#:output-hash \"0000000000000000000000000000000000000000000000000000\" #:builder",
        1,
    );
    let p = Project::new(&defs);
    let r = p.run(&[]);
    assert_eq!(r.status, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("sha256 hash mismatch for") && r.stderr.contains("-middle-1:"), "{}", r.stderr);
    assert!(r.stderr.contains("  expected hash: 0000000000000000000000000000000000000000000000000000"), "{}", r.stderr);
    assert!(r.stderr.contains("hash mismatch for store item"), "{}", r.stderr);
    assert_eq!(p.store_items().len(), 1, "only seed: {:?}", p.store_items());
    assert!(p.path().join("store0/.failed").read_dir().map(|d| d.count()).unwrap_or(0) == 1);
}

#[test]
fn a_cycle_among_inputs_is_named() {
    let defs = chain(GREETING_HASH, "").replace("(inputs (list seed))", "(inputs (list seed top))");
    let p = Project::new(&defs);
    let r = p.run(&[]);
    assert_eq!(r.status, 1);
    assert!(
        r.stderr.contains("cycle among inputs: middle@1 -> top@1 -> middle@1")
            || r.stderr.contains("cycle among inputs: top@1 -> middle@1 -> top@1"),
        "{}",
        r.stderr
    );
    assert!(p.store_items().is_empty());
    // Naming a package needs its inputs' names: show and --dry-run report
    // the cycle too, rather than chase it for ever.
    for args in [&["--dry-run"][..], &["show", "top"]] {
        let r = p.run(args);
        assert_eq!(r.status, 1, "{args:?}");
        assert!(
            r.stdout.contains("cycle among inputs") || r.stderr.contains("cycle among inputs"),
            "{args:?}: {}{}",
            r.stdout,
            r.stderr
        );
    }
}

#[test]
fn an_unknown_package_name_is_an_error_listing_known_ones() {
    let p = Project::new(&chain(GREETING_HASH, ""));
    let r = p.run(&["build", "nosuch"]);
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("unknown package `nosuch' (known: seed, middle, top)"), "{}", r.stderr);
}

/// Wait (at most a minute) until the build of the store item ending in
/// `suffix` has started: its scratch directory exists.
fn wait_for_build_of(p: &Project, suffix: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let started = std::fs::read_dir(p.path().join("store0/.build"))
            .map(|d| d.filter_map(|e| e.ok()).any(|e| e.file_name().to_string_lossy().ends_with(suffix)))
            .unwrap_or(false);
        if started {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "the build of {suffix} never started");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_build_killed_with_sigkill_leaves_no_store_item_and_is_rebuilt() {
    // top's builder waits while a `hang` file exists in the project.
    let p = Project::new("");
    let hang = p.path().join("hang");
    std::fs::write(&hang, "").expect("write");
    let extra = format!("(let loop () (when (file-exists? \"{}\") (usleep 20000) (loop)))", hang.display());
    std::fs::write(p.path().join("bootstrap0.scm"), chain(GREETING_HASH, &extra)).expect("write");
    // Uncontained, so that the builder sees the `hang` file.
    let mut child = common::guix0().current_dir(p.path()).args(["guix0.scm", "--no-container"]).spawn().expect("spawn");
    wait_for_build_of(&p, "-top-1");
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    std::fs::remove_file(&hang).expect("let the orphaned builder finish");
    assert!(!p.store_items().iter().any(|i| i.ends_with("-top-1") && !i.starts_with('e')), "{:?}", p.store_items());
    let r = p.run(&["--no-container"]);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("building top@1"), "{}", r.stdout);
    assert_eq!(p.store_items().len(), 3, "temporary outputs are cleaned: {:?}", p.store_items());
}

#[test]
fn check_reports_reproducible_and_not() {
    let p = Project::new(&chain(GREETING_HASH, ""));
    assert_eq!(p.run(&[]).status, 0);
    let r = p.run(&["--check"]);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("top@1 is reproducible"), "{}", r.stdout);

    let clock =
        "(call-with-output-file (string-append %output \"/built-at\") (lambda (port) (write (gettimeofday) port)))";
    let q = Project::new(&chain(GREETING_HASH, clock));
    assert_eq!(q.run(&[]).status, 0);
    let r = q.run(&["--check", "top"]);
    assert_eq!(r.status, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("top@1 is not reproducible") && r.stdout.contains("rebuilt:"), "{}", r.stdout);
}

#[test]
fn bad_hashes_and_missing_fields_are_reported_where_they_are_written() {
    let hello = |version: &str, hash: &str| {
        format!(
            "(define-public hello\n  (package\n    (name \"hello\")\n    {version}\n    (source (origin (method url-fetch) (uri \"mirror://gnu/hello/hello-2.10.tar.gz\")\n                    (sha256 (base32 \"{hash}\"))))\n    (build-system gnu-build-system)\n    (synopsis \"s\") (description \"d\") (license license:gpl3+) (home-page \"x\")))\n"
        )
    };
    let good = "0ssi1wpaf7plaswqqjwigppsg5fyh99vdlb9kzl7c9lng89ndq1i";
    let p = Project::new(&hello("(version \"2.10\")", "0ssi1wpaf7plaswqqjwigppsg5fyh99vdlb9kzl7c9lng89ndqEi"));
    let r = p.run(&["--dry-run"]);
    assert_eq!(r.status, 1);
    assert!(
        r.stderr.contains("bootstrap0.scm:6:29") && r.stderr.contains("character 'E' at position 50"),
        "{}",
        r.stderr
    );
    // (the fields in place of `(version ...)`, what the dry run must say)
    let cases = [
        ("", "bootstrap0.scm:2:3: package: missing field initializers (version)"),
        ("(version \"2.10\") (colour \"blue\")", "extraneous field initializers (colour)"),
        (
            "(version \"2.10\") (version \"2.12\")",
            "bootstrap0.scm:2:3: package: duplicate field initializers (version)",
        ),
        ("(version 2.10)", "bootstrap0.scm:2:3: package: field `version' must be a string"),
        (
            "(version \"2.10\") (arguments '(#:output-hash \"abc\"))",
            "the #:output-hash of hello@2.10 is not a nix-base32 sha256: \"abc\"",
        ),
        ("(version \"2.10\") (inputs (list 42))", "input (\"_\" 42) of hello@2.10 is neither a package nor an origin"),
        ("(version \"2.10\") (arguments 5)", "the arguments of hello@2.10 are 5"),
    ];
    for (fields, message) in cases {
        let r = Project::new(&hello(fields, good)).run(&["--dry-run"]);
        let said = format!("{}{}", r.stdout, r.stderr);
        assert!(r.status == 1 && said.contains(message), "{fields}: expected {message}, got:\n{said}");
    }
    let p = Project::new(&hello("(version \"2.10\")", good).replace(&format!("(base32 \"{good}\")"), "\"abc\""));
    let r = p.run(&["--dry-run"]);
    assert!(
        r.stderr.contains("bootstrap0.scm:5:13") && r.stderr.contains("field `sha256' must be written (sha256 (base32"),
        "{}",
        r.stderr
    );
    let r = p.run(&["--cores", "many"]);
    assert!(r.status == 1 && r.stderr.contains("--cores takes a number of cores"), "{}", r.stderr);
}

#[test]
fn packages_with_several_outputs_build_each_and_inputs_name_one() {
    let defs = r#"
(define-public lib
  (package
    (name "lib") (version "1") (source #f)
    (build-system trivial-build-system)
    (outputs '("out" "lib" "doc"))
    (arguments
     `(#:builder (begin
                   (let ((lib (assoc-ref %outputs "lib")) (doc (assoc-ref %outputs "doc")))
                     (mkdir-p (string-append lib "/lib"))
                     (call-with-output-file (string-append lib "/lib/where")
                       (lambda (port) (display (string-append doc "/manual") port)))
                     (mkdir-p doc)
                     (call-with-output-file (string-append doc "/manual") (lambda (port) (display "read me" port)))
                     (mkdir %output)
                     (symlink (string-append lib "/lib") (string-append %output "/lib"))))))
    (synopsis "s") (description "d") (license license:gpl3+) (home-page "https://example.org")))

(define-public user
  (package
    (inherit lib)
    (name "user")
    (outputs '("out"))
    (inputs `(("lib" ,lib "lib") ("manual" ,lib "doc")))
    (arguments
     `(#:builder (begin
                   (mkdir %output)
                   (copy-file (string-append (assoc-ref %build-inputs "lib") "/lib/where")
                              (string-append %output "/where"))
                   (copy-file (string-append (assoc-ref %build-inputs "manual") "/manual")
                              (string-append %output "/manual")))))))
"#;
    let p = Project::new(defs);
    let r = p.run(&[]);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    let lib = p.store_name("lib");
    let user = p.store_name("user");
    assert_eq!(p.store_items(), {
        let mut v = vec![lib.clone(), format!("{lib}-doc"), format!("{lib}-lib"), user.clone()];
        v.sort();
        v
    });
    assert!(p.run(&["show", "lib"]).stdout.contains("outputs: out lib doc"));
    // References between outputs are rewritten to the final store names.
    let store = p.path().join("store0");
    let where_to = std::fs::read_to_string(store.join(&user).join("where")).expect("where");
    assert!(where_to.ends_with(&format!("/{lib}-doc/manual")), "{where_to}");
    assert_eq!(std::fs::read_to_string(store.join(&user).join("manual")).expect("manual"), "read me");

    // An input naming an output the package does not have is an error.
    let bad = Project::new(&defs.replace(r#"("manual" ,lib "doc")"#, r#"("manual" ,lib "info")"#));
    let r = bad.run(&[]);
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("names output \"info\", which lib@1 does not have"), "{}", r.stderr);
    assert!(r.stderr.contains("the outputs of lib@1 are: out lib doc"), "{}", r.stderr);

    // The pinned hash covers every output, and rebuilds reproduce it.
    let check = p.run(&["--check", "lib"]);
    assert_eq!(check.status, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn gexps_in_arguments_lower_to_store_paths_and_outputs() {
    let defs = format!(
        r#"
(define greeting-source
  (origin (method url-fetch) (uri "https://example.org/greeting.txt") (sha256 (base32 "{GREETING_HASH}"))))
(define-public seed
  (package
    (name "seed") (version "1") (source #f)
    (build-system trivial-build-system)
    (inputs (list greeting-source))
    (arguments
     (list #:builder
           #~(begin
               (mkdir-p (string-append #$output "/share"))
               (copy-file #$greeting-source (string-append #$output "/share/greeting")))))
    (synopsis "s") (description "d") (license license:gpl3+) (home-page "https://example.org")))
(define-public user
  (package
    (inherit seed)
    (name "user")
    (outputs '("out" "doc"))
    (inputs (list seed))
    (arguments
     (list #:builder
           (with-imported-modules '((guix build utils))
             #~(begin
                 (use-modules (guix build utils))
                 (mkdir #$output:doc)
                 (mkdir #$output)
                 (call-with-output-file (string-append #$output "/where")
                   (lambda (port) (display #$(file-append seed "/share/greeting") port)))
                 (copy-file #$(file-append (this-package-input "seed") "/share/greeting")
                            (string-append #$output "/greeting"))))))))
"#
    );
    let p = Project::new(&defs);
    let r = p.run(&[]);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    let user = p.path().join("store0").join(p.store_name("user"));
    assert_eq!(std::fs::read_to_string(user.join("greeting")).expect("greeting"), GREETING);
    let seed = p.store_name("seed");
    let where_to = std::fs::read_to_string(user.join("where")).expect("where");
    assert!(where_to.ends_with(&format!("/{seed}/share/greeting")), "{where_to}");

    // A package a gexp names must be an input (the build sees nothing else).
    let stray = Project::new(&defs.replace("(inputs (list seed))", "(inputs '())"));
    let r = stray.run(&["build", "user"]);
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("refers to seed@1, which is not among its inputs"), "{}", r.stderr);

    // A procedure in the arguments cannot be written into a builder.
    let procedure = Project::new(&defs.replace(
        "(list #:builder\n           #~(begin\n               (mkdir-p",
        "(list #:tests? car #:builder\n           #~(begin\n               (mkdir-p",
    ));
    let r = procedure.run(&["--dry-run"]);
    assert!(r.stderr.contains("hold a procedure") || r.stdout.contains("hold a procedure"), "{}{}", r.stdout, r.stderr);
}

#[test]
fn a_definitions_file_written_as_a_guix_module_defines_its_packages() {
    // (guix packages) re-exports `base32`, as Guix's does.
    let p = Project::new(&format!(
        r#"(define-module (gnu packages greet)
  #:use-module (guix packages)
  #:use-module (guix download)
  #:use-module (guix build-system trivial)
  #:use-module ((guix licenses) #:prefix license:))

(define-public greet
  (package
    (name "greet") (version "1")
    (source (origin (method url-fetch) (uri "https://example.org/greeting.txt")
                    (sha256 (base32 "{GREETING_HASH}"))))
    (build-system trivial-build-system)
    (arguments '(#:builder (mkdir %output)))
    (synopsis "s") (description "d") (license license:gpl3+) (home-page "h")))
"#
    ));
    let r = p.run(&["--dry-run"]);
    assert!(r.status == 0 && r.stdout.contains("would build:   greet@1"), "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("greeting.txt (sha256 ok)"), "{}", r.stdout);
    let r = p.run(&["build", "greet"]);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    assert!(p.store_items().iter().any(|n| n.ends_with("-greet-1")), "{:?}", p.store_items());
}

#[test]
fn a_plain_run_hands_over_to_the_guile_it_built() {
    // A stand-in for Guile: a script that says what it was given.
    let p = Project::new(
        r##"(define-public guile
  (package
    (name "guile") (version "3") (source #f)
    (build-system trivial-build-system)
    (arguments
     '(#:builder (begin
                   (mkdir-p (string-append %output "/bin"))
                   (call-with-output-file (string-append %output "/bin/guile")
                     (lambda (port) (display "#!/bin/sh\necho \"next stage runs $1\"\nexit 7\n" port)))
                   (chmod (string-append %output "/bin/guile") #o755))))
    (synopsis "s") (description "d") (license license:gpl3+) (home-page "h")))
"##,
    );
    let r = p.run(&["--no-container"]);
    assert!(r.status == 0 && r.stdout.contains("no guix1.scm here"), "{}{}", r.stdout, r.stderr);
    std::fs::write(p.path().join("guix1.scm"), "").expect("write");
    let r = p.run(&["--no-container"]);
    assert_eq!(r.status, 7, "the next stage's status is guix0's\n{}{}", r.stdout, r.stderr);
    let handing = r.stdout.find("guix0: handing over to ").expect("announced");
    let next = r.stdout.find("next stage runs guix1.scm").expect("ran");
    assert!(handing < next, "{}", r.stdout);
    let r = p.run(&["--no-container", "--no-hand-off"]);
    assert!(r.status == 0 && !r.stdout.contains("next stage"), "{}{}", r.stdout, r.stderr);
}

/// `(guix utils)` as package definitions use it: `substitute-keyword-arguments`
/// (gexps included, a default for a missing keyword), versions, the current
/// system, `cc-for-target`; and `package/inherit`.
#[test]
fn guix_utils_helpers_evaluate_as_in_guix() {
    let r = common::run_program(
        r#"(use-modules (guix packages) (guix utils) (guix gexp) (guix download)
             (guix build-system gnu) ((guix licenses) #:prefix license:))
(define hello
  (package
    (name "hello") (version "2.12.1")
    (source (origin (method url-fetch)
                    (uri (string-append "mirror://gnu/hello/" (version-major+minor version) "/hello.tar.gz"))
                    (sha256 (base32 "086vqwk2wl8zfs47sq2xpjc9k066ilmb8z6dn0q6ymwjzlm196cd"))))
    (build-system gnu-build-system)
    (arguments (list #:configure-flags #~(list "--a") #:make-flags #~(list (string-append "CC=" #$(cc-for-target)))))
    (synopsis "s") (description "d") (home-page "h") (license license:gpl3+)))
(define variant
  (package/inherit hello
    (name "variant")
    (arguments
     (substitute-keyword-arguments (package-arguments hello)
       ((#:configure-flags flags #~'()) #~(cons "--b" #$flags))
       ((#:tests? _ #t) #f)
       ((#:absent x) x)))))
(write (list (package-name variant) (origin-uri (package-source variant))))
(newline)
(write (package-arguments variant))
(newline)
(write (list (version-major "2.12.1") (version-prefix "1.2.3.4" 3) (version>? "2.10" "2.9")
             (version<? "1.2" "1.2.1") (string-suffix? "-linux" (%current-system))
             (strip-keyword-arguments '(#:tests?) '(#:tests? #f #:a 1))
             (ensure-keyword-arguments '(#:a 1) '(#:a 2 #:b 3))
             (string-replace-substring "a-b-c" "-" "--")))
(newline)"#,
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], r#"("variant" "mirror://gnu/hello/2.12/hello.tar.gz")"#);
    assert_eq!(
        lines[1],
        r#"(#:configure-flags #<gexp (cons "--b" (list "--a"))> #:make-flags #<gexp (list (string-append "CC=" "gcc"))> #:tests? #f)"#
    );
    assert_eq!(lines[2], r#"("2" "1.2.3" #t #t #t (#:a 1) (#:a 1 #:b 3) "a--b--c")"#);
}

/// guix0 builds an origin's file as it is: patches and snippets, which it
/// does not apply, stop the build with a message rather than being dropped.
#[test]
fn origin_patches_and_snippets_are_refused_not_dropped() {
    let defs = chain(GREETING_HASH, "").replacen(
        "(sha256 (base32",
        "(patches (list \"fix-greeting.patch\")) (snippet '(delete-file \"x\")) (sha256 (base32",
        1,
    );
    let p = Project::new(&defs);
    let r = p.run(&["--dry-run"]);
    assert_eq!(r.status, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("has patches (fix-greeting.patch) and a snippet, which guix0 does not apply"),
        "{}",
        r.stdout
    );
    let r = p.run(&["build", "seed"]);
    assert_eq!(r.status, 1);
    assert!(
        r.stderr.contains(
            "the input \"greeting\" of seed@1 has patches (fix-greeting.patch) and a snippet, which guix0 does not apply"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("apply them to it"), "{}", r.stderr);
    assert!(p.store_items().is_empty(), "{:?}", p.store_items());
}

/// A Git origin is a checkout directory named by `git-file-name`, checked
/// by the sha256 of its nar serialisation (as Guix and `nix-hash` compute
/// it), and built from like any source; when it is missing, the message
/// says where to clone it from.
#[test]
fn git_checkouts_are_sources_checked_by_their_nar_hash() {
    // `nix-hash --type sha256 --base32` of the checkout made below.
    const CHECKOUT_HASH: &str = "1x6fg6xnjm407bkvnsqbpp9hh05hi6ni8bydb3v8z65393c5b6vi";
    let defs = format!(
        r#"(use-modules (guix git-download))
(define-public greeter
  (package
    (name "greeter") (version (git-version "1.0" "1" "0123456789abcdef"))
    (source #f)
    (build-system trivial-build-system)
    (inputs `(("checkout" ,(origin (method git-fetch)
                                   (uri (git-reference (url "https://example.org/greeter.git")
                                                       (commit "0123456789abcdef")))
                                   (file-name (git-file-name "greeter" "1.0"))
                                   (sha256 (base32 "{CHECKOUT_HASH}"))))))
    (arguments
     `(#:builder (begin
                   (mkdir %output)
                   (copy-file (string-append (assoc-ref %build-inputs "checkout") "/greeting")
                              (string-append %output "/greeting")))))
    (synopsis "s") (description "d") (license license:gpl3+) (home-page "h")))
"#
    );
    let p = Project::new(&defs);
    let r = p.run(&["build", "greeter"]);
    assert!(
        r.stderr.contains("https://example.org/greeter.git (git clone, check out 0123456789abcdef"),
        "{}",
        r.stderr
    );
    assert!(p.store_items().is_empty());

    let checkout = p.path().join("greeter-1.0-checkout");
    std::fs::create_dir_all(checkout.join("sub")).expect("checkout");
    std::fs::write(checkout.join("greeting"), GREETING).expect("write");
    std::fs::write(checkout.join("sub/x"), "x").expect("write");
    let r = p.run(&["build", "greeter"]);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    let items = p.store_items();
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(items[0].ends_with("-greeter-1.0-1.0123456"), "{items:?}");
    let built = std::fs::read_to_string(p.path().join("store0").join(&items[0]).join("greeting")).expect("output");
    assert_eq!(built, GREETING);

    // Another checkout under the same name is refused.
    std::fs::remove_dir_all(p.path().join("store0")).expect("clear store");
    std::fs::write(checkout.join("sub/x"), "y").expect("write");
    let r = p.run(&["build", "greeter"]);
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("sha256 hash mismatch"), "{}", r.stderr);
    assert!(p.store_items().is_empty(), "{:?}", p.store_items());
}

/// Modules and procedures a Guix definition imports from elsewhere than
/// (guix packages): (guix git-download), (guix search-paths),
/// hidden-package and deprecated-package.
#[test]
fn git_download_search_paths_and_hidden_packages_evaluate() {
    let r = common::run_program(
        r#"(use-modules (guix packages) (guix git-download) (guix search-paths) (guix build-system trivial)
             ((guix licenses) #:prefix license:))
(define commit "0123456789abcdef0123456789abcdef01234567")
(define foo
  (package
    (name "foo") (version (git-version "1.0" "2" commit))
    (source (origin (method git-fetch)
                    (uri (git-reference (url "https://example.org/foo.git") (commit commit)))
                    (file-name (git-file-name name version))
                    (sha256 (base32 "0ssi1wpaf7plaswqqjwigppsg5fyh99vdlb9kzl7c9lng89ndq1i"))))
    (build-system trivial-build-system)
    (native-search-paths (list (search-path-specification (variable "FOO_PATH") (files '("share/foo")))))
    (synopsis "s") (description "d") (home-page "h") (license license:expat)))
(define old-foo (deprecated-package "old-foo" foo))
(write (list (package-version foo) (origin-file-name (package-source foo))
             (git-reference-url (origin-uri (package-source foo)))
             (map search-path-specification-variable (package-native-search-paths foo))
             (assq-ref (package-properties (hidden-package foo)) 'hidden?)
             (package-name old-foo) (eq? foo (assq-ref (package-properties old-foo) 'superseded))))"#,
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        r#"("1.0-2.0123456" "foo-1.0-2.0123456-checkout" "https://example.org/foo.git" ("FOO_PATH") #t "old-foo" #t)"#
    );
}

/// `this-package` (and `this-package-input`) outside a package's fields is
/// an error at the place it is written, not an unbound variable.
#[test]
fn this_package_outside_a_package_is_a_clear_error() {
    let r = common::run_program("(use-modules (guix packages))\n(display (this-package-input \"zlib\"))");
    assert_eq!(r.status, 1, "{}", r.stdout);
    assert!(r.stderr.contains("this-package: used outside of a package's fields"), "{}", r.stderr);
    assert!(r.stderr.contains(":2:10"), "{}", r.stderr);
}
