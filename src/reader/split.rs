//! A file's top-level data found by the lexer alone, to be read one by one
//! as they are run, and the body of a `(define (name . formals) body ...)`
//! left as text until the procedure is first called (expand/deferred.rs).
//!
//! Loading MesCC reads some 740 KB of source, 450 KB of it procedure
//! bodies, and a compilation calls procedures holding under half of that.
//! Every token is still lexed when the file is split, and everything else is
//! read, so a reading error anywhere in the file is reported before any of
//! it runs.

use super::lexer::{self, Shape, MAX_NESTING};
use super::syntax::Syntax;
use crate::diag::ReadError;
use crate::value::{Heap, Value};

/// A top-level datum of a file.
pub enum TopLevel {
    Read(Syntax),
    /// `(define (name . formals) body ...)` (or `define*`) from `start` to
    /// `end`, its body not read.
    Definition {
        start: usize,
        end: usize,
        procedure: ProcedureText,
    },
}

/// The parts of `(define (name . formals) body ...)`, as offsets.
#[derive(Clone)]
pub struct ProcedureText {
    /// Whether it is `define*`.
    pub star: bool,
    /// The `(` of `(name . formals)`.
    pub signature: usize,
    /// Just after `(name . formals)`: where the body starts.
    pub body: usize,
    /// The `)` that ends the definition, just after the body.
    pub close: usize,
    /// Whether the body starts with a string (perhaps a docstring).
    pub starts_with_string: bool,
}

/// The top-level data of `text`, in order: procedure definitions only
/// lexed, the rest read, the data of `(define name '<datum>)` straight
/// into values on `heap`. Those values are also pushed to `constants`,
/// which the caller must keep alive until the definitions have run.
pub fn split_top_level(
    file: u32,
    text: &str,
    heap: &mut Heap,
    constants: &mut Vec<Value>,
) -> Result<Vec<TopLevel>, ReadError> {
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        if let Some((start, end, procedure)) = shape_of(file, text, offset) {
            out.push(TopLevel::Definition { start, end, procedure });
            offset = end;
            continue;
        }
        if let Some((definition, value, end)) = lexer::constant_definition(file, text, offset, heap) {
            out.push(TopLevel::Read(definition));
            constants.push(value);
            offset = end;
            continue;
        }
        match super::read_one(file, text, offset)? {
            (Some(datum), end) => {
                out.push(TopLevel::Read(datum));
                offset = end;
            }
            (None, _) => return Ok(out),
        }
    }
}

/// Where the definition at `offset` starts and ends and where its parts
/// are, if it is `(define (name . formals) body ...)` or `define*` whose
/// body can be left unread. A definition that does not lex, or whose
/// brackets do not match, is not: reading it reports the error.
fn shape_of(file: u32, text: &str, offset: usize) -> Option<(usize, usize, ProcedureText)> {
    let mut tokens = lexer::shape_tokens(file, text, offset);
    let opening = [tokens.next()?, tokens.next()?, tokens.next()?];
    let star = match opening {
        [(_, Shape::Open, _), (l, Shape::Atom, r), (_, Shape::Open, _)] => match text.get(l..r)? {
            "define" => false,
            "define*" => true,
            _ => return None,
        },
        _ => return None,
    };
    let mut shape = DefinitionShape::new();
    for (l, tok, r) in opening {
        shape.step(text, l, tok, r);
    }
    for (l, tok, r) in &mut tokens {
        if shape.step(text, l, tok, r) {
            return shape.finish(star).map(|procedure| (opening[0].0, tokens.end(), procedure));
        }
    }
    None
}

/// The data of `text[start..end]`, a procedure body found by
/// `split_top_level`.
pub fn read_range(file: u32, text: &str, start: usize, end: usize) -> Result<Vec<Syntax>, ReadError> {
    let text = text.get(..end).unwrap_or(text);
    super::parse(file, lexer::tokens(file, text, start, false), end)
}

/// Follows the tokens of one datum to see whether it is a procedure
/// definition whose body can be left unread. Anything the grammar would
/// reject (a misplaced `.`, a quote mark before `)`, nesting too deep), and the rarer forms
/// (`#;`, `#vu8(...)`), make it `other`: the definition is then read at
/// once, and an error reported before anything runs.
struct DefinitionShape {
    /// Tokens seen so far.
    seen: usize,
    /// The lists open around the next token.
    lists: Vec<ListState>,
    /// The quote marks of all open lists waiting for their datum: with the
    /// lists, what `MAX_NESTING` limits.
    prefixes: usize,
    signature: usize,
    body: Option<usize>,
    close: usize,
    body_tokens: usize,
    starts_with_string: bool,
    other: bool,
}

/// What the dot rule needs to know of an open list.
#[derive(Default)]
struct ListState {
    /// The bracket that must close it.
    closer: u8,
    vector: bool,
    items: usize,
    /// Data after a `.`, once one was seen.
    after_dot: Option<usize>,
    /// Quote marks waiting for their datum.
    prefixes: usize,
}

impl DefinitionShape {
    fn new() -> DefinitionShape {
        DefinitionShape {
            seen: 0,
            lists: Vec::new(),
            prefixes: 0,
            signature: 0,
            body: None,
            close: 0,
            body_tokens: 0,
            starts_with_string: false,
            other: false,
        }
    }

    /// Follow one token; whether it closed the definition.
    #[inline(always)]
    fn step(&mut self, text: &str, l: usize, tok: Shape, r: usize) -> bool {
        // The first three tokens, `(define (`, were checked by `shape_of`.
        match (self.seen, tok) {
            (2, _) => self.signature = l,
            (_, Shape::DatumComment | Shape::BvOpen) => self.other = true,
            _ => {}
        }
        self.seen += 1;
        self.check_grammar(text.as_bytes()[l], tok);
        if self.lists.len() + self.prefixes >= MAX_NESTING {
            self.other = true;
        }
        let closes = tok == Shape::Close;
        if closes && self.lists.is_empty() {
            self.close = l;
            return true;
        } else if self.body.is_none() {
            if self.seen > 2 && closes && self.lists.len() == 1 {
                self.body = Some(r);
            }
        } else {
            if self.body_tokens == 0 {
                self.starts_with_string = tok == Shape::Str;
            }
            self.body_tokens += 1;
        }
        false
    }

    /// Track the lists open, and mark the datum `other` where the grammar
    /// would find an error. `first` is the token's first byte.
    fn check_grammar(&mut self, first: u8, tok: Shape) {
        let opened =
            |vector| ListState { closer: if first == b'[' { b']' } else { b')' }, vector, ..ListState::default() };
        let Some(list) = self.lists.last_mut() else {
            // The definition's own `(` (the first token, checked above).
            self.lists.push(opened(false));
            return;
        };
        match tok {
            Shape::Open | Shape::VecOpen | Shape::BvOpen => self.lists.push(opened(tok == Shape::VecOpen)),
            Shape::Close => {
                let done = self.lists.pop().unwrap_or_default();
                self.prefixes -= done.prefixes;
                if done.closer != first || done.prefixes > 0 || done.after_dot.is_some_and(|n| n != 1) {
                    self.other = true;
                }
                self.datum_done();
            }
            Shape::Dot => {
                if list.vector || list.items == 0 || list.after_dot.is_some() || list.prefixes > 0 {
                    self.other = true;
                }
                list.after_dot = Some(0);
            }
            Shape::Atom | Shape::Str => self.datum_done(),
            // `#;` made the datum `other` already.
            Shape::Prefix | Shape::DatumComment => {
                list.prefixes += 1;
                self.prefixes += 1;
            }
        }
    }

    /// A datum ended in the innermost open list (with its quote marks).
    fn datum_done(&mut self) {
        if let Some(list) = self.lists.last_mut() {
            self.prefixes -= list.prefixes;
            list.prefixes = 0;
            match &mut list.after_dot {
                Some(n) => *n += 1,
                None => list.items += 1,
            }
        }
    }

    fn finish(self, star: bool) -> Option<ProcedureText> {
        match self.body {
            Some(body) if !self.other && self.body_tokens > 0 => Some(ProcedureText {
                star,
                signature: self.signature,
                body,
                close: self.close,
                starts_with_string: self.starts_with_string,
            }),
            _ => None,
        }
    }
}
