//! Numeric procedures over the tower in `crate::number`.

use std::cmp::Ordering;

use super::{expect_int, optional, text_of};
use crate::number::{self as num, ArithError, IntDiv, Num, Rounding};
use crate::prims;
use crate::value::Value;
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

/// Map an arithmetic error to Guile's throw, with 1-based positions.
fn arith<'a>(who: &'static str, args: &'a [Value], offset: usize) -> impl Fn(ArithError) -> Box<Throw> + 'a {
    move |e| match e {
        ArithError::WrongType(pos, what) => {
            let bad = args.get(pos + offset).copied().unwrap_or(Value::Unspecified);
            Throw::wrong_type(who, pos + offset + 1, what, bad)
        }
        ArithError::DivideByZero | ArithError::Overflow => {
            Throw::new("numerical-overflow", Some(who), "Numerical overflow", vec![])
        }
    }
}

fn check_number(who: &'static str, args: &[Value]) -> PResult<()> {
    match args.iter().position(|a| !a.is_number()) {
        Some(i) => Err(Throw::wrong_type(who, i + 1, "number", args[i])),
        None => Ok(()),
    }
}

fn add(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    check_number("+", a)?;
    // Starting from the first operand, not from 0, keeps (+ -0.0) -0.0.
    let Some((&first, rest)) = a.split_first() else { return Ok(Value::Int(0)) };
    let mut acc = first;
    for (i, &x) in rest.iter().enumerate() {
        acc = num::add(&mut vm.heap, acc, x).map_err(arith("+", a, i))?;
    }
    Ok(acc)
}

fn mul(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    check_number("*", a)?;
    let mut acc = Value::Int(1);
    for (i, &x) in a.iter().enumerate() {
        acc = num::mul(&mut vm.heap, acc, x).map_err(arith("*", a, i))?;
    }
    Ok(acc)
}

fn sub(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    check_number("-", a)?;
    if a.len() == 1 {
        let n = number_arg("-", a[0])?;
        return Ok(num::negate(&n).into_value(&mut vm.heap));
    }
    let mut acc = a[0];
    for (i, &x) in a[1..].iter().enumerate() {
        acc = num::sub(&mut vm.heap, acc, x).map_err(arith("-", a, i))?;
    }
    Ok(acc)
}

fn div(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    check_number("/", a)?;
    if a.len() == 1 {
        return num::div(&mut vm.heap, Value::Int(1), a[0]).map_err(arith("/", a, 0));
    }
    let mut acc = a[0];
    for (i, &x) in a[1..].iter().enumerate() {
        acc = num::div(&mut vm.heap, acc, x).map_err(arith("/", a, i))?;
    }
    Ok(acc)
}

fn compare_chain(who: &'static str, a: &[Value], ok: fn(Ordering) -> bool) -> PResult<Value> {
    check_number(who, a)?;
    for w in a.windows(2) {
        match num::compare(w[0], w[1]).map_err(arith(who, a, 0))? {
            Some(o) if ok(o) => {}
            _ => return Ok(Value::FALSE),
        }
    }
    Ok(Value::TRUE)
}

fn num_eq(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    compare_chain("=", a, |o| o == Ordering::Equal)
}
fn lt(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    compare_chain("<", a, |o| o == Ordering::Less)
}
fn gt(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    compare_chain(">", a, |o| o == Ordering::Greater)
}
fn le(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    compare_chain("<=", a, |o| o != Ordering::Greater)
}
fn ge(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    compare_chain(">=", a, |o| o != Ordering::Less)
}

fn extremum(a: &[Value], who: &'static str, want: Ordering) -> PResult<Value> {
    check_number(who, a)?;
    if a.iter().any(|x| matches!(x, Value::Float(f) if f.is_nan())) {
        return Ok(Value::Float(f64::NAN));
    }
    let mut best = a[0];
    let mut inexact = matches!(best, Value::Float(_));
    for &x in &a[1..] {
        inexact |= matches!(x, Value::Float(_));
        if num::compare(x, best).map_err(arith(who, a, 0))? == Some(want) {
            best = x;
        }
    }
    if inexact {
        if let Some(n) = Num::from_value(best) {
            return Ok(Value::Float(n.to_f64()));
        }
    }
    Ok(best)
}
fn max(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    extremum(a, "max", Ordering::Greater)
}
fn min(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    extremum(a, "min", Ordering::Less)
}

fn int_div(vm: &mut Vm, a: &[Value], who: &'static str, op: IntDiv) -> PResult<Value> {
    num::integer_division(&mut vm.heap, a[0], a[1], op).map_err(arith(who, a, 0))
}
fn quotient(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    int_div(vm, a, "quotient", IntDiv::Quotient)
}
fn remainder(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    int_div(vm, a, "remainder", IntDiv::Remainder)
}
fn modulo(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    int_div(vm, a, "modulo", IntDiv::Modulo)
}
fn real_div(vm: &mut Vm, a: &[Value], who: &'static str, rounding: Rounding, remainder: bool) -> PResult<Value> {
    num::real_division(&mut vm.heap, a[0], a[1], rounding, remainder).map_err(arith(who, a, 0))
}
fn floor_quotient(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    real_div(vm, a, "floor-quotient", Rounding::Floor, false)
}
fn floor_remainder(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    real_div(vm, a, "floor-remainder", Rounding::Floor, true)
}
fn truncate_quotient(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    real_div(vm, a, "truncate-quotient", Rounding::Truncate, false)
}
fn truncate_remainder(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    real_div(vm, a, "truncate-remainder", Rounding::Truncate, true)
}

/// A fold's step failed on its argument `a[i]` (the accumulator is
/// always good): blame that argument.
fn at_item(e: ArithError) -> ArithError {
    match e {
        ArithError::WrongType(_, what) => ArithError::WrongType(0, what),
        other => other,
    }
}

fn gcd(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let mut acc = Value::Int(0);
    for (i, &x) in a.iter().enumerate() {
        acc = num::gcd(&mut vm.heap, acc, x).map_err(|e| arith("gcd", a, i)(at_item(e)))?;
    }
    Ok(acc)
}

fn lcm(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    if let Some(i) = a.iter().position(|&x| !num::is_integer(x)) {
        let expected = if a[i].is_number() { "integer" } else { "number" };
        return Err(Throw::wrong_type("lcm", i + 1, expected, a[i]));
    }
    // As Guile: inexact integers take part by their exact values, and
    // make the result inexact.
    let mut acc = Value::Int(1);
    for (i, &x) in a.iter().enumerate() {
        let exact = num::Num::from_value(x)
            .and_then(|n| num::to_exact(&n))
            .ok_or_else(|| arith("lcm", a, i)(ArithError::WrongType(0, "integer")))?;
        if exact.is_zero() {
            acc = Value::Int(0);
            break;
        }
        let x = exact.into_value(&mut vm.heap);
        let g = num::gcd(&mut vm.heap, acc, x).map_err(|e| arith("lcm", a, i)(at_item(e)))?;
        let part = num::integer_division(&mut vm.heap, x, g, IntDiv::Quotient).map_err(arith("lcm", a, i))?;
        let prod = num::mul(&mut vm.heap, acc, part).map_err(arith("lcm", a, 0))?;
        acc = num::abs(&mut vm.heap, prod).map_err(arith("lcm", a, 0))?;
    }
    if a.iter().any(|x| matches!(x, Value::Float(_))) {
        acc = Value::Float(num::Num::from_value(acc).map_or(f64::NAN, |n| n.to_f64()));
    }
    Ok(acc)
}

fn abs(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    num::abs(&mut vm.heap, a[0]).map_err(arith("abs", a, 0))
}

fn rounding(vm: &mut Vm, a: &[Value], who: &'static str, mode: Rounding) -> PResult<Value> {
    num::round(&mut vm.heap, a[0], mode).map_err(arith(who, a, 0))
}
fn floor(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    rounding(vm, a, "floor", Rounding::Floor)
}
fn ceiling(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    rounding(vm, a, "ceiling", Rounding::Ceiling)
}
fn round(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    rounding(vm, a, "round", Rounding::Round)
}
fn truncate(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    rounding(vm, a, "truncate", Rounding::Truncate)
}

fn expt(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    num::expt(&mut vm.heap, a[0], a[1]).map_err(arith("expt", a, 0))
}
fn sqrt(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    num::sqrt(&mut vm.heap, a[0]).map_err(arith("sqrt", a, 0))
}
fn exact_integer_sqrt(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let (s, r) = num::exact_integer_sqrt(&mut vm.heap, a[0]).map_err(arith("exact-integer-sqrt", a, 0))?;
    let mv = vm.heap.alloc(crate::value::MultipleValues { items: Box::new([s, r]) });
    Ok(Value::Values(mv))
}

fn number_arg(who: &str, v: Value) -> PResult<Num> {
    Num::from_value(v).ok_or_else(|| Throw::wrong_type(who, 1, "number", v))
}

fn exact(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let n = number_arg("inexact->exact", a[0])?;
    let e = num::to_exact(&n).ok_or_else(|| Throw::out_of_range("inexact->exact", 1, a[0]))?;
    Ok(e.into_value(&mut vm.heap))
}
fn inexact(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Float(number_arg("exact->inexact", a[0])?.to_f64()))
}

fn float_fn(who: &'static str, a: &[Value], f: fn(f64) -> f64) -> PResult<Value> {
    Ok(Value::Float(f(number_arg(who, a[0])?.to_f64())))
}
fn sinh(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    exact_at("sinh", a, 0, 0, f64::sinh)
}
fn cosh(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    exact_at("cosh", a, 0, 1, f64::cosh)
}
fn tanh(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    exact_at("tanh", a, 0, 0, f64::tanh)
}
fn asinh(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    exact_at("asinh", a, 0, 0, f64::asinh)
}
fn acosh(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    exact_at("acosh", a, 1, 0, f64::acosh)
}
fn atanh(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    exact_at("atanh", a, 0, 0, f64::atanh)
}
fn log10(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    float_fn("log10", a, f64::log10)
}
fn exp(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    float_fn("exp", a, f64::exp)
}
fn log(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let x = natural_log(&number_arg("log", a[0])?);
    if a.len() == 2 {
        return Ok(Value::Float(x / natural_log(&number_arg("log", a[1])?)));
    }
    Ok(Value::Float(x))
}

/// ln n, also for integers past the largest flonum: ln(m * 2^k) for the
/// top 64 bits m.
fn natural_log(n: &Num) -> f64 {
    match n.to_big() {
        Some(b) if b.bits() > 1000 && b.sign() == num_bigint::Sign::Plus => {
            let shift = b.bits() - 64;
            let top: num_bigint::BigInt = &b >> shift;
            num_traits::ToPrimitive::to_f64(&top).unwrap_or(f64::NAN).ln() + shift as f64 * std::f64::consts::LN_2
        }
        _ => n.to_f64().ln(),
    }
}
/// `f` on a number, except that at the exact integer `at` the result is
/// the exact `exact`, as in Guile: `(sin 0)` is 0, `(cos 0)` is 1.
fn exact_at(name: &'static str, a: &[Value], at: i64, exact: i64, f: fn(f64) -> f64) -> PResult<Value> {
    match a[0] {
        Value::Int(x) if x == at => Ok(Value::Int(exact)),
        _ => float_fn(name, a, f),
    }
}
fn sin(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    exact_at("sin", a, 0, 0, f64::sin)
}
fn cos(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    exact_at("cos", a, 0, 1, f64::cos)
}
fn tan(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    exact_at("tan", a, 0, 0, f64::tan)
}
fn asin(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    exact_at("asin", a, 0, 0, f64::asin)
}
fn acos(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    exact_at("acos", a, 1, 0, f64::acos)
}
fn atan(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    if a.len() == 2 {
        let (y, x) = (number_arg("atan", a[0])?.to_f64(), number_arg("atan", a[1])?.to_f64());
        return Ok(Value::Float(y.atan2(x)));
    }
    exact_at("atan", a, 0, 0, f64::atan)
}

fn is_number(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(a[0].is_number()))
}
fn is_rational(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(match a[0] {
        Value::Float(f) => f.is_finite(),
        v => v.is_number(),
    }))
}
fn is_integer(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(num::is_integer(a[0])))
}
fn is_exact_integer(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(num::is_exact_integer(a[0])))
}
fn is_exact(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(number_arg("exact?", a[0])?.is_exact()))
}
fn is_inexact(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(!number_arg("inexact?", a[0])?.is_exact()))
}
fn is_nan(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(number_arg("nan?", a[0])?.to_f64().is_nan()))
}
fn is_infinite(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(number_arg("infinite?", a[0])?.to_f64().is_infinite()))
}
fn is_finite(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(number_arg("finite?", a[0])?.to_f64().is_finite()))
}
fn is_zero(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(number_arg("zero?", a[0])?.is_zero()))
}
fn is_positive(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let n = number_arg("positive?", a[0])?;
    Ok(Value::boolean(!n.is_zero() && !n.is_negative() && !n.to_f64().is_nan()))
}
fn is_negative(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(number_arg("negative?", a[0])?.is_negative()))
}
fn parity(who: &'static str, v: Value) -> PResult<bool> {
    match v {
        Value::Int(i) => Ok(i % 2 == 0),
        Value::Big(b) => Ok(!b.bit(0)),
        Value::Float(f) if f.fract() == 0.0 => Ok(f % 2.0 == 0.0),
        _ => Err(Throw::wrong_type(who, 1, "integer", v)),
    }
}
fn is_even(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(parity("even?", a[0])?))
}
fn is_odd(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(!parity("odd?", a[0])?))
}

fn numerator(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(match number_arg("numerator", a[0])? {
        Num::Rat(r) => Num::Big(r.numer().clone()).into_value(&mut vm.heap),
        Num::Float(f) => match num::to_exact(&Num::Float(f)) {
            Some(Num::Rat(r)) => {
                Value::Float(num::rational_to_f64(&num_rational::BigRational::from_integer(r.numer().clone())))
            }
            _ => Value::Float(f),
        },
        _ => a[0],
    })
}
fn denominator(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(match number_arg("denominator", a[0])? {
        Num::Rat(r) => Num::Big(r.denom().clone()).into_value(&mut vm.heap),
        Num::Float(f) => match num::to_exact(&Num::Float(f)) {
            Some(Num::Rat(r)) => {
                Value::Float(num::rational_to_f64(&num_rational::BigRational::from_integer(r.denom().clone())))
            }
            _ => Value::Float(1.0),
        },
        _ => Value::Int(1),
    })
}

fn number_to_string(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let radix = match optional(a, 1) {
        Some(r) => expect_int("number->string", 2, r)? as u32,
        None => 10,
    };
    if !a[0].is_number() {
        return Err(Throw::wrong_type("number->string", 1, "number", a[0]));
    }
    if !(2..=36).contains(&radix) {
        return Err(Throw::out_of_range("number->string", 2, a[1]));
    }
    let text = num::number_to_string(a[0], radix);
    Ok(vm.make_string(&text))
}

fn string_to_number(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let text = text_of("string->number", 1, a[0])?;
    let radix = match optional(a, 1) {
        Some(r) => expect_int("string->number", 2, r)? as u32,
        None => 10,
    };
    if !(2..=36).contains(&radix) {
        return Err(Throw::out_of_range("string->number", 2, a[1]));
    }
    Ok(match num::parse_number(&text, radix) {
        Some(n) => n.into_value(&mut vm.heap),
        None => Value::FALSE,
    })
}

fn one_plus(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    num::add(&mut vm.heap, a[0], Value::Int(1)).map_err(arith("1+", a, 0))
}
fn one_minus(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    num::sub(&mut vm.heap, a[0], Value::Int(1)).map_err(arith("1-", a, 0))
}

fn int_args(who: &str, a: &[Value]) -> PResult<Vec<num_bigint::BigInt>> {
    a.iter()
        .enumerate()
        .map(|(i, v)| match v {
            Value::Int(x) => Ok(num_bigint::BigInt::from(*x)),
            Value::Big(b) => Ok((**b).clone()),
            _ => Err(Throw::wrong_type(who, i + 1, "exact integer", *v)),
        })
        .collect()
}

fn bitwise(
    vm: &mut Vm,
    a: &[Value],
    who: &str,
    init: i64,
    op: fn(i64, i64) -> i64,
    big: fn(&num_bigint::BigInt, &num_bigint::BigInt) -> num_bigint::BigInt,
) -> PResult<Value> {
    if a.iter().all(|v| matches!(v, Value::Int(_))) {
        return Ok(Value::Int(a.iter().fold(init, |acc, v| if let Value::Int(x) = v { op(acc, *x) } else { acc })));
    }
    let ints = int_args(who, a)?;
    let r = ints.iter().fold(num_bigint::BigInt::from(init), |acc, x| big(&acc, x));
    Ok(Num::Big(r).into_value(&mut vm.heap))
}
fn logand(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    bitwise(vm, a, "logand", -1, |x, y| x & y, |x, y| x & y)
}
fn logior(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    bitwise(vm, a, "logior", 0, |x, y| x | y, |x, y| x | y)
}
fn logxor(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    bitwise(vm, a, "logxor", 0, |x, y| x ^ y, |x, y| x ^ y)
}
fn lognot(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let x = int_args("lognot", a)?.remove(0);
    Ok(Num::Big(-x - 1).into_value(&mut vm.heap))
}
fn ash(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let mut ints = int_args("ash", a)?;
    let shift = expect_int("ash", 2, a[1])?;
    let x = ints.remove(0);
    // A left shift past this many bits is an overflow, as in Guile; a right
    // shift past the number's width leaves 0 or -1.
    const MAX_SHIFT: u64 = 1 << 26;
    let r = if shift >= 0 {
        if shift as u64 > MAX_SHIFT && x.sign() != num_bigint::Sign::NoSign {
            return Err(Throw::new("numerical-overflow", Some("ash"), "Numerical overflow", vec![]));
        }
        x << (shift as u64).min(MAX_SHIFT)
    } else {
        x >> shift.unsigned_abs().min(MAX_SHIFT)
    };
    Ok(Num::Big(r).into_value(&mut vm.heap))
}
/// The magnitude of an exact integer's bits: the integer itself, or for a
/// negative one its complement (-1 - n), as Guile's `integer-length` and
/// `logcount` count.
fn bits_of(who: &str, a: &[Value]) -> PResult<num_bigint::BigUint> {
    let x = int_args(who, a)?.remove(0);
    let x = if x.sign() == num_bigint::Sign::Minus { -x - 1 } else { x };
    Ok(x.into_parts().1)
}
fn integer_length(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Int(bits_of("integer-length", a)?.bits() as i64))
}
fn logcount(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Int(bits_of("logcount", a)?.count_ones() as i64))
}
fn logtest(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let r = logand(vm, a)?;
    Ok(Value::boolean(!matches!(r, Value::Int(0))))
}
fn logbit(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let k = expect_int("logbit?", 1, a[0])?;
    let ints = int_args("logbit?", &a[1..2])?;
    Ok(Value::boolean(k >= 0 && ints[0].bit(k as u64)))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("+", 0, None, add),
    ("-", 1, None, sub),
    ("*", 0, None, mul),
    ("/", 1, None, div),
    ("=", 0, None, num_eq),
    ("<", 0, None, lt),
    (">", 0, None, gt),
    ("<=", 0, None, le),
    (">=", 0, None, ge),
    ("max", 1, None, max),
    ("min", 1, None, min),
    ("quotient", 2, Some(2), quotient),
    ("remainder", 2, Some(2), remainder),
    ("modulo", 2, Some(2), modulo),
    ("truncate-quotient", 2, Some(2), truncate_quotient),
    ("truncate-remainder", 2, Some(2), truncate_remainder),
    ("floor-remainder", 2, Some(2), floor_remainder),
    ("floor-quotient", 2, Some(2), floor_quotient),
    ("gcd", 0, None, gcd),
    ("lcm", 0, None, lcm),
    ("abs", 1, Some(1), abs),
    ("magnitude", 1, Some(1), abs),
    ("floor", 1, Some(1), floor),
    ("ceiling", 1, Some(1), ceiling),
    ("round", 1, Some(1), round),
    ("truncate", 1, Some(1), truncate),
    ("expt", 2, Some(2), expt),
    ("sqrt", 1, Some(1), sqrt),
    ("exact-integer-sqrt", 1, Some(1), exact_integer_sqrt),
    ("exact", 1, Some(1), exact),
    ("inexact->exact", 1, Some(1), exact),
    ("inexact", 1, Some(1), inexact),
    ("exact->inexact", 1, Some(1), inexact),
    ("exp", 1, Some(1), exp),
    ("sinh", 1, Some(1), sinh),
    ("cosh", 1, Some(1), cosh),
    ("tanh", 1, Some(1), tanh),
    ("asinh", 1, Some(1), asinh),
    ("acosh", 1, Some(1), acosh),
    ("atanh", 1, Some(1), atanh),
    ("log10", 1, Some(1), log10),
    ("log", 1, Some(2), log),
    ("sin", 1, Some(1), sin),
    ("cos", 1, Some(1), cos),
    ("tan", 1, Some(1), tan),
    ("asin", 1, Some(1), asin),
    ("acos", 1, Some(1), acos),
    ("atan", 1, Some(2), atan),
    ("number?", 1, Some(1), is_number),
    ("complex?", 1, Some(1), is_number),
    ("real?", 1, Some(1), is_number),
    ("rational?", 1, Some(1), is_rational),
    ("integer?", 1, Some(1), is_integer),
    ("exact-integer?", 1, Some(1), is_exact_integer),
    ("exact?", 1, Some(1), is_exact),
    ("inexact?", 1, Some(1), is_inexact),
    ("nan?", 1, Some(1), is_nan),
    ("infinite?", 1, Some(1), is_infinite),
    ("finite?", 1, Some(1), is_finite),
    ("zero?", 1, Some(1), is_zero),
    ("positive?", 1, Some(1), is_positive),
    ("negative?", 1, Some(1), is_negative),
    ("even?", 1, Some(1), is_even),
    ("odd?", 1, Some(1), is_odd),
    ("numerator", 1, Some(1), numerator),
    ("denominator", 1, Some(1), denominator),
    ("number->string", 1, Some(2), number_to_string),
    ("string->number", 1, Some(2), string_to_number),
    ("1+", 1, Some(1), one_plus),
    ("1-", 1, Some(1), one_minus),
    ("logand", 0, None, logand),
    ("logior", 0, None, logior),
    ("logxor", 0, None, logxor),
    ("lognot", 1, Some(1), lognot),
    ("ash", 2, Some(2), ash),
    ("arithmetic-shift", 2, Some(2), ash),
    ("logtest", 2, Some(2), logtest),
    ("integer-length", 1, Some(1), integer_length),
    ("logcount", 1, Some(1), logcount),
    ("logbit?", 2, Some(2), logbit),
    ("bitwise-and", 0, None, logand),
    ("bitwise-ior", 0, None, logior),
    ("bitwise-xor", 0, None, logxor),
    ("bitwise-not", 1, Some(1), lognot),
];
