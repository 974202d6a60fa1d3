//! Hashes of plain byte streams: slices, readers and files (the "flat"
//! hashes of `guix hash` / `nix-hash --flat`).

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use super::algo::{Digest, HashAlgo};
use super::chunker::{Chunker, CHUNK, PIPELINE_MIN};
use super::error::DigestError;
use super::hasher_sink::HashConsumer;

pub fn sha256_bytes(data: &[u8]) -> [u8; 32] {
    to_array(&HashAlgo::Sha256.hash_bytes(data))
}

/// Digest of everything `reader` yields.
pub fn reader_hash(mut reader: impl Read, algo: HashAlgo) -> io::Result<Digest> {
    let mut chunker = Chunker::new(HashConsumer::new(algo), CHUNK);
    while chunker.read_from(&mut reader, u64::MAX)? != 0 {}
    Ok(chunker.finish()?.digest())
}

pub fn reader_sha256(reader: impl Read) -> io::Result<[u8; 32]> {
    Ok(to_array(&reader_hash(reader, HashAlgo::Sha256)?))
}

/// Digest of a file's bytes (symlinks are followed, as `guix hash` does).
pub fn file_hash(path: impl AsRef<Path>, algo: HashAlgo) -> Result<Digest, DigestError> {
    let path = path.as_ref();
    let io_err = |source| DigestError::Io { path: path.to_owned(), source };
    let mut file = File::open(path).map_err(io_err)?;
    let size = file.metadata().map_err(io_err)?.len();
    // Size the buffer to the file so small files skip the 1 MiB buffer;
    // +1 lets the end-of-file read land without a flush.
    let capacity = usize::try_from(size.saturating_add(1)).unwrap_or(CHUNK);
    let mut chunker = Chunker::new(HashConsumer::new(algo), capacity);
    if size >= PIPELINE_MIN {
        chunker.pipe_from(&mut file, u64::MAX).map_err(io_err)?;
    } else {
        while chunker.read_from(&mut file, u64::MAX).map_err(io_err)? != 0 {}
    }
    Ok(chunker.finish().map_err(io_err)?.digest())
}

pub fn file_sha256(path: impl AsRef<Path>) -> Result<[u8; 32], DigestError> {
    Ok(to_array(&file_hash(path, HashAlgo::Sha256)?))
}

/// Sha256 digests are always 32 bytes; the default is unreachable.
fn to_array(digest: &Digest) -> [u8; 32] {
    digest.sha256_array().unwrap_or_default()
}
