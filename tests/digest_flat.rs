//! Flat (plain byte) hashes of files and readers against nix-hash --flat.

mod common;
mod hashing_support;

use common::tarball;
use guix0::digest::{
    file_hash, file_sha256, nix_base32_encode, reader_hash, reader_sha256, sha256_bytes, DigestError, HashAlgo,
};
use hashing_support::nix_flat_hash;
use std::fs;

#[test]
fn files_match_nix_hash_flat() {
    let tmp = tempfile::tempdir().unwrap();
    for size in [0usize, 1, 7, 8, 9, 4096, 262_143, 262_144, 262_145, 3 << 20] {
        let p = tmp.path().join(format!("f{size}"));
        let data: Vec<u8> = (0..size).map(|i| (i * 131 % 251) as u8).collect();
        fs::write(&p, &data).unwrap();
        let ours = nix_base32_encode(&file_sha256(&p).unwrap());
        assert_eq!(ours, nix_flat_hash(&p), "size {size}");
        assert_eq!(file_sha256(&p).unwrap(), sha256_bytes(&data));
        assert_eq!(reader_sha256(&data[..]).unwrap(), sha256_bytes(&data));
        assert_eq!(reader_hash(&data[..], HashAlgo::Sha1).unwrap(), file_hash(&p, HashAlgo::Sha1).unwrap());
    }
}

#[test]
fn errors_name_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("no-such-file");
    let err = file_sha256(&missing).unwrap_err();
    assert!(matches!(err, DigestError::Io { .. }));
    assert!(err.to_string().contains("no-such-file"), "{err}");
    let err = file_sha256(tmp.path()).unwrap_err();
    assert!(err.to_string().contains(&tmp.path().display().to_string()), "{err}");
}

#[test]
fn hello_tarball_has_the_guix_hash() {
    let path = tarball("hello_2.10.orig.tar.gz");
    assert_eq!(nix_base32_encode(&file_sha256(&path).unwrap()), "0ssi1wpaf7plaswqqjwigppsg5fyh99vdlb9kzl7c9lng89ndq1i");
}
