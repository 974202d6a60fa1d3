//! Number syntax: `#x #b #o #d #e #i` prefixes, integers of any size,
//! rationals, decimals with exponents, and the IEEE specials.

use std::borrow::Cow;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Num as _, Zero};

use super::Num;

#[derive(Clone, Copy, PartialEq)]
enum Exactness {
    Unspecified,
    Exact,
    Inexact,
}

/// Parse `text` as a number, or `None` if it is not number syntax (the
/// reader then makes it a symbol).
pub fn parse_number(text: &str, default_radix: u32) -> Option<Num> {
    // The reader tries every atom as a number: answer the common cases, a
    // short decimal integer and a name, at once.
    match text.as_bytes() {
        [b'0'..=b'9', digits @ ..]
            if default_radix == 10 && digits.len() < 18 && digits.iter().all(u8::is_ascii_digit) =>
        {
            return text.parse().ok().map(Num::Int);
        }
        [b'a'..=b'z'
        | b'A'..=b'Z'
        | b'*'
        | b'%'
        | b'!'
        | b'?'
        | b'<'
        | b'>'
        | b'='
        | b'/'
        | b'_'
        | b'~'
        | b'^'
        | b':', ..]
            if default_radix == 10 =>
        {
            return None;
        }
        _ => {}
    }
    let mut radix = default_radix;
    let mut exactness = Exactness::Unspecified;
    let mut rest = text;
    // At most one radix and one exactness prefix (`#e#i3/4` is no number).
    let (mut radix_given, mut exactness_given) = (false, false);
    while let [b'#', letter, ..] = rest.as_bytes() {
        let letter = letter.to_ascii_lowercase();
        let is_radix = matches!(letter, b'x' | b'b' | b'o' | b'd');
        if (is_radix && radix_given) || (matches!(letter, b'e' | b'i') && exactness_given) {
            return None;
        }
        match letter {
            b'x' => radix = 16,
            b'b' => radix = 2,
            b'o' => radix = 8,
            b'd' => radix = 10,
            b'e' => exactness = Exactness::Exact,
            b'i' => exactness = Exactness::Inexact,
            _ => break,
        }
        radix_given |= is_radix;
        exactness_given |= !is_radix;
        rest = &rest[2..];
    }
    let (rest, unknown_digits) = r5rs_to_plain(rest, radix)?;
    let rest = rest.as_ref();
    if unknown_digits && exactness == Exactness::Unspecified {
        exactness = Exactness::Inexact;
    }
    if matches!(exactness, Exactness::Exact) && radix == 10 {
        // `#e0.1` is 1/10, not the binary fraction nearest 0.1.
        if let Some(n) = exact_decimal(rest) {
            return Some(n);
        }
    }
    let n = parse_real(rest, radix)?;
    Some(match exactness {
        Exactness::Exact => super::to_exact(&n)?,
        Exactness::Inexact => Num::Float(n.to_f64()),
        Exactness::Unspecified => n,
    })
}

/// The R5RS number syntax Guile still reads, rewritten to the plain one:
/// `#` for a digit not known, after the known ones (`12#` is 120, and
/// makes the number inexact), and the exponent markers `s f d l` beside
/// `e` in decimals. Also says whether there was a `#`; `None` for a `#`
/// where no digit may stand.
fn r5rs_to_plain(text: &str, radix: u32) -> Option<(Cow<'_, str>, bool)> {
    let marker = |c: u8| radix == 10 && matches!(c.to_ascii_lowercase(), b's' | b'f' | b'd' | b'l');
    let bytes = text.as_bytes();
    if !bytes.iter().any(|&c| c == b'#' || marker(c)) {
        return Some((Cow::Borrowed(text), false));
    }
    let mut plain = Vec::with_capacity(bytes.len());
    let (mut hashes, mut in_hashes) = (false, false);
    for (i, &c) in bytes.iter().enumerate() {
        let before = plain.last().copied();
        let after = bytes.get(i + 1).copied();
        match c {
            b'#' => {
                // After a digit or `#`, with perhaps a dot between.
                let digit = |b: Option<u8>| b.is_some_and(|b| (b as char).is_digit(radix));
                let after_dot = before == Some(b'.') && digit(plain.iter().rev().nth(1).copied());
                if !(digit(before) || after_dot || in_hashes) {
                    return None;
                }
                plain.push(b'0');
                (hashes, in_hashes) = (true, true);
            }
            _ if marker(c)
                && before.is_some_and(|b| b.is_ascii_digit() || b == b'.')
                && after.is_some_and(|a| a.is_ascii_digit() || a == b'+' || a == b'-') =>
            {
                plain.push(b'e');
                in_hashes = false;
            }
            // No known digit after an unknown one.
            _ if in_hashes && (c as char).is_digit(radix) => return None,
            b'.' => plain.push(c),
            _ => {
                plain.push(c);
                in_hashes = false;
            }
        }
    }
    Some((Cow::Owned(String::from_utf8(plain).ok()?), hashes))
}

fn parse_real(text: &str, radix: u32) -> Option<Num> {
    match text {
        "+inf.0" => return Some(Num::Float(f64::INFINITY)),
        "-inf.0" => return Some(Num::Float(f64::NEG_INFINITY)),
        "+nan.0" | "-nan.0" => return Some(Num::Float(f64::NAN)),
        _ => {}
    }
    let (negative, digits) = match text.as_bytes().first()? {
        b'+' => (false, &text[1..]),
        b'-' => (true, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() {
        return None;
    }
    let sign = |n: Num| if negative { super::negate(&n) } else { n };
    if let Some((num, den)) = digits.split_once('/') {
        let n = parse_uint(num, radix)?;
        let d = parse_uint(den, radix)?;
        if d.is_zero() {
            return None;
        }
        return Some(sign(Num::Rat(BigRational::new(n, d)).normalize()));
    }
    if let Some(i) = parse_uint(digits, radix) {
        return Some(sign(Num::Big(i).normalize()));
    }
    if radix != 10 {
        return None;
    }
    parse_decimal(digits).map(|f| Num::Float(if negative { -f } else { f }))
}

/// A decimal such as `-1.25e3` as the exact number it names, or `None` if
/// `text` is not a decimal with a dot or an exponent.
fn exact_decimal(text: &str) -> Option<Num> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'+' => (false, &text[1..]),
        b'-' => (true, &text[1..]),
        _ => (false, text),
    };
    parse_decimal(digits)?;
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(i) => (&digits[..i], digits[i + 1..].parse::<i64>().ok()?),
        None => (digits, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let scale = exponent.checked_sub(fraction.len() as i64)?;
    // Beyond this the exact value would not fit in memory anyway.
    if scale.abs() > 100_000 {
        return None;
    }
    let mut n = BigRational::from_integer(format!("{whole}{fraction}").parse::<BigInt>().unwrap_or_default());
    let power = BigRational::from_integer(BigInt::from(10).pow(scale.unsigned_abs() as u32));
    n = if scale >= 0 { n * power } else { n / power };
    if negative {
        n = -n;
    }
    Some(Num::Rat(n).normalize())
}

fn parse_uint(text: &str, radix: u32) -> Option<BigInt> {
    if text.is_empty() || !text.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    if text.len() <= 15 {
        return i64::from_str_radix(text, radix).ok().map(BigInt::from);
    }
    BigInt::from_str_radix(text, radix).ok()
}

/// `1.5`, `.5`, `5.`, `1e3`, `1.5e-7`: digits with at most one dot and an
/// optional exponent; at least one digit in the mantissa.
fn parse_decimal(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut mantissa_digits = 0;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
        mantissa_digits += 1;
    }
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
            mantissa_digits += 1;
        }
    }
    if mantissa_digits == 0 {
        return None;
    }
    if i < bytes.len() && matches!(bytes[i], b'e' | b'E') {
        i += 1;
        if i < bytes.len() && matches!(bytes[i], b'+' | b'-') {
            i += 1;
        }
        let exp_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return None;
        }
    }
    if i != bytes.len() {
        return None;
    }
    text.parse::<f64>().ok()
}
