//! Source data as the reader produces it and the expander consumes it.

use std::rc::Rc;

use crate::diag::Span;
use crate::number::Num;
use crate::value::{Symbol, Value};

#[derive(Clone)]
pub struct Syntax {
    pub datum: Datum,
    pub span: Span,
}

#[derive(Clone)]
pub enum Datum {
    /// A proper list (`tail` = None) or an improper one. Shared, so that
    /// the expander can copy forms without copying their subtrees.
    List(Rc<[Syntax]>, Option<Rc<Syntax>>),
    Vector(Rc<[Syntax]>),
    Bytevector(Vec<u8>),
    Bool(bool),
    /// Shared: a number can be as large as a rational, and most data are not numbers.
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
}
