//! The reader: text → `Syntax` (data with source spans).
//!
//! A hand-written lexer (`lexer.rs`) turns text into tokens and checks that
//! brackets balance (so an unclosed list is reported where it opened); the
//! lalrpop grammar (`grammar.lalrpop`) builds the data.

mod lexer;
pub mod syntax;

use lalrpop_util::lalrpop_mod;

lalrpop_mod!(
    #[allow(clippy::all, unused)]
    grammar,
    "/reader/grammar.rs"
);

pub use lexer::{char_name as lexer_char_name, LexError, Tok};
pub use syntax::{Datum, Syntax};

use crate::diag::{ReadError, Span};

/// Read every datum of a source file.
pub fn read_all(file: u32, text: &str) -> Result<Vec<Syntax>, ReadError> {
    let tokens = lexer::lex(file, text, 0, false)?;
    parse_tokens(file, tokens.tokens, text.len(), true).map(|mut v| {
        v.shrink_to_fit();
        v
    })
}

/// Read one datum starting at byte `offset`. Returns the datum (or `None` at
/// end of input) and the offset just after it.
pub fn read_one(file: u32, text: &str, offset: usize) -> Result<(Option<Syntax>, usize), ReadError> {
    let lexed = lexer::lex(file, text, offset, true)?;
    if lexed.tokens.is_empty() {
        return Ok((None, lexed.end));
    }
    let mut data = parse_tokens(file, lexed.tokens, lexed.end, false)?;
    Ok((data.pop(), lexed.end))
}

/// Whether `text` holds complete data (used by the REPL to wait for more lines).
pub fn is_complete(text: &str) -> bool {
    match lexer::lex(u32::MAX, text, 0, false) {
        Ok(_) => true,
        Err(e) => !e.incomplete,
    }
}

fn parse_tokens(file: u32, tokens: Vec<(usize, Tok, usize)>, end: usize, _all: bool) -> Result<Vec<Syntax>, ReadError> {
    use lalrpop_util::ParseError;
    let stream = tokens.into_iter().map(Ok::<_, LexError>);
    grammar::DatumsParser::new().parse(file, stream).map_err(|e| match e {
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
