//! `(ice-9 regex)` primitives: POSIX extended regular expressions with
//! glibc's semantics, which are Guile's, on `regex-automata`.
//!
//! - The syntax is rewritten first (`posix.rs`).
//! - A match is leftmost-longest, as in POSIX: `a|ab` matches "ab" in "ab".
//!   Among the matches that start leftmost, the longest is found by an
//!   anchored search that reports every match (`MatchKind::All`); its groups
//!   come from that search, so they are one way of taking the whole match,
//!   not always the one POSIX's subexpression rules pick.
//! - `regexp-exec` from a start offset searches the rest of the string as a
//!   string of its own, as Guile's does: `^` and `\<` match at the offset,
//!   unless `regexp/notbol` says the offset is not the start of a line.
//!
//! A match is the vector Guile uses: `#(string (start . end) ...)`, with
//! `(-1 . -1)` for a group that did not participate; offsets count
//! characters.

mod posix;

use regex_automata::util::syntax;
use regex_automata::{meta, Anchored, Input, MatchKind};

use super::{expect_string, optional};
use crate::prims;
use crate::value::{OpaqueData, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

// Guile's values, which are glibc's: compilation flags (`regexp/extended`
// is 1 and changes nothing here) ...
const REGEXP_ICASE: i64 = 2;
const REGEXP_NEWLINE: i64 = 4;
// `regexp/basic` is 0: given as a flag of its own, it asks for POSIX basic
// syntax (then marked by a bit no flag uses).
const REGEXP_BASIC: i64 = 0;
const BASIC_SYNTAX: i64 = 1 << 32;
// ... and, apart from them, flags of a search.
const REGEXP_NOTBOL: i64 = 1;
const REGEXP_NOTEOL: i64 = 2;

/// One compiled expression: the search for where the leftmost match
/// starts, and the anchored search for how far it reaches.
#[derive(Clone)]
struct Compiled {
    leftmost: meta::Regex,
    longest: meta::Regex,
}

struct Regexp {
    compiled: Compiled,
    source: String,
}

impl OpaqueData for Regexp {
    fn type_name(&self) -> &'static str {
        "regexp"
    }
}

/// How many compiled expressions are kept for reuse.
const CACHE_SIZE: usize = 256;

thread_local! {
    /// Compiled expressions by (pattern, flags): `string-match`, `list-matches`
    /// and `regexp-substitute/global` take patterns as strings, and
    /// compiling costs far more than a POSIX regcomp.
    static CACHE: std::cell::RefCell<std::collections::HashMap<(String, i64), Compiled>> = Default::default();
}

fn compile(pattern: &str, flags: i64) -> PResult<Regexp> {
    let key = (pattern.to_owned(), flags);
    if let Some(compiled) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(Regexp { compiled, source: key.0 });
    }
    let compiled = compile_uncached(pattern, flags).map_err(|why| {
        let mut t =
            Throw::new("regular-expression-syntax", Some("make-regexp"), "invalid regular expression ~S", vec![]);
        t.message = format!("invalid regular expression {pattern:?}: {why}");
        t
    })?;
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= CACHE_SIZE {
            cache.clear();
        }
        cache.insert(key.clone(), compiled.clone());
    });
    Ok(Regexp { compiled, source: key.0 })
}

fn compile_uncached(pattern: &str, flags: i64) -> Result<Compiled, String> {
    let newline = flags & REGEXP_NEWLINE != 0;
    let translated = if flags & BASIC_SYNTAX != 0 {
        posix::translate(&posix::basic_to_extended(pattern), newline)?
    } else {
        posix::translate(pattern, newline)?
    };
    let syntax = syntax::Config::new()
        .case_insensitive(flags & REGEXP_ICASE != 0)
        .multi_line(newline)
        .dot_matches_new_line(!newline);
    let build = |kind| {
        meta::Regex::builder()
            .syntax(syntax)
            .configure(meta::Config::new().match_kind(kind))
            .build(&translated)
            .map_err(|e| e.to_string().lines().last().unwrap_or("").to_string())
    };
    Ok(Compiled { leftmost: build(MatchKind::LeftmostFirst)?, longest: build(MatchKind::All)? })
}

fn make_regexp(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let pattern = expect_string("make-regexp", 1, a[0])?.to_string();
    let flags = a[1..].iter().try_fold(0, |flags, f| match super::expect_int("make-regexp", 2, *f)? {
        REGEXP_BASIC => Ok(flags | BASIC_SYNTAX),
        flag => PResult::Ok(flags | flag),
    })?;
    let rx = compile(&pattern, flags)?;
    Ok(vm.make_opaque(rx))
}

fn char_count(text: &str) -> i64 {
    if text.is_ascii() {
        text.len() as i64
    } else {
        text.chars().count() as i64
    }
}

fn byte_offset(text: &str, chars: usize) -> Option<usize> {
    if text.is_ascii() {
        return (chars <= text.len()).then_some(chars);
    }
    text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).nth(chars)
}

/// The leftmost-longest match in `subject`: its groups as byte spans.
/// `notbol` / `noteol`: the subject's start / end is not a line's, which a
/// character just outside the searched span (one no anchor takes for a line
/// boundary) tells the search.
fn search(rx: &Compiled, subject: &str, notbol: bool, noteol: bool) -> Option<Vec<Option<(usize, usize)>>> {
    let padded;
    let hay = if notbol || noteol {
        let mut text = Vec::with_capacity(subject.len() + 2);
        text.extend(notbol.then_some(0));
        text.extend_from_slice(subject.as_bytes());
        text.extend(noteol.then_some(0));
        padded = text;
        &padded[..]
    } else {
        subject.as_bytes()
    };
    let shift = usize::from(notbol);
    // Where the leftmost match starts, then how far a match from there
    // reaches; both without groups, which the fastest engines skip.
    let start = rx.leftmost.search(&Input::new(hay).span(shift..shift + subject.len()))?.start();
    let longest = Input::new(hay).span(start..shift + subject.len()).anchored(Anchored::Yes);
    let end = rx.longest.search(&longest)?.end();
    let mut groups = vec![Some((start - shift, end - shift))];
    if rx.longest.captures_len() > 1 {
        let mut caps = rx.longest.create_captures();
        rx.longest.search_captures(&longest.span(start..end), &mut caps);
        groups.extend((1..caps.group_len()).map(|i| caps.get_group(i).map(|s| (s.start - shift, s.end - shift))));
    }
    Some(groups)
}

/// `(regexp-exec rx string [start [flags]])`.
fn regexp_exec(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let Value::Opaque(o) = a[0] else { return Err(Throw::wrong_type("regexp-exec", 1, "regexp", a[0])) };
    let Some(rx) = o.downcast::<Regexp>() else { return Err(Throw::wrong_type("regexp-exec", 1, "regexp", a[0])) };
    let s = expect_string("regexp-exec", 2, a[1])?;
    let start = match optional(a, 2) {
        Some(v) => super::expect_index("regexp-exec", 3, v)?,
        None => 0,
    };
    let flags = match optional(a, 3) {
        Some(v) => super::expect_int("regexp-exec", 4, v)?,
        None => 0,
    };
    // Character offsets, worked out while the string is borrowed.
    let spans: Vec<Option<(i64, i64)>> = {
        let text = s.borrow();
        let Some(from) = byte_offset(&text, start) else { return Err(Throw::out_of_range("regexp-exec", 3, a[2])) };
        let subject = &text[from..];
        let Some(groups) = search(&rx.compiled, subject, flags & REGEXP_NOTBOL != 0, flags & REGEXP_NOTEOL != 0) else {
            return Ok(Value::FALSE);
        };
        let offset = |byte: usize| start as i64 + char_count(&subject[..byte]);
        groups.into_iter().map(|g| g.map(|(b, e)| (offset(b), offset(e)))).collect()
    };
    let mut items = vec![a[1]];
    for span in spans {
        let (b, e) = span.unwrap_or((-1, -1));
        items.push(vm.cons(Value::Int(b), Value::Int(e)));
    }
    Ok(vm.make_vector(items))
}

fn is_regexp(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Opaque(o) if o.downcast::<Regexp>().is_some())))
}

fn regexp_source(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    match a[0] {
        Value::Opaque(o) => match o.downcast::<Regexp>() {
            Some(rx) => {
                let s = rx.source.clone();
                Ok(vm.make_string(&s))
            }
            None => Err(Throw::wrong_type("regexp-source", 1, "regexp", a[0])),
        },
        other => Err(Throw::wrong_type("regexp-source", 1, "regexp", other)),
    }
}

/// `(%unicode-class-ranges class)`: the code points a one-character class
/// (`\p{Ll}`, `[\p{L}\p{Nd}]`) matches, as `(lo . hi)` pairs with `hi`
/// excluded, read off the class (SRFI-14's standard sets are made of them).
fn unicode_class_ranges(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    use regex_syntax::hir::{Class, HirKind};
    let class = expect_string("%unicode-class-ranges", 1, a[0])?.to_string();
    let hir = regex_syntax::Parser::new().parse(&class).ok();
    let Some(HirKind::Class(Class::Unicode(set))) = hir.as_ref().map(|h| h.kind()) else {
        return Err(Throw::misc("%unicode-class-ranges", format!("not a character class: {class:?}"), vec![]));
    };
    let pairs: Vec<Value> =
        set.ranges().iter().map(|r| vm.cons(Value::Int(r.start() as i64), Value::Int(r.end() as i64 + 1))).collect();
    Ok(vm.list(&pairs))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("make-regexp", 1, None, make_regexp),
    ("%unicode-class-ranges", 1, Some(1), unicode_class_ranges),
    ("regexp-exec", 2, Some(4), regexp_exec),
    ("regexp?", 1, Some(1), is_regexp),
    ("%regexp-source", 1, Some(1), regexp_source),
];
