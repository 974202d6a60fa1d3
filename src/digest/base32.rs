//! RFC 4648 base32, lowercase and unpadded, as `guix hash -f base32`
//! prints it. Not to be confused with nix-base32.

use super::encoding::{decode_msb_first, encode_msb_first, Encoding};
use super::error::DecodeError;

const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

pub(super) fn encode(bytes: &[u8]) -> String {
    encode_msb_first(bytes, 5, ALPHABET)
}

pub(super) fn decode(text: &str, expected_len: Option<usize>) -> Result<Vec<u8>, DecodeError> {
    let enc = Encoding::Base32;
    let len = text.chars().count();
    enc.check_len(text, len, expected_len)?;
    let n = len * 5 / 8;
    if enc.encoded_len(n) != len {
        return Err(DecodeError::WrongLength { encoding: enc, input: text.to_owned(), len, expected: None });
    }
    let values = text
        .chars()
        .enumerate()
        .map(|(pos, ch)| {
            ALPHABET
                .iter()
                .position(|&a| char::from(a) == ch)
                .map(|v| v as u8)
                .ok_or_else(|| enc.invalid_char(text, pos, ch))
        })
        .collect::<Result<Vec<u8>, _>>()?;
    decode_msb_first(&values, 5).ok_or_else(|| enc.overflow(text, n))
}
