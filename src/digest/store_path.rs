//! The 32-character hash part of store paths (guix-semantics.md (c)).

use super::algo::HashAlgo;
use super::nix_base32::nix_base32_encode;

/// XOR-fold `hash` into `size` bytes (`out[i % size] ^= hash[i]`), the way
/// Nix shortens a sha256 to 160 bits. Not a truncation.
pub fn compress_hash(hash: &[u8], size: usize) -> Vec<u8> {
    let mut out = vec![0u8; size];
    if size == 0 {
        return out;
    }
    for (i, &b) in hash.iter().enumerate() {
        out[i % size] ^= b;
    }
    out
}

/// Hash part of a store path for a fingerprint such as
/// `output:out:sha256:<hex>:/gnu/store:hello-2.10.tar.gz`:
/// nix-base32 of the sha256 of the fingerprint, folded to 20 bytes.
pub fn store_path_hash(fingerprint: &str) -> String {
    let digest = HashAlgo::Sha256.hash_bytes(fingerprint.as_bytes());
    nix_base32_encode(&compress_hash(digest.as_bytes(), 20))
}
