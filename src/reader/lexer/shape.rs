//! Tokens by kind alone, for finding the shape of a datum without reading
//! it (split.rs).

use super::{Lexer, Tok};

/// The kind of a token, as `shape_tokens` gives it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `(` or `[`.
    Open,
    VecOpen,
    BvOpen,
    /// `)` or `]`.
    Close,
    Dot,
    /// A quote mark (`'`, `#'`, `#$@`, ...).
    Prefix,
    DatumComment,
    Str,
    /// Any other atom.
    Atom,
}

/// The tokens of `text` from `offset`, by kind, for finding the shape of a
/// datum (split.rs): brackets are not matched, numbers and symbols are not
/// made (any such atom is valid), and a lexical error ends the stream.
/// Whoever sees the stream end early reads the text with `tokens`, which
/// reports the error.
pub fn shape_tokens(file: u32, text: &str, offset: usize) -> ShapeTokens<'_> {
    ShapeTokens(Lexer { file, src: text, bytes: text.as_bytes(), pos: offset })
}

pub struct ShapeTokens<'a>(Lexer<'a>);

impl ShapeTokens<'_> {
    /// The offset just after the last token given out.
    pub fn end(&self) -> usize {
        self.0.pos
    }
}

impl Iterator for ShapeTokens<'_> {
    type Item = (usize, Shape, usize);

    fn next(&mut self) -> Option<Self::Item> {
        let lx = &mut self.0;
        lx.skip_atmosphere().ok()?;
        let start = lx.pos;
        let (shape, len) = match lx.peek()? {
            b'(' | b'[' => (Shape::Open, 1),
            b')' | b']' => (Shape::Close, 1),
            b'\'' | b'`' => (Shape::Prefix, 1),
            b',' if lx.bytes.get(start + 1) == Some(&b'@') => (Shape::Prefix, 2),
            b',' => (Shape::Prefix, 1),
            b'"' => {
                lx.string().ok()?;
                return Some((start, Shape::Str, lx.pos));
            }
            b'|' => {
                lx.bar_symbol().ok()?;
                return Some((start, Shape::Atom, lx.pos));
            }
            b'#' => {
                let shape = match lx.hash_token(start).ok()?.1 {
                    Tok::VecOpen => Shape::VecOpen,
                    Tok::BvOpen => Shape::BvOpen,
                    Tok::DatumComment => Shape::DatumComment,
                    Tok::Atom(_) => Shape::Atom,
                    _ => Shape::Prefix,
                };
                return Some((start, shape, lx.pos));
            }
            _ => {
                lx.pos = lx.atom_end(start);
                let shape = if &lx.bytes[start..lx.pos] == b"." { Shape::Dot } else { Shape::Atom };
                return Some((start, shape, lx.pos));
            }
        };
        lx.pos = start + len;
        Some((start, shape, lx.pos))
    }
}
