//! The value type and the heap objects it points to.
//!
//! `Value` is 16 bytes and `Copy`: immediates (numbers that fit a fixnum,
//! characters, booleans, symbols, ...) are stored inline, everything else is
//! a `Gc` pointer into the heap (see `heap.rs`).

pub mod equality;
pub mod heap;
pub mod objects;
mod packed;
mod pair_pool;
pub mod print;
pub mod symbol;

pub use heap::{Gc, Heap, Trace, Tracer};
pub use objects::*;
pub use packed::EqProbe;
pub use symbol::Symbol;

use num_bigint::BigInt;
use num_rational::BigRational;

use crate::vm::code::Code;
use crate::vm::primitive::Primitive;

// A full-word tag puts every payload at offset 8, so a value is copied as
// two aligned words (a byte tag made the compiler copy it in overlapping
// pieces, which stalls store forwarding on every push). The variants that
// hold a pointer come last, from `Prim` on: `packed.rs` relies on the order.
#[derive(Clone, Copy)]
#[repr(u64)]
pub enum Value {
    Null,
    Bool(Truth),
    Unspecified,
    Eof,
    /// The value of a variable that has no value yet (letrec, unbound globals).
    Undefined,
    /// Marks an optional or keyword argument that the caller did not pass.
    Default,
    Int(i64),
    Float(f64),
    Char(char),
    Symbol(Symbol),
    Keyword(Symbol),
    Prim(&'static Primitive),
    Pair(Gc<Pair>),
    Str(Gc<SString>),
    Vector(Gc<Vector>),
    Bytevector(Gc<Bytevector>),
    Big(Gc<BigInt>),
    Rat(Gc<BigRational>),
    Closure(Gc<Closure>),
    Code(Gc<Code>),
    Variable(Gc<Variable>),
    Values(Gc<MultipleValues>),
    Record(Gc<Record>),
    RecordType(Gc<RecordType>),
    HashTable(Gc<HashTable>),
    Port(Gc<Port>),
    Promise(Gc<Promise>),
    Parameter(Gc<Parameter>),
    Continuation(Gc<Continuation>),
    Condition(Gc<Condition>),
    Opaque(Gc<Opaque>),
}

/// The payload of `Value::Bool`. `Nil` is Guile's `#nil` (Emacs Lisp's
/// nil): false to `if` and `boolean?`, the empty list to `null?`, yet `eq?`
/// to neither `#f` nor `()`. Making it a third boolean keeps the test every
/// branch makes (`is_false`) one comparison of the payload, as before.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[repr(u8)]
pub enum Truth {
    False,
    True,
    Nil,
}

impl Value {
    pub const TRUE: Value = Value::Bool(Truth::True);
    pub const FALSE: Value = Value::Bool(Truth::False);

    /// Whether the value lives outside the heap (so holding it needs no
    /// tracing by the collector).
    pub fn is_immediate(self) -> bool {
        matches!(
            self,
            Value::Null
                | Value::Bool(_)
                | Value::Unspecified
                | Value::Eof
                | Value::Undefined
                | Value::Default
                | Value::Int(_)
                | Value::Float(_)
                | Value::Char(_)
                | Value::Symbol(_)
                | Value::Keyword(_)
                | Value::Prim(_)
        )
    }

    pub fn is_true(self) -> bool {
        !self.is_false()
    }
    pub fn is_false(self) -> bool {
        matches!(self, Value::Bool(t) if t != Truth::True)
    }
    pub fn is_null(self) -> bool {
        matches!(self, Value::Null | Value::Bool(Truth::Nil))
    }
    pub fn boolean(b: bool) -> Value {
        Value::Bool(if b { Truth::True } else { Truth::False })
    }
    pub fn sym(name: &str) -> Value {
        Value::Symbol(Symbol::intern(name))
    }
    pub fn as_pair(self) -> Option<Gc<Pair>> {
        match self {
            Value::Pair(p) => Some(p),
            _ => None,
        }
    }
    pub fn as_symbol(self) -> Option<Symbol> {
        match self {
            Value::Symbol(s) => Some(s),
            _ => None,
        }
    }
    pub fn car(self) -> Option<Value> {
        self.as_pair().map(|p| p.car())
    }
    pub fn cdr(self) -> Option<Value> {
        self.as_pair().map(|p| p.cdr())
    }
    pub fn is_procedure(self) -> bool {
        matches!(self, Value::Prim(_) | Value::Closure(_) | Value::Continuation(_) | Value::Parameter(_))
    }
    pub fn is_number(self) -> bool {
        matches!(self, Value::Int(_) | Value::Float(_) | Value::Big(_) | Value::Rat(_))
    }

    /// Iterate over a proper or improper list's elements (the improper tail is dropped).
    pub fn iter(self) -> ListIter {
        ListIter { rest: self }
    }

    /// The length of a proper list; `None` for anything else, circular
    /// lists included.
    pub fn list_length(self) -> Option<usize> {
        let mut n = 0;
        let mut rest = self;
        let mut circularity = Circularity::new(self);
        loop {
            match rest {
                Value::Null | Value::Bool(Truth::Nil) => return Some(n),
                Value::Pair(p) => rest = p.cdr(),
                _ => return None,
            }
            n += 1;
            if circularity.looped_at(rest) {
                return None;
            }
        }
    }

    /// The elements of a proper list; `None` for anything else, circular
    /// lists included.
    pub fn list_to_vec(self) -> Option<Vec<Value>> {
        let n = self.list_length()?;
        Some(self.iter().take(n).collect())
    }

    /// Where a list's cdr chain loops back, if it does: the first pair of
    /// the cycle.
    pub fn cycle_entry(self) -> Option<Value> {
        let (mut slow, mut fast) = (self, self);
        loop {
            fast = fast.cdr()?.cdr()?;
            slow = slow.cdr()?;
            if crate::value::equality::eq(slow, fast) && matches!(slow, Value::Pair(_)) {
                break;
            }
        }
        // The cycle starts as far from the head as the meeting point is
        // from it, going round.
        let mut head = self;
        while !crate::value::equality::eq(head, slow) {
            head = head.cdr()?;
            slow = slow.cdr()?;
        }
        Some(head)
    }

    pub(crate) fn trace_into(self, tracer: &mut Tracer) {
        match self {
            Value::Pair(g) => tracer.gc(g),
            Value::Str(g) => tracer.gc(g),
            Value::Vector(g) => tracer.gc(g),
            Value::Bytevector(g) => tracer.gc(g),
            Value::Big(g) => tracer.gc(g),
            Value::Rat(g) => tracer.gc(g),
            Value::Closure(g) => tracer.gc(g),
            Value::Code(g) => tracer.gc(g),
            Value::Variable(g) => tracer.gc(g),
            Value::Values(g) => tracer.gc(g),
            Value::Record(g) => tracer.gc(g),
            Value::RecordType(g) => tracer.gc(g),
            Value::HashTable(g) => tracer.gc(g),
            Value::Port(g) => tracer.gc(g),
            Value::Promise(g) => tracer.gc(g),
            Value::Parameter(g) => tracer.gc(g),
            Value::Continuation(g) => tracer.gc(g),
            Value::Condition(g) => tracer.gc(g),
            Value::Opaque(g) => tracer.gc(g),
            Value::Null
            | Value::Bool(_)
            | Value::Unspecified
            | Value::Eof
            | Value::Undefined
            | Value::Default
            | Value::Int(_)
            | Value::Float(_)
            | Value::Char(_)
            | Value::Symbol(_)
            | Value::Keyword(_)
            | Value::Prim(_) => {}
        }
    }
}

pub struct ListIter {
    rest: Value,
}

impl Iterator for ListIter {
    type Item = Value;
    fn next(&mut self) -> Option<Value> {
        let p = self.rest.as_pair()?;
        self.rest = p.cdr();
        Some(p.car())
    }
}

impl Trace for BigInt {
    fn trace(&self, _: &mut Tracer) {}
    fn payload_bytes(&self) -> usize {
        usize::try_from(self.bits() / 8).unwrap_or(usize::MAX)
    }
}
impl Trace for BigRational {
    fn trace(&self, _: &mut Tracer) {}
}

/// Floyd's check for a cdr chain walked one pair at a time: a second
/// walker goes at half speed, and the two meet only if the chain loops.
pub struct Circularity {
    slow: Value,
    steps: usize,
}

impl Circularity {
    pub fn new(list: Value) -> Circularity {
        Circularity { slow: list, steps: 0 }
    }

    /// Whether the walk, now at `x`, has gone round a loop.
    pub fn looped_at(&mut self, x: Value) -> bool {
        self.steps += 1;
        if self.steps.is_multiple_of(2) {
            self.slow = self.slow.cdr().unwrap_or(Value::Null);
            return matches!(x, Value::Pair(_)) && equality::eq(x, self.slow);
        }
        false
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn value_is_two_words() {
        assert_eq!(std::mem::size_of::<super::Value>(), 16);
    }
}
