//! File descriptors, as Guile's POSIX procedures give them: `pipe`,
//! `fileno` / `port->fdes`, `dup->fdes`, `dup2`, `open-fdes`, `open`, `close-fdes`,
//! `fdes->inport` and `fdes->outport`, `fcntl`, `flock`.

use std::fs::File;
use std::io::BufWriter;
use std::os::fd::{FromRawFd, IntoRawFd, OwnedFd, RawFd};

use super::io::file_port;
use super::ports::{Output, Port};
use super::{errno_error, text_of};
use crate::prims;
use crate::value::Value;
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

fn fd_number(who: &str, pos: usize, v: Value) -> PResult<RawFd> {
    super::expect_c_int(who, pos, v, "file descriptor")
}

/// A descriptor given as a number or as a port that has one.
fn fd_of(who: &str, pos: usize, v: Value) -> PResult<RawFd> {
    match v {
        Value::Port(p) => p.fd().ok_or_else(|| Throw::wrong_type(who, pos, "file port", v)),
        other => fd_number(who, pos, other),
    }
}

fn input_port(vm: &mut Vm, name: &str, fd: OwnedFd) -> PResult<Value> {
    file_port(vm, Port::input_file(name, File::from(fd)))
}

fn output_port(vm: &mut Vm, name: &str, fd: OwnedFd) -> PResult<Value> {
    file_port(vm, Port::output(name, Output::File(BufWriter::new(File::from(fd)))))
}

/// `(pipe)`: a pair of ports on a new pipe, the reading end first. What is
/// written is read once it is flushed (`force-output`), as in Guile.
fn pipe(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    let (read_end, write_end) = nix::unistd::pipe().map_err(|e| errno_error("pipe", e, vec![]))?;
    let input = input_port(vm, "pipe", read_end)?;
    let output = output_port(vm, "pipe", write_end)?;
    Ok(vm.cons(input, output))
}

/// `(fileno port)`, `(port->fdes port)`: the descriptor a file port uses.
fn fileno(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let Value::Port(p) = a[0] else { return Err(Throw::wrong_type("fileno", 1, "port", a[0])) };
    p.fd().map(|fd| Value::Int(fd.into())).ok_or_else(|| Throw::wrong_type("fileno", 1, "file port", a[0]))
}

/// Make descriptor `new` refer to what `old` does.
fn dup2_raw(who: &str, old: RawFd, new: RawFd, args: Vec<Value>) -> PResult<()> {
    // SAFETY: dup2 takes plain numbers; an invalid one is an error.
    if unsafe { libc::dup2(old, new) } < 0 {
        return Err(errno_error(who, nix::errno::Errno::last(), args));
    }
    Ok(())
}

/// `(dup->fdes fd-or-port [new])`: a new descriptor for the same file, the
/// lowest free one or `new`.
fn dup_fdes(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let who = "dup->fdes";
    let fd = fd_of(who, 1, a[0])?;
    let copy = match a.get(1) {
        Some(&new) => {
            let new = fd_number(who, 2, new)?;
            dup2_raw(who, fd, new, vec![a[0]])?;
            new
        }
        // SAFETY: dup takes a plain number; an invalid one is an error.
        None => match unsafe { libc::dup(fd) } {
            n if n < 0 => return Err(errno_error(who, nix::errno::Errno::last(), vec![a[0]])),
            n => n,
        },
    };
    Ok(Value::Int(copy.into()))
}

/// `(dup2 old new)`: make descriptor `new` refer to what `old` does.
fn dup2(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let (old, new) = (fd_number("dup2", 1, a[0])?, fd_number("dup2", 2, a[1])?);
    dup2_raw("dup2", old, new, vec![a[0], a[1]])?;
    Ok(Value::Unspecified)
}

/// `(close-fdes fd)`.
fn close_fdes(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let fd = fd_number("close-fdes", 1, a[0])?;
    // SAFETY: closing a number the program names, as Guile's close-fdes
    // does; a port still using it then fails with EBADF, not worse.
    if unsafe { libc::close(fd) } < 0 {
        return Err(errno_error("close-fdes", nix::errno::Errno::last(), vec![a[0]]));
    }
    Ok(Value::Unspecified)
}

/// `(open-fdes file flags [mode])`: a descriptor, `flags` being `O_RDONLY`,
/// `O_CREAT`, ... or'ed; `mode` (default #o666) for a file it creates.
fn open_fdes(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Int(open_raw("open-fdes", a)?.into_raw_fd().into()))
}

/// `(open path flags [mode])`: a port on the file, reading, writing or
/// both as the flags' access mode says.
fn open(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let who = "open";
    let path = text_of(who, 1, a[0])?;
    let fd = open_raw(who, a)?;
    let flags = fd_number(who, 2, a[1])?;
    match flags & libc::O_ACCMODE {
        libc::O_RDONLY => input_port(vm, &path, fd),
        libc::O_WRONLY => output_port(vm, &path, fd),
        _ => {
            let file = File::from(fd);
            let writer = file.try_clone().map_err(|e| Throw::system(who, &e, vec![a[0]]))?;
            file_port(vm, Port::read_write_file(&path, file, writer))
        }
    }
}

/// Open `(path flags [mode])` as `open(2)` does.
fn open_raw(who: &str, a: &[Value]) -> PResult<OwnedFd> {
    let path = text_of(who, 1, a[0])?;
    let flags = fd_number(who, 2, a[1])?;
    let mode = match a.get(2) {
        Some(&m) => fd_number(who, 3, m)?,
        None => 0o666,
    };
    let flags = nix::fcntl::OFlag::from_bits_retain(flags);
    let mode = nix::sys::stat::Mode::from_bits_truncate(mode as libc::mode_t);
    nix::fcntl::open(path.as_str(), flags, mode).map_err(|e| errno_error(who, e, vec![a[0]]))
}

/// A descriptor of our own for `fdes->inport` / `fdes->outport`: a copy of
/// `fd`, so that the port, when closed or collected, closes only its copy
/// (in Guile, the port takes the number itself; reads and writes behave
/// the same, `fileno` of the port differs).
fn copy_of(who: &str, v: Value) -> PResult<OwnedFd> {
    let fd = fd_number(who, 1, v)?;
    // SAFETY: dup takes a plain number; an invalid one is an error.
    match unsafe { libc::dup(fd) } {
        // SAFETY: dup returned a new descriptor, owned by nothing else.
        n if n >= 0 => Ok(unsafe { OwnedFd::from_raw_fd(n) }),
        _ => Err(errno_error(who, nix::errno::Errno::last(), vec![v])),
    }
}

fn fdes_to_inport(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let fd = copy_of("fdes->inport", a[0])?;
    input_port(vm, &format!("fd {}", crate::value::print::to_write(a[0])), fd)
}

fn fdes_to_outport(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let fd = copy_of("fdes->outport", a[0])?;
    output_port(vm, &format!("fd {}", crate::value::print::to_write(a[0])), fd)
}

/// `(fcntl fd-or-port command [value])`: the C library's result. Only the
/// commands that take and give numbers (`F_GETFD`, `F_SETFL`, ...), as in
/// Guile; lock commands take a structure, which Guix passes through its FFI.
fn fcntl(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let who = "fcntl";
    let fd = fd_of(who, 1, a[0])?;
    let command = fd_number(who, 2, a[1])?;
    let numeric = [
        libc::F_DUPFD,
        libc::F_DUPFD_CLOEXEC,
        libc::F_GETFD,
        libc::F_SETFD,
        libc::F_GETFL,
        libc::F_SETFL,
        libc::F_GETOWN,
        libc::F_SETOWN,
    ];
    if !numeric.contains(&command) {
        return Err(Throw::out_of_range(who, 2, a[1]));
    }
    let value = match a.get(2) {
        Some(&v) => fd_number(who, 3, v)?,
        None => 0,
    };
    // SAFETY: each command allowed above takes an int argument.
    match unsafe { libc::fcntl(fd, command, value) } {
        n if n < 0 => Err(errno_error(who, nix::errno::Errno::last(), vec![a[0]])),
        n => Ok(Value::Int(n.into())),
    }
}

/// `(flock fd-or-port operation)`: `LOCK_SH`, `LOCK_EX` or `LOCK_UN`, or'ed
/// with `LOCK_NB` not to wait (then a held lock is `EWOULDBLOCK`).
fn flock(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let fd = fd_of("flock", 1, a[0])?;
    let operation = fd_number("flock", 2, a[1])?;
    // SAFETY: flock takes plain numbers; bad ones are errors.
    if unsafe { libc::flock(fd, operation) } < 0 {
        return Err(errno_error("flock", nix::errno::Errno::last(), vec![a[0]]));
    }
    Ok(Value::Unspecified)
}

/// `(file-port? x)`: whether `x` is a port on a file descriptor.
fn is_file_port(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Port(p) if p.fd().is_some())))
}

/// `(port-closed? port)`.
fn is_port_closed(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let Value::Port(p) = a[0] else { return Err(Throw::wrong_type("port-closed?", 1, "port", a[0])) };
    Ok(Value::boolean(p.is_closed()))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("pipe", 0, Some(0), pipe),
    ("fileno", 1, Some(1), fileno),
    ("port->fdes", 1, Some(1), fileno),
    ("dup->fdes", 1, Some(2), dup_fdes),
    ("dup", 1, Some(2), dup_fdes),
    ("dup2", 2, Some(2), dup2),
    ("close-fdes", 1, Some(1), close_fdes),
    ("open-fdes", 2, Some(3), open_fdes),
    ("open", 2, Some(3), open),
    ("fdes->inport", 1, Some(1), fdes_to_inport),
    ("fdes->outport", 1, Some(1), fdes_to_outport),
    ("port-closed?", 1, Some(1), is_port_closed),
    ("file-port?", 1, Some(1), is_file_port),
    ("fcntl", 2, Some(3), fcntl),
    ("flock", 2, Some(2), flock),
];
