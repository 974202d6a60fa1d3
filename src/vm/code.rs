//! Compiled procedures: a flat instruction vector per lambda, with its
//! constants, argument shape and call-site spans.

use crate::diag::Span;
use crate::value::{Symbol, Trace, Tracer, Value};

/// One instruction. Operands index the code's constant table (`u32`) or the
/// frame's slots / the closure's free variables (`u16`).
#[derive(Clone, Copy, Debug)]
pub enum Op {
    Const(u32),
    Unspecified,
    /// Push local slot.
    Local(u16),
    SetLocal(u16),
    /// Push the contents of the box in a local slot.
    LocalBox(u16),
    SetLocalBox(u16),
    /// Replace the value in a slot by a fresh box holding it.
    MakeBox(u16),
    Free(u16),
    FreeBox(u16),
    SetFreeBox(u16),
    /// Push the running closure (a procedure's reference to itself).
    SelfRef,
    /// Push a global's value; the constant is its `Variable`.
    Global(u32),
    SetGlobal(u32),
    DefineGlobal(u32),
    Pop,
    Jump(u32),
    /// A jump back to the start of a loop (a named `let` compiled in its
    /// caller's frame): a safe point, as a call is.
    Loop(u32),
    JumpIfFalse(u32),
    /// Jump unless the slot holds `Value::Default` (an optional argument
    /// that was passed).
    JumpIfPassed(u16, u32),
    /// Constant is a `Code`; the top `n` stack values are its free variables.
    MakeClosure(u32, u16),
    Call(u16),
    /// A call whose multiple values are kept (the producer of
    /// `call-with-values`); after a plain `Call` they are truncated to the
    /// first, as Guile and Mes do.
    CallKeepValues(u16),
    TailCall(u16),
    /// A tail call of the running procedure itself with as many arguments
    /// as it requires (a named-let loop): reuse the frame and jump.
    TailSelf(u16),
    Return,
    /// A call of a global that is usually a known primitive: the operands
    /// are the global's `Variable` constant and the inline operation. When
    /// the global still holds the primitive the op runs inline; otherwise a
    /// normal call is made.
    Inline(u32, InlineOp),
    /// `Inline` on frame slots and small integers, without the pushes:
    /// the global's constant (u16), then the slot operands.
    InlineL(InlineOp, u16, u16),
    InlineLL(InlineOp, u16, u16, u16),
    InlineLI(InlineOp, u16, u16, i16),
    /// Return the value in a frame slot.
    ReturnLocal(u16),
    /// The only instruction of a procedure not compiled yet: compile it,
    /// give the closure the result and run that (`expand/deferred.rs`).
    CompileDeferred,
    /// After the last instruction of every procedure (see `Ops`): reached
    /// only if the compiler let control fall off the end, an internal error.
    End,
}

/// A procedure's instructions, followed by `Op::End`.
///
/// The instruction loop indexes them without a bounds check (a tenth of
/// its instructions). That is sound because every pc it can reach is at
/// most the number of compiled instructions: it starts at 0, steps one
/// past an instruction, or jumps to a target, and `new` makes every target
/// at most that number. That pc is `End`'s, which does not step on.
pub struct Ops(Box<[Op]>);

impl Ops {
    pub fn new(mut ops: Vec<Op>) -> Ops {
        let end = ops.len() as u32;
        for op in &mut ops {
            if let Op::Jump(t) | Op::Loop(t) | Op::JumpIfFalse(t) | Op::JumpIfPassed(_, t) = op {
                *t = (*t).min(end);
            }
        }
        ops.push(Op::End);
        Ops(ops.into_boxed_slice())
    }

    /// The instructions as compiled, without the final `End`.
    pub fn compiled(&self) -> &[Op] {
        &self.0[..self.0.len() - 1]
    }

    /// Every instruction, `End` included: any pc the VM reaches indexes it.
    pub(super) fn all(&self) -> &[Op] {
        &self.0
    }
}

/// `repr(u8)`: tables are indexed by it (`Vm::inline_prims`, `FIXNUM_HOW`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum InlineOp {
    Add,
    Sub,
    Lt,
    Gt,
    Le,
    Ge,
    NumEq,
    Car,
    Cdr,
    Cons,
    Eq,
    NullP,
    PairP,
    Not,
    ZeroP,
    VectorRef,
    Mul,
    Quotient,
    Remainder,
    Modulo,
    Eqv,
    VectorLength,
    VectorSet,
    // `(not (< a b))` and the like, compiled as one operation (see `negated`).
    NotLt,
    NotGt,
    NotLe,
    NotGe,
    NotNumEq,
}

/// The numeric comparisons `(not (test ...))` is compiled as one operation
/// for (on two fixnums, a negated comparison costs what the comparison
/// does): the test, its negation, and the root procedure a negation calls
/// when its fast path does not apply (`scheme/guix0/boot.scm`).
const NEGATIONS: &[(InlineOp, InlineOp, &str)] = &[
    (InlineOp::Lt, InlineOp::NotLt, "%not<"),
    (InlineOp::Gt, InlineOp::NotGt, "%not>"),
    (InlineOp::Le, InlineOp::NotLe, "%not<="),
    (InlineOp::Ge, InlineOp::NotGe, "%not>="),
    (InlineOp::NumEq, InlineOp::NotNumEq, "%not="),
];

impl InlineOp {
    /// One more than the largest discriminant: the size of tables indexed
    /// by operation.
    pub const COUNT: usize = InlineOp::NotNumEq as usize + 1;

    pub fn arity(self) -> u16 {
        match self {
            InlineOp::Car
            | InlineOp::Cdr
            | InlineOp::NullP
            | InlineOp::PairP
            | InlineOp::Not
            | InlineOp::ZeroP
            | InlineOp::VectorLength => 1,
            InlineOp::VectorSet => 3,
            _ => 2,
        }
    }
    /// The operation `(not (self ...))` compiles to, and the name of the
    /// root procedure it calls when its fast path does not apply.
    pub fn negated(self) -> Option<(InlineOp, &'static str)> {
        NEGATIONS.iter().find(|(test, _, _)| *test == self).map(|(_, not, helper)| (*not, *helper))
    }

    /// Whether `name` is one of the procedures negated comparisons call.
    pub fn is_negation_helper(name: &str) -> bool {
        NEGATIONS.iter().any(|(_, _, helper)| *helper == name)
    }

    /// Whether the primitive always returns a boolean.
    pub fn is_predicate(self) -> bool {
        matches!(
            self,
            InlineOp::Lt
                | InlineOp::Gt
                | InlineOp::Le
                | InlineOp::Ge
                | InlineOp::NumEq
                | InlineOp::Eq
                | InlineOp::Eqv
                | InlineOp::NullP
                | InlineOp::PairP
                | InlineOp::Not
                | InlineOp::ZeroP
                | InlineOp::NotLt
                | InlineOp::NotGt
                | InlineOp::NotLe
                | InlineOp::NotGe
                | InlineOp::NotNumEq
        )
    }

    /// Whether calls of the primitive named `name` can be inlined.
    pub fn is_inlined(name: &str) -> bool {
        InlineOp::for_name(name, 1).or_else(|| InlineOp::for_name(name, 2)).is_some()
    }
    pub fn for_name(name: &str, argc: usize) -> Option<InlineOp> {
        let op = match name {
            "+" => InlineOp::Add,
            "-" => InlineOp::Sub,
            "<" => InlineOp::Lt,
            ">" => InlineOp::Gt,
            "<=" => InlineOp::Le,
            ">=" => InlineOp::Ge,
            "=" => InlineOp::NumEq,
            "car" => InlineOp::Car,
            "cdr" => InlineOp::Cdr,
            "cons" => InlineOp::Cons,
            "eq?" => InlineOp::Eq,
            "null?" => InlineOp::NullP,
            "pair?" => InlineOp::PairP,
            "not" => InlineOp::Not,
            "zero?" => InlineOp::ZeroP,
            "vector-ref" => InlineOp::VectorRef,
            "*" => InlineOp::Mul,
            "quotient" => InlineOp::Quotient,
            "remainder" => InlineOp::Remainder,
            "modulo" => InlineOp::Modulo,
            "eqv?" => InlineOp::Eqv,
            "vector-length" => InlineOp::VectorLength,
            "vector-set!" => InlineOp::VectorSet,
            _ => return None,
        };
        (op.arity() as usize == argc).then_some(op)
    }
}

/// How a procedure takes its arguments.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Arity {
    pub required: u16,
    pub optional: u16,
    pub rest: bool,
    /// Keyword arguments: the keyword and the slot it fills.
    pub keys: Vec<(Symbol, u16)>,
    pub allow_other_keys: bool,
}

impl Arity {
    pub fn is_simple(&self) -> bool {
        self.optional == 0 && !self.rest && self.keys.is_empty()
    }
    /// The argument count of a simple arity, else `NOT_SIMPLE`.
    pub fn simple_argc(&self) -> u32 {
        if self.is_simple() {
            self.required as u32
        } else {
            NOT_SIMPLE
        }
    }
    pub fn describe(&self) -> String {
        let mut s = match (self.optional, self.rest || !self.keys.is_empty()) {
            (0, false) => format!("{}", self.required),
            (n, false) => format!("{} to {}", self.required, self.required + n),
            (_, true) => format!("at least {}", self.required),
        };
        if !self.keys.is_empty() {
            let keys: Vec<String> = self.keys.iter().map(|(k, _)| format!("#:{k}")).collect();
            s.push_str(&format!(" (keywords {})", keys.join(" ")));
        }
        s
    }
}

/// `Code::simple_argc` of a procedure with optional, rest or keyword arguments.
pub const NOT_SIMPLE: u32 = u32::MAX;

pub struct Code {
    pub name: Option<Symbol>,
    pub arity: Arity,
    /// `arity.simple_argc()`, kept here because every call checks it.
    pub simple_argc: u32,
    /// Number of frame slots: parameters first, then locals.
    pub frame_size: u16,
    pub ops: Ops,
    pub consts: Vec<Value>,
    /// Source span of the instruction at each pc (for calls and errors).
    pub spans: Vec<(u32, Span)>,
    pub span: Span,
    /// The parameter names, for printing `#<procedure f (a b)>`.
    pub params: Vec<Symbol>,
    pub rest_name: Option<Symbol>,
    pub doc: Option<String>,
    /// The source of a procedure compiled on its first call.
    pub deferred: Option<Box<crate::expand::Deferred>>,
}

impl Code {
    pub fn span_at(&self, pc: usize) -> Option<Span> {
        let pc = pc as u32;
        match self.spans.binary_search_by_key(&pc, |(p, _)| *p) {
            Ok(i) => Some(self.spans[i].1),
            Err(0) => None,
            Err(i) => Some(self.spans[i - 1].1),
        }
    }
}

impl Trace for Code {
    fn trace(&self, t: &mut Tracer) {
        t.values(&self.consts);
    }
}
