//! The text encodings `guix hash -f` offers, behind one enum.

use std::fmt;
use std::str::FromStr;

use super::error::DecodeError;
use super::{base16, base32, base64, nix_base32};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// Nix's own base32 (`0-9a-z` minus `e o t u`, little-endian bits).
    NixBase32,
    /// RFC 4648 base32, lowercase, no padding (`guix hash -f base32`).
    Base32,
    /// Lowercase hex.
    Base16,
    /// RFC 4648 base64, standard alphabet, padded.
    Base64,
}

impl Encoding {
    /// The `-f` name Guix uses.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::NixBase32 => "nix-base32",
            Encoding::Base32 => "base32",
            Encoding::Base16 => "base16",
            Encoding::Base64 => "base64",
        }
    }

    pub fn encode(self, bytes: &[u8]) -> String {
        match self {
            Encoding::NixBase32 => nix_base32::nix_base32_encode(bytes),
            Encoding::Base32 => base32::encode(bytes),
            Encoding::Base16 => base16::encode(bytes),
            Encoding::Base64 => base64::encode(bytes),
        }
    }

    /// Decode strictly: alphabet only, canonical form, and exactly the
    /// encoded length of `expected_len` bytes when that is given.
    pub fn decode(self, text: &str, expected_len: Option<usize>) -> Result<Vec<u8>, DecodeError> {
        match self {
            Encoding::NixBase32 => nix_base32::nix_base32_decode(text, expected_len),
            Encoding::Base32 => base32::decode(text, expected_len),
            Encoding::Base16 => base16::decode(text, expected_len),
            Encoding::Base64 => base64::decode(text, expected_len),
        }
    }

    /// Number of characters that encode `n` bytes.
    pub fn encoded_len(self, n: usize) -> usize {
        match self {
            Encoding::NixBase32 | Encoding::Base32 => (n * 8).div_ceil(5),
            Encoding::Base16 => n * 2,
            Encoding::Base64 => n.div_ceil(3) * 4,
        }
    }

    pub(super) fn alphabet_description(self) -> &'static str {
        match self {
            Encoding::NixBase32 => "0-9 and lowercase a-z except e, o, t, u",
            Encoding::Base32 => "lowercase a-z and 2-7",
            Encoding::Base16 => "0-9, a-f, A-F",
            Encoding::Base64 => "A-Z, a-z, 0-9, +, / and trailing =",
        }
    }

    /// Length check shared by the decoders.
    pub(super) fn check_len(self, text: &str, len: usize, expected_len: Option<usize>) -> Result<(), DecodeError> {
        match expected_len {
            Some(n) if self.encoded_len(n) != len => Err(DecodeError::WrongLength {
                encoding: self,
                input: text.to_owned(),
                len,
                expected: Some(self.encoded_len(n)),
            }),
            _ => Ok(()),
        }
    }

    pub(super) fn invalid_char(self, text: &str, pos: usize, ch: char) -> DecodeError {
        DecodeError::InvalidChar { encoding: self, input: text.to_owned(), ch, pos }
    }

    pub(super) fn overflow(self, text: &str, digest_len: usize) -> DecodeError {
        DecodeError::Overflow { encoding: self, input: text.to_owned(), digest_len }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Error for an unknown `-f` format name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEncoding(pub String);

impl fmt::Display for UnknownEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unsupported hash format '{}' (expected nix-base32, base32, base16, hex or base64)", self.0)
    }
}

impl std::error::Error for UnknownEncoding {}

impl FromStr for Encoding {
    type Err = UnknownEncoding;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "nix-base32" => Ok(Encoding::NixBase32),
            "base32" => Ok(Encoding::Base32),
            "base16" | "hex" | "hexadecimal" => Ok(Encoding::Base16),
            "base64" => Ok(Encoding::Base64),
            _ => Err(UnknownEncoding(s.to_owned())),
        }
    }
}

/// RFC 4648 bit order: split `bytes` into big-endian `width`-bit groups,
/// the last one zero-extended, and map them through `alphabet`.
pub(super) fn encode_msb_first(bytes: &[u8], width: u32, alphabet: &[u8]) -> String {
    let mask = (1u32 << width) - 1;
    let mut out = String::with_capacity((bytes.len() * 8).div_ceil(width as usize));
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= width {
            bits -= width;
            out.push(char::from(alphabet[((acc >> bits) & mask) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(alphabet[((acc << (width - bits)) & mask) as usize]));
    }
    out
}

/// Inverse of [`encode_msb_first`] on already-validated symbol values.
/// Returns `None` when the spare bits of the last symbol are not zero,
/// i.e. the text is not the canonical encoding.
pub(super) fn decode_msb_first(values: &[u8], width: u32) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(values.len() * width as usize / 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &v in values {
        acc = ((acc << width) | u32::from(v)) & 0xffff;
        bits += width;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    (acc & ((1 << bits) - 1) == 0).then_some(out)
}
