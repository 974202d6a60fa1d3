//! Tests compiled as branches: `and` and `or` in the test of an `if` jump
//! on each operand instead of computing the value of the whole, and an
//! `or` after a predicate is an `if`.

use super::{Compiler, Ctx, Function};
use crate::expand::Core;
use crate::value::{Truth, Value};
use crate::vm::code::Op;

impl Compiler<'_> {
    /// Code that falls through when the test `c` holds and otherwise
    /// jumps to where the jumps it adds to `on_false` are patched to go.
    /// An `and` or `or` (as the expander writes them) branches on each
    /// operand in turn, without making the value of the whole.
    pub(super) fn branch(&mut self, f: &mut Function, c: &Core, on_false: &mut Vec<usize>) {
        if let Some((a, b)) = and_operands(c) {
            self.branch(f, a, on_false);
            self.branch(f, b, on_false);
        } else if let Some((a, b)) = or_operands(c, &self.analysis.mentions) {
            let to_true = match self.negation_of(a) {
                // A comparison: its negation jumps when it holds.
                Some((var, op, args, span)) => {
                    self.emit_inline(f, var, op, args, span);
                    f.emit(Op::JumpIfFalse(0))
                }
                None => {
                    let mut a_false = vec![];
                    self.branch(f, a, &mut a_false);
                    let to_true = f.emit(Op::Jump(0));
                    let b_at = f.ops.len();
                    for j in a_false {
                        f.patch(j, b_at);
                    }
                    to_true
                }
            };
            self.branch(f, b, on_false);
            let true_at = f.ops.len();
            f.patch(to_true, true_at);
        } else {
            self.expr(f, c, Ctx::Value);
            on_false.push(f.emit(Op::JumpIfFalse(0)));
        }
    }

    /// The operands of an `or` whose first operand is an inlined predicate
    /// (`(or (null? l) ...)`): that `or` is `(if a #t b)`, a branch, with
    /// no temporary for the value of `a`. Only if the predicate's global
    /// holds the primitive when the code is compiled (as for any inlining);
    /// should it be rebound later, the new procedure runs, and the `or`
    /// gives #t for any true value it returns.
    pub(super) fn predicate_or<'c>(&self, c: &'c Core) -> Option<(&'c Core, &'c Core)> {
        let (a, b) = or_operands(c, &self.analysis.mentions)?;
        let Core::Call(g, args, _) = a else { return None };
        let (_, op) = self.inline_op(g, args.len())?;
        op.is_predicate().then_some((a, b))
    }
}

/// The two operands of an `and` as the expander writes it, `(if a b #f)`.
fn and_operands(c: &Core) -> Option<(&Core, &Core)> {
    match c {
        Core::If(a, b, no) if matches!(**no, Core::Const(Value::Bool(Truth::False))) => Some((a, b)),
        _ => None,
    }
}

/// The two operands of an `or` as the expander writes it, `(let ((t a))
/// (if t t b))` where `b` does not use `t`: the `if` holds its only two
/// mentions (counted once for the whole procedure, so that a long `or`
/// does not take time quadratic in its length).
fn or_operands<'c>(c: &'c Core, mentions: &[u32]) -> Option<(&'c Core, &'c Core)> {
    let Core::Let(bindings, body) = c else { return None };
    let [(t, a)] = &bindings[..] else { return None };
    let Core::If(test, then, b) = &**body else { return None };
    let is_t = |c: &Core| matches!(c, Core::Local(v) if v == t);
    (is_t(test) && is_t(then) && mentions.get(*t) == Some(&2)).then_some((a, &**b))
}
