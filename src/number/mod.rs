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
        if n.is_finite() && d.is_finite() && n.abs() < 9.0e15 && d < 9.0e15 {
            return n / d;
        }
    }
    // Scale so that the quotient has 64 significant bits, then shift back.
    let n_bits = r.numer().bits() as i64;
    let d_bits = r.denom().bits() as i64;
    let shift = 64 - (n_bits - d_bits);
    let scaled = if shift >= 0 {
        (r.numer() << shift as usize) / r.denom()
    } else {
        r.numer() / (r.denom() << (-shift) as usize)
    };
    scaled.to_f64().unwrap_or(f64::NAN) * 2f64.powi(-shift as i32)
}
