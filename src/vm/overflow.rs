//! The stack limit: when one more call overflows, and the room the
//! handlers of a `stack-overflow` get to run in above the limit. Also the
//! guard on the native (Rust) stack for the expander, whose recursion a
//! macro that expands into itself would otherwise take past its end.

use std::cell::Cell;

use super::error::Throw;
use super::interp::{RunError, Step};
use super::{Frame, Vm};

impl Vm {
    /// Signal a stack overflow. The handlers get room to run above the
    /// limit; if they overflow too, that error is not given to them again.
    #[cold]
    pub(super) fn overflow(&mut self, regs: &mut Frame, base: usize) -> Step {
        let t = self.stack_overflow();
        if self.stack_limit > self.stack_limit_normal {
            return Err(RunError::Uncaught(self.condition_value(&t, Some(regs))).into());
        }
        self.stack_limit = self.stack_limit_normal + self.stack_limit_normal / 16;
        self.signal(regs, t, base)
    }

    /// Take back the handlers' room once the stack is well below the limit.
    pub(super) fn restore_stack_limit(&mut self) {
        if self.stack_limit > self.stack_limit_normal && !self.stack_full_at(self.stack_limit_normal / 2) {
            self.stack_limit = self.stack_limit_normal;
        }
    }

    /// Too many runs of Scheme code nested through Rust: three quarters
    /// of the native stack are used.
    pub(super) fn nested_runs_overflow(&self) -> Box<Throw> {
        let mut t = Throw::new(
            "stack-overflow",
            None,
            format!("Stack overflow: procedures called from the library nest {} deep", self.run_depth),
            vec![],
        );
        t.help = Some(
            "a procedure the library calls (a record printer, a sort comparator, a macro) probably \
             leads back to itself without end, such as a printer that displays its own record"
                .into(),
        );
        t
    }

    fn stack_overflow(&self) -> Box<Throw> {
        let mut t = Throw::new(
            "stack-overflow",
            None,
            format!("Stack overflow: {} nested calls fill the stack", self.frames.len()),
            vec![],
        );
        t.help = Some(
            "a procedure probably calls itself without end: check its base case; \
             GUIX0_STACK_LIMIT=MEGABYTES allows a deeper stack"
                .into(),
        );
        t
    }
}

thread_local! {
    /// The native stack of the interpreter thread: the address of its top
    /// (0 before `mark_native_stack`) and its size.
    static NATIVE_STACK: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

/// Record that the calling thread's native stack has `size` bytes below
/// this point.
pub fn mark_native_stack(size: usize) {
    let here = 0u8;
    NATIVE_STACK.set((std::ptr::addr_of!(here) as usize, size));
}

/// Whether the calling thread's native stack is marked (the interpreter's).
pub fn native_stack_marked() -> bool {
    NATIVE_STACK.get().0 != 0
}

/// Whether over `percent` of the marked native stack is in use. The
/// expander stops at half with an error, leaving the rest to the compiler,
/// which recurses as deep on what it was given; runs of Scheme nested
/// through Rust stop at three quarters, so the expander's own error comes
/// first when a macro is what nests.
pub fn native_stack_used_over(percent: usize) -> bool {
    let here = 0u8;
    let (top, size) = NATIVE_STACK.get();
    top != 0 && top.saturating_sub(std::ptr::addr_of!(here) as usize) > size / 100 * percent
}
