//! RFC 4648 base64 with the standard alphabet and `=` padding.

use super::encoding::{decode_msb_first, encode_msb_first, Encoding};
use super::error::DecodeError;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub(super) fn encode(bytes: &[u8]) -> String {
    let mut out = encode_msb_first(bytes, 6, ALPHABET);
    while !out.len().is_multiple_of(4) {
        out.push('=');
    }
    out
}

pub(super) fn decode(text: &str, expected_len: Option<usize>) -> Result<Vec<u8>, DecodeError> {
    let enc = Encoding::Base64;
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    enc.check_len(text, len, expected_len)?;
    if !len.is_multiple_of(4) {
        return Err(DecodeError::WrongLength { encoding: enc, input: text.to_owned(), len, expected: None });
    }
    // The padding length is dictated by the digest size when known;
    // otherwise it is whatever trailing `=` there are (at most two).
    let pad = match expected_len {
        Some(n) => (3 - n % 3) % 3,
        None => chars.iter().rev().take(2).take_while(|&&c| c == '=').count(),
    };
    let data = len - pad;
    let mut values = Vec::with_capacity(data);
    for (pos, &ch) in chars.iter().enumerate() {
        if pos >= data {
            if ch != '=' {
                return Err(enc.invalid_char(text, pos, ch));
            }
            continue;
        }
        let v = ALPHABET.iter().position(|&a| char::from(a) == ch).ok_or_else(|| enc.invalid_char(text, pos, ch))?;
        values.push(v as u8);
    }
    let n = len / 4 * 3 - pad;
    decode_msb_first(&values, 6).ok_or_else(|| enc.overflow(text, n))
}
