//! Contified lambdas compiled as blocks of the enclosing procedure: a
//! named `let` as a loop in its caller's frame, and `let`-bound
//! continuations placed after the `let`'s body (see `analyze.rs`).

use super::{analyze, Compiler, Cont, Ctx, Function, Place};
use crate::expand::{Core, Lambda, VarId};
use crate::value::Value;
use crate::vm::code::Op;

impl Compiler<'_> {
    /// A named `let` whose procedure is contified: the initial values
    /// into its parameters' slots, then its body, which the loop's calls
    /// jump back to the start of.
    pub(super) fn loop_block(&mut self, f: &mut Function, v: VarId, l: &Lambda, args: &[Core], ctx: Ctx) {
        let saved = f.next_slot;
        let params = self.bind_fresh(f, l.required.iter().copied().zip(args));
        // Free variables the loop gives to inline operations are copied
        // into slots first, so that the operations take them from the frame:
        // `(vector-ref v i)` on a captured vector.
        let hoisted = self.inline_free_operands(f, &l.body);
        self.hoist_free(f, &hoisted);
        let start = f.ops.len();
        for &p in &l.required {
            self.box_param(f, p);
        }
        f.conts.insert(v, Cont { params, start: Some(start as u32), jumps: vec![] });
        self.expr(f, &l.body, ctx);
        f.conts.remove(&v);
        for h in hoisted {
            f.slots.remove(&h);
        }
        f.next_slot = saved;
    }

    /// The unboxed free variables that `body` (not its lambdas) passes to
    /// inline operations of one or two operands that would then take all
    /// their operands from the frame.
    fn inline_free_operands(&self, f: &Function, body: &Core) -> Vec<VarId> {
        fn walk(c: &Compiler, f: &Function, core: &Core, found: &mut Vec<VarId>) {
            match core {
                Core::Lambda(_) => return,
                Core::Call(g, args, _) if args.len() <= 2 && c.inline_op(g, args.len()).is_some() => {
                    let in_frame = |a: &Core| match a {
                        Core::Local(v) => !c.is_boxed(*v),
                        Core::Const(Value::Int(i)) => i16::try_from(*i).is_ok(),
                        _ => false,
                    };
                    if args.iter().all(in_frame) {
                        for a in args {
                            let Core::Local(v) = a else { continue };
                            if f.free.contains(v) && !f.slots.contains_key(v) && !found.contains(v) {
                                found.push(*v);
                            }
                        }
                    }
                }
                _ => {}
            }
            analyze::for_each_child(core, &mut |child| walk(c, f, child, found));
        }
        let mut found = vec![];
        walk(self, f, body, &mut found);
        found
    }

    /// Copy free variables into slots of their own, from where inline
    /// operations take them (`InlineLL`, ...).
    fn hoist_free(&mut self, f: &mut Function, vars: &[VarId]) {
        for &v in vars {
            self.load_raw(f, v);
            let slot = f.alloc_slot(v);
            f.emit(Op::SetLocal(slot));
        }
    }

    /// Store a jump's arguments into the slots of a contified lambda's
    /// parameters. They are computed with the old values of all the
    /// parameters, so in general all are pushed, then popped into the slots.
    /// When every argument is simple (no call that is not inline) and some
    /// order assigns no parameter before an argument still to come reads
    /// it, each is instead computed straight into its slot, in that order
    /// (an inline result followed by `SetLocal` is stored without a push),
    /// and an argument that is its parameter's own value is left out.
    pub(super) fn jump_args(&mut self, f: &mut Function, params: &[u16], args: &[Core]) {
        match self.assignment_order(f, params, args) {
            Some(order) => {
                for j in order {
                    self.expr(f, &args[j], Ctx::Value);
                    f.emit(Op::SetLocal(params[j]));
                }
            }
            None => {
                for a in args {
                    self.expr(f, a, Ctx::Value);
                }
                for &s in params.iter().rev() {
                    f.emit(Op::SetLocal(s));
                }
            }
        }
    }

    /// An order for `jump_args` to assign in one by one, if there is one.
    fn assignment_order(&self, f: &Function, params: &[u16], args: &[Core]) -> Option<Vec<usize>> {
        let mut reads: Vec<Vec<u16>> = vec![];
        for a in args {
            let mut slots = vec![];
            if !self.simple_reads(f, a, &mut slots) {
                return None;
            }
            reads.push(slots);
        }
        // A boxed parameter is boxed afresh at the loop's start, so its
        // slot must be given the value again.
        let unchanged = |j: usize| matches!(args[j], Core::Local(v) if !self.is_boxed(v) && matches!(f.place(v), Place::Local(s) if s == params[j]));
        let mut pending: Vec<usize> = (0..args.len()).filter(|&j| !unchanged(j)).collect();
        let mut order = vec![];
        // Assign a parameter once no other pending argument reads it.
        while !pending.is_empty() {
            let ready =
                pending.iter().position(|&k| pending.iter().all(|&j| j == k || !reads[j].contains(&params[k])))?;
            order.push(pending.remove(ready));
        }
        Some(order)
    }

    /// Whether `e` is made only of constants, variables and inline
    /// operations; the frame slots it reads are added to `slots`.
    fn simple_reads(&self, f: &Function, e: &Core, slots: &mut Vec<u16>) -> bool {
        match e {
            Core::Const(_) | Core::Unspecified | Core::Global(..) => true,
            Core::Local(v) => {
                if let Place::Local(s) = f.place(*v) {
                    slots.push(s);
                }
                true
            }
            Core::Call(g, args, _) => {
                self.inline_op(g, args.len()).is_some() && args.iter().all(|a| self.simple_reads(f, a, slots))
            }
            _ => false,
        }
    }

    /// The blocks of a `let`'s contified lambdas, after its body: each
    /// starts where the calls jump and ends as the `let` does.
    pub(super) fn blocks(&mut self, f: &mut Function, blocks: &[&(VarId, Core)], ctx: Ctx) {
        if blocks.is_empty() {
            return;
        }
        let mut to_end = vec![];
        if ctx != Ctx::Tail {
            to_end.push(f.emit(Op::Jump(0)));
        }
        for (v, init) in blocks {
            let (Some(cont), Core::Lambda(l)) = (f.conts.remove(v), init) else { continue };
            let start = f.ops.len();
            for j in cont.jumps {
                f.patch(j, start);
            }
            for &p in &l.required {
                self.box_param(f, p);
            }
            self.expr(f, &l.body, ctx);
            if ctx != Ctx::Tail {
                to_end.push(f.emit(Op::Jump(0)));
            }
        }
        let end = f.ops.len();
        for j in to_end {
            f.patch(j, end);
        }
    }
}
