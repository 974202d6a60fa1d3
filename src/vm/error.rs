//! Errors raised by primitives, before they become Scheme conditions.

use crate::value::{Symbol, Value};

pub struct Throw {
    /// Guile's throw key: `wrong-type-arg`, `misc-error`, `system-error`, ...
    pub key: Symbol,
    pub who: Option<String>,
    /// A Guile-style message; `~A`/`~S` refer to `irritants` in order.
    pub message: String,
    pub irritants: Vec<Value>,
    /// Extra Guile throw data (e.g. errno for `system-error`).
    pub rest: Value,
    /// Set when a Scheme object is raised as it is (`raise obj`).
    pub raised: Option<Value>,
    /// Where the problem is, when that is not the call site (syntax errors).
    pub span: Option<crate::diag::Span>,
    pub help: Option<String>,
}

impl Throw {
    pub fn new(key: &str, who: Option<&str>, message: impl Into<String>, irritants: Vec<Value>) -> Box<Throw> {
        Box::new(Throw {
            key: Symbol::intern(key),
            who: who.map(str::to_owned),
            message: message.into(),
            irritants,
            rest: Value::FALSE,
            raised: None,
            span: None,
            help: None,
        })
    }

    /// Ctrl-C at the REPL: what stops the evaluation.
    pub fn interrupt() -> Box<Throw> {
        Throw::new("interrupt", None, "interrupted", vec![])
    }

    pub fn misc(who: &str, message: impl Into<String>, irritants: Vec<Value>) -> Box<Throw> {
        Throw::new("misc-error", Some(who), message, irritants)
    }

    pub fn wrong_type(who: &str, position: usize, expected: &str, value: Value) -> Box<Throw> {
        Throw::new(
            "wrong-type-arg",
            Some(who),
            format!("Wrong type argument in position {position} (expecting {expected}): ~S"),
            vec![value],
        )
    }

    pub fn out_of_range(who: &str, position: usize, value: Value) -> Box<Throw> {
        Throw::new("out-of-range", Some(who), format!("Argument {position} out of range: ~S"), vec![value])
    }

    pub fn system(who: &str, err: &std::io::Error, irritants: Vec<Value>) -> Box<Throw> {
        let mut t = Throw::new("system-error", Some(who), strip_os_error(err), irritants);
        t.rest = Value::Int(err.raw_os_error().unwrap_or(0) as i64);
        t
    }
}

/// `No such file or directory (os error 2)` → `No such file or directory`.
pub fn strip_os_error(err: &std::io::Error) -> String {
    let s = err.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

pub type PResult<T> = Result<T, Box<Throw>>;
