//! Nix's base32: its own alphabet and a little-endian bit order, printed
//! most significant group first (see guix-semantics.md (a)).

use super::encoding::Encoding;
use super::error::DecodeError;

pub(super) const ALPHABET: &[u8; 32] = b"0123456789abcdfghijklmnpqrsvwxyz";

fn value_of(ch: char) -> Option<u16> {
    ALPHABET.iter().position(|&a| char::from(a) == ch).map(|v| v as u16)
}

/// Encode bytes the way `nix-hash --to-base32` does.
pub fn nix_base32_encode(bytes: &[u8]) -> String {
    let len = Encoding::NixBase32.encoded_len(bytes.len());
    (0..len)
        .rev()
        .map(|k| {
            let (i, j) = (k * 5 / 8, k * 5 % 8);
            let lo = u16::from(bytes[i]) >> j;
            let hi = bytes.get(i + 1).map_or(0, |&b| u16::from(b) << (8 - j));
            char::from(ALPHABET[usize::from((lo | hi) & 0x1f)])
        })
        .collect()
}

/// Decode strictly, like Nix rather than Guix: the exact encoded length of
/// `expected_len` bytes (or of some byte count when `None`), alphabet only,
/// and no bits set above the top byte.
pub fn nix_base32_decode(text: &str, expected_len: Option<usize>) -> Result<Vec<u8>, DecodeError> {
    let enc = Encoding::NixBase32;
    let len = text.chars().count();
    enc.check_len(text, len, expected_len)?;
    let n = expected_len.unwrap_or(len * 5 / 8);
    if enc.encoded_len(n) != len {
        return Err(DecodeError::WrongLength { encoding: enc, input: text.to_owned(), len, expected: None });
    }
    let mut out = vec![0u8; n];
    let mut overflow = false;
    for (pos, ch) in text.chars().enumerate() {
        let v = value_of(ch).ok_or_else(|| enc.invalid_char(text, pos, ch))?;
        // Character `pos` holds bit group k = len-1-pos; since
        // len = ceil(8n/5), byte index i = 5k/8 is always < n.
        let k = len - 1 - pos;
        let (i, j) = (k * 5 / 8, k * 5 % 8);
        out[i] |= (v << j) as u8;
        let carry = (v << j) >> 8;
        match out.get_mut(i + 1) {
            Some(next) => *next |= carry as u8,
            None => overflow |= carry != 0,
        }
    }
    if overflow {
        return Err(enc.overflow(text, n));
    }
    Ok(out)
}
