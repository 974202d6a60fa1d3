//! No input may make guix0 panic: every primitive is called with one, two
//! and three arguments drawn from awkward values (the extreme fixnums, a
//! bignum, NaN, empty and odd containers, ...), each call under `catch #t`.
//! A panic or abort ends the process before it prints `done`; the last name
//! on stderr is the primitive that did it.

mod common;

/// Primitives that would stop the run, wait for input, or touch the
/// process's own state (its exit, its children, its signals, its
/// directory, environment or descriptors, the continuation machinery).
const SKIP: &[&str] = &[
    "exit",
    "primitive-exit",
    "primitive-_exit",
    "%exit",
    "quit",
    "emergency-exit",
    "abort",
    "primitive-fork",
    "execl",
    "execlp",
    "execle",
    "system",
    "system*",
    "sleep",
    "usleep",
    "kill",
    "waitpid",
    "%spawn",
    "%system*/capture",
    "%lock-file",
    "read",
    "read-line",
    "read-char",
    "peek-char",
    "read-string",
    "read-u8",
    "peek-u8",
    "read-bytevector",
    "read-delimited",
    "char-ready?",
    "get-line",
    "get-string-all",
    "apply",
    "call/cc",
    "call-with-current-continuation",
    "%call/ec",
    "%resume",
    "%uncaught",
    "%apply-values",
    "set-current-module",
    "%set-handlers!",
    "%set-winders!",
    "primitive-load",
    "%load-source",
    "%repl-eval",
    "chdir",
    "setenv",
    "unsetenv",
    "putenv",
    "umask",
    // Its file descriptors (stdout among them) and the files it creates.
    "close-fdes",
    "dup2",
    "dup",
    "dup->fdes",
    "open-fdes",
    "fcntl",
    "flock",
    // Its identity, root and host name, the disks, new directories.
    "setuid",
    "setgid",
    "seteuid",
    "setegid",
    "chroot",
    "sethostname",
    "sync",
    "mkdtemp",
    // Its session, group, priority, limits and alarm clock.
    "setsid",
    "setpgid",
    "nice",
    "setpriority",
    "setrlimit",
    "alarm",
    // Waits as long as it is told to.
    "select",
    "set-current-output-port",
    "set-current-error-port",
    "set-current-input-port",
    "current-input-port",
    // (append! l l) makes a cycle it then walks for ever, as in Guile.
    "append!",
];

#[test]
fn no_primitive_panics_on_awkward_arguments() {
    let mut names: Vec<&str> = guix0::runtime::all().iter().flat_map(|table| table.iter().map(|p| p.name)).collect();
    names.retain(|n| !SKIP.contains(n));
    names.sort_unstable();
    names.dedup();
    let quoted: Vec<String> = names.iter().map(|n| format!("|{n}|")).collect();
    let program = format!(
        r#"(define names '({}))
;; Fresh values for every call: a primitive that mutates its argument
;; must not change what the next one gets.
(define (awkward)
  (list 0 -1 9223372036854775807 -9223372036854775808 (expt 2 70) 1.5 +nan.0 +inf.0 -0.0 1/3
        "" "abc" 'sym '() (list 1 2) (vector 1) (make-bytevector 2 0) #f #t #\a))
(define n (length (awkward)))
(define (arg i) (list-ref (awkward) i))
(define (try proc)
  (do ((i 0 (+ i 1))) ((= i n))
    (catch #t (lambda () (proc (arg i))) (lambda _ #f))
    (do ((j 0 (+ j 1))) ((= j n))
      (catch #t (lambda () (proc (arg i) (arg j))) (lambda _ #f))
      (catch #t (lambda () (proc (arg i) (arg j) (arg i))) (lambda _ #f))))
  (catch #t (lambda () (proc)) (lambda _ #f)))
(for-each (lambda (name)
            (let ((proc (eval name (interaction-environment))))
              (display name (current-error-port))
              (newline (current-error-port))
              (with-output-to-string (lambda () (try proc)))))
          names)
(display "done")
"#,
        quoted.join(" ")
    );
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("fuzz.scm"), program).expect("write");
    let r = common::run_in(dir.path(), &["fuzz.scm"]);
    let last = r.stderr.lines().rev().find(|l| names.contains(l)).unwrap_or("?");
    assert!(
        r.status == 0 && r.stdout.ends_with("done"),
        "stopped (status {}) in or after `{last}`:\n{}",
        r.status,
        r.stderr.lines().rev().take(20).collect::<Vec<_>>().join("\n")
    );
}
