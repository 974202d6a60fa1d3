//! Arithmetic over the tower. Each operation has a fixnum/flonum fast path
//! on `Value`s and a generic path over `Num`.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive};

use super::Num;
use crate::value::{Heap, Value};

#[derive(Debug)]
pub enum ArithError {
    /// The argument at this 0-based position is not a number of the right kind.
    WrongType(usize, &'static str),
    DivideByZero,
    /// An exact result too large to make.
    Overflow,
}

pub type ArithResult<T> = Result<T, ArithError>;

fn num(v: Value, pos: usize) -> ArithResult<Num> {
    Num::from_value(v).ok_or(ArithError::WrongType(pos, "number"))
}

/// Apply a binary operation at the "highest" representation of the two.
fn binop(
    a: &Num,
    b: &Num,
    int: impl Fn(i64, i64) -> Option<i64>,
    big: impl Fn(&BigInt, &BigInt) -> Num,
    rat: impl Fn(&BigRational, &BigRational) -> Num,
    flo: impl Fn(f64, f64) -> f64,
) -> Num {
    match (a, b) {
        (Num::Float(_), _) | (_, Num::Float(_)) => Num::Float(flo(a.to_f64(), b.to_f64())),
        (Num::Rat(_), _) | (_, Num::Rat(_)) => match (a.to_rational(), b.to_rational()) {
            (Some(x), Some(y)) => rat(&x, &y).normalize(),
            _ => Num::Float(f64::NAN),
        },
        (Num::Int(x), Num::Int(y)) => match int(*x, *y) {
            Some(r) => Num::Int(r),
            None => big(&BigInt::from(*x), &BigInt::from(*y)).normalize(),
        },
        _ => match (a.to_big(), b.to_big()) {
            (Some(x), Some(y)) => big(&x, &y).normalize(),
            _ => Num::Float(f64::NAN),
        },
    }
}

pub fn negate(n: &Num) -> Num {
    match n {
        Num::Int(i) => match i.checked_neg() {
            Some(r) => Num::Int(r),
            None => Num::Big(-BigInt::from(*i)),
        },
        Num::Big(b) => Num::Big(-b).normalize(),
        Num::Rat(r) => Num::Rat(-r),
        Num::Float(f) => Num::Float(-f),
    }
}

pub fn add(h: &mut Heap, a: Value, b: Value) -> ArithResult<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            if let Some(r) = x.checked_add(y) {
                return Ok(Value::Int(r));
            }
        }
        (Value::Float(x), Value::Float(y)) => return Ok(Value::Float(x + y)),
        _ => {}
    }
    let (x, y) = (num(a, 0)?, num(b, 1)?);
    Ok(binop(&x, &y, i64::checked_add, |p, q| Num::Big(p + q), |p, q| Num::Rat(p + q), |p, q| p + q).into_value(h))
}

pub fn sub(h: &mut Heap, a: Value, b: Value) -> ArithResult<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            if let Some(r) = x.checked_sub(y) {
                return Ok(Value::Int(r));
            }
        }
        (Value::Float(x), Value::Float(y)) => return Ok(Value::Float(x - y)),
        _ => {}
    }
    let (x, y) = (num(a, 0)?, num(b, 1)?);
    Ok(binop(&x, &y, i64::checked_sub, |p, q| Num::Big(p - q), |p, q| Num::Rat(p - q), |p, q| p - q).into_value(h))
}

pub fn mul(h: &mut Heap, a: Value, b: Value) -> ArithResult<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            if let Some(r) = x.checked_mul(y) {
                return Ok(Value::Int(r));
            }
        }
        (Value::Float(x), Value::Float(y)) => return Ok(Value::Float(x * y)),
        _ => {}
    }
    let (x, y) = (num(a, 0)?, num(b, 1)?);
    Ok(binop(&x, &y, i64::checked_mul, |p, q| Num::Big(p * q), |p, q| Num::Rat(p * q), |p, q| p * q).into_value(h))
}

pub fn div(h: &mut Heap, a: Value, b: Value) -> ArithResult<Value> {
    let (x, y) = (num(a, 0)?, num(b, 1)?);
    if y.is_exact() && y.is_zero() {
        return Err(ArithError::DivideByZero);
    }
    if let (Num::Float(_), _) | (_, Num::Float(_)) = (&x, &y) {
        return Ok(Value::Float(x.to_f64() / y.to_f64()));
    }
    if let (Num::Int(p), Num::Int(q)) = (&x, &y) {
        if p.checked_rem(*q) == Some(0) {
            if let Some(r) = p.checked_div(*q) {
                return Ok(Value::Int(r));
            }
        }
    }
    match (x.to_rational(), y.to_rational()) {
        (Some(p), Some(q)) => Ok(Num::Rat(p / q).into_value(h)),
        _ => Err(ArithError::WrongType(0, "number")),
    }
}

/// Numeric comparison; `None` when either side is NaN.
pub fn compare(a: Value, b: Value) -> ArithResult<Option<Ordering>> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => return Ok(Some(x.cmp(&y))),
        (Value::Float(x), Value::Float(y)) => return Ok(x.partial_cmp(&y)),
        _ => {}
    }
    let (x, y) = (num(a, 0)?, num(b, 1)?);
    Ok(compare_nums(&x, &y))
}

pub fn compare_nums(x: &Num, y: &Num) -> Option<Ordering> {
    match (x, y) {
        // Infinities compare by sign against any exact number, however large.
        (Num::Float(f), _) if f.is_infinite() && y.is_exact() => {
            Some(if *f > 0.0 { Ordering::Greater } else { Ordering::Less })
        }
        (_, Num::Float(f)) if f.is_infinite() && x.is_exact() => {
            Some(if *f > 0.0 { Ordering::Less } else { Ordering::Greater })
        }
        (Num::Float(_), _) | (_, Num::Float(_)) if x.to_f64().is_nan() || y.to_f64().is_nan() => None,
        _ => match (x.to_rational(), y.to_rational()) {
            (Some(p), Some(q)) => Some(p.cmp(&q)),
            _ => x.to_f64().partial_cmp(&y.to_f64()),
        },
    }
}

pub fn to_exact(n: &Num) -> Option<Num> {
    match n {
        Num::Float(f) if !f.is_finite() => None,
        Num::Float(f) => BigRational::from_float(*f).map(|r| Num::Rat(r).normalize()),
        other => Some(other.clone()),
    }
}

pub fn to_inexact(n: &Num) -> Num {
    Num::Float(n.to_f64())
}

fn int_arg(v: Value, pos: usize) -> ArithResult<Num> {
    let n = num(v, pos)?;
    if n.is_integer() {
        Ok(n)
    } else {
        Err(ArithError::WrongType(pos, "integer"))
    }
}

#[derive(Clone, Copy)]
pub enum IntDiv {
    Quotient,
    Remainder,
    Modulo,
    FloorQuotient,
}

/// quotient / remainder / modulo (floor-remainder) / floor-quotient.
pub fn integer_division(h: &mut Heap, a: Value, b: Value, op: IntDiv) -> ArithResult<Value> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        if y == 0 {
            return Err(ArithError::DivideByZero);
        }
        if !(x == i64::MIN && y == -1) {
            return Ok(Value::Int(match op {
                IntDiv::Quotient => x / y,
                IntDiv::Remainder => x % y,
                IntDiv::Modulo => x.mod_floor(&y),
                IntDiv::FloorQuotient => Integer::div_floor(&x, &y),
            }));
        }
    }
    let (x, y) = (int_arg(a, 0)?, int_arg(b, 1)?);
    if y.is_zero() {
        return Err(ArithError::DivideByZero);
    }
    if let (Num::Float(_), _) | (_, Num::Float(_)) = (&x, &y) {
        let (p, q) = (x.to_f64(), y.to_f64());
        let r = match op {
            IntDiv::Quotient => (p / q).trunc(),
            // As Guile: not `fmod`, which is exact where this rounds.
            IntDiv::Remainder => p - q * (p / q).trunc(),
            IntDiv::Modulo => p - q * (p / q).floor(),
            IntDiv::FloorQuotient => (p / q).floor(),
        };
        return Ok(Value::Float(r));
    }
    let (p, q) = (x.to_big().unwrap_or_default(), y.to_big().unwrap_or_default());
    let r = match op {
        IntDiv::Quotient => &p / &q,
        IntDiv::Remainder => &p % &q,
        IntDiv::Modulo => p.mod_floor(&q),
        IntDiv::FloorQuotient => Integer::div_floor(&p, &q),
    };
    Ok(Num::Big(r).into_value(h))
}

/// `floor-quotient`, `floor-remainder`, `truncate-quotient` and
/// `truncate-remainder` on any real numbers, as in Guile: two exact
/// integers divide as integers; an inexact operand makes the result
/// inexact, the quotient `round(x/y)` and the remainder `x - y*quotient`;
/// other exact numbers give an exact integer quotient and an exact
/// remainder.
pub fn real_division(h: &mut Heap, a: Value, b: Value, rounding: Rounding, remainder: bool) -> ArithResult<Value> {
    let (x, y) = (num(a, 0)?, num(b, 1)?);
    if y.is_zero() {
        return Err(ArithError::DivideByZero);
    }
    if let (Num::Float(_), _) | (_, Num::Float(_)) = (&x, &y) {
        let (p, q) = (x.to_f64(), y.to_f64());
        let quotient = round_flonum(p / q, rounding);
        return Ok(Value::Float(if remainder { p - q * quotient } else { quotient }));
    }
    if x.is_integer() && y.is_integer() {
        let op = match (rounding, remainder) {
            (Rounding::Floor, false) => Some(IntDiv::FloorQuotient),
            (Rounding::Floor, true) => Some(IntDiv::Modulo),
            (Rounding::Truncate, false) => Some(IntDiv::Quotient),
            (Rounding::Truncate, true) => Some(IntDiv::Remainder),
            _ => None,
        };
        if let Some(op) = op {
            return integer_division(h, a, b, op);
        }
    }
    let ratio = div(h, a, b)?;
    let quotient = round(h, ratio, rounding)?;
    if !remainder {
        return Ok(quotient);
    }
    let product = mul(h, b, quotient)?;
    sub(h, a, product)
}

pub fn gcd(h: &mut Heap, a: Value, b: Value) -> ArithResult<Value> {
    let (x, y) = (int_arg(a, 0)?, int_arg(b, 1)?);
    // An inexact integer is a whole number exactly: the gcd of the exact
    // values, made inexact again.
    let inexact = matches!(x, Num::Float(_)) || matches!(y, Num::Float(_));
    let exact = |n: &Num| to_exact(n).and_then(|n| n.to_big()).unwrap_or_default();
    let g = Num::Big(exact(&x).gcd(&exact(&y)));
    Ok(if inexact { Value::Float(g.to_f64()) } else { g.into_value(h) })
}

pub fn abs(h: &mut Heap, a: Value) -> ArithResult<Value> {
    if let Value::Float(f) = a {
        return Ok(Value::Float(f.abs())); // -0.0 too
    }
    let n = num(a, 0)?;
    Ok(if n.is_negative() { negate(&n) } else { n }.into_value(h))
}

#[derive(Clone, Copy)]
pub enum Rounding {
    Floor,
    Ceiling,
    Round,
    Truncate,
}

/// To the nearest integer, ties to even, as Guile rounds: a number
/// already whole stays as it is (-0.0 too), any other rounds from
/// `x + 0.5`, so that -0.4 gives 0.0, not -0.0.
fn round_like_guile(x: f64) -> f64 {
    if x == x.trunc() {
        return x;
    }
    let plus_half = x + 0.5;
    let result = plus_half.floor();
    // A tie (x + 0.5 whole) went up; back down when that is odd.
    if plus_half == result && (plus_half / 2.0).fract() != 0.0 {
        result - 1.0
    } else {
        result
    }
}

fn round_flonum(x: f64, mode: Rounding) -> f64 {
    match mode {
        Rounding::Floor => x.floor(),
        Rounding::Ceiling => x.ceil(),
        Rounding::Truncate => x.trunc(),
        Rounding::Round => round_like_guile(x),
    }
}

pub fn round(h: &mut Heap, a: Value, mode: Rounding) -> ArithResult<Value> {
    let n = num(a, 0)?;
    Ok(match n {
        Num::Int(_) | Num::Big(_) => a,
        Num::Float(f) => Value::Float(round_flonum(f, mode)),
        Num::Rat(r) => {
            let v = match mode {
                Rounding::Floor => r.floor(),
                Rounding::Ceiling => r.ceil(),
                Rounding::Truncate => r.trunc(),
                Rounding::Round => {
                    let fl = r.floor();
                    let diff = &r - &fl;
                    let half = BigRational::new(1.into(), 2.into());
                    match diff.cmp(&half) {
                        Ordering::Less => fl,
                        Ordering::Greater => fl + BigRational::from_integer(1.into()),
                        Ordering::Equal => {
                            if fl.numer().is_even() {
                                fl
                            } else {
                                fl + BigRational::from_integer(1.into())
                            }
                        }
                    }
                }
            };
            Num::Rat(v).into_value(h)
        }
    })
}

pub fn expt(h: &mut Heap, base: Value, power: Value) -> ArithResult<Value> {
    let (b, p) = (num(base, 0)?, num(power, 1)?);
    match &p {
        Num::Int(_) | Num::Big(_) if b.is_exact() => {
            let Some(e) = p.to_big() else { return Err(ArithError::WrongType(1, "number")) };
            // 0, 1 and -1 have exact powers however large the exponent.
            match b.to_big().and_then(|b| i8::try_from(b).ok()) {
                // Guile's answer for a pole, rather than an error.
                Some(0) if e.sign() == num_bigint::Sign::Minus => return Ok(Value::Float(f64::NAN)),
                Some(0) if e.sign() == num_bigint::Sign::NoSign => return Ok(Value::Int(1)),
                Some(0) => return Ok(Value::Int(0)),
                Some(1) => return Ok(Value::Int(1)),
                Some(-1) => return Ok(Value::Int(if e.bit(0) { -1 } else { 1 })),
                _ => {}
            }
            let Some(mag32) = u32::try_from(e.magnitude()).ok() else {
                return Err(ArithError::Overflow);
            };
            let negative = e.sign() == num_bigint::Sign::Minus;
            let r = match &b {
                Num::Rat(r) => Num::Rat(num_traits::pow(r.clone(), mag32 as usize)),
                other => Num::Big(num_traits::pow(other.to_big().unwrap_or_default(), mag32 as usize)),
            };
            if negative {
                if r.is_zero() {
                    return Err(ArithError::DivideByZero);
                }
                let one = Value::Int(1);
                let rv = r.into_value(h);
                div(h, one, rv)
            } else {
                Ok(r.into_value(h))
            }
        }
        Num::Int(e) => Ok(inexact_integer_power(b.to_f64(), *e)),
        _ => Ok(Value::Float(b.to_f64().powf(p.to_f64()))),
    }
}

/// An inexact base to an exact integer power, computed as Guile does so
/// that the last digit agrees: exact 1 for the power 0, NaN for zero to a
/// negative power, otherwise the reciprocal of the base for a negative
/// power, then repeated squaring.
fn inexact_integer_power(base: f64, power: i64) -> Value {
    if power == 0 {
        return Value::Int(1);
    }
    if power < 0 && base == 0.0 {
        return Value::Float(f64::NAN);
    }
    let (mut square, mut k) = if power < 0 { (1.0 / base, power.unsigned_abs()) } else { (base, power as u64) };
    let mut acc = 1.0;
    loop {
        if k & 1 == 1 {
            acc *= square;
        }
        k >>= 1;
        if k == 0 {
            return Value::Float(acc);
        }
        square *= square;
    }
}

/// Exact square root when the argument is an exact perfect square (or a
/// ratio of them), otherwise a flonum.
pub fn sqrt(h: &mut Heap, a: Value) -> ArithResult<Value> {
    let n = num(a, 0)?;
    let exact_root = |b: &BigInt| -> Option<BigInt> {
        if b.is_negative() {
            return None;
        }
        let r = b.sqrt();
        (&r * &r == *b).then_some(r)
    };
    match &n {
        Num::Int(_) | Num::Big(_) => {
            if let Some(r) = n.to_big().as_ref().and_then(exact_root) {
                return Ok(Num::Big(r).into_value(h));
            }
            // Past the largest flonum, the integer square root is as close.
            if let Some(b) = n.to_big().filter(|b| !b.is_negative() && b.bits() > 1000) {
                return Ok(Value::Float(b.sqrt().to_f64().unwrap_or(f64::INFINITY)));
            }
        }
        Num::Rat(r) => {
            if let (Some(p), Some(q)) = (exact_root(r.numer()), exact_root(r.denom())) {
                return Ok(Num::Rat(BigRational::new(p, q)).into_value(h));
            }
            // Guile's way, the root of the nearest flonum, unless the ratio
            // is outside the normal flonum range while its root may not be.
            if r.is_positive() && !super::rational_to_f64(r).is_normal() {
                return Ok(Value::Float(sqrt_of_ratio(r.numer(), r.denom())));
            }
        }
        Num::Float(_) => {}
    }
    Ok(Value::Float(n.to_f64().sqrt()))
}

/// √(n/d) for positive n and d, rounded once to the nearest flonum:
/// √(n/d) = √(n·4^j/d) / 2^j with j making the integer root some 65 bits,
/// then one more bit that is set when that root or the division was
/// inexact, so that rounding never mistakes a value just off a tie for
/// the tie.
fn sqrt_of_ratio(n: &BigInt, d: &BigInt) -> f64 {
    let j = (130 + d.bits() as i64 - n.bits() as i64).div_euclid(2);
    let (scaled, rem) = if j >= 0 { (n << (2 * j) as usize).div_rem(d) } else { n.div_rem(&(d << (-2 * j) as usize)) };
    let root = scaled.sqrt();
    let inexact = !num_traits::Zero::is_zero(&rem) || &root * &root != scaled;
    let root = (root << 1usize) + BigInt::from(u8::from(inexact));
    let j = j + 1;
    if j >= 0 {
        super::ratio_to_f64(&root, &(BigInt::from(1) << j as usize))
    } else {
        super::ratio_to_f64(&(root << (-j) as usize), &BigInt::from(1))
    }
}

/// `(exact-integer-sqrt n)` → (s, r) with s² + r = n.
pub fn exact_integer_sqrt(h: &mut Heap, a: Value) -> ArithResult<(Value, Value)> {
    let n = num(a, 0)?;
    let b = match n {
        Num::Int(_) | Num::Big(_) if !n.is_negative() => n.to_big().unwrap_or_default(),
        _ => return Err(ArithError::WrongType(0, "non-negative exact integer")),
    };
    let s = b.sqrt();
    let r = &b - &s * &s;
    Ok((Num::Big(s).into_value(h), Num::Big(r).into_value(h)))
}

pub fn to_i64(v: Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(i),
        Value::Big(b) => b.to_i64(),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some(f as i64),
        _ => None,
    }
}

pub fn is_exact_integer(v: Value) -> bool {
    matches!(v, Value::Int(_) | Value::Big(_))
}

pub fn is_integer(v: Value) -> bool {
    match v {
        Value::Int(_) | Value::Big(_) => true,
        Value::Float(f) => f.is_finite() && f.fract() == 0.0,
        _ => false,
    }
}
