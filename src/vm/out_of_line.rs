//! The instruction loop's less frequent work, kept out of `Vm::run`: code
//! that allocates or builds errors there costs the hot instructions
//! registers (moving it here took 3–7% off the loop's instruction counts).

use std::cell::Cell;

use super::error::Throw;
use super::Vm;
use crate::value::{Closure, Symbol, Value, Variable};

impl Vm {
    /// `set!` of a global (constant `var`): an error if it is unbound.
    #[inline(never)]
    pub(super) fn set_global(&mut self, var: Value, v: Value) -> Result<(), Box<Throw>> {
        match var {
            Value::Variable(var) if matches!(var.value.get(), Value::Undefined) => Err(self.unbound_variable(var.name)),
            Value::Variable(var) => {
                var.assign(v);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The running frame (at `fp`, `frame_size` slots) restarted with the
    /// top `n` stack values as its arguments, its other slots cleared.
    #[inline(never)]
    pub(super) fn restart_frame(&mut self, fp: usize, n: usize, frame_size: usize) {
        let args_at = self.stack.len() - n;
        self.stack.copy_down(args_at, fp, n);
        let frame_end = fp + frame_size;
        for slot in &mut self.stack[fp + n..frame_end.min(args_at)] {
            *slot = Value::Undefined;
        }
        self.stack.truncate(frame_end);
    }

    /// Replace the value in a slot by a fresh box holding it. Out of the
    /// instruction loop, as `make_closure`: allocating code there costs
    /// the loop registers.
    #[inline(never)]
    pub(super) fn make_box(&mut self, slot: usize) {
        let var = self.heap.alloc(Variable { value: Cell::new(self.stack[slot]), name: Symbol::EMPTY });
        self.stack[slot] = Value::Variable(var);
    }

    /// Push a closure of `code` (a `Code` constant) over the top `n` stack
    /// values, which it pops.
    #[inline(never)]
    pub(super) fn make_closure(&mut self, code: Value, n: usize) {
        if let Value::Code(c) = code {
            let start = self.stack.len() - n;
            let free: Box<[Value]> = self.stack[start..].into();
            self.stack.truncate(start);
            let closure = self.heap.alloc(Closure { code: Cell::new(c), free, name: Cell::new(c.name) });
            self.stack.push(Value::Closure(closure));
        }
    }
}

/// A top-level `define` of the global whose `Variable` is `var`; a
/// procedure defined without a name takes the global's.
#[inline(never)]
pub(super) fn define_global(var: Value, v: Value) {
    if let Value::Variable(var) = var {
        if let Value::Closure(c) = v {
            if c.name.get().is_none() {
                c.name.set(Some(var.name));
            }
        }
        var.assign(v);
    }
}

#[cold]
pub(super) fn fell_off_the_end() -> Box<Throw> {
    Throw::misc("vm", "internal error: control ran past the end of a procedure", vec![])
}
