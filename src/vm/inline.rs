//! Calls of the primitives the compiler inlines (`+`, `car`, `cons`, ...):
//! the fast paths the instruction loop takes, and the real call it makes
//! when a fast path does not apply.

use std::sync::atomic::Ordering;

use super::code::{Code, InlineOp};
use super::interp::{global_value, Step};
use super::{Frame, Vm};
use crate::value::Value;

impl Vm {
    /// The result of inline operation `op` on `a` (and `b`), or `None`
    /// when the global (constant `k`) no longer holds the primitive or the
    /// fast path does not apply (then a real call is made).
    #[inline(always)]
    pub(super) fn inline_fast(
        &mut self,
        code: &Code,
        k: usize,
        op: InlineOp,
        a: Value,
        b: Value,
        c: Value,
    ) -> Option<Value> {
        if crate::value::INLINED_PRIMITIVE_REPLACED.load(Ordering::Relaxed) {
            let current = match code.consts[k] {
                Value::Variable(var) => {
                    matches!(var.value.get(), Value::Prim(p) if std::ptr::eq(p, self.inline_prims[op as usize]))
                }
                _ => false,
            };
            if !current {
                return None;
            }
        }
        match (op, a, b) {
            (InlineOp::Car, Value::Pair(p), _) => Some(p.car()),
            (InlineOp::Cdr, Value::Pair(p), _) => Some(p.cdr()),
            (InlineOp::NullP, v, _) => Some(Value::boolean(v.is_null())),
            (InlineOp::PairP, v, _) => Some(Value::boolean(matches!(v, Value::Pair(_)))),
            (InlineOp::Not, v, _) => Some(Value::boolean(v.is_false())),
            (InlineOp::ZeroP, Value::Int(i), _) => Some(Value::boolean(i == 0)),
            (InlineOp::Add, Value::Int(x), Value::Int(y)) => x.checked_add(y).map(Value::Int),
            (InlineOp::Sub, Value::Int(x), Value::Int(y)) => x.checked_sub(y).map(Value::Int),
            (InlineOp::Lt, Value::Int(x), Value::Int(y)) => Some(Value::boolean(x < y)),
            (InlineOp::Gt, Value::Int(x), Value::Int(y)) => Some(Value::boolean(x > y)),
            (InlineOp::Le, Value::Int(x), Value::Int(y)) => Some(Value::boolean(x <= y)),
            (InlineOp::Ge, Value::Int(x), Value::Int(y)) => Some(Value::boolean(x >= y)),
            (InlineOp::NumEq, Value::Int(x), Value::Int(y)) => Some(Value::boolean(x == y)),
            (InlineOp::Eq, x, y) => Some(Value::boolean(crate::value::equality::eq(x, y))),
            (InlineOp::Cons, x, y) => Some(Value::Pair(self.heap.alloc_pair(x, y))),
            (InlineOp::VectorRef, Value::Vector(v), Value::Int(i)) => {
                usize::try_from(i).ok().and_then(|i| v.items.borrow().get(i).copied())
            }
            (InlineOp::Mul, Value::Int(x), Value::Int(y)) => x.checked_mul(y).map(Value::Int),
            // Division by zero and i64::MIN / -1 take the general path.
            (InlineOp::Quotient, Value::Int(x), Value::Int(y)) => x.checked_div(y).map(Value::Int),
            (InlineOp::Remainder, Value::Int(x), Value::Int(y)) => x.checked_rem(y).map(Value::Int),
            (InlineOp::Modulo, Value::Int(x), Value::Int(y)) => {
                x.checked_rem(y).map(|r| Value::Int(if r != 0 && (r < 0) != (y < 0) { r + y } else { r }))
            }
            (InlineOp::Eqv, Value::Int(x), Value::Int(y)) => Some(Value::boolean(x == y)),
            (InlineOp::Eqv, Value::Char(x), Value::Char(y)) => Some(Value::boolean(x == y)),
            // Unless both are numbers (of which eqv? compares the values),
            // eqv? is eq?: false, too, for a number against anything else.
            (InlineOp::Eqv, x, y) if !x.is_number() || !y.is_number() => {
                Some(Value::boolean(crate::value::equality::eq(x, y)))
            }
            (InlineOp::VectorLength, Value::Vector(v), _) => Some(Value::Int(v.items.borrow().len() as i64)),
            (InlineOp::VectorSet, Value::Vector(v), Value::Int(i)) => {
                let mut items = v.items.try_borrow_mut().ok()?;
                let slot = items.get_mut(usize::try_from(i).ok()?)?;
                *slot = c;
                Some(Value::Unspecified)
            }
            _ => None,
        }
    }

    /// `inline_fast` on operands pushed on the stack, which it pops when
    /// it gives a result; two fixnums take `fixnum_fast` first.
    #[inline(always)]
    pub(super) fn inline_on_stack(&mut self, code: &Code, k: usize, op: InlineOp) -> Option<Value> {
        let n = self.stack.len() - op.arity() as usize;
        let arg = |i: usize| if n + i < self.stack.len() { self.stack.load(n + i) } else { Value::Null };
        let (a, b, c) = (arg(0), arg(1), arg(2));
        let fixnum = match (a, b) {
            (Value::Int(x), Value::Int(y)) if op.arity() == 2 => Vm::fixnum_fast(op, x, y),
            _ => None,
        };
        let r = match fixnum {
            Some(r) => r,
            None => self.inline_fast(code, k, op, a, b, c)?,
        };
        self.stack.truncate(n);
        Some(r)
    }

    /// Arithmetic and comparisons on two fixnums, the hot case of loop
    /// counters. Kept apart from `inline_fast` so that the instruction loop
    /// can hold the result in registers: merged with the values `car` or
    /// `vector-ref` load, it went through memory and stalled every loop.
    #[inline(always)]
    pub(super) fn fixnum_fast(op: InlineOp, x: i64, y: i64) -> Option<Value> {
        if crate::value::INLINED_PRIMITIVE_REPLACED.load(Ordering::Relaxed) {
            return None;
        }
        // Looked up, then three tests: a `match` on the operation became a
        // jump table, a second indirect branch after the instruction's own.
        let how = FIXNUM_HOW[op as usize];
        if how == ADD {
            x.checked_add(y).map(Value::Int)
        } else if how == SUB {
            x.checked_sub(y).map(Value::Int)
        } else {
            (how != 0).then(|| Value::boolean(how & (1 << (x.cmp(&y) as i8 + 1)) != 0))
        }
    }

    /// `inline_call` with the arguments on the stack (`Op::Inline`).
    #[inline(never)]
    pub(super) fn inline_call_on_stack(&mut self, regs: &mut Frame, var: Value, arity: u16, base: usize) -> Step {
        self.stack.insert(self.stack.len() - arity as usize, global_value(var));
        self.call_any(regs, arity as usize, false, base)
    }

    /// An inline operation that did not take the fast path, as a call of
    /// what the global `var` holds.
    #[inline(never)]
    /// The operands come by value (`b` is not passed when `argc` is 1): a
    /// slice of them made the instruction loop keep them on its stack.
    pub(super) fn inline_call(
        &mut self,
        regs: &mut Frame,
        var: Value,
        argc: usize,
        a: Value,
        b: Value,
        base: usize,
    ) -> Step {
        self.stack.push(global_value(var));
        self.stack.push(a);
        if argc == 2 {
            self.stack.push(b);
        }
        self.call_any(regs, argc, false, base)
    }
}

/// What `fixnum_fast` does for each operation (by discriminant): add,
/// subtract, or for a comparison the orderings of its operands that make
/// it true, as bits; 0 for an operation it leaves to `inline_fast`.
const LESS: u8 = 1;
const EQUAL: u8 = 2;
const GREATER: u8 = 4;
const ADD: u8 = 8;
const SUB: u8 = 16;
const FIXNUM_HOW: [u8; 256] = {
    let mut how = [0; 256];
    how[InlineOp::Add as usize] = ADD;
    how[InlineOp::Sub as usize] = SUB;
    how[InlineOp::Lt as usize] = LESS;
    how[InlineOp::Gt as usize] = GREATER;
    how[InlineOp::Le as usize] = LESS | EQUAL;
    how[InlineOp::Ge as usize] = GREATER | EQUAL;
    how[InlineOp::NumEq as usize] = EQUAL;
    how[InlineOp::Eqv as usize] = EQUAL;
    how[InlineOp::NotLt as usize] = EQUAL | GREATER;
    how[InlineOp::NotGt as usize] = LESS | EQUAL;
    how[InlineOp::NotLe as usize] = GREATER;
    how[InlineOp::NotGe as usize] = LESS;
    how[InlineOp::NotNumEq as usize] = LESS | GREATER;
    how
};
