//! Builds use no host program by accident: in a container (the default
//! where the kernel allows it, and always in CI) a build sees only what it
//! declared: no /etc/shadow, no /bin/sh, no network, nothing of the host's
//! /tmp; uncontained, PATH still holds only inputs. Interrupting a build
//! stops everything it started.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

/// A project with one trivial package whose builder runs `body` and writes
/// `(write REPORT)` into its output's `report` file.
fn project(extra_definitions: &str, inputs: &str, body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let definitions = format!(
        r#"{extra_definitions}
(define-public probe
  (package
    (name "probe") (version "1") (source #f)
    (build-system trivial-build-system)
    (inputs {inputs})
    (arguments
     `(#:builder (begin
                   (mkdir %output)
                   (call-with-output-file (string-append %output "/report")
                     (lambda (port) (write {body} port))))))
    (synopsis "s") (description "d") (license license:gpl3+) (home-page "h")))
"#
    );
    std::fs::write(dir.path().join("bootstrap0.scm"), definitions).expect("write definitions");
    dir
}

fn build(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["guix0.scm", "build"];
    all.extend_from_slice(args);
    let r = common::run_in(dir, &all);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    let store = dir.join("store0");
    let item = std::fs::read_dir(&store)
        .expect("store0")
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().ends_with("-probe-1"))
        .expect("the probe was built");
    std::fs::read_to_string(item.path().join("report")).expect("report")
}

const PROBES: &str = r#"(list (file-exists? "/etc/shadow")
          (catch #t (lambda () (call-with-input-file "/etc/passwd" read-line)) (lambda _ 'unreadable))
          (system* "/bin/sh" "-c" "true")
          (which "sh")
          (begin (call-with-output-file "/tmp/guix0-isolation-probe" (lambda (p) (display "x" p))) 'wrote))"#;

#[test]
fn a_contained_build_sees_only_what_it_declared() {
    let _ = std::fs::remove_file("/tmp/guix0-isolation-probe");
    let dir = project("", "'()", PROBES);
    let report = build(dir.path(), &["--container"]);
    // No host /etc (a minimal passwd instead), /bin/sh cannot run (status
    // 127 << 8), nothing on PATH, and /tmp is the container's own.
    assert_eq!(report, "(#f \"root:x:0:0:root:/homeless-shelter:/noshell\" 32512 #f wrote)");
    assert!(!Path::new("/tmp/guix0-isolation-probe").exists(), "the build wrote to the host's /tmp");
}

#[test]
fn an_uncontained_build_still_finds_no_host_program() {
    let dir = project("", "'()", r#"(list (which "sh") (which "gcc") (getenv "PATH"))"#);
    let report = build(dir.path(), &["--no-container"]);
    assert_eq!(report, "(#f #f \"/path-not-set\")");
}

#[test]
fn a_contained_build_has_no_network() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listen on loopback");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || while listener.accept().is_ok() {});
    let tools = r#"(define tools (host-tools '("bash")))"#;
    let connect = format!(
        r#"(system* (string-append (assoc-ref %build-inputs "host-tools") "/bin/bash") "-c" "exec 3<>/dev/tcp/127.0.0.1/{port}")"#
    );
    let contained = project(tools, "(list tools)", &connect);
    assert_ne!(build(contained.path(), &["--container"]), "0", "a contained build reached 127.0.0.1:{port}");
    let uncontained = project(tools, "(list tools)", &connect);
    assert_eq!(build(uncontained.path(), &["--no-container"]), "0", "the listener is reachable without a container");
}

/// Processes whose command line contains `marker`.
fn processes_with(marker: &str) -> usize {
    std::fs::read_dir("/proc")
        .expect("/proc")
        .filter_map(|e| e.ok())
        .filter(|e| {
            std::fs::read(e.path().join("cmdline"))
                .map(|c| String::from_utf8_lossy(&c).contains(marker))
                .unwrap_or(false)
        })
        .count()
}

#[test]
fn sigint_stops_every_process_of_a_build_and_stores_nothing() {
    for mode in ["--container", "--no-container"] {
        // A background sleep and a foreground one, with a marker duration.
        let tools = r#"(define tools (host-tools '("sh" "sleep")))"#;
        let body = r#"(system* (string-append (assoc-ref %build-inputs "host-tools") "/bin/sh") "-c" "sleep 4242.5 & sleep 4242.5")"#;
        let dir = project(tools, "(list tools)", body);
        let mut child = common::guix0()
            .current_dir(dir.path())
            .args(["guix0.scm", "build", mode])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("guix0 runs");
        let deadline = Instant::now() + Duration::from_secs(60);
        while processes_with("4242.5") < 2 {
            assert!(Instant::now() < deadline, "{mode}: the build never started its sleeps");
            std::thread::sleep(Duration::from_millis(20));
        }
        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
        let interrupted = Instant::now();
        let status = child.wait().expect("guix0 ends");
        assert!(
            interrupted.elapsed() < Duration::from_secs(2),
            "{mode}: guix0 took {:?} to stop",
            interrupted.elapsed()
        );
        assert_eq!(status.code(), Some(130), "{mode}");
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(processes_with("4242.5"), 0, "{mode}: a process of the build survived");
        let items: Vec<_> = std::fs::read_dir(dir.path().join("store0"))
            .expect("store0")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with("-probe-1"))
            .collect();
        assert!(items.is_empty(), "{mode}: an interrupted build left a store item");
    }
}
