//! Strings, symbols and keywords.

use super::{expect_char, expect_index, expect_list, expect_string, expect_symbol, optional, text_of};
use crate::prims;
use crate::value::{SString, Symbol, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;
use unicode_normalization::UnicodeNormalization;

fn new_string(vm: &mut Vm, s: String) -> Value {
    Value::Str(vm.heap.alloc(SString::new(s)))
}

fn is_string(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Str(_))))
}

fn make_string(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let n = super::expect_length("make-string", 1, a[0], 4)?;
    let c = match optional(a, 1) {
        Some(c) => expect_char("make-string", 2, c)?,
        None => ' ',
    };
    let mut text = String::new();
    text.try_reserve_exact(n.saturating_mul(c.len_utf8()))
        .map_err(|_| super::out_of_memory("make-string", n.saturating_mul(c.len_utf8())))?;
    text.extend(std::iter::repeat_n(c, n));
    Ok(new_string(vm, text))
}

fn string(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let mut s = String::new();
    for (i, v) in a.iter().enumerate() {
        s.push(expect_char("string", i + 1, *v)?);
    }
    Ok(new_string(vm, s))
}

fn string_length(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Int(expect_string("string-length", 1, a[0])?.char_len() as i64))
}

fn string_ref(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s = expect_string("string-ref", 1, a[0])?;
    let k = expect_index("string-ref", 2, a[1])?;
    s.char_at(k).map(Value::Char).ok_or_else(|| Throw::out_of_range("string-ref", 2, a[1]))
}

fn string_set(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s = expect_string("string-set!", 1, a[0])?;
    let k = expect_index("string-set!", 2, a[1])?;
    let c = expect_char("string-set!", 3, a[2])?;
    if !s.set_char(k, c) {
        return Err(Throw::out_of_range("string-set!", 2, a[1]));
    }
    Ok(Value::Unspecified)
}

/// Character range [start, end) of a string argument, as byte offsets.
fn byte_range(who: &str, s: &SString, a: &[Value], start_pos: usize) -> PResult<(usize, usize)> {
    let len = s.char_len();
    let start = match optional(a, start_pos) {
        Some(v) => expect_index(who, start_pos + 1, v)?,
        None => 0,
    };
    let end = match optional(a, start_pos + 1) {
        Some(v) => expect_index(who, start_pos + 2, v)?,
        None => len,
    };
    if end > len {
        return Err(Throw::out_of_range(who, start_pos + 2, a[start_pos + 1]));
    }
    if start > end {
        return Err(Throw::out_of_range(who, start_pos + 1, a[start_pos]));
    }
    match (s.byte_offset(start), s.byte_offset(end)) {
        (Some(b), Some(e)) => Ok((b, e)),
        _ => Err(Throw::out_of_range(who, start_pos + 1, a[start_pos])),
    }
}

fn substring(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s = expect_string("substring", 1, a[0])?;
    let (b, e) = byte_range("substring", &s, a, 1)?;
    let sub = s.borrow()[b..e].to_string();
    Ok(new_string(vm, sub))
}

fn string_copy(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s = expect_string("string-copy", 1, a[0])?;
    let (b, e) = byte_range("string-copy", &s, a, 1)?;
    let sub = s.borrow()[b..e].to_string();
    Ok(new_string(vm, sub))
}

fn string_append(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let mut out = String::new();
    let total = a.iter().map(|v| if let Value::Str(s) = v { s.borrow().len() } else { 0 }).sum::<usize>();
    out.try_reserve_exact(total).map_err(|_| super::out_of_memory("string-append", total))?;
    for (i, v) in a.iter().enumerate() {
        out.push_str(&expect_string("string-append", i + 1, *v)?.borrow());
    }
    Ok(new_string(vm, out))
}

fn string_to_list(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s = expect_string("string->list", 1, a[0])?;
    let (b, e) = byte_range("string->list", &s, a, 1)?;
    let chars: Vec<Value> = s.borrow()[b..e].chars().map(Value::Char).collect();
    Ok(vm.list(&chars))
}

fn list_to_string(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let mut out = String::new();
    for v in expect_list("list->string", 1, a[0])? {
        out.push(expect_char("list->string", 1, v)?);
    }
    Ok(new_string(vm, out))
}

fn string_fill(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s = expect_string("string-fill!", 1, a[0])?;
    let c = expect_char("string-fill!", 2, a[1])?;
    let (b, e) = byte_range("string-fill!", &s, a, 2)?;
    let text = s.to_string();
    let n = text[b..e].chars().count();
    let new = format!("{}{}{}", &text[..b], std::iter::repeat_n(c, n).collect::<String>(), &text[e..]);
    s.replace(new);
    Ok(Value::Unspecified)
}

/// `(string-copy! to at from [start end])`.
fn string_copy_bang(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let to = expect_string("string-copy!", 1, a[0])?;
    let at = expect_index("string-copy!", 2, a[1])?;
    let from = expect_string("string-copy!", 3, a[2])?;
    let (b, e) = byte_range("string-copy!", &from, a, 3)?;
    let piece: Vec<char> = from.borrow()[b..e].chars().collect();
    let mut chars: Vec<char> = to.borrow().chars().collect();
    if at + piece.len() > chars.len() {
        return Err(Throw::out_of_range("string-copy!", 2, a[1]));
    }
    chars[at..at + piece.len()].copy_from_slice(&piece);
    to.replace(chars.into_iter().collect());
    Ok(Value::Unspecified)
}

fn compare(who: &'static str, a: &[Value], fold: bool, ok: fn(std::cmp::Ordering) -> bool) -> PResult<Value> {
    let texts = a
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let s = expect_string(who, i + 1, *v)?.to_string();
            Ok(if fold { s.chars().map(super::chars::string_ci_fold).collect() } else { s })
        })
        .collect::<PResult<Vec<String>>>()?;
    Ok(Value::boolean(texts.windows(2).all(|w| ok(w[0].cmp(&w[1])))))
}

macro_rules! string_cmp {
    ($($f:ident = $name:expr, $fold:expr, $ok:expr);* $(;)?) => {
        $(fn $f(_: &mut Vm, a: &[Value]) -> PResult<Value> { compare($name, a, $fold, $ok) })*
    };
}
use std::cmp::Ordering::{Equal, Greater, Less};
string_cmp! {
    string_eq = "string=?", false, |o| o == Equal;
    string_lt = "string<?", false, |o| o == Less;
    string_gt = "string>?", false, |o| o == Greater;
    string_le = "string<=?", false, |o| o != Greater;
    string_ge = "string>=?", false, |o| o != Less;
    string_ci_eq = "string-ci=?", true, |o| o == Equal;
    string_ci_lt = "string-ci<?", true, |o| o == Less;
    string_ci_gt = "string-ci>?", true, |o| o == Greater;
    string_ci_le = "string-ci<=?", true, |o| o != Greater;
    string_ci_ge = "string-ci>=?", true, |o| o != Less;
}

/// `string-normalize-nfc` and the other Unicode normal forms.
fn normalized(who: &str, vm: &mut Vm, a: &[Value], form: impl FnOnce(std::str::Chars<'_>) -> String) -> PResult<Value> {
    let text = form(expect_string(who, 1, a[0])?.borrow().chars());
    Ok(new_string(vm, text))
}
fn string_normalize_nfc(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    normalized("string-normalize-nfc", vm, a, |s| s.nfc().collect())
}
fn string_normalize_nfd(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    normalized("string-normalize-nfd", vm, a, |s| s.nfd().collect())
}
fn string_normalize_nfkc(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    normalized("string-normalize-nfkc", vm, a, |s| s.nfkc().collect())
}
fn string_normalize_nfkd(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    normalized("string-normalize-nfkd", vm, a, |s| s.nfkd().collect())
}

/// Character by character, as Guile maps case: "straße" upcases to
/// "STRAßE", and a final Σ downcases to σ.
fn string_upcase(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s: String =
        expect_string("string-upcase", 1, a[0])?.borrow().chars().map(super::chars::simple_upcase).collect();
    Ok(new_string(vm, s))
}
fn string_downcase(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s: String =
        expect_string("string-downcase", 1, a[0])?.borrow().chars().map(super::chars::simple_downcase).collect();
    Ok(new_string(vm, s))
}

fn string_null(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(expect_string("string-null?", 1, a[0])?.borrow().is_empty()))
}

fn string_prefix(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = expect_string("string-prefix?", 1, a[0])?;
    let s = expect_string("string-prefix?", 2, a[1])?;
    let r = s.borrow().starts_with(&*p.borrow());
    Ok(Value::boolean(r))
}
fn string_suffix(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = expect_string("string-suffix?", 1, a[0])?;
    let s = expect_string("string-suffix?", 2, a[1])?;
    let r = s.borrow().ends_with(&*p.borrow());
    Ok(Value::boolean(r))
}

/// Character index of a byte offset.
fn char_index(s: &str, byte: usize) -> i64 {
    s[..byte].chars().count() as i64
}

/// `(string-contains haystack needle [start1 end1 start2 end2])` → the
/// index in haystack where needle[start2, end2) first occurs within
/// haystack[start1, end1), or #f.
fn string_contains(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let haystack = expect_string("string-contains", 1, a[0])?;
    let needle = expect_string("string-contains", 2, a[1])?;
    let (h_start, h_end) = byte_range("string-contains", &haystack, a, 2)?;
    let (n_start, n_end) = byte_range("string-contains", &needle, a, 4)?;
    let (h, n) = (haystack.borrow(), needle.borrow());
    Ok(match h[h_start..h_end].find(&n[n_start..n_end]) {
        Some(i) => Value::Int(char_index(&h, h_start + i)),
        None => Value::FALSE,
    })
}

/// `(%string-index s char)` / `%string-rindex`: position of a character.
fn string_index_char(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s = expect_string("string-index", 1, a[0])?.to_string();
    let c = expect_char("string-index", 2, a[1])?;
    Ok(s.chars().position(|x| x == c).map(|i| Value::Int(i as i64)).unwrap_or(Value::FALSE))
}
fn string_rindex_char(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s = expect_string("string-rindex", 1, a[0])?.to_string();
    let c = expect_char("string-rindex", 2, a[1])?;
    let chars: Vec<char> = s.chars().collect();
    Ok(chars.iter().rposition(|x| *x == c).map(|i| Value::Int(i as i64)).unwrap_or(Value::FALSE))
}

/// `(%string-split s char)`.
fn string_split_char(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s = expect_string("string-split", 1, a[0])?.to_string();
    let c = expect_char("string-split", 2, a[1])?;
    let parts: Vec<Value> = s.split(c).map(|p| new_string(vm, p.to_string())).collect();
    Ok(vm.list(&parts))
}

/// `(string-join list [delimiter [grammar]])`.
fn string_join(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let items = expect_list("string-join", 1, a[0])?;
    let delim = match optional(a, 1) {
        Some(d) => expect_string("string-join", 2, d)?.to_string(),
        None => " ".into(),
    };
    let grammar = match optional(a, 2) {
        Some(Value::Symbol(s)) if matches!(s.name(), "infix" | "strict-infix" | "prefix" | "suffix") => s.name(),
        Some(other) => {
            return Err(Throw::wrong_type("string-join", 3, "grammar (infix, strict-infix, prefix or suffix)", other))
        }
        None => "infix",
    };
    if grammar == "strict-infix" && items.is_empty() {
        return Err(Throw::misc("string-join", "strict-infix grammar requires non-empty list", vec![]));
    }
    let texts =
        items.iter().map(|v| Ok(expect_string("string-join", 1, *v)?.to_string())).collect::<PResult<Vec<_>>>()?;
    let joined = match grammar {
        "prefix" => texts.iter().map(|t| format!("{delim}{t}")).collect::<String>(),
        "suffix" => texts.iter().map(|t| format!("{t}{delim}")).collect::<String>(),
        _ => texts.join(&delim),
    };
    Ok(new_string(vm, joined))
}

fn string_reverse(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s: String = expect_string("string-reverse", 1, a[0])?.borrow().chars().rev().collect();
    Ok(new_string(vm, s))
}

fn string_trim_impl(vm: &mut Vm, a: &[Value], who: &str, left: bool, right: bool) -> PResult<Value> {
    let s = expect_string(who, 1, a[0])?.to_string();
    let pred = |c: char| match optional(a, 1) {
        Some(Value::Char(x)) => c == x,
        _ => c.is_whitespace(),
    };
    let mut t: &str = &s;
    if left {
        t = t.trim_start_matches(pred);
    }
    if right {
        t = t.trim_end_matches(pred);
    }
    Ok(new_string(vm, t.to_string()))
}
fn string_trim(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    string_trim_impl(vm, a, "string-trim", true, false)
}
fn string_trim_right(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    string_trim_impl(vm, a, "string-trim-right", false, true)
}
fn string_trim_both(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    string_trim_impl(vm, a, "string-trim-both", true, true)
}

fn is_symbol(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Symbol(_))))
}
fn symbol_to_string(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s = expect_symbol("symbol->string", 1, a[0])?;
    Ok(new_string(vm, s.name().to_string()))
}
fn string_to_symbol(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Symbol(Symbol::intern(&expect_string("string->symbol", 1, a[0])?.borrow())))
}
fn symbol_append(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let mut out = String::new();
    for (i, v) in a.iter().enumerate() {
        out.push_str(expect_symbol("symbol-append", i + 1, *v)?.name());
    }
    Ok(Value::Symbol(Symbol::intern(&out)))
}
fn gensym(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let prefix = match optional(a, 0) {
        Some(v) => text_of("gensym", 1, v)?,
        None => " g".into(),
    };
    Ok(Value::Symbol(Symbol::gensym(&prefix)))
}
fn is_keyword(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Keyword(_))))
}
fn keyword_to_symbol(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    match a[0] {
        Value::Keyword(k) => Ok(Value::Symbol(k)),
        v => Err(Throw::wrong_type("keyword->symbol", 1, "keyword", v)),
    }
}
fn symbol_to_keyword(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Keyword(expect_symbol("symbol->keyword", 1, a[0])?))
}
fn keyword_to_string(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    match a[0] {
        Value::Keyword(k) => Ok(new_string(vm, k.name().to_string())),
        v => Err(Throw::wrong_type("keyword->string", 1, "keyword", v)),
    }
}
fn string_to_keyword(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Keyword(Symbol::intern(&expect_string("string->keyword", 1, a[0])?.borrow())))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("string?", 1, Some(1), is_string),
    ("make-string", 1, Some(2), make_string),
    ("string", 0, None, string),
    ("string-length", 1, Some(1), string_length),
    ("string-ref", 2, Some(2), string_ref),
    ("string-set!", 3, Some(3), string_set),
    ("substring", 2, Some(3), substring),
    ("string-copy", 1, Some(3), string_copy),
    ("string-append", 0, None, string_append),
    ("string->list", 1, Some(3), string_to_list),
    ("list->string", 1, Some(1), list_to_string),
    ("string-fill!", 2, Some(4), string_fill),
    ("string-copy!", 3, Some(5), string_copy_bang),
    ("string=?", 1, None, string_eq),
    ("string<?", 1, None, string_lt),
    ("string>?", 1, None, string_gt),
    ("string<=?", 1, None, string_le),
    ("string>=?", 1, None, string_ge),
    ("string-ci=?", 1, None, string_ci_eq),
    ("string-ci<?", 1, None, string_ci_lt),
    ("string-ci>?", 1, None, string_ci_gt),
    ("string-ci<=?", 1, None, string_ci_le),
    ("string-ci>=?", 1, None, string_ci_ge),
    ("string-upcase", 1, Some(1), string_upcase),
    ("string-normalize-nfc", 1, Some(1), string_normalize_nfc),
    ("string-normalize-nfd", 1, Some(1), string_normalize_nfd),
    ("string-normalize-nfkc", 1, Some(1), string_normalize_nfkc),
    ("string-normalize-nfkd", 1, Some(1), string_normalize_nfkd),
    ("string-downcase", 1, Some(1), string_downcase),
    ("string-null?", 1, Some(1), string_null),
    ("string-prefix?", 2, Some(2), string_prefix),
    ("string-suffix?", 2, Some(2), string_suffix),
    ("string-contains", 2, Some(6), string_contains),
    ("%string-index-char", 2, Some(2), string_index_char),
    ("%string-rindex-char", 2, Some(2), string_rindex_char),
    ("%string-split-char", 2, Some(2), string_split_char),
    ("string-join", 1, Some(3), string_join),
    ("string-reverse", 1, Some(1), string_reverse),
    ("%string-trim", 1, Some(2), string_trim),
    ("%string-trim-right", 1, Some(2), string_trim_right),
    ("%string-trim-both", 1, Some(2), string_trim_both),
    ("symbol?", 1, Some(1), is_symbol),
    ("symbol->string", 1, Some(1), symbol_to_string),
    ("string->symbol", 1, Some(1), string_to_symbol),
    ("symbol-append", 0, None, symbol_append),
    ("gensym", 0, Some(1), gensym),
    ("keyword?", 1, Some(1), is_keyword),
    ("keyword->symbol", 1, Some(1), keyword_to_symbol),
    ("symbol->keyword", 1, Some(1), symbol_to_keyword),
    ("keyword->string", 1, Some(1), keyword_to_string),
    ("string->keyword", 1, Some(1), string_to_keyword),
];
