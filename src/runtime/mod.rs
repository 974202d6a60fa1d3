//! Primitive procedures, one file per domain. Each file exports a
//! `PRIMITIVES` table; `all()` gathers them for the root module.

pub mod chars;
pub mod conditions;
pub mod constants;
pub mod control;
pub mod custom_ports;
pub mod encoding;
pub mod fdes;
pub mod files;
pub mod format;
pub mod hashing;
pub mod hashtable;
pub mod iconv;
pub mod io;
pub mod lists;
pub mod mes;
pub mod numbers;
pub mod pipes;
pub mod ports;
pub mod posix;
pub mod process;
pub mod process_control;
pub mod random;
pub mod records;
pub mod regex;
pub mod select;
pub mod signals;
pub mod source;
pub mod store;
pub mod strings;
pub mod syntax;
pub mod system;
pub mod time;
pub mod variables;
pub mod vectors;

use crate::value::{Gc, SString, Symbol, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;

pub fn all() -> Vec<&'static [Primitive]> {
    vec![
        lists::PRIMITIVES,
        numbers::PRIMITIVES,
        strings::PRIMITIVES,
        chars::PRIMITIVES,
        vectors::PRIMITIVES,
        control::PRIMITIVES,
        control::SPECIALS,
        io::PRIMITIVES,
        source::PRIMITIVES,
        custom_ports::PRIMITIVES,
        encoding::PRIMITIVES,
        records::PRIMITIVES,
        hashtable::PRIMITIVES,
        hashing::PRIMITIVES,
        files::PRIMITIVES,
        regex::PRIMITIVES,
        store::PRIMITIVES,
        process::PRIMITIVES,
        pipes::PRIMITIVES,
        fdes::PRIMITIVES,
        variables::PRIMITIVES,
        posix::PRIMITIVES,
        conditions::PRIMITIVES,
        system::PRIMITIVES,
        signals::PRIMITIVES,
        time::PRIMITIVES,
        random::PRIMITIVES,
        iconv::PRIMITIVES,
        format::PRIMITIVES,
        process_control::PRIMITIVES,
        select::PRIMITIVES,
        syntax::PRIMITIVES,
        mes::PRIMITIVES,
    ]
}

// Argument checkers: `who` names the procedure, `pos` is 1-based as in
// Guile's messages.

pub fn expect_int(who: &str, pos: usize, v: Value) -> PResult<i64> {
    match v {
        Value::Int(i) => Ok(i),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e18 => Ok(f as i64),
        _ => Err(Throw::wrong_type(who, pos, "exact integer", v)),
    }
}

/// A C `int` argument (a descriptor, flags, a process id): a fixnum that
/// fits, else out of range; `what` names it in the wrong-type message.
pub fn expect_c_int(who: &str, pos: usize, v: Value, what: &str) -> PResult<libc::c_int> {
    match v {
        Value::Int(n) => libc::c_int::try_from(n).map_err(|_| Throw::out_of_range(who, pos, v)),
        other => Err(Throw::wrong_type(who, pos, what, other)),
    }
}

/// The most memory one object made by `make-vector`, `make-string`, ...
/// may ask for: a larger request is an error rather than an abort.
const MAX_OBJECT_BYTES: usize = 1 << 34;

/// A length for a new object of `n` elements of `element_bytes` each.
pub fn expect_length(who: &str, pos: usize, v: Value, element_bytes: usize) -> PResult<usize> {
    let n = expect_index(who, pos, v)?;
    if n.saturating_mul(element_bytes) > MAX_OBJECT_BYTES {
        return Err(Throw::new(
            "out-of-range",
            Some(who),
            format!("Value out of range: ~S (more than {} GiB)", MAX_OBJECT_BYTES >> 30),
            vec![v],
        ));
    }
    Ok(n)
}

/// `n` copies of `fill`, or an `out-of-memory` error where the system
/// refuses the memory (the allocator would abort the process).
pub fn filled_vec<T: Clone>(who: &str, n: usize, fill: T) -> PResult<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| out_of_memory(who, n.saturating_mul(std::mem::size_of::<T>())))?;
    v.resize(n, fill);
    Ok(v)
}

pub fn out_of_memory(who: &str, bytes: usize) -> Box<Throw> {
    Throw::new("out-of-memory", Some(who), format!("Out of memory: {bytes} bytes were refused"), vec![])
}

pub fn expect_index(who: &str, pos: usize, v: Value) -> PResult<usize> {
    match v {
        Value::Int(i) if i >= 0 => Ok(i as usize),
        Value::Int(_) => Err(Throw::out_of_range(who, pos, v)),
        _ => Err(Throw::wrong_type(who, pos, "exact non-negative integer", v)),
    }
}

pub fn expect_string(who: &str, pos: usize, v: Value) -> PResult<Gc<SString>> {
    match v {
        Value::Str(s) => Ok(s),
        _ => Err(Throw::wrong_type(who, pos, "string", v)),
    }
}

/// A failed system call's error, as Guile's `system-error`.
pub fn errno_error(who: &str, e: nix::errno::Errno, args: Vec<Value>) -> Box<Throw> {
    Throw::system(who, &std::io::Error::from(e), args)
}

pub fn expect_symbol(who: &str, pos: usize, v: Value) -> PResult<Symbol> {
    match v {
        Value::Symbol(s) => Ok(s),
        _ => Err(Throw::wrong_type(who, pos, "symbol", v)),
    }
}

pub fn expect_char(who: &str, pos: usize, v: Value) -> PResult<char> {
    match v {
        Value::Char(c) => Ok(c),
        _ => Err(Throw::wrong_type(who, pos, "character", v)),
    }
}

pub fn expect_list(who: &str, pos: usize, v: Value) -> PResult<Vec<Value>> {
    v.list_to_vec().ok_or_else(|| Throw::wrong_type(who, pos, "list", v))
}

/// A string argument's text (strings and symbols accepted where Guile does).
pub fn text_of(who: &str, pos: usize, v: Value) -> PResult<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        Value::Symbol(s) => Ok(s.name().to_string()),
        _ => Err(Throw::wrong_type(who, pos, "string", v)),
    }
}

pub fn optional(args: &[Value], i: usize) -> Option<Value> {
    args.get(i).copied().filter(|v| !matches!(v, Value::Default))
}
