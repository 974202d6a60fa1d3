//! A file's top-level data found by the lexer alone, to be read one by one
//! as they are run, and the body of a `(define (name . formals) body ...)`
//! left as text until the procedure is first called (expand/deferred.rs).
//!
//! Loading MesCC reads some 740 KB of source, 450 KB of it procedure
//! bodies, and a compilation calls procedures holding under half of that.
//! Every token is still lexed when the file is split, so a bad token or an
//! unclosed bracket anywhere in the file is reported before any of it runs.

use super::lexer::{self, Tok};
use super::syntax::{Datum, Syntax};
use crate::diag::ReadError;
use crate::value::Symbol;

/// Where a top-level datum lies in its file's text.
#[derive(Clone)]
pub struct TopLevelText {
    pub start: usize,
    pub end: usize,
    /// Set when the datum is `(define (name . formals) body ...)`.
    pub procedure: Option<ProcedureText>,
}

/// The parts of `(define (name . formals) body ...)`, as offsets.
#[derive(Clone)]
pub struct ProcedureText {
    /// The `(` of `(name . formals)`.
    pub signature: usize,
    /// Just after `(name . formals)`: where the body starts.
    pub body: usize,
    /// The `)` that ends the definition, just after the body.
    pub close: usize,
    /// Whether the body starts with a string (perhaps a docstring).
    pub starts_with_string: bool,
}

/// The top-level data of `text`, in order.
pub fn split_top_level(file: u32, text: &str) -> Result<Vec<TopLevelText>, ReadError> {
    let define = Symbol::intern("define");
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let mut tokens = lexer::tokens(file, text, offset, true);
        let mut shape = DefinitionShape::new(define);
        let mut start = None;
        for token in &mut tokens {
            let (l, tok, r) = token.map_err(lexer::LexError::into_read_error)?;
            start.get_or_insert(l);
            shape.step(l, &tok, r);
        }
        let Some(start) = start else { return Ok(out) };
        offset = tokens.end();
        out.push(TopLevelText { start, end: offset, procedure: shape.finish() });
    }
}

/// The data of `text[start..end]`, a procedure body found by
/// `split_top_level`.
pub fn read_range(file: u32, text: &str, start: usize, end: usize) -> Result<Vec<Syntax>, ReadError> {
    let text = text.get(..end).unwrap_or(text);
    super::parse(file, &mut lexer::tokens(file, text, start, false), end)
}

/// Follows the tokens of one datum to see whether it is a procedure
/// definition whose body can be left unread. Anything the grammar would
/// reject (a misplaced `.`, a quote mark before `)`), and the rarer forms
/// (`#;`, `#vu8(...)`), make it `other`: the definition is then read at
/// once, and an error reported before anything runs.
struct DefinitionShape {
    define: Symbol,
    /// Tokens seen so far.
    seen: usize,
    /// The lists open around the next token.
    lists: Vec<ListState>,
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
    vector: bool,
    items: usize,
    /// Data after a `.`, once one was seen.
    after_dot: Option<usize>,
    /// Quote marks waiting for their datum.
    prefixes: usize,
}

impl DefinitionShape {
    fn new(define: Symbol) -> DefinitionShape {
        DefinitionShape {
            define,
            seen: 0,
            lists: Vec::new(),
            signature: 0,
            body: None,
            close: 0,
            body_tokens: 0,
            starts_with_string: false,
            other: false,
        }
    }

    fn step(&mut self, l: usize, tok: &Tok, r: usize) {
        match (self.seen, tok) {
            (0, Tok::Open) => {}
            (1, Tok::Atom(Datum::Symbol(s))) if *s == self.define => {}
            (2, Tok::Open) => self.signature = l,
            (0..=2, _) | (_, Tok::DatumComment | Tok::BvOpen) => self.other = true,
            _ => {}
        }
        self.seen += 1;
        if self.other {
            return;
        }
        self.check_grammar(tok);
        let closes = matches!(tok, Tok::Close);
        if closes && self.lists.is_empty() {
            self.close = l;
        } else if self.body.is_none() {
            if self.seen > 2 && closes && self.lists.len() == 1 {
                self.body = Some(r);
            }
        } else {
            if self.body_tokens == 0 {
                self.starts_with_string = matches!(tok, Tok::Atom(Datum::Str(_)));
            }
            self.body_tokens += 1;
        }
    }

    /// Track the lists open, and mark the datum `other` where the grammar
    /// would find an error.
    fn check_grammar(&mut self, tok: &Tok) {
        let Some(list) = self.lists.last_mut() else {
            // The definition's own `(` (the first token, checked above).
            self.lists.push(ListState::default());
            return;
        };
        match tok {
            Tok::Open | Tok::VecOpen => {
                self.lists.push(ListState { vector: matches!(tok, Tok::VecOpen), ..ListState::default() })
            }
            Tok::Close => {
                let done = self.lists.pop().unwrap_or_default();
                if done.prefixes > 0 || done.after_dot.is_some_and(|n| n != 1) {
                    self.other = true;
                }
                self.datum_done();
            }
            Tok::Dot => {
                if list.vector || list.items == 0 || list.after_dot.is_some() || list.prefixes > 0 {
                    self.other = true;
                }
                list.after_dot = Some(0);
            }
            Tok::Atom(_) => self.datum_done(),
            // Quote marks; `#;` and `#vu8(` made the datum `other` already.
            _ => list.prefixes += 1,
        }
    }

    /// A datum ended in the innermost open list (with its quote marks).
    fn datum_done(&mut self) {
        if let Some(list) = self.lists.last_mut() {
            list.prefixes = 0;
            match &mut list.after_dot {
                Some(n) => *n += 1,
                None => list.items += 1,
            }
        }
    }

    fn finish(self) -> Option<ProcedureText> {
        match self.body {
            Some(body) if !self.other && self.body_tokens > 0 => Some(ProcedureText {
                signature: self.signature,
                body,
                close: self.close,
                starts_with_string: self.starts_with_string,
            }),
            _ => None,
        }
    }
}
