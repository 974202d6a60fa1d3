//! `(select reads writes excepts [seconds [microseconds]])`: wait until
//! ports or file descriptors can be read or written, as Guile's `select`
//! does, over poll(2). Each set is a list or a vector; the result is the
//! three sets of those ready, each as it was given (list or vector).

use std::sync::atomic::Ordering;

use nix::errno::Errno;

use super::errno_error;
use crate::prims;
use crate::value::{Truth, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

/// A set's members, and whether it was a vector.
fn members(v: Value, position: usize) -> PResult<(Vec<Value>, bool)> {
    match v {
        Value::Vector(items) => Ok((items.items.borrow().clone(), true)),
        other => match other.list_to_vec() {
            Some(items) => Ok((items, false)),
            None => Err(Throw::wrong_type("select", position, "list or vector", other)),
        },
    }
}

/// The descriptor of a member: a number, or a port on one.
fn descriptor(member: Value, position: usize) -> PResult<libc::c_int> {
    let fd = match member {
        Value::Port(p) => p.fd().map(i64::from),
        Value::Int(n) => Some(n),
        _ => None,
    };
    fd.and_then(|n| libc::c_int::try_from(n).ok())
        .filter(|n| *n >= 0)
        .ok_or_else(|| Throw::wrong_type("select", position, "file port or descriptor", member))
}

/// The wait in milliseconds (-1: for ever) from the optional seconds and
/// microseconds, rounded up so that a short wait is not no wait.
fn timeout_ms(a: &[Value]) -> PResult<libc::c_int> {
    let seconds = match a.get(3) {
        None | Some(Value::Bool(Truth::False)) => return Ok(-1),
        Some(&Value::Int(s)) if s >= 0 => s as f64,
        Some(&Value::Float(s)) if s >= 0.0 && s.is_finite() => s,
        Some(&other) => return Err(Throw::wrong_type("select", 4, "non-negative number of seconds", other)),
    };
    let micro = match a.get(4) {
        None => 0.0,
        Some(&Value::Int(u)) if u >= 0 => u as f64,
        Some(&other) => return Err(Throw::wrong_type("select", 5, "non-negative microseconds", other)),
    };
    let ms = (seconds * 1000.0 + micro / 1000.0).ceil();
    Ok(if ms > f64::from(libc::c_int::MAX) { libc::c_int::MAX } else { ms as libc::c_int })
}

fn select(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let sets = [members(a[0], 1)?, members(a[1], 2)?, members(a[2], 3)?];
    let wanted = [libc::POLLIN, libc::POLLOUT, libc::POLLPRI];
    // What poll reports as ready for each set: a closed pipe reads (as
    // end of file), an error reads and writes (the call then fails).
    let ready_when = [libc::POLLIN | libc::POLLHUP | libc::POLLERR, libc::POLLOUT | libc::POLLERR, libc::POLLPRI];
    let mut polled = vec![];
    for (set, (items, _)) in sets.iter().enumerate() {
        for item in items {
            polled.push(libc::pollfd { fd: descriptor(*item, set + 1)?, events: wanted[set], revents: 0 });
        }
    }
    // A port holding input it has read is ready without waiting.
    let buffered = |item: &Value| matches!(item, Value::Port(p) if p.has_buffered_input());
    let mut timeout = timeout_ms(a)?;
    if sets[0].0.iter().any(buffered) {
        timeout = 0;
    }
    loop {
        // SAFETY: `polled` holds `polled.len()` pollfd structures.
        let n = unsafe { libc::poll(polled.as_mut_ptr(), polled.len() as libc::nfds_t, timeout) };
        if n >= 0 {
            break;
        }
        match Errno::last() {
            Errno::EINTR if crate::vm::INTERRUPTED.load(Ordering::Relaxed) => return Err(Throw::interrupt()),
            Errno::EINTR => continue,
            e => return Err(errno_error("select", e, vec![])),
        }
    }
    let mut results = Vec::with_capacity(3);
    let mut next = polled.iter();
    for (set, (items, is_vector)) in sets.iter().enumerate() {
        let mut ready = vec![];
        for item in items {
            let revents = next.next().map_or(0, |p| p.revents);
            if revents & ready_when[set] != 0 || (set == 0 && buffered(item)) {
                ready.push(*item);
            }
        }
        results.push(if *is_vector { vm.make_vector(ready) } else { vm.list(&ready) });
    }
    Ok(vm.list(&results))
}

pub const PRIMITIVES: &[Primitive] = prims![("select", 3, Some(5), select)];
