//! Guile's procedures over sessions, process groups, priorities, resource
//! limits, alarms and terminals: `setsid`, `setpgid`, `getpgrp`, `getsid`,
//! `getlogin`, `nice`, `getpriority`, `setpriority`, `getrlimit`,
//! `setrlimit`, `alarm`, `ttyname`.

use std::ffi::CStr;

use nix::errno::Errno;

use super::{errno_error, expect_c_int};
use crate::prims;
use crate::value::{MultipleValues, Truth, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

/// The C call's result, or the system error its errno names.
fn checked(who: &str, result: libc::c_int, args: Vec<Value>) -> PResult<Value> {
    if result < 0 {
        return Err(errno_error(who, Errno::last(), args));
    }
    Ok(Value::Int(result.into()))
}

/// `(setsid)`: a new session led by this process; its id.
fn setsid(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    // SAFETY: setsid takes no arguments.
    checked("setsid", unsafe { libc::setsid() }, vec![])
}

/// `(setpgid pid pgid)`.
fn setpgid(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let (pid, pgid) = (expect_c_int("setpgid", 1, a[0], "integer")?, expect_c_int("setpgid", 2, a[1], "integer")?);
    // SAFETY: plain numbers; bad ones are errors.
    checked("setpgid", unsafe { libc::setpgid(pid, pgid) }, vec![a[0], a[1]])?;
    Ok(Value::Unspecified)
}

fn getpgrp(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    // SAFETY: getpgrp takes no arguments and cannot fail.
    Ok(Value::Int(unsafe { libc::getpgrp() }.into()))
}

/// `(getsid pid)`: the session of process `pid` (0: this one).
fn getsid(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let pid = expect_c_int("getsid", 1, a[0], "integer")?;
    // SAFETY: a plain number; a bad one is an error.
    checked("getsid", unsafe { libc::getsid(pid) }, vec![a[0]])
}

/// `(getlogin)`: the name of the user logged in on the terminal, or #f.
fn getlogin(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    // SAFETY: getlogin returns NULL or a NUL-terminated name, read at once.
    let name = unsafe { libc::getlogin() };
    if name.is_null() {
        return Ok(Value::FALSE);
    }
    // SAFETY: as above.
    let name = unsafe { CStr::from_ptr(name) }.to_string_lossy().into_owned();
    Ok(vm.make_string(&name))
}

/// `(getgroups)`: the supplementary group IDs of this process, as a vector.
fn getgroups(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    let groups = nix::unistd::getgroups().map_err(|e| errno_error("getgroups", e, vec![]))?;
    let ids = groups.into_iter().map(|g| Value::Int(i64::from(g.as_raw()))).collect();
    Ok(vm.make_vector(ids))
}

/// `(nice increment)`: lower (or, as root, raise) this process's priority.
fn nice(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let increment = expect_c_int("nice", 1, a[0], "integer")?;
    // nice may rightly return -1: errno tells an error apart.
    Errno::clear();
    // SAFETY: a plain number.
    if unsafe { libc::nice(increment) } == -1 && Errno::last_raw() != 0 {
        return Err(errno_error("nice", Errno::last(), vec![a[0]]));
    }
    Ok(Value::Unspecified)
}

/// `(getpriority which who)`, `which` being `PRIO_PROCESS`, `PRIO_PGRP`
/// or `PRIO_USER`.
fn getpriority(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let (which, who) =
        (expect_c_int("getpriority", 1, a[0], "integer")?, expect_c_int("getpriority", 2, a[1], "integer")?);
    Errno::clear();
    // SAFETY: plain numbers; -1 is a priority too, so errno tells.
    let priority = unsafe { libc::getpriority(which as libc::__priority_which_t, who as libc::id_t) };
    if priority == -1 && Errno::last_raw() != 0 {
        return Err(errno_error("getpriority", Errno::last(), vec![a[0], a[1]]));
    }
    Ok(Value::Int(priority.into()))
}

/// `(setpriority which who priority)`.
fn setpriority(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let who_ = "setpriority";
    let (which, who, priority) = (
        expect_c_int(who_, 1, a[0], "integer")?,
        expect_c_int(who_, 2, a[1], "integer")?,
        expect_c_int(who_, 3, a[2], "integer")?,
    );
    // SAFETY: plain numbers; bad ones are errors.
    let result = unsafe { libc::setpriority(which as libc::__priority_which_t, who as libc::id_t, priority) };
    checked(who_, result, vec![a[0], a[1], a[2]])?;
    Ok(Value::Unspecified)
}

/// The resource a Guile program names by symbol (`nofile`, `core`, ...).
fn resource(who: &str, v: Value) -> PResult<libc::__rlimit_resource_t> {
    let name = match v {
        Value::Symbol(s) => s.name(),
        Value::Int(n) => return libc::__rlimit_resource_t::try_from(n).map_err(|_| Throw::out_of_range(who, 1, v)),
        other => return Err(Throw::wrong_type(who, 1, "resource name", other)),
    };
    let r = match name {
        "as" => libc::RLIMIT_AS,
        "core" => libc::RLIMIT_CORE,
        "cpu" => libc::RLIMIT_CPU,
        "data" => libc::RLIMIT_DATA,
        "fsize" => libc::RLIMIT_FSIZE,
        "memlock" => libc::RLIMIT_MEMLOCK,
        "msgqueue" => libc::RLIMIT_MSGQUEUE,
        "nice" => libc::RLIMIT_NICE,
        "nofile" => libc::RLIMIT_NOFILE,
        "nproc" => libc::RLIMIT_NPROC,
        "rss" => libc::RLIMIT_RSS,
        "rtprio" => libc::RLIMIT_RTPRIO,
        "sigpending" => libc::RLIMIT_SIGPENDING,
        "stack" => libc::RLIMIT_STACK,
        _ => return Err(Throw::misc(who, "unknown resource ~S", vec![v])),
    };
    Ok(r)
}

/// A limit as Guile gives it: a number, or #f for none.
fn limit_value(limit: libc::rlim_t) -> Value {
    if limit == libc::RLIM_INFINITY {
        Value::FALSE
    } else {
        i64::try_from(limit).map_or(Value::FALSE, Value::Int)
    }
}

fn limit_of(who: &str, position: usize, v: Value) -> PResult<libc::rlim_t> {
    match v {
        Value::Bool(Truth::False) => Ok(libc::RLIM_INFINITY),
        Value::Int(n) => libc::rlim_t::try_from(n).map_err(|_| Throw::out_of_range(who, position, v)),
        other => Err(Throw::wrong_type(who, position, "integer or #f", other)),
    }
}

/// `(getrlimit resource)`: the soft and hard limits, as two values.
fn getrlimit(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let r = resource("getrlimit", a[0])?;
    let mut limits = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: limits is a valid rlimit for the call to fill in.
    checked("getrlimit", unsafe { libc::getrlimit(r, &mut limits) }, vec![a[0]])?;
    let items = Box::new([limit_value(limits.rlim_cur), limit_value(limits.rlim_max)]);
    Ok(Value::Values(vm.heap.alloc(MultipleValues { items })))
}

/// `(setrlimit resource soft hard)`, #f meaning no limit.
fn setrlimit(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let r = resource("setrlimit", a[0])?;
    let limits = libc::rlimit { rlim_cur: limit_of("setrlimit", 2, a[1])?, rlim_max: limit_of("setrlimit", 3, a[2])? };
    // SAFETY: limits is a valid rlimit.
    checked("setrlimit", unsafe { libc::setrlimit(r, &limits) }, vec![a[0], a[1], a[2]])?;
    Ok(Value::Unspecified)
}

/// `(alarm seconds)`: SIGALRM in that many seconds (0 cancels); the
/// seconds the previous alarm had left.
fn alarm(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let seconds = match a[0] {
        Value::Int(n) => u32::try_from(n).map_err(|_| Throw::out_of_range("alarm", 1, a[0]))?,
        other => return Err(Throw::wrong_type("alarm", 1, "integer", other)),
    };
    // SAFETY: a plain number.
    Ok(Value::Int(unsafe { libc::alarm(seconds) }.into()))
}

/// `(ttyname port)`: the name of the terminal a port is on; #f for a port
/// on no descriptor (a string port), as in Guile.
fn ttyname(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let fd = match a[0] {
        Value::Port(p) => match p.fd() {
            Some(fd) => fd,
            None => return Ok(Value::FALSE),
        },
        Value::Int(_) => expect_c_int("ttyname", 1, a[0], "integer")?,
        other => return Err(Throw::wrong_type("ttyname", 1, "port", other)),
    };
    if fd < 0 {
        return Err(errno_error("ttyname", Errno::EBADF, vec![a[0]]));
    }
    // SAFETY: the descriptor is only read for the call; a closed one is EBADF.
    let fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
    let name = nix::unistd::ttyname(fd).map_err(|e| errno_error("ttyname", e, vec![a[0]]))?;
    Ok(vm.make_string(&name.to_string_lossy()))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("setsid", 0, Some(0), setsid),
    ("setpgid", 2, Some(2), setpgid),
    ("getpgrp", 0, Some(0), getpgrp),
    ("getsid", 1, Some(1), getsid),
    ("getlogin", 0, Some(0), getlogin),
    ("getgroups", 0, Some(0), getgroups),
    ("nice", 1, Some(1), nice),
    ("getpriority", 2, Some(2), getpriority),
    ("setpriority", 3, Some(3), setpriority),
    ("getrlimit", 1, Some(1), getrlimit),
    ("setrlimit", 3, Some(3), setrlimit),
    ("alarm", 1, Some(1), alarm),
    ("ttyname", 1, Some(1), ttyname),
];
