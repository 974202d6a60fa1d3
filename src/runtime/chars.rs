//! Characters.

use super::{expect_char, expect_int};
use crate::prims;
use crate::value::Value;
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

fn is_char(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Char(_))))
}
fn char_to_integer(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Int(expect_char("char->integer", 1, a[0])? as i64))
}
fn integer_to_char(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let i = expect_int("integer->char", 1, a[0])?;
    // Mes's end-of-file object is the character -1.
    if i == -1 {
        return Ok(Value::Eof);
    }
    u32::try_from(i)
        .ok()
        .and_then(char::from_u32)
        .map(Value::Char)
        .ok_or_else(|| Throw::out_of_range("integer->char", 1, a[0]))
}

/// Whether each character of `a` stands in `related` to the next, after
/// checking that all are characters (compared in upper case if `fold`,
/// as Guile's `char-ci` procedures do: ς and σ are both Σ).
fn chars_related(who: &str, a: &[Value], fold: bool, related: fn(char, char) -> bool) -> PResult<Value> {
    let char_at = |i: usize| -> PResult<char> {
        let c = expect_char(who, i + 1, a[i])?;
        Ok(if fold { simple_upcase(c) } else { c })
    };
    let mut all = true;
    let mut previous = char_at(0)?;
    for i in 1..a.len() {
        let c = char_at(i)?;
        all &= related(previous, c);
        previous = c;
    }
    Ok(Value::boolean(all))
}

macro_rules! char_cmp {
    ($($f:ident = $name:expr, $fold:expr, $op:tt);* $(;)?) => {
        $(fn $f(_: &mut Vm, a: &[Value]) -> PResult<Value> {
            chars_related($name, a, $fold, |x, y| x $op y)
        })*
    };
}
char_cmp! {
    char_eq = "char=?", false, ==;
    char_lt = "char<?", false, <;
    char_gt = "char>?", false, >;
    char_le = "char<=?", false, <=;
    char_ge = "char>=?", false, >=;
    char_ci_eq = "char-ci=?", true, ==;
    char_ci_lt = "char-ci<?", true, <;
    char_ci_gt = "char-ci>?", true, >;
    char_ci_le = "char-ci<=?", true, <=;
    char_ci_ge = "char-ci>=?", true, >=;
}

macro_rules! char_pred {
    ($($f:ident = $name:expr, $test:expr);* $(;)?) => {
        $(fn $f(_: &mut Vm, a: &[Value]) -> PResult<Value> {
            let c = expect_char($name, 1, a[0])?;
            Ok(Value::boolean($test(c)))
        })*
    };
}
char_pred! {
    is_alphabetic = "char-alphabetic?", |c: char| c.is_alphabetic();
    is_numeric = "char-numeric?", |c: char| c.is_numeric();
    is_whitespace = "char-whitespace?", |c: char| c.is_whitespace();
    is_upper = "char-upper-case?", |c: char| c.is_uppercase();
    is_lower = "char-lower-case?", |c: char| c.is_lowercase();
}

/// The one character `mapped` gives, or `c` itself when its case mapping
/// takes several (ß upcases to "SS"), as in Guile.
fn single(c: char, mapped: impl Iterator<Item = char>) -> char {
    let mut mapped = mapped;
    match (mapped.next(), mapped.next()) {
        (Some(m), None) => m,
        _ => c,
    }
}
/// `c` in upper case, by Unicode's one-character (simple) mapping.
pub fn simple_upcase(c: char) -> char {
    single(c, c.to_uppercase())
}
/// `c` in lower case, by Unicode's one-character (simple) mapping.
pub fn simple_downcase(c: char) -> char {
    // The one letter whose full lower-case mapping is longer (i and a
    // combining dot) but whose simple mapping is another letter.
    if c == '\u{130}' {
        return 'i';
    }
    single(c, c.to_lowercase())
}
/// `c` as Guile's `string-ci` procedures compare it: upper case, then
/// lower case, so that ς, σ and Σ are one letter, and ſ is s.
pub fn string_ci_fold(c: char) -> char {
    simple_downcase(simple_upcase(c))
}
fn upcase(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let c = expect_char("char-upcase", 1, a[0])?;
    Ok(Value::Char(simple_upcase(c)))
}
fn downcase(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let c = expect_char("char-downcase", 1, a[0])?;
    Ok(Value::Char(simple_downcase(c)))
}
/// First code points of the Unicode decimal-digit (Nd) blocks of ten.
const DIGIT_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0,
    0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620,
    0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0,
    0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x16A60, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC,
    0x1D7F6, 0x1E950,
];

fn digit_value(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let c = expect_char("digit-value", 1, a[0])? as u32;
    let zero = DIGIT_ZEROS.iter().rev().find(|z| **z <= c);
    Ok(match zero {
        Some(z) if c - z < 10 => Value::Int((c - z) as i64),
        _ => Value::FALSE,
    })
}

/// `(char-general-category c)`: its Unicode general category as a
/// symbol, `Lu`, `Nd`, `Zs`, ... (`Cn` for an unassigned code point).
fn general_category(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let c = expect_char("char-general-category", 1, a[0])?;
    let category = unicode_general_category::get_general_category(c);
    Ok(Value::Symbol(crate::value::Symbol::intern(category.abbreviation())))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("char?", 1, Some(1), is_char),
    ("char->integer", 1, Some(1), char_to_integer),
    ("integer->char", 1, Some(1), integer_to_char),
    ("char=?", 1, None, char_eq),
    ("char<?", 1, None, char_lt),
    ("char>?", 1, None, char_gt),
    ("char<=?", 1, None, char_le),
    ("char>=?", 1, None, char_ge),
    ("char-ci=?", 1, None, char_ci_eq),
    ("char-ci<?", 1, None, char_ci_lt),
    ("char-ci>?", 1, None, char_ci_gt),
    ("char-ci<=?", 1, None, char_ci_le),
    ("char-ci>=?", 1, None, char_ci_ge),
    ("char-alphabetic?", 1, Some(1), is_alphabetic),
    ("char-numeric?", 1, Some(1), is_numeric),
    ("char-whitespace?", 1, Some(1), is_whitespace),
    ("char-upper-case?", 1, Some(1), is_upper),
    ("char-lower-case?", 1, Some(1), is_lower),
    ("char-upcase", 1, Some(1), upcase),
    ("char-downcase", 1, Some(1), downcase),
    ("char-foldcase", 1, Some(1), downcase),
    ("digit-value", 1, Some(1), digit_value),
    ("char-general-category", 1, Some(1), general_category),
];
