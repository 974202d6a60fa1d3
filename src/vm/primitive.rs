//! Procedures written in Rust.

use crate::value::{Symbol, Value};
use crate::vm::error::Throw;
use crate::vm::Vm;

pub type PrimResult = Result<Value, Box<Throw>>;
pub type SimpleFn = fn(&mut Vm, &[Value]) -> PrimResult;

/// Control primitives need the VM's registers (the stack, the frames), so
/// the VM implements them itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    Apply,
    CallCC,
    /// `(%call/ec f)`: an escape-only continuation, for use while `f`
    /// runs; it copies nothing, so nesting costs no more than the calls.
    CallEC,
    /// `(%apply-values f vals)`: call f with the values in `vals`.
    ApplyValues,
    /// `(%resume k vals)`: resume a continuation after the winders ran.
    Resume,
    /// `(%uncaught obj)`: stop the program with an unhandled error.
    Uncaught,
    /// `(%stack-frames)`: the calls in progress (`make-stack`).
    StackFrames,
}

#[derive(Clone, Copy)]
pub enum PrimKind {
    Simple(SimpleFn),
    Special(Special),
}

pub struct Primitive {
    pub name: &'static str,
    pub min_args: u16,
    /// `None`: any number of arguments.
    pub max_args: Option<u16>,
    pub kind: PrimKind,
}

impl Primitive {
    pub fn accepts(&self, argc: usize) -> bool {
        argc >= self.min_args as usize && self.max_args.is_none_or(|m| argc <= m as usize)
    }
    pub fn symbol(&self) -> Symbol {
        Symbol::intern(self.name)
    }
    pub fn describe_arity(&self) -> String {
        match self.max_args {
            Some(m) if m == self.min_args => format!("{m}"),
            Some(m) => format!("{} to {}", self.min_args, m),
            None => format!("at least {}", self.min_args),
        }
    }
}

/// Declare a table of simple primitives:
/// `prims![("car", 1, Some(1), car), ...]`.
#[macro_export]
macro_rules! prims {
    ($(($name:expr, $min:expr, $max:expr, $f:expr)),* $(,)?) => {
        &[$($crate::vm::primitive::Primitive {
            name: $name,
            min_args: $min,
            max_args: $max,
            kind: $crate::vm::primitive::PrimKind::Simple($f),
        }),*]
    };
}
