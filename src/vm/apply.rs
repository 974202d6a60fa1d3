//! Calling Scheme from Rust: a run of the instruction loop on a fresh
//! frame, with its own base, from which errors and exits come back as
//! `RunError`s.

use super::arity::check_arity;
use super::error::Throw;
use super::interp::{RunError, Unwind};
use super::{Frame, Vm};
use crate::diag::Span;
use crate::value::{Closure, Gc, Value};

impl Vm {
    /// Call a procedure from Rust and run it to completion.
    pub fn apply(&mut self, f: Value, args: &[Value]) -> Result<Value, RunError> {
        match self.apply_unwinding(f, args) {
            Ok(v) => Ok(v),
            Err(Unwind::Stop(e)) => Err(e),
            Err(Unwind::Escape(..)) => {
                let t = Throw::misc("call/cc", "this continuation cannot be resumed from here", vec![]);
                Err(RunError::Uncaught(self.condition_value(&t, None)))
            }
        }
    }

    /// Call a procedure from a primitive or the expander, which report what
    /// ends the run as an error of the enclosing run (at `span`).
    pub fn apply_nested(&mut self, f: Value, args: &[Value], span: Span) -> Result<Value, Box<Throw>> {
        self.apply_unwinding(f, args).map_err(|e| self.unwind_to_throw(e, span))
    }

    fn apply_unwinding(&mut self, f: Value, args: &[Value]) -> Result<Value, Unwind> {
        let closure = match f {
            Value::Closure(c) => c,
            other => self.trampoline_for(other),
        };
        if super::native_stack_used_over(75) {
            // Scheme called from Rust calling back into Rust without end (a
            // record printer printing its own record) would run the thread
            // off its stack.
            let t = self.nested_runs_overflow();
            return Err(RunError::Uncaught(self.condition_value(&t, None)).into());
        }
        let base_frames = self.frames.len();
        let base_stack = self.stack.len();
        self.run_depth += 1;
        self.stack.push(Value::Closure(closure));
        self.stack.extend_from_slice(args);
        // A safe point, with the callee and arguments rooted on the stack: a
        // procedure that only calls primitives would otherwise never let a
        // collection run (nested record printers piled up their garbage).
        self.maybe_collect();
        let fp = base_stack + 1;
        let bound =
            check_arity(&closure.code(), args.len()).and_then(|()| self.bind_args(closure.code(), fp, args.len()));
        let result = match bound {
            Ok(()) => self.run(Frame { closure, pc: 0, fp: fp as u32 }, base_frames),
            Err(t) => Err(RunError::Uncaught(self.condition_value(&t, None)).into()),
        };
        self.run_depth -= 1;
        self.end_nested_run(base_frames);
        match result {
            // A safe point on the way out too, with the arguments (which
            // the caller may still use) and the result rooted.
            Ok(v) if self.heap.wants_collection() => {
                self.stack.extend_from_slice(args);
                self.stack.push(v);
                self.maybe_collect();
                self.stack.truncate(base_stack);
            }
            Ok(_) => {}
            Err(_) => {
                self.stack.truncate(base_stack);
                self.frames.truncate(base_frames);
                self.restore_stack_limit();
            }
        }
        result
    }

    /// Run the Scheme handler that `sigaction` keeps in `%signal-handlers`
    /// for each signal in `pending` (bit n for signal n), given its number.
    pub(super) fn run_signal_handlers(&mut self, pending: u64) -> Result<(), Unwind> {
        let handlers = self.root_value("%signal-handlers");
        for signum in (0..64).filter(|n| pending & (1 << n) != 0) {
            let handler = match handlers {
                Value::Vector(v) => v.items.borrow().get(signum).copied(),
                _ => None,
            };
            if let Some(h) = handler.filter(|h| h.is_procedure()) {
                self.apply_unwinding(h, &[Value::Int(signum as i64)])?;
            }
        }
        Ok(())
    }

    /// A closure that applies `f` (a primitive, continuation, ...) to its arguments.
    fn trampoline_for(&mut self, f: Value) -> Gc<Closure> {
        let code = self.trampoline_code();
        self.heap.alloc(Closure {
            code: std::cell::Cell::new(code),
            free: Box::new([f]),
            name: std::cell::Cell::new(None),
        })
    }
}
