//! Printing numbers as Guile does.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, ToPrimitive, Zero};

use super::Num;
use crate::value::Value;

pub fn number_to_string(v: Value, radix: u32) -> String {
    match v {
        Value::Int(i) => int_to_string(i, radix),
        Value::Float(f) => format_flonum_radix(f, radix),
        Value::Big(b) => b.to_str_radix(radix),
        Value::Rat(r) => format!("{}/{}", r.numer().to_str_radix(radix), r.denom().to_str_radix(radix)),
        _ => String::from("#<not-a-number>"),
    }
}

pub fn num_to_string(n: &Num, radix: u32) -> String {
    match n {
        Num::Int(i) => int_to_string(*i, radix),
        Num::Float(f) => format_flonum_radix(*f, radix),
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

/// Shortest round-trip digits, in plain notation or `1.0e21` style as
/// Guile chooses: plain for decimal exponents -3 to 6, and for larger ones
/// as long as at most three zeros stand after the digits (123456780000.0
/// is `1.2345678e11`, 12345678000.0 stays plain); `e` notation otherwise.
pub fn format_flonum(f: f64) -> String {
    if f.is_nan() {
        return "+nan.0".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+inf.0".into() } else { "-inf.0".into() };
    }
    let sci = format!("{f:e}");
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits = mantissa.trim_start_matches('-').replace('.', "").len() as i64;
    let power: i64 = exponent.parse().unwrap_or(0);
    let plain = f == 0.0 || (-3..7).contains(&power) || (power >= 7 && power + 1 - digits <= 3);
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

/// A flonum in another radix than 10: its exact value, rounded (half to
/// even) to as many digits as a double's 53 bits can touch in that radix,
/// with trailing zeros dropped; plain notation for exponents from -3 to one
/// past that precision (unless many zeros would stand for dropped digits),
/// otherwise `d.ddd` then `e` and the exponent, both in the radix, as Guile
/// writes them: `(number->string 1e20 16)` is "5.6bc75e2d631e10". For
/// radices that are powers of two the digits are Guile's; for others
/// Guile's floating-point digit loop may stop a digit earlier or later,
/// where these digits always read back as the same double.
fn format_flonum_radix(f: f64, radix: u32) -> String {
    if radix == 10 || !f.is_finite() {
        return format_flonum(f);
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0.0");
    }
    // A double's 53 bits can straddle one more digit than they fill.
    let precision = (53.0 * 2f64.ln() / f64::from(radix).ln()).floor() as usize + 2;
    let (digits, exponent) = radix_digits(f.abs(), radix, precision);
    let digit = |d: &u32| char::from_digit(*d, radix).unwrap_or('?');
    let text: String = digits.iter().map(digit).collect();
    // An integer part that would need more than three zeros after its
    // digits is written with an exponent too.
    let padding = exponent + 1 - digits.len() as i64;
    if exponent < -3 || exponent > precision as i64 + 1 || (padding > 3 && exponent > 6) {
        let (first, rest) = text.split_at(1);
        let rest = if rest.is_empty() { "0" } else { rest };
        return format!("{sign}{first}.{rest}e{}", BigInt::from(exponent).to_str_radix(radix));
    }
    if exponent < 0 {
        let zeros = "0".repeat((-exponent - 1) as usize);
        return format!("{sign}0.{zeros}{text}");
    }
    let int_len = exponent as usize + 1;
    let mut int_part = text.chars().take(int_len).collect::<String>();
    while int_part.len() < int_len {
        int_part.push('0');
    }
    let frac: String = text.chars().skip(int_len).collect();
    format!("{sign}{int_part}.{}", if frac.is_empty() { "0" } else { &frac })
}

/// The first `precision` digits of the positive finite `x` in `radix`,
/// rounded half to even, without trailing zeros, and the exponent of the
/// first (`x` is about `0.d1d2... * radix^(exponent + 1)`).
fn radix_digits(x: f64, radix: u32, precision: usize) -> (Vec<u32>, i64) {
    // x = mantissa * 2^exp exactly, as num / den.
    let bits = x.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exp) = if raw_exp == 0 { (fraction, -1074) } else { (fraction | (1 << 52), raw_exp - 1075) };
    let (mut num, mut den) = (BigInt::from(mantissa), BigInt::one());
    if exp >= 0 {
        num <<= exp as usize;
    } else {
        den <<= (-exp) as usize;
    }
    let r = BigInt::from(radix);
    // The exponent k with radix^k <= x < radix^(k+1): estimated, then fixed.
    let mut k = (x.ln() / f64::from(radix).ln()).floor() as i64;
    let scaled = |k: i64| -> (BigInt, BigInt) {
        if k >= 0 {
            (num.clone(), &den * r.pow(k as u32))
        } else {
            (&num * r.pow((-k) as u32), den.clone())
        }
    };
    loop {
        let (n, d) = scaled(k);
        if n < d {
            k -= 1;
        } else if n >= &d * &r {
            k += 1;
        } else {
            (num, den) = (n, d);
            break;
        }
    }
    let mut digits = Vec::with_capacity(precision);
    for _ in 0..precision {
        let (q, rem) = num.div_rem(&den);
        digits.push(q.to_u32().unwrap_or(0));
        num = rem * &r;
        if num.is_zero() {
            break;
        }
    }
    // `num / den` is now the rest, in units of the last digit times radix.
    let twice: BigInt = &num * 2;
    let last_odd = digits.last().is_some_and(|d| d % 2 == 1);
    let rest_cmp = twice.cmp(&(&den * &r));
    if !num.is_zero() && (rest_cmp.is_gt() || (rest_cmp.is_eq() && last_odd)) {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                digits.truncate(precision);
                k += 1;
                break;
            }
            i -= 1;
            digits[i] += 1;
            if digits[i] < radix {
                break;
            }
            digits[i] = 0;
        }
    }
    while digits.len() > 1 && digits.last() == Some(&0) {
        digits.pop();
    }
    (digits, k)
}
