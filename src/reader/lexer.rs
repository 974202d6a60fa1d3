//! Tokens, comments, strings, characters and atoms. The lexer also matches
//! brackets, so that an unclosed list is reported at the bracket that opened
//! it and a stray `)` where it stands.

use std::rc::Rc;

use super::syntax::{Datum, Syntax};
use crate::diag::{ReadError, Span};
use crate::number::parse_number;
use crate::value::{Symbol, Truth};

use super::atom::{could_be_number, is_delimiter, small_decimal, CHAR_NAMES};

mod data;
mod shape;
pub use data::constant_definition;
pub use shape::{shape_tokens, Shape};

#[derive(Clone)]
pub enum Tok {
    Open,
    Close,
    VecOpen,
    BvOpen,
    Dot,
    Quote,
    Quasiquote,
    Unquote,
    UnquoteSplicing,
    Syntax,
    Quasisyntax,
    Unsyntax,
    UnsyntaxSplicing,
    /// Guix's G-expressions: `#~`, `#$`, `#$@`, `#+`, `#+@`.
    Gexp,
    Ungexp,
    UngexpSplicing,
    UngexpNative,
    UngexpNativeSplicing,
    DatumComment,
    Atom(Datum),
}

impl std::fmt::Debug for Tok {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.describe())
    }
}

impl Tok {
    pub fn describe(&self) -> &'static str {
        match self {
            Tok::Open | Tok::VecOpen | Tok::BvOpen => "`(`",
            Tok::Close => "`)`",
            Tok::Dot => "`.`",
            Tok::DatumComment => "`#;`",
            Tok::Atom(_) => "datum",
            _ => "quote mark",
        }
    }
}

/// Boxed: the parser moves every token through a `Result` of this, so
/// the error must not make that larger than a token.
pub struct LexError(pub Box<ReadError>);

impl LexError {
    pub fn into_read_error(self) -> ReadError {
        *self.0
    }
}

struct Lexer<'a> {
    file: u32,
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn error(&self, start: usize, end: usize, message: String, label: &str, help: Option<&str>) -> ReadError {
        ReadError {
            span: Span::new(self.file, start, end.max(start)),
            message,
            label: label.into(),
            help: help.map(Into::into),
            opened: None,
            incomplete: false,
        }
    }

    fn eof_error(&self, start: usize, message: &str, label: &str) -> ReadError {
        let mut e = self.error(start, start + 1, message.into(), label, None);
        e.incomplete = true;
        e.help = Some(format!("the file ends at line {}", crate::diag::line_of(self.file, self.src.len())));
        e
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skip whitespace and comments. The usual case, a few spaces before
    /// a token, is inlined; comments take the call.
    #[inline(always)]
    fn skip_atmosphere(&mut self) -> Result<(), ReadError> {
        loop {
            match self.peek() {
                Some(b' ' | b'\n' | b'\t' | b'\r' | 0x0C) => self.pos += 1,
                Some(b';' | 0xEF) => return self.skip_comments(),
                Some(b'#') if matches!(self.bytes.get(self.pos + 1), Some(b'|' | b'!')) => return self.skip_comments(),
                _ => return Ok(()),
            }
        }
    }

    fn skip_comments(&mut self) -> Result<(), ReadError> {
        while let Some(b) = self.peek() {
            match b {
                b if b.is_ascii_whitespace() => self.pos += 1,
                // A UTF-8 byte-order mark opening a file, as some editors write.
                0xEF if self.pos == 0 && self.src.starts_with('\u{FEFF}') => self.pos += '\u{FEFF}'.len_utf8(),
                b';' => {
                    while let Some(b) = self.peek() {
                        if b == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                b'#' if self.bytes.get(self.pos + 1) == Some(&b'|') => self.block_comment()?,
                b'#' if self.bytes.get(self.pos + 1) == Some(&b'!') => self.script_header()?,
                _ => break,
            }
        }
        Ok(())
    }

    /// `#| ... |#`, nested as in R7RS.
    fn block_comment(&mut self) -> Result<(), ReadError> {
        let start = self.pos;
        self.pos += 2;
        let mut depth = 1;
        while depth > 0 {
            match (self.peek(), self.bytes.get(self.pos + 1)) {
                (None, _) => return Err(self.eof_error(start, "unterminated `#|` comment", "the comment opens here")),
                (Some(b'|'), Some(b'#')) => {
                    depth -= 1;
                    self.pos += 2;
                }
                (Some(b'#'), Some(b'|')) => {
                    depth += 1;
                    self.pos += 2;
                }
                _ => self.pos += 1,
            }
        }
        Ok(())
    }

    /// `#! ... !#`, the script header Mes and Guile accept. The R7RS
    /// directives `#!fold-case` / `#!no-fold-case` are skipped.
    fn script_header(&mut self) -> Result<(), ReadError> {
        let start = self.pos;
        let rest = &self.src[self.pos..];
        for directive in ["#!fold-case", "#!no-fold-case"] {
            if rest.starts_with(directive) {
                self.pos += directive.len();
                return Ok(());
            }
        }
        match rest[2..].find("!#") {
            Some(i) => {
                self.pos += 2 + i + 2;
                Ok(())
            }
            None => {
                Err(self.eof_error(start, "unterminated `#!` header comment", "it opens here (close it with `!#`)"))
            }
        }
    }

    fn atom_end(&self, from: usize) -> usize {
        let mut end = from;
        while end < self.bytes.len() && !is_delimiter(self.bytes[end]) {
            end += 1;
        }
        end
    }

    // Inlined, like `Tokens::next_checked`, so that a token is built where
    // the parser takes it: returned through frames, it was copied in
    // pieces that stalled store forwarding (a third of the lexer's time).
    #[inline(always)]
    fn next_token(&mut self) -> Result<Option<(usize, Tok, usize)>, ReadError> {
        self.skip_atmosphere()?;
        let start = self.pos;
        let Some(b) = self.peek() else { return Ok(None) };
        let two = |s: &Self, tok: Tok, n: usize| -> (usize, Tok, usize) {
            (start, tok, start + n.min(s.bytes.len() - start))
        };
        let tok = match b {
            b'(' | b'[' => two(self, Tok::Open, 1),
            b')' | b']' => two(self, Tok::Close, 1),
            b'\'' => two(self, Tok::Quote, 1),
            b'`' => two(self, Tok::Quasiquote, 1),
            b',' if self.bytes.get(start + 1) == Some(&b'@') => two(self, Tok::UnquoteSplicing, 2),
            b',' => two(self, Tok::Unquote, 1),
            b'"' => {
                let s = self.string()?;
                return Ok(Some((start, Tok::Atom(Datum::Str(s.into())), self.pos)));
            }
            b'|' => {
                let s = self.bar_symbol()?;
                return Ok(Some((start, Tok::Atom(Datum::Symbol(Symbol::intern(&s))), self.pos)));
            }
            b'#' => return self.hash_token(start).map(Some),
            _ => {
                let tok = self.bare_atom(start);
                return Ok(Some((start, tok, self.pos)));
            }
        };
        self.pos = tok.2;
        Ok(Some(tok))
    }

    /// The atom at `start` that no mark opens: a number, a symbol, or
    /// the `.` of a dotted list.
    #[inline(always)]
    fn bare_atom(&mut self, start: usize) -> Tok {
        let end = self.atom_end(start);
        let text = &self.src[start..end];
        self.pos = end;
        let datum = if text == "." {
            return Tok::Dot;
        } else if let Some(i) = small_decimal(text) {
            Datum::Int(i)
        } else if let Some(n) = could_be_number(text).then(|| parse_number(text, 10)).flatten() {
            Datum::number(n)
        } else if text == "*unspecified*" {
            // Mes reads this name as the unspecified value itself.
            Datum::Value(crate::value::Value::Unspecified)
        } else {
            Datum::Symbol(Symbol::intern(text))
        };
        Tok::Atom(datum)
    }

    /// The items of the list or vector whose bracket was just read, up to
    /// and past its `closer`, if they are only atoms (with one `.` before
    /// the last, in a list). Otherwise `None`, with `pos` anywhere after the
    /// atoms pushed to `items`: the caller reads on from the last of them
    /// token by token, and any error is reported then.
    fn flat_items(&mut self, vector: bool, closer: u8, items: &mut Vec<Syntax>) -> Option<Option<Syntax>> {
        loop {
            self.skip_atmosphere().ok()?;
            match self.peek()? {
                b')' | b']' => {
                    self.pos += 1;
                    return (self.bytes[self.pos - 1] == closer).then_some(None);
                }
                b'.' if !vector
                    && !items.is_empty()
                    && self.bytes.get(self.pos + 1).is_none_or(|&b| is_delimiter(b)) =>
                {
                    self.pos += 1;
                    self.skip_atmosphere().ok()?;
                    let tail = self.flat_atom()?;
                    self.skip_atmosphere().ok()?;
                    self.pos += 1;
                    return (self.bytes.get(self.pos - 1) == Some(&closer)).then_some(Some(tail));
                }
                _ => items.push(self.flat_atom()?),
            }
        }
    }

    /// The atom at `pos`, if it is one.
    #[inline(always)]
    fn flat_atom(&mut self) -> Option<Syntax> {
        let start = self.pos;
        let tok = match self.peek()? {
            b'(' | b'[' | b')' | b']' | b'\'' | b'`' | b',' => return None,
            b'"' | b'|' | b'#' => self.next_token().ok()??.1,
            _ => self.bare_atom(start),
        };
        match tok {
            Tok::Atom(datum) => Some(Syntax::new(datum, Span::new(self.file, start, self.pos))),
            _ => None,
        }
    }

    fn hash_token(&mut self, start: usize) -> Result<(usize, Tok, usize), ReadError> {
        let next = self.bytes.get(start + 1).copied();
        let simple = |s: &mut Self, tok: Tok, n: usize| {
            s.pos = start + n;
            Ok((start, tok, start + n))
        };
        match next {
            Some(b'(') => simple(self, Tok::VecOpen, 2),
            Some(b';') => simple(self, Tok::DatumComment, 2),
            Some(b'\'') => simple(self, Tok::Syntax, 2),
            Some(b'`') => simple(self, Tok::Quasisyntax, 2),
            Some(b',') if self.bytes.get(start + 2) == Some(&b'@') => simple(self, Tok::UnsyntaxSplicing, 3),
            Some(b',') => simple(self, Tok::Unsyntax, 2),
            Some(b'~') => simple(self, Tok::Gexp, 2),
            Some(b'$') if self.bytes.get(start + 2) == Some(&b'@') => simple(self, Tok::UngexpSplicing, 3),
            Some(b'$') => simple(self, Tok::Ungexp, 2),
            Some(b'+') if self.bytes.get(start + 2) == Some(&b'@') => simple(self, Tok::UngexpNativeSplicing, 3),
            Some(b'+') => simple(self, Tok::UngexpNative, 2),
            Some(b'{') => {
                let name = self.delimited_symbol(start, 2, "}#")?;
                Ok((start, Tok::Atom(Datum::Symbol(Symbol::intern(&name))), self.pos))
            }
            Some(b'\\') => {
                let c = self.character(start)?;
                Ok((start, Tok::Atom(Datum::Char(c)), self.pos))
            }
            Some(b':') => {
                let end = self.atom_end(start + 2);
                self.pos = end;
                let name = &self.src[start + 2..end];
                Ok((start, Tok::Atom(Datum::Keyword(Symbol::intern(name))), end))
            }
            _ => {
                let end = self.atom_end(start + 1);
                let word = &self.src[start + 1..end];
                if (word == "vu8" || word == "u8") && self.bytes.get(end) == Some(&b'(') {
                    self.pos = end + 1;
                    return Ok((start, Tok::BvOpen, end + 1));
                }
                self.pos = end;
                let datum = match word {
                    "t" | "true" => Datum::Bool(Truth::True),
                    "f" | "false" => Datum::Bool(Truth::False),
                    "nil" => Datum::Bool(Truth::Nil),
                    _ => match parse_number(&self.src[start..end], 10) {
                        Some(n) => Datum::number(n),
                        None if word.starts_with(['x', 'X', 'b', 'B', 'o', 'O', 'd', 'D', 'e', 'E', 'i', 'I']) => {
                            return Err(self.error(
                                start,
                                end,
                                format!("bad number `#{word}`"),
                                "not a number",
                                Some("#x takes hex digits, #b binary, #o octal, #d decimal; #e/#i set exactness"),
                            ))
                        }
                        None => {
                            return Err(self.error(
                                start,
                                end,
                                format!("unknown `#` syntax `#{word}`"),
                                "not a valid datum",
                                Some("`#` starts booleans (#t #f), characters (#\\a), vectors #(...), bytevectors #vu8(...), keywords (#:k) and numbers (#x1F)"),
                            ))
                        }
                    },
                };
                Ok((start, Tok::Atom(datum), end))
            }
        }
    }

    fn character(&mut self, start: usize) -> Result<char, ReadError> {
        let body = start + 2;
        let Some(first) = self.src[body..].chars().next() else {
            return Err(self.eof_error(start, "the file ends inside a character literal", "here"));
        };
        let mut end = body + first.len_utf8();
        while end < self.bytes.len() && !is_delimiter(self.bytes[end]) {
            end += 1;
        }
        self.pos = end;
        let name = &self.src[body..end];
        if name.chars().count() == 1 {
            return Ok(first);
        }
        // Names are matched ignoring case, as Guile does (#\SPACE, #\Newline).
        if let Some(&(_, c)) = CHAR_NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            return Ok(c);
        }
        let code = if let Some(hex) = name.strip_prefix('x').or_else(|| name.strip_prefix("U+")) {
            u32::from_str_radix(hex, 16).ok()
        } else if name.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
            u32::from_str_radix(name, 8).ok()
        } else {
            None
        };
        code.and_then(char::from_u32).ok_or_else(|| {
            self.error(
                start,
                end,
                format!("unknown character name `#\\{name}`"),
                "not a character",
                Some(
                    "use a single character (#\\a), a name (#\\space #\\newline #\\tab #\\nul ...), or a code (#\\x41)",
                ),
            )
        })
    }

    fn string(&mut self) -> Result<String, ReadError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Up to the next `"` or `\\` (ASCII, so the run ends on a character boundary).
            let Some(run) = self.bytes[self.pos..].iter().position(|&b| b == b'"' || b == b'\\') else {
                return Err(self.eof_error(start, "unterminated string", "the string starts here"));
            };
            out.push_str(&self.src[self.pos..self.pos + run]);
            self.pos += run + 1;
            if self.bytes[self.pos - 1] == b'"' {
                return Ok(out);
            }
            self.string_escape(&mut out)?;
        }
    }

    fn string_escape(&mut self, out: &mut String) -> Result<(), ReadError> {
        let esc_start = self.pos - 1;
        let Some(c) = self.src[self.pos..].chars().next() else {
            return Err(self.eof_error(esc_start, "unterminated string", "the file ends in this escape"));
        };
        self.pos += c.len_utf8();
        let simple = match c {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            'a' => Some('\x07'),
            'b' => Some('\x08'),
            'f' => Some('\x0c'),
            'v' => Some('\x0b'),
            'e' => Some('\x1b'),
            '0' => Some('\0'),
            '\\' => Some('\\'),
            '"' => Some('"'),
            '|' => Some('|'),
            '\'' => Some('\''),
            _ => None,
        };
        if let Some(ch) = simple {
            out.push(ch);
            return Ok(());
        }
        match c {
            'x' | 'u' | 'U' => {
                // R7RS `\x41;`; without the `;`, Guile/Mes style: two hex
                // digits for \x, four for \u, six for \U.
                let digits_start = self.pos;
                let mut end = digits_start;
                while end < self.bytes.len() && self.bytes[end].is_ascii_hexdigit() {
                    end += 1;
                }
                let fixed = match c {
                    'x' => 2,
                    'u' => 4,
                    _ => 6,
                };
                let (hex, next) = if self.bytes.get(end) == Some(&b';') {
                    (&self.src[digits_start..end], end + 1)
                } else {
                    let e = (digits_start + fixed).min(end);
                    (&self.src[digits_start..e], e)
                };
                match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => {
                        out.push(ch);
                        self.pos = next;
                        Ok(())
                    }
                    None => Err(self.error(
                        esc_start,
                        next,
                        "bad hex escape in string".into(),
                        "not a character code",
                        Some("write `\\x41;` (hex digits, then `;`)"),
                    )),
                }
            }
            c if c == '\n' || c == ' ' || c == '\t' || c == '\r' => {
                // Line continuation: skip trailing blanks, the newline and
                // the next line's leading blanks.
                let mut p = self.pos - c.len_utf8();
                while p < self.bytes.len() && matches!(self.bytes[p], b' ' | b'\t' | b'\r') {
                    p += 1;
                }
                if self.bytes.get(p) == Some(&b'\n') {
                    p += 1;
                    while p < self.bytes.len() && matches!(self.bytes[p], b' ' | b'\t') {
                        p += 1;
                    }
                    self.pos = p;
                    Ok(())
                } else {
                    Err(self.error(
                        esc_start,
                        p,
                        "stray `\\` in string".into(),
                        "here",
                        Some("write `\\\\` for a backslash"),
                    ))
                }
            }
            other => Err(self.error(
                esc_start,
                self.pos,
                format!("unknown string escape `\\{other}`"),
                "here",
                Some("known escapes: \\n \\t \\r \\a \\b \\0 \\\\ \\\" \\x41;"),
            )),
        }
    }

    /// R7RS's `|odd symbol|`.
    fn bar_symbol(&mut self) -> Result<String, ReadError> {
        self.delimited_symbol(self.pos, 1, "|")
    }

    /// A symbol's name written between delimiters, with string escapes:
    /// `|odd symbol|`, or Guile's `#{odd symbol}#`; the opening one is
    /// `open_len` bytes at `start`.
    fn delimited_symbol(&mut self, start: usize, open_len: usize, close: &str) -> Result<String, ReadError> {
        self.pos = start + open_len;
        let mut out = String::new();
        loop {
            if self.src[self.pos..].starts_with(close) {
                self.pos += close.len();
                return Ok(out);
            }
            let Some(c) = self.src[self.pos..].chars().next() else {
                let open = &self.src[start..start + open_len];
                let what = format!("unterminated `{open}symbol{close}`");
                return Err(self.eof_error(start, &what, "the symbol starts here"));
            };
            self.pos += c.len_utf8();
            match c {
                '\\' => self.string_escape(&mut out)?,
                c => out.push(c),
            }
        }
    }
}

/// The tokens of `text` from `offset`, made as the parser asks for them;
/// with `one_datum`, they stop after the first complete datum (for `read`).
pub fn tokens(file: u32, text: &str, offset: usize, one_datum: bool) -> Tokens<'_> {
    Tokens {
        lx: Lexer { file, src: text, bytes: text.as_bytes(), pos: offset },
        open: Vec::new(),
        needed: 1,
        one_datum,
        done: false,
        items: Vec::new(),
        pending: Vec::new(),
    }
}

/// How deep data may nest in source text (lists, and quote marks before
/// a datum). The expander and compiler recurse on nesting; this keeps
/// them far inside the interpreter thread's stack (see cli.rs). Code made
/// as data (`eval`, macros) is held to the same depth.
pub const MAX_NESTING: usize = 100_000;

pub struct Tokens<'a> {
    lx: Lexer<'a>,
    /// What is open around the next token: lists, and prefixes (quote
    /// marks, `#;`) waiting for their datum.
    open: Vec<Opener>,
    /// Data still to read before a `one_datum` stream ends (`#;` adds one).
    needed: usize,
    one_datum: bool,
    done: bool,
    /// `flat_list`'s buffer of items, kept from list to list.
    items: Vec<Syntax>,
    /// The atoms a list began with before `flat_list` met something else
    /// in it, given out next (last first), so that they are not read twice.
    pending: Vec<Syntax>,
}

pub type Token = Result<(usize, Tok, usize), LexError>;

struct Opener {
    start: usize,
    /// The bracket that opens a list (`(` or `[`); `None` for a prefix.
    bracket: Option<u8>,
}

impl Opener {
    /// A list's opening and closing brackets.
    fn brackets(&self) -> (char, char) {
        if self.bracket == Some(b'[') {
            ('[', ']')
        } else {
            ('(', ')')
        }
    }
}

impl Tokens<'_> {
    /// The offset just after the last token given out.
    pub fn end(&self) -> usize {
        self.lx.pos
    }

    /// Whether a `one_datum` stream has given out its datum.
    pub fn is_done(&self) -> bool {
        self.done
    }

    fn open(&mut self, start: usize, end: usize, bracket: Option<u8>) -> Result<(), ReadError> {
        if self.open.len() == MAX_NESTING {
            return Err(self.lx.error(
                start,
                end,
                format!("data nested more than {MAX_NESTING} deep"),
                "this is too deep",
                Some("guix0 reads data nested at most this deep; build deeper structures in code"),
            ));
        }
        self.open.push(Opener { start, bracket });
        Ok(())
    }

    /// Close the prefixes waiting for the datum just read.
    fn close_prefixes(&mut self) {
        while self.open.last().is_some_and(|o| o.bracket.is_none()) {
            self.open.pop();
        }
    }

    #[inline(always)]
    fn next_checked(&mut self) -> Result<Option<(usize, Tok, usize)>, ReadError> {
        let Some(tok) = self.lx.next_token()? else {
            self.done = true;
            // (A dangling quote mark is the parser's to report.)
            return match self.open.iter().rev().find(|o| o.bracket.is_some()) {
                Some(list) => {
                    let (open, close) = list.brackets();
                    let mut e =
                        self.lx.eof_error(list.start, "unclosed list", &format!("this `{open}` is never closed"));
                    e.help = Some(format!(
                        "the file ends at line {} before this list is closed; add the missing `{close}`",
                        crate::diag::line_of(self.lx.file, self.lx.src.len())
                    ));
                    Err(e)
                }
                None => Ok(None),
            };
        };
        let (start, ref kind, end) = tok;
        let datum_read = match kind {
            Tok::Open | Tok::VecOpen | Tok::BvOpen => {
                // `#(` and `#vu8(` end in `(`.
                let bracket = if self.lx.bytes[start] == b'[' { b'[' } else { b'(' };
                self.open(start, end, Some(bracket))?;
                false
            }
            Tok::Close => {
                self.close_prefixes();
                let closer = self.lx.bytes[start];
                let Some(opener) = self.open.pop() else {
                    let closer = closer as char;
                    return Err(self.lx.error(
                        start,
                        end,
                        format!("unexpected `{closer}`"),
                        "this closes nothing",
                        Some(&format!("remove it, or look for an extra `{closer}` earlier")),
                    ));
                };
                let (open, expected) = opener.brackets();
                if closer as char != expected {
                    let closer = closer as char;
                    let opened = Span::new(self.lx.file, opener.start, opener.start + 1);
                    let mut e = self.lx.error(
                        start,
                        end,
                        format!("`{closer}` closes the list opened with `{open}` at {}", opened.location()),
                        "mismatched bracket",
                        Some(&format!("close that list with `{expected}`")),
                    );
                    e.opened = Some(opened);
                    return Err(e);
                }
                true
            }
            Tok::DatumComment => {
                // Only a top-level `#;` makes `read` skip a whole datum.
                if !self.open.iter().any(|o| o.bracket.is_some()) {
                    self.needed += 1;
                }
                self.open(start, end, None)?;
                false
            }
            Tok::Atom(_) | Tok::Dot => true,
            _ => {
                self.open(start, end, None)?;
                false
            }
        };
        if datum_read {
            self.datum_read();
        }
        Ok(Some(tok))
    }

    /// A datum was read: close the prefixes that waited for it, and count
    /// it if it stands at the top level.
    fn datum_read(&mut self) {
        self.close_prefixes();
        if self.one_datum && self.open.is_empty() {
            self.needed -= 1;
            self.done = self.needed == 0;
        }
    }
}

impl Tokens<'_> {
    /// The next token as the lexer and the bracket checks give it.
    fn next_single(&mut self) -> Option<Token> {
        if self.done {
            return None;
        }
        match self.next_checked() {
            Ok(tok) => tok.map(Ok),
            Err(e) => {
                self.done = true;
                Some(Err(LexError(Box::new(e))))
            }
        }
    }

    /// The list or vector opened by `open` as one datum, if only atoms
    /// follow up to its close (`(a b)`, `(a . b)`, `#(1 2)`); otherwise
    /// `open` itself, then the atoms read up to what was not one, then the
    /// tokens from there one by one.
    fn flat_list(&mut self, open: (usize, Tok, usize)) -> (usize, Tok, usize) {
        let vector = matches!(open.1, Tok::VecOpen);
        let closer = if self.lx.bytes[open.0] == b'[' { b']' } else { b')' };
        let mut items = std::mem::take(&mut self.items);
        items.clear();
        let flat = self.lx.flat_items(vector, closer, &mut items);
        let tok = match flat {
            Some(tail) => {
                // What the close would have done in `next_checked`.
                self.open.pop();
                self.datum_read();
                let items = items.drain(..).collect();
                let datum = if vector { Datum::Vector(items) } else { Datum::List(items, tail.map(Rc::new)) };
                (open.0, Tok::Atom(datum), self.lx.pos)
            }
            None => {
                // Inside a fresh list, atoms need none of `next_checked`'s bookkeeping.
                self.lx.pos = items.last().map_or(open.2, |item| item.span.end as usize);
                items.reverse();
                std::mem::swap(&mut self.pending, &mut items);
                open
            }
        };
        self.items = items;
        tok
    }
}

/// The parser's input. A list or vector holding only atoms (most of the
/// innermost lists of code, and the pairs of a parse table) is built here
/// and given as one atom: the parser's steps cost more than the lexer's.
impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(item) = self.pending.pop() {
            return Some(Ok((item.span.start as usize, Tok::Atom(item.datum), item.span.end as usize)));
        }
        match self.next_single()? {
            Ok(open @ (_, Tok::Open | Tok::VecOpen, _)) => Some(Ok(self.flat_list(open))),
            other => Some(other),
        }
    }
}
