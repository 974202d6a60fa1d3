//! Source data as the reader produces it and the expander consumes it.

use std::rc::Rc;

use crate::diag::Span;
use crate::number::Num;
use crate::value::{Heap, SString, Symbol, Truth, Value};

#[derive(Clone)]
pub struct Syntax {
    pub datum: Datum,
    pub span: Span,
}

#[derive(Clone)]
// A whole-word tag puts every variant's fields at offset 8, so moving a
// datum is two plain 16-byte copies; with a byte tag the small variants sit
// at odd offsets, and the parser's many moves of tokens stalled on
// piecewise copies (measured: reading nyacc's tables 7% slower).
#[repr(u64)]
pub enum Datum {
    /// A proper list (`tail` = None) or an improper one. Shared, so that
    /// the expander can copy forms without copying their subtrees.
    List(Rc<[Syntax]>, Option<Rc<Syntax>>),
    Vector(Rc<[Syntax]>),
    Bytevector(Vec<u8>),
    Bool(Truth),
    /// A fixnum, kept apart from `Number` so that reading one allocates nothing.
    Int(i64),
    /// Any other number. Shared: it can be as large as a rational, and most
    /// data are not numbers.
    Number(Rc<Num>),
    Char(char),
    Str(Rc<str>),
    Symbol(Symbol),
    Keyword(Symbol),
    /// An identifier a `syntax-rules` template introduced (see expand/).
    Alias(Rc<crate::expand::Alias>),
    /// Any other value, inserted into code by a `define-macro` transformer.
    Value(Value),
}

impl Syntax {
    pub fn new(datum: Datum, span: Span) -> Syntax {
        Syntax { datum, span }
    }
    pub fn symbol(&self) -> Option<Symbol> {
        match &self.datum {
            Datum::Symbol(s) => Some(*s),
            _ => None,
        }
    }
    pub fn list(&self) -> Option<&[Syntax]> {
        match &self.datum {
            Datum::List(items, None) => Some(items),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(&self.datum, Datum::List(items, None) if items.is_empty())
    }

    /// Call `f` on each leaf (anything but a list or a vector), in order.
    pub fn for_each_leaf(&self, f: &mut impl FnMut(&Syntax)) {
        match &self.datum {
            Datum::List(items, tail) => items.iter().chain(tail.as_deref()).for_each(|i| i.for_each_leaf(f)),
            Datum::Vector(items) => items.iter().for_each(|i| i.for_each_leaf(f)),
            _ => f(self),
        }
    }

    /// A copy in which each leaf for which `f` gives a datum is that datum.
    pub fn map_leaves(&self, f: &mut impl FnMut(&Syntax) -> Option<Datum>) -> Syntax {
        let datum = match &self.datum {
            Datum::List(items, tail) => Datum::List(
                items.iter().map(|i| i.map_leaves(f)).collect(),
                tail.as_ref().map(|t| Rc::new(t.map_leaves(f))),
            ),
            Datum::Vector(items) => Datum::Vector(items.iter().map(|i| i.map_leaves(f)).collect()),
            _ => match f(self) {
                Some(datum) => datum,
                None => return self.clone(),
            },
        };
        Syntax::new(datum, self.span)
    }
}

impl Datum {
    /// The datum of a number read from source.
    pub fn number(n: Num) -> Datum {
        match n.normalize() {
            Num::Int(i) => Datum::Int(i),
            other => Datum::Number(Rc::new(other)),
        }
    }

    /// The value of an atom the reader gives (not a list, vector,
    /// bytevector or alias).
    pub fn atom_value(&self, heap: &mut Heap) -> Option<Value> {
        Some(match self {
            Datum::Bool(b) => Value::Bool(*b),
            Datum::Int(i) => Value::Int(*i),
            Datum::Number(n) => Num::clone(n).into_value(heap),
            Datum::Char(c) => Value::Char(*c),
            Datum::Str(s) => Value::Str(heap.alloc(SString::new(s.to_string()))),
            Datum::Symbol(s) => Value::Symbol(*s),
            Datum::Keyword(k) => Value::Keyword(*k),
            Datum::Value(v) => *v,
            Datum::List(..) | Datum::Vector(_) | Datum::Bytevector(_) | Datum::Alias(_) => return None,
        })
    }
}
