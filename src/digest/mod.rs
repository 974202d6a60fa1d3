//! Hashing primitives with Nix/Guix semantics: SHA-1/256/512 over bytes,
//! readers and files; nix-base32 and the other `guix hash -f` encodings;
//! NAR serialisation and nar hashes; store-path hash compression.
//!
//! Everything streams through one fixed buffer, so memory does not grow
//! with input size.

mod algo;
mod base16;
mod base32;
mod base64;
mod chunker;
mod encoding;
mod error;
mod flat;
mod hasher_sink;
mod nar;
mod nix_base32;
mod store_path;

pub use algo::{Digest, HashAlgo, Hasher, UnknownAlgo};
pub use encoding::{Encoding, UnknownEncoding};
pub use error::{DecodeError, DigestError};
pub use flat::{file_hash, file_sha256, reader_hash, reader_sha256, sha256_bytes};
pub use nar::{nar_hash, nar_hash_modulo, nar_hash_reporting, nar_sha256, write_nar};
pub use nix_base32::{nix_base32_decode, nix_base32_encode};
pub use store_path::{compress_hash, store_path_hash};
