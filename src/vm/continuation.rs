//! First-class continuations: a copy of the VM stack and frames, restored
//! on invocation. Re-entry any number of times is supported.

use super::Frame;
use crate::value::{Trace, Tracer, Value};

pub struct Continuation {
    pub stack: Vec<Value>,
    pub frames: Vec<Frame>,
    pub current: Frame,
    /// Captured by a call/cc in tail position: resuming returns from `current`.
    pub resume_return: bool,
    pub handlers: Value,
    /// Which `Vm::run` activation captured it; it can only be resumed there.
    pub run_depth: usize,
    pub winders: Value,
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
