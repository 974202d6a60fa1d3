//! Error types of the digest module.

use crate::vm::error::strip_os_error;
use std::fmt;
use std::io;
use std::path::PathBuf;

use super::encoding::Encoding;

/// A hash string that is not a canonical encoding of the expected digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// `ch` at 0-based character position `pos` is outside the alphabet.
    InvalidChar { encoding: Encoding, input: String, ch: char, pos: usize },
    /// `len` characters; `expected` is `None` when no digest size has
    /// that encoded length.
    WrongLength { encoding: Encoding, input: String, len: usize, expected: Option<usize> },
    /// Bits beyond the `digest_len`-byte value (or padding bits) are set,
    /// so the string is not the canonical encoding of any digest.
    Overflow { encoding: Encoding, input: String, digest_len: usize },
}

/// Inputs are echoed in messages, but a pasted megabyte should not be.
fn shorten(input: &str) -> String {
    const MAX: usize = 120;
    if input.chars().count() <= MAX {
        input.to_owned()
    } else {
        let head: String = input.chars().take(MAX).collect();
        format!("{head}…")
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::InvalidChar {
                encoding,
                input,
                ch,
                pos,
            } => write!(
                f,
                "invalid {encoding} hash '{}': character {ch:?} at position {pos} is not in the {encoding} alphabet ({})",
                shorten(input),
                encoding.alphabet_description()
            ),
            DecodeError::WrongLength {
                encoding,
                input,
                len,
                expected: Some(expected),
            } => write!(
                f,
                "invalid {encoding} hash '{}': it has {len} characters, expected {expected}",
                shorten(input)
            ),
            DecodeError::WrongLength {
                encoding,
                input,
                len,
                expected: None,
            } => write!(
                f,
                "invalid {encoding} hash '{}': no digest encodes to {len} characters",
                shorten(input)
            ),
            DecodeError::Overflow {
                encoding: Encoding::NixBase32,
                input,
                digest_len,
            } => {
                // Only the first character carries bits above the digest.
                let symbols = Encoding::NixBase32.encoded_len(*digest_len);
                let spare = (8 * digest_len)
                    .saturating_sub(5 * symbols.saturating_sub(1))
                    .min(5);
                let max = char::from(super::nix_base32::ALPHABET[(1usize << spare) - 1]);
                write!(
                    f,
                    "invalid nix-base32 hash '{}': it has bits set beyond the {digest_len}-byte digest (the first character must be between '0' and '{max}')",
                    shorten(input)
                )
            }
            DecodeError::Overflow {
                encoding,
                input,
                digest_len,
            } => write!(
                f,
                "invalid {encoding} hash '{}': the unused bits after the {digest_len}-byte value are not zero",
                shorten(input)
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Failure while hashing or serialising files.
#[derive(Debug)]
pub enum DigestError {
    /// A system call on `path` failed.
    Io { path: PathBuf, source: io::Error },
    /// A FIFO, socket or device node: NAR cannot represent it.
    UnsupportedFileType { path: PathBuf, kind: &'static str },
    /// The file got shorter between `stat` and the end of reading it.
    FileChanged { path: PathBuf },
    /// The destination of `write_nar` refused the bytes.
    Write(io::Error),
}

impl fmt::Display for DigestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DigestError::Io { path, source } => write!(f, "{}: {}", path.display(), strip_os_error(source)),
            DigestError::UnsupportedFileType { path, kind } => {
                write!(f, "file '{}' has an unsupported type ({kind})", path.display())
            }
            DigestError::FileChanged { path } => {
                write!(f, "file '{}' changed size while it was being read", path.display())
            }
            DigestError::Write(e) => write!(f, "cannot write NAR stream: {}", strip_os_error(e)),
        }
    }
}

impl std::error::Error for DigestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DigestError::Io { source, .. } | DigestError::Write(source) => Some(source),
            _ => None,
        }
    }
}
