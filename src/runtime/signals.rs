//! Signals with Scheme handlers (`sigaction`). The C handler only notes the
//! signal and asks for the VM's attention; the Scheme handler runs at the
//! next safe point (a call or a loop's back edge), as Guile runs it as an
//! async. `sigaction` itself, which remembers the Scheme procedures, is in
//! `scheme/guix0/system.scm`.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::prims;
use crate::value::{Truth, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

/// The signals (as bits) caught since the VM last ran their handlers.
static PENDING: AtomicU64 = AtomicU64::new(0);

extern "C" fn note_signal(signum: libc::c_int) {
    if (0..64).contains(&signum) {
        PENDING.fetch_or(1 << signum, Ordering::Relaxed);
        crate::vm::ATTENTION.store(true, Ordering::Relaxed);
    }
}

/// `note_signal` as the C library takes a handler.
fn noting_handler() -> libc::sighandler_t {
    note_signal as extern "C" fn(libc::c_int) as libc::sighandler_t
}

/// The signals caught since the last call, which forgets them.
pub fn take_pending() -> u64 {
    PENDING.swap(0, Ordering::Relaxed)
}

/// What a signal does, as `%sigaction` sets and reports it.
const DEFAULT: i64 = 0;
const IGNORE: i64 = 1;
const SCHEME: i64 = 2;

/// `(%sigaction signum how flags)`: make signal `signum` take its default
/// action (`how` 0), be ignored (1) or run the Scheme handler that
/// `sigaction` keeps (2); `how` #f only asks. Returns what the signal did
/// before, in the same terms (a handler guix0 does not know counts as 0),
/// and its flags.
fn sigaction_primitive(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let signum = match a[0] {
        Value::Int(n) if (1..64).contains(&n) => n as libc::c_int,
        Value::Int(_) => return Err(Throw::out_of_range("sigaction", 1, a[0])),
        other => return Err(Throw::wrong_type("sigaction", 1, "integer", other)),
    };
    let flags = match a[2] {
        Value::Int(n) => libc::c_int::try_from(n).map_err(|_| Throw::out_of_range("sigaction", 3, a[2]))?,
        other => return Err(Throw::wrong_type("sigaction", 3, "integer", other)),
    };
    // SAFETY: sigaction structs are plain data, zeroed then filled in.
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    let new = match a[1] {
        Value::Bool(Truth::False) => None,
        Value::Int(how @ (DEFAULT | IGNORE | SCHEME)) => {
            // SAFETY: as for `old`.
            let mut act: libc::sigaction = unsafe { std::mem::zeroed() };
            act.sa_sigaction = match how {
                DEFAULT => libc::SIG_DFL,
                IGNORE => libc::SIG_IGN,
                _ => noting_handler(),
            };
            // A Scheme handler runs later, so an interrupted read is restarted.
            act.sa_flags = flags | if how == SCHEME { libc::SA_RESTART } else { 0 };
            // SAFETY: act.sa_mask is a sigset_t owned here.
            unsafe { libc::sigemptyset(&mut act.sa_mask) };
            Some(act)
        }
        other => return Err(Throw::wrong_type("sigaction", 2, "0, 1, 2 or #f", other)),
    };
    let new_ptr = new.as_ref().map_or(std::ptr::null(), |act| act as *const libc::sigaction);
    // SAFETY: both pointers are valid (or null for a query); the handler
    // installed only touches atomics, which is async-signal-safe.
    if unsafe { libc::sigaction(signum, new_ptr, &mut old) } != 0 {
        return Err(Throw::system("sigaction", &std::io::Error::last_os_error(), vec![]));
    }
    let how = match old.sa_sigaction {
        libc::SIG_IGN => IGNORE,
        h if h == noting_handler() => SCHEME,
        _ => DEFAULT,
    };
    let old_flags = i64::from(old.sa_flags & !libc::SA_RESTART);
    Ok(vm.cons(Value::Int(how), Value::Int(old_flags)))
}

pub const PRIMITIVES: &[Primitive] = prims![("%sigaction", 3, Some(3), sigaction_primitive),];
