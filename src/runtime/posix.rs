//! Guile's procedures over the rest of the POSIX calls build code and
//! system tools make: the process's identity and root (`setuid`, `chroot`,
//! ...), the host name, `sync`/`fsync`, `mkdtemp`, `times` and `execle`.

use std::ffi::CString;

use super::{errno_error, text_of};
use crate::prims;
use crate::value::Value;
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

fn id_of(who: &str, v: Value) -> PResult<u32> {
    match v {
        Value::Int(n) => u32::try_from(n).map_err(|_| Throw::out_of_range(who, 1, v)),
        other => Err(Throw::wrong_type(who, 1, "integer", other)),
    }
}

fn unspecified(who: &str, arg: Value, result: nix::Result<()>) -> PResult<Value> {
    result.map(|()| Value::Unspecified).map_err(|e| errno_error(who, e, vec![arg]))
}

fn setuid(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    unspecified("setuid", a[0], nix::unistd::setuid(nix::unistd::Uid::from_raw(id_of("setuid", a[0])?)))
}

fn setgid(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    unspecified("setgid", a[0], nix::unistd::setgid(nix::unistd::Gid::from_raw(id_of("setgid", a[0])?)))
}

fn seteuid(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    unspecified("seteuid", a[0], nix::unistd::seteuid(nix::unistd::Uid::from_raw(id_of("seteuid", a[0])?)))
}

fn setegid(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    unspecified("setegid", a[0], nix::unistd::setegid(nix::unistd::Gid::from_raw(id_of("setegid", a[0])?)))
}

fn chroot(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("chroot", 1, a[0])?;
    unspecified("chroot", a[0], nix::unistd::chroot(path.as_str()))
}

fn gethostname(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    let name = nix::unistd::gethostname().map_err(|e| errno_error("gethostname", e, vec![]))?;
    Ok(vm.make_string(&name.to_string_lossy()))
}

fn sethostname(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let name = text_of("sethostname", 1, a[0])?;
    unspecified("sethostname", a[0], nix::unistd::sethostname(name.as_str()))
}

fn sync(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    nix::unistd::sync();
    Ok(Value::Unspecified)
}

/// `(fsync port-or-fd)`: a port's buffered output is written out first.
fn fsync(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let fd = match a[0] {
        Value::Port(p) => {
            p.flush().map_err(|e| Throw::system("fsync", &e, vec![]))?;
            p.fd().ok_or_else(|| Throw::wrong_type("fsync", 1, "file port", a[0]))?
        }
        Value::Int(n) => i32::try_from(n).map_err(|_| Throw::out_of_range("fsync", 1, a[0]))?,
        other => return Err(Throw::wrong_type("fsync", 1, "port or file descriptor", other)),
    };
    // SAFETY: fsync takes a plain number; an invalid one is an error.
    if unsafe { libc::fsync(fd) } < 0 {
        return Err(errno_error("fsync", nix::errno::Errno::last(), vec![a[0]]));
    }
    Ok(Value::Unspecified)
}

/// `(mkdtemp template)`: make a new directory named as `template`, whose
/// last six characters are XXXXXX, with those replaced; its name.
fn mkdtemp(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let template = text_of("mkdtemp", 1, a[0])?;
    if !template.ends_with("XXXXXX") {
        return Err(Throw::misc("mkdtemp", "the template ~S does not end in XXXXXX", vec![a[0]]));
    }
    let dir = nix::unistd::mkdtemp(template.as_str()).map_err(|e| errno_error("mkdtemp", e, vec![a[0]]))?;
    Ok(vm.make_string(&dir.to_string_lossy()))
}

/// `internal-time-units-per-second` (`scheme/guix0/system.scm`).
const INTERNAL_TIME_UNITS: libc::clock_t = 1_000_000;

/// `(times)`: #(real user system children-user children-system) in
/// internal time units (`internal-time-units-per-second`), as Guile's.
fn times(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    let mut tms = libc::tms { tms_utime: 0, tms_stime: 0, tms_cutime: 0, tms_cstime: 0 };
    // SAFETY: times fills the struct it is given.
    let real = unsafe { libc::times(&mut tms) };
    // SAFETY: sysconf only reads a configuration value.
    let ticks: libc::clock_t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1);
    let units = |t: libc::clock_t| Value::Int(t.saturating_mul(INTERNAL_TIME_UNITS) / ticks);
    let fields = [real, tms.tms_utime, tms.tms_stime, tms.tms_cutime, tms.tms_cstime].map(units);
    Ok(vm.make_vector(fields.to_vec()))
}

/// `(execle program environment arg ...)`: `execl` with `environment`, a
/// list of "NAME=value" strings.
fn execle(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let who = "execle";
    let to_c = |pos: usize, v: Value| {
        let text = text_of(who, pos, v)?;
        CString::new(text).map_err(|_| Throw::misc(who, "argument contains a NUL character", vec![v]))
    };
    let program = to_c(1, a[0])?;
    let env_list = a[1].list_to_vec().ok_or_else(|| Throw::wrong_type(who, 2, "list of strings", a[1]))?;
    let env = env_list.into_iter().map(|v| to_c(2, v)).collect::<PResult<Vec<_>>>()?;
    let args = a[2..].iter().enumerate().map(|(i, v)| to_c(i + 3, *v)).collect::<PResult<Vec<_>>>()?;
    crate::runtime::ports::flush_stdout();
    let err = nix::unistd::execve(&program, &args, &env).err().unwrap_or(nix::errno::Errno::UnknownErrno);
    Err(errno_error(who, err, vec![a[0]]))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("setuid", 1, Some(1), setuid),
    ("setgid", 1, Some(1), setgid),
    ("seteuid", 1, Some(1), seteuid),
    ("setegid", 1, Some(1), setegid),
    ("chroot", 1, Some(1), chroot),
    ("gethostname", 0, Some(0), gethostname),
    ("sethostname", 1, Some(1), sethostname),
    ("sync", 0, Some(0), sync),
    ("fsync", 1, Some(1), fsync),
    ("mkdtemp", 1, Some(1), mkdtemp),
    ("times", 0, Some(0), times),
    ("execle", 2, None, execle),
];
