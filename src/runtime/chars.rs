//! Characters.

use super::{expect_char, expect_int};
use crate::prims;
use crate::value::Value;
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

fn is_char(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Bool(matches!(a[0], Value::Char(_))))
}
fn char_to_integer(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Int(expect_char("char->integer", 1, a[0])? as i64))
}
fn integer_to_char(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let i = expect_int("integer->char", 1, a[0])?;
    u32::try_from(i).ok().and_then(char::from_u32).map(Value::Char).ok_or_else(|| Throw::out_of_range("integer->char", 1, a[0]))
}

fn chars(who: &str, a: &[Value], fold: bool) -> PResult<Vec<char>> {
    a.iter()
        .enumerate()
        .map(|(i, v)| {
            let c = expect_char(who, i + 1, *v)?;
            Ok(if fold { c.to_lowercase().next().unwrap_or(c) } else { c })
        })
        .collect()
}

macro_rules! char_cmp {
    ($($f:ident = $name:expr, $fold:expr, $op:tt);* $(;)?) => {
        $(fn $f(_: &mut Vm, a: &[Value]) -> PResult<Value> {
            let cs = chars($name, a, $fold)?;
            Ok(Value::Bool(cs.windows(2).all(|w| w[0] $op w[1])))
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
}

macro_rules! char_pred {
    ($($f:ident = $name:expr, $test:expr);* $(;)?) => {
        $(fn $f(_: &mut Vm, a: &[Value]) -> PResult<Value> {
            let c = expect_char($name, 1, a[0])?;
            Ok(Value::Bool($test(c)))
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

fn upcase(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let c = expect_char("char-upcase", 1, a[0])?;
    Ok(Value::Char(c.to_uppercase().next().unwrap_or(c)))
}
fn downcase(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let c = expect_char("char-downcase", 1, a[0])?;
    Ok(Value::Char(c.to_lowercase().next().unwrap_or(c)))
}
fn digit_value(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let c = expect_char("digit-value", 1, a[0])?;
    Ok(c.to_digit(10).map(|d| Value::Int(d as i64)).unwrap_or(Value::FALSE))
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
    ("char-alphabetic?", 1, Some(1), is_alphabetic),
    ("char-numeric?", 1, Some(1), is_numeric),
    ("char-whitespace?", 1, Some(1), is_whitespace),
    ("char-upper-case?", 1, Some(1), is_upper),
    ("char-lower-case?", 1, Some(1), is_lower),
    ("char-upcase", 1, Some(1), upcase),
    ("char-downcase", 1, Some(1), downcase),
    ("char-foldcase", 1, Some(1), downcase),
    ("digit-value", 1, Some(1), digit_value),
];
