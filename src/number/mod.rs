//! The numeric tower: fixnums (i64) with overflow into bignums, exact
//! rationals, and flonums. `Num` is the owned form used by the reader and
//! by slow paths; `Value::Int` / `Value::Float` are the fast paths.

mod arith;
mod format;
mod parse;

pub use arith::*;
pub use format::{format_flonum, num_to_string, number_to_string};
pub use parse::parse_number;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::value::{Heap, Value};

#[derive(Clone, Debug, PartialEq)]
pub enum Num {
    Int(i64),
    Big(BigInt),
    Rat(BigRational),
    Float(f64),
}

impl Num {
    /// Bring to canonical form: integers that fit are fixnums, rationals
    /// with denominator 1 are integers.
    pub fn normalize(self) -> Num {
        match self {
            Num::Big(b) => match b.to_i64() {
                Some(i) => Num::Int(i),
                None => Num::Big(b),
            },
            Num::Rat(r) => {
                if r.denom().is_one() {
                    Num::Big(r.numer().clone()).normalize()
                } else {
                    Num::Rat(r)
                }
            }
            n => n,
        }
    }

    pub fn from_value(v: Value) -> Option<Num> {
        Some(match v {
            Value::Int(i) => Num::Int(i),
            Value::Float(f) => Num::Float(f),
            Value::Big(b) => Num::Big((*b).clone()),
            Value::Rat(r) => Num::Rat((*r).clone()),
            _ => return None,
        })
    }

    pub fn into_value(self, heap: &mut Heap) -> Value {
        match self.normalize() {
            Num::Int(i) => Value::Int(i),
            Num::Float(f) => Value::Float(f),
            Num::Big(b) => Value::Big(heap.alloc(b)),
            Num::Rat(r) => Value::Rat(heap.alloc(r)),
        }
    }

    pub fn is_exact(&self) -> bool {
        !matches!(self, Num::Float(_))
    }

    pub fn to_f64(&self) -> f64 {
        match self {
            Num::Int(i) => *i as f64,
            Num::Big(b) => b.to_f64().unwrap_or(f64::NAN),
            Num::Rat(r) => rational_to_f64(r),
            Num::Float(f) => *f,
        }
    }

    pub fn to_big(&self) -> Option<BigInt> {
        match self {
            Num::Int(i) => Some(BigInt::from(*i)),
            Num::Big(b) => Some(b.clone()),
            _ => None,
        }
    }

    pub fn to_rational(&self) -> Option<BigRational> {
        match self {
            Num::Int(i) => Some(BigRational::from_integer(BigInt::from(*i))),
            Num::Big(b) => Some(BigRational::from_integer(b.clone())),
            Num::Rat(r) => Some(r.clone()),
            Num::Float(f) => BigRational::from_float(*f),
        }
    }

    pub fn is_zero(&self) -> bool {
        match self {
            Num::Int(i) => *i == 0,
            Num::Big(b) => b.is_zero(),
            Num::Rat(r) => r.is_zero(),
            Num::Float(f) => *f == 0.0,
        }
    }

    pub fn is_negative(&self) -> bool {
        match self {
            Num::Int(i) => *i < 0,
            Num::Big(b) => b.is_negative(),
            Num::Rat(r) => r.is_negative(),
            Num::Float(f) => *f < 0.0,
        }
    }

    pub fn is_integer(&self) -> bool {
        match self {
            Num::Int(_) | Num::Big(_) => true,
            Num::Rat(_) => false,
            Num::Float(f) => f.is_finite() && f.fract() == 0.0,
        }
    }
}

/// Exact rational → nearest flonum, accurate even when numerator and
/// denominator overflow f64 on their own.
pub fn rational_to_f64(r: &BigRational) -> f64 {
    if let (Some(n), Some(d)) = (r.numer().to_f64(), r.denom().to_f64()) {
        // Both exact (below 2^53): one division, correctly rounded.
        if n.abs() < 9.0e15 && d < 9.0e15 {
            return n / d;
        }
    }
    ratio_to_f64(r.numer(), r.denom())
}

/// `n / d` (d > 0) rounded to the nearest flonum, ties to even, the
/// subnormal range included: the quotient is taken to two bits past the
/// last one the result keeps, with a sticky bit for any remainder, and
/// rounded once.
pub fn ratio_to_f64(n: &BigInt, d: &BigInt) -> f64 {
    if n.is_zero() {
        return 0.0;
    }
    let magnitude = BigInt::from(n.magnitude().clone());
    // The value lies in [2^k, 2^(k+1)).
    let e = magnitude.bits() as i64 - d.bits() as i64;
    let at_least_2e = if e >= 0 { magnitude >= (d << e as usize) } else { (&magnitude << (-e) as usize) >= *d };
    let k = if at_least_2e { e } else { e - 1 };
    if k >= 1024 {
        return if n.is_negative() { f64::NEG_INFINITY } else { f64::INFINITY };
    }
    // 53 bits for a normal result, as many as fit above 2^-1074 for a
    // subnormal one; plus two guard bits.
    let shift = 54 - k.max(-1022);
    let (q, rem) = if shift >= 0 {
        num_integer::Integer::div_rem(&(magnitude << shift as usize), d)
    } else {
        num_integer::Integer::div_rem(&magnitude, &(d << (-shift) as usize))
    };
    let q = q.to_u64().unwrap_or(u64::MAX) | u64::from(!rem.is_zero());
    let (mut mantissa, guard) = (q >> 2, q & 3);
    if guard > 2 || (guard == 2 && mantissa & 1 == 1) {
        mantissa += 1;
    }
    // mantissa * 2^(2 - shift), exactly: two steps keep each factor finite.
    let exponent = 2 - shift;
    let half = exponent / 2;
    let value = mantissa as f64 * 2f64.powi(half as i32) * 2f64.powi((exponent - half) as i32);
    if n.is_negative() {
        -value
    } else {
        value
    }
}
