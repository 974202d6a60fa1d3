//! Printing numbers as Guile does.

use num_bigint::BigInt;

use super::Num;
use crate::value::Value;

pub fn number_to_string(v: Value, radix: u32) -> String {
    match v {
        Value::Int(i) => int_to_string(i, radix),
        Value::Float(f) => format_flonum(f),
        Value::Big(b) => b.to_str_radix(radix),
        Value::Rat(r) => format!("{}/{}", r.numer().to_str_radix(radix), r.denom().to_str_radix(radix)),
        _ => String::from("#<not-a-number>"),
    }
}

pub fn num_to_string(n: &Num, radix: u32) -> String {
    match n {
        Num::Int(i) => int_to_string(*i, radix),
        Num::Float(f) => format_flonum(*f),
        Num::Big(b) => b.to_str_radix(radix),
        Num::Rat(r) => format!("{}/{}", r.numer().to_str_radix(radix), r.denom().to_str_radix(radix)),
    }
}

fn int_to_string(i: i64, radix: u32) -> String {
    if radix == 10 {
        i.to_string()
    } else {
        BigInt::from(i).to_str_radix(radix)
    }
}

/// Shortest round-trip digits; plain notation for moderate magnitudes,
/// `1.0e21` style otherwise (Guile's choices).
pub fn format_flonum(f: f64) -> String {
    if f.is_nan() {
        return "+nan.0".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+inf.0".into() } else { "-inf.0".into() };
    }
    let abs = f.abs();
    let sci = format!("{f:e}");
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let significant = mantissa.trim_start_matches('-').replace('.', "").len();
    let plain = abs == 0.0 || (1e-3..1e7).contains(&abs) || ((1e7..1e21).contains(&abs) && significant >= 17);
    if plain {
        let s = format!("{f}");
        if s.contains('.') {
            s
        } else {
            s + ".0"
        }
    } else if mantissa.contains('.') {
        format!("{mantissa}e{exponent}")
    } else {
        format!("{mantissa}.0e{exponent}")
    }
}
