//! `(define name '<datum>)` and `(define name #(...))` at the top level
//! of a file, the datum read straight into heap values (split.rs).
//!
//! A parse table (nyacc's are 180 KB of quoted lists and vectors) would
//! otherwise be read as source data with a span on every atom, only for the
//! expander to copy it into values and drop it: a third of the instructions
//! of loading it, and most of the memory it touches.
//!
//! Only data in the usual forms is read here. Anything else (a misplaced
//! `.`, `#;`, `#vu8(`, a lexical error, mismatched brackets) gives `None`,
//! and the caller reads the definition as any other datum, which reports
//! what is wrong.

use std::cell::RefCell;
use std::rc::Rc;

use super::{Lexer, Tok, MAX_NESTING};
use crate::diag::Span;
use crate::reader::atom::is_delimiter;
use crate::reader::syntax::{Datum, Syntax};
use crate::value::{Heap, Symbol, Value, Vector};

/// The definition at `offset` if it is `(define name '<list or vector>)`
/// or `(define name #(...))`, as the reader would give it but with the
/// datum as a value, and the offset just after it. The value is not rooted: the caller keeps it
/// alive until the definition has run.
pub fn constant_definition(file: u32, text: &str, offset: usize, heap: &mut Heap) -> Option<(Syntax, Value, usize)> {
    let mut lx = Lexer { file, src: text, bytes: text.as_bytes(), pos: offset };
    let span = |l: usize, r: usize| Span::new(file, l, r);
    lx.skip_atmosphere().ok()?;
    let start = lx.pos;
    let closer = match lx.peek()? {
        b'(' => b')',
        b'[' => b']',
        _ => return None,
    };
    lx.pos += 1;
    let [define, name] = [lx.symbol()?, lx.symbol()?];
    if define.0.name() != "define" {
        return None;
    }
    lx.skip_atmosphere().ok()?;
    let quote_at = lx.pos;
    let quoted = lx.peek()? == b'\'';
    if quoted {
        lx.pos += 1;
        lx.skip_atmosphere().ok()?;
    }
    let data_at = lx.pos;
    let vector = lx.bytes[data_at..].starts_with(b"#(");
    if !(vector || quoted && matches!(lx.peek()?, b'(' | b'[')) {
        return None;
    }
    let value = DataBuilder::new(heap).read(&mut lx)?;
    let data = Syntax::new(Datum::Value(value), span(data_at, lx.pos));
    // A vector is self-evaluating: `#(...)` needs no quote.
    let expression = if quoted {
        let quote = Syntax::new(Datum::Symbol(Symbol::intern("quote")), span(quote_at, data_at));
        Syntax::new(Datum::List(Rc::new([quote, data]), None), span(quote_at, lx.pos))
    } else {
        data
    };
    lx.skip_atmosphere().ok()?;
    if lx.peek()? != closer {
        return None;
    }
    lx.pos += 1;
    let items =
        [Syntax::new(Datum::Symbol(define.0), define.1), Syntax::new(Datum::Symbol(name.0), name.1), expression];
    Some((Syntax::new(Datum::List(Rc::new(items), None), span(start, lx.pos)), value, lx.pos))
}

impl Lexer<'_> {
    /// The symbol at the next token, and its span.
    fn symbol(&mut self) -> Option<(Symbol, Span)> {
        self.skip_atmosphere().ok()?;
        let atom = self.flat_atom()?;
        Some((atom.symbol()?, atom.span))
    }
}

/// What is open around the next datum.
enum Open {
    /// A list or vector whose items start at `items[from]`.
    List {
        closer: u8,
        from: usize,
        dotted: Dotted,
    },
    Vector {
        closer: u8,
        from: usize,
    },
    /// A quote mark: its datum becomes `(name datum)`.
    Prefix(Symbol),
}

enum Dotted {
    No,
    /// A `.` was read: the next datum is the tail.
    Awaiting,
    Done(Value),
}

struct DataBuilder<'h> {
    heap: &'h mut Heap,
    open: Vec<Open>,
    items: Vec<Value>,
}

impl<'h> DataBuilder<'h> {
    fn new(heap: &'h mut Heap) -> Self {
        DataBuilder { heap, open: Vec::new(), items: Vec::new() }
    }

    /// The datum at the lexer's position, iteratively (a long list nests
    /// no deeper than a short one, and a deep one does not recurse).
    fn read(mut self, lx: &mut Lexer) -> Option<Value> {
        loop {
            lx.skip_atmosphere().ok()?;
            let start = lx.pos;
            let value = match lx.peek()? {
                b'(' | b'[' => {
                    lx.pos += 1;
                    let closer = if lx.bytes[start] == b'[' { b']' } else { b')' };
                    self.open(Open::List { closer, from: self.items.len(), dotted: Dotted::No })?;
                    continue;
                }
                b'#' if lx.bytes.get(start + 1) == Some(&b'(') => {
                    lx.pos += 2;
                    self.open(Open::Vector { closer: b')', from: self.items.len() })?;
                    continue;
                }
                b')' | b']' => {
                    lx.pos += 1;
                    self.close(lx.bytes[start])?
                }
                b'\'' | b'`' | b',' => {
                    let (name, len) = match &lx.bytes[start..] {
                        [b'\'', ..] => ("quote", 1),
                        [b'`', ..] => ("quasiquote", 1),
                        [b',', b'@', ..] => ("unquote-splicing", 2),
                        _ => ("unquote", 1),
                    };
                    lx.pos += len;
                    self.open(Open::Prefix(Symbol::intern(name)))?;
                    continue;
                }
                b'.' if lx.bytes.get(start + 1).is_none_or(|&b| is_delimiter(b)) => {
                    match self.open.last_mut() {
                        Some(Open::List { from, dotted: dotted @ Dotted::No, .. }) if self.items.len() > *from => {
                            *dotted = Dotted::Awaiting;
                        }
                        _ => return None,
                    }
                    lx.pos += 1;
                    continue;
                }
                _ => match lx.next_token().ok()??.1 {
                    Tok::Atom(datum) => datum.atom_value(self.heap)?,
                    _ => return None,
                },
            };
            if let Some(done) = self.add(value)? {
                return Some(done);
            }
        }
    }

    fn open(&mut self, open: Open) -> Option<()> {
        (self.open.len() < MAX_NESTING).then(|| self.open.push(open))
    }

    /// The list or vector `closer` ends.
    fn close(&mut self, closer: u8) -> Option<Value> {
        match self.open.pop()? {
            Open::List { closer: expected, from, dotted } if closer == expected => {
                let mut list = match dotted {
                    Dotted::No => Value::Null,
                    Dotted::Done(tail) => tail,
                    Dotted::Awaiting => return None,
                };
                for item in self.items.drain(from..).rev() {
                    list = Value::Pair(self.heap.alloc_pair(item, list));
                }
                Some(list)
            }
            Open::Vector { closer: expected, from } if closer == expected => {
                let items = self.items.split_off(from);
                Some(Value::Vector(self.heap.alloc(Vector { items: RefCell::new(items) })))
            }
            _ => None,
        }
    }

    /// A datum read: the item of the open list, the tail of a dotted one,
    /// or the whole datum (returned).
    fn add(&mut self, mut value: Value) -> Option<Option<Value>> {
        loop {
            match self.open.last_mut() {
                None => return Some(Some(value)),
                Some(Open::Prefix(name)) => {
                    let tail = Value::Pair(self.heap.alloc_pair(value, Value::Null));
                    value = Value::Pair(self.heap.alloc_pair(Value::Symbol(*name), tail));
                    self.open.pop();
                }
                Some(Open::List { dotted, .. }) => {
                    match dotted {
                        Dotted::No => self.items.push(value),
                        Dotted::Awaiting => *dotted = Dotted::Done(value),
                        // A second datum after the `.`.
                        Dotted::Done(_) => return None,
                    }
                    return Some(None);
                }
                Some(Open::Vector { .. }) => {
                    self.items.push(value);
                    return Some(None);
                }
            }
        }
    }
}
