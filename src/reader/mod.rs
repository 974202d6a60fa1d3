//! The reader: text → `Syntax` (data with source spans).
//!
//! A hand-written lexer (`lexer.rs`) turns text into tokens and checks that
//! brackets balance (so an unclosed list is reported where it opened); the
//! lalrpop grammar (`grammar.lalrpop`) builds the data.

mod atom;
mod lexer;
mod split;
pub mod syntax;

use lalrpop_util::lalrpop_mod;

lalrpop_mod!(
    #[allow(clippy::all, unused)]
    grammar,
    "/reader/grammar.rs"
);

pub use atom::{char_name, non_graphic};
pub use lexer::{LexError, Tok, MAX_NESTING};
pub use split::{read_range, split_top_level, ProcedureText, TopLevel};
pub use syntax::{Datum, Syntax};

use crate::diag::{ReadError, Span};

/// Read every datum of a source file.
pub fn read_all(file: u32, text: &str) -> Result<Vec<Syntax>, ReadError> {
    parse(file, lexer::tokens(file, text, 0, false), text.len()).map(|mut v| {
        v.shrink_to_fit();
        v
    })
}

/// Read one datum starting at byte `offset`. Returns the datum (or `None` at
/// end of input) and the offset just after it.
pub fn read_one(file: u32, text: &str, offset: usize) -> Result<(Option<Syntax>, usize), ReadError> {
    let mut tokens = lexer::tokens(file, text, offset, true);
    // An atom, or a list of atoms, is one token: the parser is not needed.
    let datum = match tokens.next() {
        Some(Ok((l, Tok::Atom(datum), r))) if tokens.is_done() => Some(Syntax::new(datum, Span::new(file, l, r))),
        first => parse(file, first.into_iter().chain(&mut tokens), text.len())?.pop(),
    };
    Ok((datum, tokens.end()))
}

/// Whether `text` holds complete data (used by the REPL to wait for more lines).
pub fn is_complete(text: &str) -> bool {
    lexer::tokens(u32::MAX, text, 0, false).all(|t| t.map_or_else(|e| !e.0.incomplete, |_| true))
}

fn parse(file: u32, tokens: impl Iterator<Item = lexer::Token>, end: usize) -> Result<Vec<Syntax>, ReadError> {
    use lalrpop_util::ParseError;
    grammar::DatumsParser::new().parse(file, tokens).map_err(|e| match e {
        ParseError::UnrecognizedEof { location, .. } => ReadError {
            span: Span::new(file, location, end),
            message: "the file ended where a datum was expected".into(),
            label: "a datum should follow this".into(),
            help: Some("a quote, quasiquote or `#;` needs a datum after it".into()),
            opened: None,
            incomplete: true,
        },
        ParseError::UnrecognizedToken { token: (l, tok, r), .. } | ParseError::ExtraToken { token: (l, tok, r) } => {
            let (message, help) = match tok {
                Tok::Dot => (
                    "misplaced `.`".to_string(),
                    "a dot goes between the last two items of a list: (a b . c)".to_string(),
                ),
                _ => (format!("unexpected {}", tok.describe()), "check the brackets around here".into()),
            };
            ReadError {
                span: Span::new(file, l, r),
                message,
                label: "here".into(),
                help: Some(help),
                opened: None,
                incomplete: false,
            }
        }
        ParseError::InvalidToken { location } => ReadError {
            span: Span::new(file, location, location + 1),
            message: "invalid token".into(),
            label: "here".into(),
            help: None,
            opened: None,
            incomplete: false,
        },
        ParseError::User { error } => error.into_read_error(),
    })
}
