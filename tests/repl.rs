//! The REPL driven through a real pseudo-terminal (issue 7): multi-line
//! input, Tab completion, history across restarts, errors, `,show` of a
//! package from a definitions file, Ctrl-C interrupting a loop, plus the
//! completion rules on their own. Every wait has a timeout, so a hung REPL
//! fails its test.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;

use guix0::repl::completion::{matching_modules, target, Target};

const TIMEOUT: Duration = Duration::from_secs(20);
const PROMPT: &str = "guix0@(guile-user)> ";
/// What a terminal is asked for the cursor position, and the answer.
const CURSOR_QUERY: &[u8] = b"\x1b[6n";
const CURSOR_REPLY: &[u8] = b"\x1b[1;1R";

/// guix0 running on the slave side of a pty; we hold the master.
struct Repl {
    master: File,
    output: Arc<Mutex<Vec<u8>>>,
    /// How much of the plain output `expect` has consumed.
    seen: usize,
    child: Child,
}

impl Repl {
    fn spawn(args: &[&str], dir: &Path, data_home: &Path) -> Repl {
        let (mut master, mut slave) = (-1, -1);
        let size = libc::winsize { ws_row: 50, ws_col: 200, ws_xpixel: 0, ws_ypixel: 0 };
        // SAFETY: openpty writes two descriptors into the given integers.
        let rc = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both descriptors were just opened and are owned here.
        let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_guix0"));
        cmd.args(args)
            .current_dir(dir)
            .env("TERM", "xterm")
            .env("NO_COLOR", "1")
            .env("XDG_DATA_HOME", data_home)
            .env_remove("GUIX0_LOAD_PATH")
            .stdin(Stdio::from(slave.try_clone().expect("dup")))
            .stdout(Stdio::from(slave.try_clone().expect("dup")))
            .stderr(Stdio::from(slave));
        // SAFETY: only async-signal-safe calls between fork and exec. The
        // child leads a new session whose controlling terminal is the pty,
        // so Ctrl-C typed there is its SIGINT.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("guix0 starts");
        drop(cmd);
        let output = Arc::new(Mutex::new(Vec::new()));
        let (mut reader, mut replier) = (master.try_clone().expect("dup"), master.try_clone().expect("dup"));
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            let mut answered = 0;
            // Ends when the child is gone (EIO) or the master is closed.
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                let mut out = sink.lock().unwrap();
                out.extend_from_slice(&buf[..n]);
                let asked = out.windows(CURSOR_QUERY.len()).filter(|w| *w == CURSOR_QUERY).count();
                for _ in answered..asked {
                    let _ = replier.write_all(CURSOR_REPLY);
                }
                answered = asked;
            }
        });
        Repl { master, output, seen: 0, child }
    }

    fn send(&mut self, text: &str) {
        self.master.write_all(text.as_bytes()).expect("write to the pty");
        self.master.flush().expect("flush the pty");
    }

    /// The output so far without terminal control sequences.
    fn plain(&self) -> String {
        strip_controls(&String::from_utf8_lossy(&self.output.lock().unwrap()))
    }

    /// Wait until `needle` appears in output not consumed yet; consume up
    /// to its end.
    fn expect(&mut self, needle: &str) {
        let start = Instant::now();
        loop {
            let text = self.plain();
            if let Some(i) = text.get(self.seen..).and_then(|t| t.find(needle)) {
                self.seen += i + needle.len();
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {needle:?}; output:\n{text}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until the REPL is reading input again: a fresh prompt starts
    /// a line (redrawing the line being edited does not).
    fn prompt(&mut self) {
        self.expect(&format!("\n{PROMPT}"));
    }

    /// Send a line and wait for `result`, then for the next prompt.
    fn eval(&mut self, line: &str, result: &str) {
        self.send(&format!("{line}\r"));
        self.expect(result);
        self.prompt();
    }

    /// Quit with `,q` and check the exit status.
    fn quit(mut self) {
        self.send(",q\r");
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                assert!(status.success(), "guix0 exited with {status}; output:\n{}", self.plain());
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!("guix0 did not quit; output:\n{}", self.plain());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Repl {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn strip_controls(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' if chars.peek() == Some(&'[') => {
                chars.next();
                for d in chars.by_ref() {
                    if ('\x40'..='\x7e').contains(&d) {
                        break;
                    }
                }
            }
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A REPL in a fresh directory with its own history.
fn start(args: &[&str]) -> (Repl, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut repl = Repl::spawn(args, dir.path(), &dir.path().join("data"));
    repl.expect(",help");
    repl.prompt();
    (repl, dir)
}

#[test]
fn multi_line_definition_then_results_as_guile_prints_them() {
    let (mut repl, _dir) = start(&[]);
    repl.send("(define (double x)\r");
    repl.send("  (* x 2))\r");
    repl.prompt();
    repl.eval("(double 21)", "$1 = 42");
    repl.send("(values 1 2)\r");
    repl.expect("$2 = 1");
    repl.expect("$3 = 2");
    repl.prompt();
    repl.eval("(if #f #f)", "");
    repl.eval("(+ $1 $3)", "$4 = 44");
    repl.quit();
}

#[test]
fn tab_completes_a_prefix() {
    let (mut repl, _dir) = start(&[]);
    repl.send("(defi");
    repl.send("\t");
    repl.expect("(define");
    repl.send(" zz 42)\r");
    repl.prompt();
    repl.eval("zz", "$1 = 42");
    repl.quit();
}

#[test]
fn history_is_recalled_after_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let mut first = Repl::spawn(&[], dir.path(), &data);
    first.prompt();
    first.eval("(* 6 7)", "$1 = 42");
    first.quit();
    assert!(data.join("guix0/history").is_file(), "no history file under XDG_DATA_HOME");

    let mut second = Repl::spawn(&[], dir.path(), &data);
    second.prompt();
    second.send("\x1b[A");
    second.expect("(* 6 7)");
    second.eval("", "$1 = 42");
    second.quit();
}

#[test]
fn an_error_is_reported_and_the_repl_goes_on() {
    let (mut repl, _dir) = start(&[]);
    repl.eval("(car 1)", "Wrong type argument in position 1");
    repl.eval("(+ 1 1)", "$1 = 2");
    repl.send("(define (second-of x) (car (cdr x)))\r");
    repl.prompt();
    repl.eval("(second-of '(1))", "Wrong type argument");
    repl.eval(",bt", "in second-of");
    repl.eval(",locals", "x = (1)");
    repl.eval("(+ 2 2)", "$2 = 4");
    repl.quit();
}

#[test]
fn show_a_package_from_a_definitions_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    // No use-modules: the REPL puts the prelude in scope, as
    // `guix0 guix0.scm` does for definitions files.
    std::fs::write(
        dir.path().join("defs.scm"),
        r#"(define-public hello
  (package
    (name "hello")
    (version "2.12")
    (source (origin
              (method url-fetch)
              (uri "mirror://gnu/hello/hello-2.12.tar.gz")
              (sha256 (base32 "1ayhp9v4m4rdhjmnl2bq3cibrbqqkgjbl3s7yk2nhlh8vj3ay16g"))))
    (build-system gnu-build-system)
    (synopsis "Hello, GNU world")
    (description "Prints a greeting.")
    (home-page "https://www.gnu.org/software/hello/")
    (license license:gpl3+)))
"#,
    )
    .expect("write defs.scm");
    let mut repl = Repl::spawn(&["-i", "defs.scm"], dir.path(), &dir.path().join("data"));
    repl.prompt();
    repl.send(",show hello\r");
    repl.expect("name: hello");
    repl.expect("version: 2.12");
    repl.expect("hello-2.12.tar.gz");
    repl.expect("store name: ");
    repl.expect("-hello-2.12");
    repl.expect("built: no");
    repl.prompt();
    repl.eval("hello", "$1 = #<package hello@2.12>");
    repl.eval(",graph (list hello)", "\"hello@2.12\";");
    repl.quit();
}

#[test]
fn build_makes_the_store_item_the_command_line_makes() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The output holds its own file name, which differs between a
    // contained build (/store0/...) and an uncontained one.
    std::fs::write(
        dir.path().join("defs.scm"),
        r#"(define-public where
  (package
    (name "where") (version "1") (source #f)
    (build-system trivial-build-system)
    (arguments '(#:builder (call-with-output-file %output (lambda (port) (display %output port)))))
    (synopsis "s") (description "d") (home-page "h") (license license:gpl3+)))
"#,
    )
    .expect("write defs.scm");
    let mut repl = Repl::spawn(&["-i", "defs.scm"], dir.path(), &dir.path().join("data"));
    repl.prompt();
    repl.send(",build where\r");
    repl.expect("-where-1");
    repl.prompt();
    repl.quit();
    let r = common::run_in(dir.path(), &["guix0.scm", "-f", "defs.scm", "--check", "where"]);
    assert!(r.status == 0 && r.stdout.contains("where@1 is reproducible"), "{}{}", r.stdout, r.stderr);
}

#[test]
fn expand_shows_a_macro_expansion_or_says_why_there_is_none() {
    let (mut repl, _dir) = start(&[]);
    repl.eval("(define-syntax swap! (syntax-rules () ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))", "");
    repl.send(",expand (swap! x y)\r");
    repl.expect("(set! x y)");
    repl.prompt();
    repl.send(",expand (when #t 1)\r");
    repl.expect("built into guix0's expander");
    repl.prompt();
    repl.send(",expand (car x)\r");
    repl.expect("not a macro use");
    repl.prompt();
    repl.quit();
}

#[test]
fn ctrl_c_interrupts_a_loop_and_cancels_input() {
    let (mut repl, _dir) = start(&[]);
    // Enter `form`, let it run a moment, press Ctrl-C: back at the prompt.
    let interrupt = |repl: &mut Repl, form: &str| {
        repl.send(&format!("{form}\r"));
        repl.expect(&format!("{form}\n"));
        std::thread::sleep(Duration::from_millis(300));
        repl.send("\x03");
        repl.expect("interrupted");
        repl.prompt();
    };
    interrupt(&mut repl, "(let loop () (loop))");
    repl.eval("(+ 1 2)", "$1 = 3");
    // A sleep longer than the test's patience is cut short too.
    interrupt(&mut repl, "(sleep 60)");
    // So is a wait for input, also after a child process ran (which
    // installs a handler of its own while it waits).
    repl.eval("(system* \"true\")", "$2 = 0");
    interrupt(&mut repl, "(read-line)");
    // At the prompt, Ctrl-C throws away the line being typed.
    repl.send("(this is not evaluated");
    repl.send("\x03");
    repl.prompt();
    repl.eval("(* 2 3)", "$3 = 6");
    repl.quit();
}

#[test]
fn completion_targets() {
    assert_eq!(target(",he", 3), Target::Command { start: 1 });
    let line = "(use-modules (srfi sr";
    assert_eq!(target(line, line.len()), Target::Module { start: 14, close: true });
    let line = "(define-module (a) #:use-module ((guix lic";
    assert_eq!(target(line, line.len()), Target::Module { start: 34, close: true });
    let line = ",use ice-9 ma";
    assert_eq!(target(line, line.len()), Target::Module { start: 5, close: false });
    let line = "(load \"examples/de";
    assert_eq!(target(line, line.len()), Target::File { start: 7 });
    let line = ",load examples/de";
    assert_eq!(target(line, line.len()), Target::File { start: 6 });
    let line = "(display \"(a\" (car";
    assert_eq!(target(line, line.len()), Target::Name { start: 15 });
    let line = "(list #\\( (str";
    assert_eq!(target(line, line.len()), Target::Name { start: 11 });
    let line = "; (defi";
    assert_eq!(target(line, line.len()), Target::Nothing);

    let modules: Vec<String> = ["ice-9 match", "srfi srfi-1", "srfi srfi-13"].iter().map(|s| s.to_string()).collect();
    let found: Vec<String> =
        matching_modules(&modules, "srfi  srfi-1", true).into_iter().map(|p| p.replacement).collect();
    assert_eq!(found, ["srfi srfi-1)", "srfi srfi-13)"]);
}

/// With standard input on a pipe, the REPL and the program share it: a
/// `read-line` gets the line after its own form.
#[test]
fn a_piped_session_shares_standard_input_with_the_program() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty.scm");
    std::fs::write(&empty, "").expect("write");
    let r = common::run_stdin(
        &["-i", empty.to_str().expect("utf-8")],
        "(+ 1 2)\n(read-line)\nhello there\n(define x\n  5)\nx\n",
    );
    assert!(r.stdout.contains("$1 = 3\n$2 = \"hello there\"\n$3 = 5"), "{}\n{}", r.stdout, r.stderr);
}
