//! `(ice-9 regex)` primitives on the `regex` crate. POSIX extended syntax
//! as Guix code writes it works (bracket classes like `[[:space:]]`
//! included); one difference from POSIX: alternation is leftmost-first,
//! not leftmost-longest (`a|ab` matches "a" in "ab").
//!
//! A match is the vector Guile uses: `#(string (start . end) ...)`, with
//! `(-1 . -1)` for a group that did not participate; offsets count
//! characters.

use regex::{Regex, RegexBuilder};

use super::{expect_string, optional};
use crate::prims;
use crate::value::{OpaqueData, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

const REGEXP_ICASE: i64 = 1;
const REGEXP_NEWLINE: i64 = 4;
const REGEXP_EXTENDED: i64 = 2;

struct Regexp {
    regex: Regex,
    source: String,
}

impl OpaqueData for Regexp {
    fn type_name(&self) -> &'static str {
        "regexp"
    }
}

/// POSIX spellings the regex crate does not take as they are.
fn translate(pattern: &str) -> String {
    // `\<` / `\>` (GNU word boundaries) → `\b`.
    pattern.replace("\\<", "\\b").replace("\\>", "\\b")
}

/// How many compiled expressions are kept for reuse.
const CACHE_SIZE: usize = 256;

thread_local! {
    /// Compiled expressions by (pattern, flags): `string-match`, `list-matches`
    /// and `regexp-substitute/global` take patterns as strings, and the
    /// regex crate's compilation costs far more than a POSIX regcomp.
    static CACHE: std::cell::RefCell<std::collections::HashMap<(String, i64), Regex>> = Default::default();
}

fn compile(pattern: &str, flags: i64) -> PResult<Regexp> {
    let key = (pattern.to_owned(), flags);
    if let Some(regex) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(Regexp { regex, source: key.0 });
    }
    let regex = compile_uncached(pattern, flags)?;
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= CACHE_SIZE {
            cache.clear();
        }
        cache.insert(key.clone(), regex.clone());
    });
    Ok(Regexp { regex, source: key.0 })
}

fn compile_uncached(pattern: &str, flags: i64) -> PResult<Regex> {
    let regex = RegexBuilder::new(&translate(pattern))
        .case_insensitive(flags & REGEXP_ICASE != 0)
        .multi_line(flags & REGEXP_NEWLINE != 0)
        .dot_matches_new_line(flags & REGEXP_NEWLINE == 0)
        .build()
        .map_err(|e| {
            let mut t =
                Throw::new("regular-expression-syntax", Some("make-regexp"), "invalid regular expression ~S", vec![]);
            t.message =
                format!("invalid regular expression {pattern:?}: {}", e.to_string().lines().last().unwrap_or(""));
            t
        })?;
    Ok(regex)
}

fn make_regexp(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let pattern = expect_string("make-regexp", 1, a[0])?.to_string();
    let flags = a[1..].iter().map(|f| super::expect_int("make-regexp", 2, *f)).sum::<PResult<i64>>()?;
    let rx = compile(&pattern, flags)?;
    Ok(vm.make_opaque(rx))
}

fn char_offset(text: &str, byte: usize) -> i64 {
    if text.is_ascii() {
        byte as i64
    } else {
        text[..byte].chars().count() as i64
    }
}

fn byte_offset(text: &str, chars: usize) -> Option<usize> {
    if text.is_ascii() {
        return (chars <= text.len()).then_some(chars);
    }
    text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).nth(chars)
}

/// `(regexp-exec rx string [start])`.
fn regexp_exec(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let Value::Opaque(o) = a[0] else { return Err(Throw::wrong_type("regexp-exec", 1, "regexp", a[0])) };
    let Some(rx) = o.downcast::<Regexp>() else { return Err(Throw::wrong_type("regexp-exec", 1, "regexp", a[0])) };
    let s = expect_string("regexp-exec", 2, a[1])?;
    let text = s.to_string();
    let start = match optional(a, 2) {
        Some(v) => super::expect_index("regexp-exec", 3, v)?,
        None => 0,
    };
    let Some(from) = byte_offset(&text, start) else { return Err(Throw::out_of_range("regexp-exec", 3, a[2])) };
    let Some(caps) = rx.regex.captures_at(&text, from) else { return Ok(Value::FALSE) };
    let mut items = vec![a[1]];
    for group in caps.iter() {
        items.push(match group {
            Some(m) => vm.cons(Value::Int(char_offset(&text, m.start())), Value::Int(char_offset(&text, m.end()))),
            None => vm.cons(Value::Int(-1), Value::Int(-1)),
        });
    }
    Ok(vm.make_vector(items))
}

fn is_regexp(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Bool(matches!(a[0], Value::Opaque(o) if o.downcast::<Regexp>().is_some())))
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

/// Flag values, defined as Scheme variables by the boot library.
pub const FLAGS: &[(&str, i64)] =
    &[("regexp/icase", REGEXP_ICASE), ("regexp/newline", REGEXP_NEWLINE), ("regexp/extended", REGEXP_EXTENDED)];
