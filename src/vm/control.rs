//! Control primitives the VM carries out itself, since they work on its
//! stack and frames: `apply`, `call/cc` and `call/ec`, resuming a
//! continuation, and stopping on an uncaught error.

use super::continuation::{Continuation, EscapePoint};
use super::error::Throw;
use super::interp::{single_value_unless_kept, RunError, Step, Unwind};
use super::primitive::Special;
use super::{Frame, Vm};
use crate::value::{Gc, MultipleValues, Value};

impl Vm {
    /// Control primitives. `Ok(Some(n))`: dispatch again with n arguments;
    /// `Ok(None)`: continue; `Err(step)`: return that step.
    pub(super) fn special(
        &mut self,
        regs: &mut Frame,
        s: Special,
        callee_idx: usize,
        argc: usize,
        tail: bool,
        base: usize,
    ) -> Result<Option<usize>, Step> {
        match s {
            Special::Apply => {
                let last = self.pop();
                let Some(items) = last.list_to_vec() else {
                    self.stack.truncate(callee_idx);
                    let t = Throw::wrong_type("apply", argc, "list", last);
                    return Err(self.signal(regs, t, base));
                };
                self.stack.remove(callee_idx);
                self.stack.extend_from_slice(&items);
                Ok(Some(argc - 2 + items.len()))
            }
            Special::ApplyValues => {
                let vals = self.pop();
                self.stack.remove(callee_idx);
                match vals {
                    Value::Values(mv) => {
                        self.stack.extend_from_slice(&mv.items);
                        Ok(Some(mv.items.len()))
                    }
                    v => {
                        self.stack.push(v);
                        Ok(Some(1))
                    }
                }
            }
            Special::CallCC | Special::CallEC => {
                let f = self.pop();
                self.stack.truncate(callee_idx);
                let (below, stack, escape) = if s == Special::CallEC {
                    let point = EscapePoint { stack_len: self.stack.len(), frames_len: self.frames.len() };
                    (None, Vec::new(), Some(point))
                } else {
                    let below = self.save_stack_below(regs);
                    (below, self.stack[regs.base()..].to_vec(), None)
                };
                let k = self.heap.alloc(Continuation {
                    below,
                    stack,
                    escape,
                    current: *regs,
                    resume_return: tail,
                    handlers: self.handlers,
                    run_depth: self.run_depth,
                    winders: self.winders,
                });
                self.stack.push(f);
                self.stack.push(Value::Continuation(k));
                Ok(Some(1))
            }
            Special::Resume => {
                let vals = self.pop();
                let k = self.pop();
                self.stack.truncate(callee_idx);
                match k {
                    Value::Continuation(k) => {
                        let args = vals.list_to_vec().unwrap_or_default();
                        Err(self.resume(regs, k, &args, base))
                    }
                    other => {
                        let t = Throw::wrong_type("%resume", 1, "continuation", other);
                        Err(self.signal(regs, t, base))
                    }
                }
            }
            Special::Uncaught => {
                let obj = self.stack.get(callee_idx + 1).copied().unwrap_or(Value::Unspecified);
                self.stack.truncate(callee_idx);
                match obj {
                    Value::Condition(c) => {
                        if c.context.borrow().is_none() {
                            *c.context.borrow_mut() = Some(std::rc::Rc::new(self.context(Some(regs))));
                        }
                    }
                    // Any other raised value has nowhere to keep where it
                    // was raised: the VM keeps it for the report.
                    _ => self.last_error = Some(std::rc::Rc::new(self.context(Some(regs)))),
                }
                Err(Err(RunError::Uncaught(obj).into()))
            }
            Special::StackFrames => {
                self.stack.truncate(callee_idx);
                let frames = self.stack_frames(regs);
                Err(self.deliver(regs, frames, tail, base))
            }
        }
    }

    pub(super) fn resume(&mut self, regs: &mut Frame, k: Gc<Continuation>, args: &[Value], base: usize) -> Step {
        if k.run_depth < self.run_depth {
            return Err(Unwind::Escape(k, args.to_vec()));
        }
        let v = match args {
            [one] => *one,
            _ => {
                let mv = self.heap.alloc(MultipleValues { items: args.into() });
                Value::Values(mv)
            }
        };
        match k.escape {
            Some(point) => {
                // Still within call/ec's extent (its only use is escaping
                // out of it), so what lies below is as it was.
                if self.stack.len() < point.stack_len || self.frames.len() < point.frames_len {
                    let t = Throw::misc("call/ec", "an escape continuation was called after its extent ended", vec![]);
                    return self.signal(regs, t, base);
                }
                self.stack.truncate(point.stack_len);
                self.frames.truncate(point.frames_len);
            }
            None => self.restore_stack(&k),
        }
        self.restore_stack_limit();
        self.handlers = k.handlers;
        self.winders = k.winders;
        *regs = k.current;
        if k.resume_return {
            self.do_return(regs, v, base)
        } else {
            // Values passed to a continuation that takes one are cut to
            // the first, as a procedure's return is (Guile's rule).
            self.stack.push(single_value_unless_kept(regs, v));
            Ok(None)
        }
    }
}
