//! First-class continuations: the VM stack and frames as they were at the
//! capture, restored on invocation. Re-entry any number of times is
//! supported.
//!
//! The part of the stack below the running frame belongs to suspended
//! callers and is saved in `StackSegment`s, which later captures share: a
//! `call/cc` in a non-tail recursion n deep then saves each frame once, not
//! n times (linear memory, not quadratic).

use super::stack::Stack;
use super::{Frame, SavedFrame, Vm};
use crate::value::{Gc, Trace, Tracer, Value};

pub struct Continuation {
    /// The suspended callers, for a full continuation.
    pub below: Option<Gc<StackSegment>>,
    /// The running frame's part of the stack, from its callee slot up; for
    /// an escape-only continuation, empty, with `escape` giving the heights
    /// to cut back to.
    pub stack: Vec<Value>,
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

/// The stack and frames between the top of `parent` (or the bottom) and
/// `stack_end` / `frames_end`, as they were when a continuation was taken.
/// A segment holds whole frames: `stack_end` is where the frame running
/// at the capture began.
pub struct StackSegment {
    parent: Option<Gc<StackSegment>>,
    stack_end: usize,
    frames_end: usize,
    stack: Box<[Value]>,
    frames: Box<[SavedFrame]>,
}

impl StackSegment {
    /// The segments from the bottom of the stack up to `top`.
    fn chain(top: Option<Gc<StackSegment>>) -> Vec<Gc<StackSegment>> {
        let mut chain: Vec<_> = std::iter::successors(top, |s| s.parent).collect();
        chain.reverse();
        chain
    }
}

impl Frame {
    /// Where this frame's part of the stack begins: its callee slot.
    pub(super) fn base(&self) -> usize {
        self.fp as usize - 1
    }
}

/// The VM's suspended frames, which also remember how few there have been
/// since the last capture: the frames below that mark have not returned,
/// so their part of the stack is as that capture saved it.
#[derive(Default)]
pub struct Frames {
    items: Stack<SavedFrame>,
    low_water: usize,
}

impl std::ops::Deref for Frames {
    type Target = [SavedFrame];
    fn deref(&self) -> &[SavedFrame] {
        &self.items
    }
}

impl Frames {
    #[inline]
    pub fn push(&mut self, frame: SavedFrame) {
        self.items.push(frame);
    }
    #[inline]
    pub fn pop(&mut self) -> Option<SavedFrame> {
        let frame = self.items.pop();
        self.low_water = self.low_water.min(self.items.len());
        frame
    }
    pub fn truncate(&mut self, len: usize) {
        self.items.truncate(len);
        self.low_water = self.low_water.min(self.items.len());
    }
    pub fn shrink(&mut self) {
        self.items.shrink();
    }
}

impl Vm {
    /// The longest part of the last saved segments that the stack still
    /// holds within `frames_cut` frames and `stack_cut` stack slots.
    fn still_shared(&self, frames_cut: usize, stack_cut: usize) -> Option<Gc<StackSegment>> {
        let frames_cut = frames_cut.min(self.frames.low_water);
        let mut segment = self.last_segment;
        while let Some(s) = segment {
            if s.frames_end <= frames_cut && s.stack_end <= stack_cut {
                break;
            }
            segment = s.parent;
        }
        segment
    }

    /// Let go of saved segments the stack no longer holds (at a collection).
    pub(super) fn forget_unshared_segments(&mut self) {
        self.last_segment = self.still_shared(usize::MAX, usize::MAX);
    }

    /// A run that Rust started has ended, with `base_frames` frames below
    /// it. The frame that called into Rust has no frame record, yet its
    /// part of the stack lies inside what captures in the run saved; it
    /// runs again now, so only segments below its depth stay shared.
    pub(super) fn end_nested_run(&mut self, base_frames: usize) {
        self.last_segment = match base_frames.checked_sub(1) {
            Some(below) => self.still_shared(below, usize::MAX),
            None => None,
        };
    }

    /// Save the stack below the running frame for a continuation: what the
    /// last capture saved and the stack still holds is shared, and only
    /// what lies above it is copied.
    pub(super) fn save_stack_below(&mut self, running: &Frame) -> Option<Gc<StackSegment>> {
        let cut = running.base();
        let shared = self.still_shared(usize::MAX, cut);
        let (s0, f0) = shared.map_or((0, 0), |s| (s.stack_end, s.frames_end));
        let segment = if shared.is_some() && (s0, f0) == (cut, self.frames.len()) {
            shared
        } else {
            Some(self.heap.alloc(StackSegment {
                parent: shared,
                stack_end: cut,
                frames_end: self.frames.len(),
                stack: self.stack[s0..cut].into(),
                frames: self.frames[f0..].into(),
            }))
        };
        self.last_segment = segment;
        self.frames.low_water = self.frames.len();
        segment
    }

    /// Make the live stack and frames those `k` saved.
    pub(super) fn restore_stack(&mut self, k: &Continuation) {
        self.stack.clear();
        self.frames.items.clear();
        for segment in StackSegment::chain(k.below) {
            self.stack.extend_from_slice(&segment.stack);
            self.frames.items.extend_from_slice(&segment.frames);
        }
        self.stack.extend_from_slice(&k.stack);
        self.last_segment = k.below;
        self.frames.low_water = self.frames.len();
    }
}

impl Trace for Continuation {
    fn trace(&self, t: &mut Tracer) {
        if let Some(below) = self.below {
            t.gc(below);
        }
        t.values(&self.stack);
        self.current.trace(t);
        t.value(self.handlers);
        t.value(self.winders);
    }
}

impl Trace for StackSegment {
    fn trace(&self, t: &mut Tracer) {
        if let Some(parent) = self.parent {
            t.gc(parent);
        }
        // The frames' closures are in their callee slots, in `stack`.
        t.values(&self.stack);
    }
}
