//! Hex: lowercase out, either case in.

use super::encoding::Encoding;
use super::error::DecodeError;

pub(super) fn encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

pub(super) fn decode(text: &str, expected_len: Option<usize>) -> Result<Vec<u8>, DecodeError> {
    let enc = Encoding::Base16;
    let len = text.chars().count();
    enc.check_len(text, len, expected_len)?;
    if !len.is_multiple_of(2) {
        return Err(DecodeError::WrongLength { encoding: enc, input: text.to_owned(), len, expected: None });
    }
    let mut out = Vec::with_capacity(len / 2);
    let mut high = None;
    for (pos, ch) in text.chars().enumerate() {
        let v = ch.to_digit(16).ok_or_else(|| enc.invalid_char(text, pos, ch))? as u8;
        match high.take() {
            None => high = Some(v),
            Some(h) => out.push((h << 4) | v),
        }
    }
    Ok(out)
}
