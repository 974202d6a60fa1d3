//! First-class continuations: a copy of the VM stack and frames, restored
//! on invocation. Re-entry any number of times is supported.

use super::Frame;
use crate::value::{Trace, Tracer, Value};

pub struct Continuation {
    /// The stack and frames to restore; for an escape-only continuation,
    /// empty, with `escape` giving their heights to cut back to.
    pub stack: Vec<Value>,
    pub frames: Vec<Frame>,
    pub escape: Option<EscapePoint>,
    pub current: Frame,
    /// Captured by a call/cc in tail position: resuming returns from `current`.
    pub resume_return: bool,
    pub handlers: Value,
    /// Which `Vm::run` activation captured it; it can only be resumed there.
    pub run_depth: usize,
    pub winders: Value,
}

/// Where an escape-only continuation returns to: the VM stack and frames
/// cut back to these heights, with the caller of `call/ec` still below
/// them as long as the continuation is valid.
#[derive(Clone, Copy)]
pub struct EscapePoint {
    pub stack_len: usize,
    pub frames_len: usize,
}

impl Trace for Continuation {
    fn trace(&self, t: &mut Tracer) {
        t.values(&self.stack);
        for f in self.frames.iter().chain(std::iter::once(&self.current)) {
            f.trace(t);
        }
        t.value(self.handlers);
        t.value(self.winders);
    }
}
