//! Running processes: waiting for a child so that Ctrl-C (SIGINT) stops
//! the child's whole process group within a second, and the environment.

use nix::sys::signal::{sigaction, SaFlags, SigAction, SigHandler, SigSet, Signal};
use std::process::{Child, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

static INTERRUPT: AtomicBool = AtomicBool::new(false);

extern "C" fn on_interrupt(_: libc::c_int) {
    INTERRUPT.store(true, Ordering::Relaxed);
}

/// Wait for a child started in its own process group. SIGINT/SIGTERM
/// received meanwhile kill the group (TERM, then KILL after 0.7 s); once
/// the child is gone that is reported as an `interrupt` error, so the
/// caller can clean up (a build removes its partial output) and guix0
/// stops as the user asked.
pub fn wait_interruptibly(child: &mut Child) -> Result<ExitStatus, Box<Throw>> {
    let pgid = child.id() as libc::pid_t;
    // Saved and restored whole (flags included), so the REPL's handler
    // comes back as it was.
    let action = SigAction::new(SigHandler::Handler(on_interrupt), SaFlags::SA_RESTART, SigSet::empty());
    // SAFETY: the handler only stores to an atomic.
    let old = unsafe { (sigaction(Signal::SIGINT, &action), sigaction(Signal::SIGTERM, &action)) };
    let mut interrupted_at: Option<std::time::Instant> = None;
    let result = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) => {}
            Err(e) => break Err(Throw::system("waitpid", &e, vec![])),
        }
        if INTERRUPT.load(Ordering::Relaxed) {
            match interrupted_at {
                None => {
                    // SAFETY: signalling a process group we created.
                    unsafe { libc::kill(-pgid, libc::SIGTERM) };
                    interrupted_at = Some(std::time::Instant::now());
                }
                Some(t) if t.elapsed() > Duration::from_millis(700) => {
                    // SAFETY: as above.
                    unsafe { libc::kill(-pgid, libc::SIGKILL) };
                }
                _ => {}
            }
        }
        std::thread::sleep(Duration::from_millis(if interrupted_at.is_some() { 20 } else { 5 }));
    };
    // SAFETY: restoring the previous handlers.
    unsafe {
        if let Ok(old_int) = old.0 {
            let _ = sigaction(Signal::SIGINT, &old_int);
        }
        if let Ok(old_term) = old.1 {
            let _ = sigaction(Signal::SIGTERM, &old_term);
        }
    }
    if INTERRUPT.swap(false, Ordering::Relaxed) {
        return Err(Throw::interrupt());
    }
    result
}

use super::{expect_list, text_of};
use crate::prims;
use crate::value::{Truth, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

/// `(system* program arg ...)`: run a program with our environment and
/// standard streams; the exit status as `waitpid` reports it (code << 8,
/// or the signal number).
fn system_star(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let program = text_of("system*", 1, a[0])?;
    let args = a[1..].iter().enumerate().map(|(i, v)| text_of("system*", i + 2, *v)).collect::<PResult<Vec<_>>>()?;
    crate::runtime::ports::flush_stdout();
    let mut cmd = std::process::Command::new(&program);
    cmd.args(&args);
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        // Guile reports a program that cannot run as exit status 127.
        Err(_) => return Ok(Value::Int(127 << 8)),
    };
    let status = wait_interruptibly(&mut child)?;
    Ok(Value::Int(wait_status(status)))
}

/// An exit status as `waitpid` encodes it: the code << 8, or the signal.
pub fn wait_status(status: ExitStatus) -> i64 {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => (code as i64) << 8,
        (None, Some(sig)) => sig as i64,
        _ => 255 << 8,
    }
}

/// `(%system*/capture program arg ...)`: run a program with its stdout and
/// stderr captured; `(status . output)`, status as `system*` gives it.
fn system_star_capture(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let who = "invoke/quiet";
    let program = text_of(who, 1, a[0])?;
    let args = a[1..].iter().enumerate().map(|(i, v)| text_of(who, i + 2, *v)).collect::<PResult<Vec<_>>>()?;
    crate::runtime::ports::flush_stdout();
    let mut cmd = std::process::Command::new(&program);
    cmd.args(&args).stdin(std::process::Stdio::null());
    let (status, output) = match cmd.output() {
        Ok(out) => {
            let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
            text.push_str(&String::from_utf8_lossy(&out.stderr));
            (wait_status(out.status), text)
        }
        Err(e) => (127 << 8, format!("{program}: {}\n", crate::vm::error::strip_os_error(&e))),
    };
    let output = vm.make_string(&output);
    Ok(vm.cons(Value::Int(status), output))
}

/// `(environ)` → ("NAME=value" ...), `(environ list)` replaces the environment.
fn environ(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    if let Some(v) = a.first() {
        let entries = expect_list("environ", 1, *v)?;
        let old: Vec<String> = std::env::vars().map(|(k, _)| k).collect();
        for k in old {
            std::env::remove_var(k);
        }
        for e in entries {
            let text = text_of("environ", 1, e)?;
            if let Some((k, val)) = text.split_once('=') {
                if !k.is_empty() && !k.contains('\0') && !val.contains('\0') {
                    std::env::set_var(k, val);
                }
            }
        }
        return Ok(Value::Unspecified);
    }
    let items: Vec<Value> = std::env::vars().map(|(k, v)| vm.make_string(&format!("{k}={v}"))).collect();
    Ok(vm.list(&items))
}

fn unsetenv(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let name = text_of("unsetenv", 1, a[0])?;
    if !name.is_empty() && !name.contains('=') && !name.contains('\0') {
        std::env::remove_var(name);
    }
    Ok(Value::Unspecified)
}

/// Sleep in short steps so that Ctrl-C (in the REPL) interrupts it as it
/// interrupts a loop.
fn interruptible_sleep(total: Duration) -> PResult<()> {
    const STEP: Duration = Duration::from_millis(20);
    let end = std::time::Instant::now() + total;
    loop {
        if crate::vm::take_interrupt() {
            return Err(Throw::interrupt());
        }
        let left = end.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Ok(());
        }
        std::thread::sleep(left.min(STEP));
    }
}

fn sleep(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let secs = super::expect_index("sleep", 1, a[0])?;
    interruptible_sleep(Duration::from_secs(secs as u64))?;
    Ok(Value::Int(0))
}

fn usleep(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let micros = super::expect_index("usleep", 1, a[0])?;
    interruptible_sleep(Duration::from_micros(micros as u64))?;
    Ok(Value::Int(0))
}

/// `(kill pid signal)`, as Guile's: a pid of 0 or below names a process
/// group, as kill(2) does.
fn kill(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let number = |position: usize| match a[position - 1] {
        Value::Int(n) => i32::try_from(n).map_err(|_| Throw::out_of_range("kill", position, a[position - 1])),
        v => Err(Throw::wrong_type("kill", position, "integer", v)),
    };
    let (pid, signal) = (number(1)?, number(2)?);
    // SAFETY: kill(2) takes any numbers and reports what it refuses.
    if unsafe { libc::kill(pid, signal) } != 0 {
        return Err(Throw::system("kill", &std::io::Error::last_os_error(), vec![]));
    }
    Ok(Value::Unspecified)
}

fn getppid(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(Value::Int(i64::from(nix::unistd::getppid().as_raw())))
}

/// `(primitive-fork)`: 0 in the child, the child's pid in the parent.
fn primitive_fork(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    // Buffered output would otherwise be written twice.
    crate::runtime::ports::flush_stdout();
    // SAFETY: guix0 runs Scheme on one thread (the only other one waits
    // for it, holding no lock); the child goes on running it (or execs).
    match unsafe { nix::unistd::fork() } {
        Ok(nix::unistd::ForkResult::Child) => Ok(Value::Int(0)),
        Ok(nix::unistd::ForkResult::Parent { child }) => Ok(Value::Int(child.as_raw() as i64)),
        Err(e) => Err(super::errno_error("primitive-fork", e, vec![])),
    }
}

/// `(waitpid pid [options])` → `(pid . status)`, status encoded as the
/// kernel does (exit code << 8, or the signal); with WNOHANG and no child
/// finished, `(0 . 0)`.
fn waitpid(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let pid = super::expect_int("waitpid", 1, a[0])?;
    let options = match a.get(1) {
        Some(v) => super::expect_int("waitpid", 2, *v)?,
        None => 0,
    };
    let (pid, options) = match (i32::try_from(pid), i32::try_from(options)) {
        (Ok(p), Ok(o)) => (p, o),
        _ => return Err(Throw::misc("waitpid", "pid or options out of range", vec![a[0]])),
    };
    let mut status: libc::c_int = 0;
    let got = loop {
        // SAFETY: waitpid writes only to `status`.
        let got = unsafe { libc::waitpid(pid, &mut status, options) };
        if got >= 0 {
            break got;
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(Throw::system("waitpid", &err, vec![]));
        }
        // Ctrl-C at the REPL ends the wait; any other signal resumes it.
        if crate::vm::take_interrupt() {
            return Err(Throw::interrupt());
        }
    };
    Ok(vm.cons(Value::Int(got as i64), Value::Int(status as i64)))
}

/// `(execl program arg0 arg ...)` / `(execlp ...)` (searching PATH):
/// replace this process; returns only with a system-error.
fn exec_with(who: &str, search_path: bool, a: &[Value]) -> PResult<Value> {
    let to_c = |i: usize, v: Value| {
        let text = text_of(who, i + 1, v)?;
        std::ffi::CString::new(text).map_err(|_| Throw::misc(who, "argument contains a NUL character", vec![v]))
    };
    let program = to_c(0, a[0])?;
    let args = a[1..].iter().enumerate().map(|(i, v)| to_c(i + 1, *v)).collect::<PResult<Vec<_>>>()?;
    crate::runtime::ports::flush_stdout();
    let err = if search_path {
        nix::unistd::execvp(&program, &args).err()
    } else {
        nix::unistd::execv(&program, &args).err()
    };
    let err = std::io::Error::from(err.unwrap_or(nix::errno::Errno::UnknownErrno));
    Err(Throw::system(who, &err, vec![a[0]]))
}

fn execl(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    exec_with("execl", false, a)
}

fn execlp(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    exec_with("execlp", true, a)
}

/// `(primitive-_exit [status])`: end the process now, without flushing or
/// unwinding (what a forked child does when exec fails).
fn primitive_underscore_exit(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let code = match a.first() {
        Some(Value::Int(n)) => *n as i32,
        Some(Value::Bool(Truth::False)) => 1,
        _ => 0,
    };
    // SAFETY: _exit never returns and touches no Rust state.
    unsafe { libc::_exit(code) }
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("primitive-fork", 0, Some(0), primitive_fork),
    ("kill", 2, Some(2), kill),
    ("getppid", 0, Some(0), getppid),
    ("waitpid", 1, Some(2), waitpid),
    ("execl", 1, None, execl),
    ("execlp", 1, None, execlp),
    ("primitive-_exit", 0, Some(1), primitive_underscore_exit),
    ("sleep", 1, Some(1), sleep),
    ("usleep", 1, Some(1), usleep),
    ("system*", 1, None, system_star),
    ("%system*/capture", 1, None, system_star_capture),
    ("environ", 0, Some(1), environ),
    ("unsetenv", 1, Some(1), unsetenv),
];
