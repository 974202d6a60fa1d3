//! Calls of the primitives the instruction loop runs inline (`+`, `car`,
//! `vector-ref`, ...): which calls qualify, and the instruction shapes that
//! take their operands from the frame instead of the stack.

use super::{Compiler, Ctx, Function, Place};
use crate::diag::Span;
use crate::expand::Core;
use crate::module::Binding;
use crate::value::{Gc, Symbol, Value, Variable};
use crate::vm::code::{InlineOp, Op};
use crate::vm::Vm;

/// An operand an inline operation takes from its instruction (`Op::InlineL`, ...).
#[derive(Clone, Copy)]
enum Operand {
    Slot(u16),
    SmallInt(i16),
}

/// The inline operation on operands in the frame, when an instruction has
/// that shape.
fn fused_op(var: u16, op: InlineOp, operands: &[Operand]) -> Option<Op> {
    match *operands {
        [Operand::Slot(a)] => Some(Op::InlineL(op, var, a)),
        [Operand::Slot(a), Operand::Slot(b)] => Some(Op::InlineLL(op, var, a, b)),
        [Operand::Slot(a), Operand::SmallInt(i)] => Some(Op::InlineLI(op, var, a, i)),
        _ => None,
    }
}

impl Compiler<'_> {
    pub(super) fn inline_op(&self, g: &Core, argc: usize) -> Option<(Gc<Variable>, InlineOp)> {
        inline_op(self.vm, g, argc)
    }

    /// `(not (test arg ...))` with both inline: one operation on the
    /// test's arguments, placed where the test is. Its global is the root
    /// procedure that computes the same when the fast path does not apply,
    /// calling the `not` and the test of the moment.
    pub(super) fn negated_inline<'c>(
        &self,
        g: &Core,
        args: &'c [Core],
    ) -> Option<(Gc<Variable>, InlineOp, &'c [Core], Span)> {
        let (_, InlineOp::Not) = self.inline_op(g, 1)? else { return None };
        let [test] = args else { return None };
        self.negation_of(test)
    }

    /// The negation of an inline comparison, as one operation (see
    /// `negated_inline`).
    pub(super) fn negation_of<'c>(&self, test: &'c Core) -> Option<(Gc<Variable>, InlineOp, &'c [Core], Span)> {
        let Core::Call(test, test_args, test_span) = test else { return None };
        let (_, test_op) = self.inline_op(test, test_args.len())?;
        let (op, helper) = test_op.negated()?;
        match self.vm.root_module.lookup_local(Symbol::intern(helper)) {
            Some(Binding::Var(var)) if matches!(var.value.get(), Value::Closure(_)) => {
                Some((var, op, test_args, *test_span))
            }
            _ => None,
        }
    }

    /// An operand an inline operation can take without a push: an
    /// unboxed local's slot, or a small integer.
    fn frame_operand(&self, f: &Function, c: &Core) -> Option<Operand> {
        match c {
            Core::Local(v) if !self.is_boxed(*v) => match f.place(*v) {
                Place::Local(s) => Some(Operand::Slot(s)),
                _ => None,
            },
            Core::Const(Value::Int(i)) => i16::try_from(*i).ok().map(Operand::SmallInt),
            _ => None,
        }
    }

    /// The instruction that takes the operands of inline operation `op`
    /// from the frame, if there is one (`Op::InlineL`, ...). Unboxed locals
    /// and small integers are read where they are. Of two operands, one
    /// that is an inline operation itself, as in `(vector-ref v (modulo i
    /// 16))`, first stores its result in a temporary slot (a store the
    /// instruction loop joins to that operation). That saves pushing the
    /// other operand, and the traffic on the stack.
    ///
    /// The inner operations then run before the locals are read. They
    /// contain no assignment or call (`is_pure_inline_call`), so no local
    /// changes in between.
    fn inline_from_frame(&mut self, f: &mut Function, var: u32, op: InlineOp, args: &[Core]) -> Option<Op> {
        let var = u16::try_from(var).ok()?;
        let plans: Vec<Option<Operand>> = args.iter().map(|a| self.frame_operand(f, a)).collect();
        let needs_temps = plans.iter().any(Option::is_none);
        if needs_temps {
            let takes_temps = args.len() == 2
                && !matches!(plans[0], Some(Operand::SmallInt(_)))
                && args.iter().zip(&plans).all(|(c, plan)| plan.is_some() || self.is_pure_inline_call(c, PURE_NESTING));
            if !takes_temps {
                return None;
            }
        }
        let operands: Vec<Operand> = args
            .iter()
            .zip(plans)
            .map(|(c, plan)| {
                plan.unwrap_or_else(|| {
                    self.expr(f, c, Ctx::Value);
                    let slot = f.alloc_temp();
                    f.emit(Op::SetLocal(slot));
                    Operand::Slot(slot)
                })
            })
            .collect();
        fused_op(var, op, &operands)
    }

    /// A call of an inline operation whose operands are variables,
    /// constants or such calls in turn, nested at most `depth` deep. The
    /// bound keeps the check short, so a deep nest of operations compiles
    /// in time linear in its size; a deeper nest takes the stack instead.
    fn is_pure_inline_call(&self, c: &Core, depth: u32) -> bool {
        let Core::Call(g, args, _) = c else { return false };
        depth > 0
            && self.inline_op(g, args.len()).is_some()
            && args.iter().all(|a| match a {
                Core::Local(_) | Core::Const(_) | Core::Global(..) | Core::Unspecified => true,
                other => self.is_pure_inline_call(other, depth - 1),
            })
    }

    /// Inline operation `op` on `args`; when it does not apply, a call of
    /// the global `var`.
    pub(super) fn emit_inline(&mut self, f: &mut Function, var: Gc<Variable>, op: InlineOp, args: &[Core], span: Span) {
        let k = f.constant(Value::Variable(var));
        let temps_from = f.next_slot;
        let fused = self.inline_from_frame(f, k, op, args);
        if fused.is_none() {
            for a in args {
                self.expr(f, a, Ctx::Value);
            }
        }
        f.mark_span(span);
        f.emit(fused.unwrap_or(Op::Inline(k, op)));
        f.next_slot = temps_from;
    }
}

/// How deep the inner operations given temporaries may nest (see
/// `is_pure_inline_call`).
const PURE_NESTING: u32 = 4;

/// The operation a call of `g` with `argc` arguments is compiled to, if it
/// is inlined: `g` is the root module's binding of an inlinable primitive
/// (a module may shadow it).
pub(super) fn inline_op(vm: &Vm, g: &Core, argc: usize) -> Option<(Gc<Variable>, InlineOp)> {
    let Core::Global(var, _) = g else { return None };
    let Value::Prim(p) = var.value.get() else { return None };
    let op = InlineOp::for_name(p.name, argc)?;
    match vm.root_module.lookup_local(var.name) {
        Some(Binding::Var(root_var)) if Gc::ptr_eq(root_var, *var) => Some((*var, op)),
        _ => None,
    }
}
