//! NAR serialisation and nar hashes against the reference implementation
//! (`nix-store --dump`, `nix-hash`), on trees generated here.

mod hashing_support;

use guix0::digest::{nar_hash, nar_sha256, nix_base32_encode, write_nar, DigestError, HashAlgo};
use hashing_support::{nix_dump, nix_nar_hash};
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;

fn ours(path: &Path) -> String {
    nix_base32_encode(&nar_sha256(path).unwrap_or_else(|e| panic!("nar of {}: {e}", path.display())))
}

/// Byte-identical dump and equal hash, with a readable failure.
fn check(path: &Path) {
    let mut dump = Vec::new();
    write_nar(path, &mut dump).unwrap();
    let reference = nix_dump(path);
    if dump != reference {
        let at = dump.iter().zip(&reference).position(|(a, b)| a != b);
        panic!(
            "NAR of {} differs from nix-store --dump: lengths {} vs {}, first difference at {at:?}",
            path.display(),
            dump.len(),
            reference.len()
        );
    }
    assert_eq!(ours(path), nix_nar_hash(path), "nar hash of {}", path.display());
}

fn write(path: &Path, data: &[u8], mode: u32) {
    fs::write(path, data).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// Cheap deterministic bytes (xorshift), so big files are not all zeros.
fn pseudo_random(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn known_values_without_reference_tools() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    assert_eq!(ours(&empty), "0sjjj9z1dhilhpc8pq4154czrb79z9cm044jvn75kxcjv6v5l2m5");
    let hello = tmp.path().join("hello");
    write(&hello, b"Hello, world!\n", 0o644);
    assert_eq!(ours(&hello), "1kky6dc5n4sjgmxja7hnbzc718hf0anqj3qc3l9w9gwcifd3fjaq");
    // guix-semantics.md (b): a symlink to target-file is 128 bytes.
    let link = tmp.path().join("link");
    symlink("target-file", &link).unwrap();
    let mut dump = Vec::new();
    write_nar(&link, &mut dump).unwrap();
    assert_eq!(dump.len(), 128);
    assert_eq!(&dump[8..21], b"nix-archive-1");
    // Other algorithms hash the same stream.
    assert_eq!(
        nar_hash(&hello, HashAlgo::Sha256).unwrap().to_nix_base32(),
        "1kky6dc5n4sjgmxja7hnbzc718hf0anqj3qc3l9w9gwcifd3fjaq"
    );
    assert_eq!(nar_hash(&hello, HashAlgo::Sha512).unwrap().as_bytes().len(), 64);
}

#[test]
fn every_root_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    fs::create_dir(t.join("empty-dir")).unwrap();
    write(&t.join("file"), b"contents\n", 0o644);
    write(&t.join("empty-file"), b"", 0o644);
    write(&t.join("exec"), b"#!/bin/sh\n", 0o755);
    write(&t.join("owner-exec-only"), b"x", 0o700);
    // Only the owner x bit counts; special bits are ignored.
    write(&t.join("group-other-exec"), b"x", 0o655);
    write(&t.join("setuid"), b"x", 0o4644);
    symlink("file", t.join("symlink")).unwrap();
    symlink("does/not/exist", t.join("dangling")).unwrap();
    fs::create_dir(t.join("dir")).unwrap();
    symlink("dir", t.join("symlink-to-dir")).unwrap();
    symlink("/etc/passwd", t.join("absolute-symlink")).unwrap();
    for name in [
        "empty-dir",
        "file",
        "empty-file",
        "exec",
        "owner-exec-only",
        "group-other-exec",
        "setuid",
        "symlink",
        "dangling",
        "symlink-to-dir",
        "absolute-symlink",
    ] {
        check(&t.join(name));
    }
    check(t);
}

#[test]
fn every_file_size_mod_8_and_chunk_boundaries() {
    let tmp = tempfile::tempdir().unwrap();
    let sizes = (0..=33).chain([255, 256, 257, 4095, 4096, 4097, 65535, 65536, 65537]).chain(
        // Around the 256 KiB internal buffer.
        [262_143, 262_144, 262_145, 524_288 + 3],
    );
    for size in sizes {
        let p = tmp.path().join(format!("f{size:07}"));
        write(&p, &pseudo_random(size, size as u64), if size % 3 == 0 { 0o755 } else { 0o644 });
        check(&p);
    }
    check(tmp.path());
}

#[test]
fn names_and_sort_order() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    // Name lengths 1..255.
    let names = t.join("lengths");
    fs::create_dir(&names).unwrap();
    for len in 1..=255usize {
        let name: String = (0..len).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
        write(&names.join(name), &[len as u8], 0o644);
    }
    check(&names);
    // Sort traps: case, prefixes, punctuation below/above letters, UTF-8
    // after ASCII, and raw non-UTF-8 bytes.
    let traps = t.join("traps");
    fs::create_dir(&traps).unwrap();
    let trap_names: &[&[u8]] = &[
        b"a",
        b"A",
        b"b",
        b"B",
        b"ab",
        b"a.b",
        b"a-b",
        b"a_b",
        b"a b",
        b"aa",
        b"a0",
        b"Z",
        b"z",
        b"~",
        b"-",
        b"_",
        b"0",
        b"9",
        b".hidden",
        b"..dots",
        "é".as_bytes(),
        "e\u{301}".as_bytes(),
        "ü".as_bytes(),
        "日本".as_bytes(),
        b"\xff",
        b"\x80abc",
        b"\xc3",
        b"\x01",
        b"\x7f",
    ];
    for (i, name) in trap_names.iter().enumerate() {
        let p = traps.join(OsStr::from_bytes(name));
        if i % 2 == 0 {
            write(&p, name, 0o644);
        } else {
            fs::create_dir(&p).unwrap();
            write(&p.join(OsStr::from_bytes(name)), b"inner", 0o644);
        }
    }
    symlink(OsStr::from_bytes(b"\xff\xfe target"), traps.join("bytes-link")).unwrap();
    check(&traps);
}

#[test]
fn hard_links_deep_nesting_and_many_entries() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    write(&t.join("original"), b"shared inode\n", 0o755);
    fs::hard_link(t.join("original"), t.join("link1")).unwrap();
    fs::create_dir(t.join("sub")).unwrap();
    fs::hard_link(t.join("original"), t.join("sub/link2")).unwrap();
    // Deep nesting (Nix itself works on full paths, so stay under PATH_MAX).
    let mut deep = t.join("deep");
    for i in 0..300 {
        deep = deep.join(format!("{}", i % 10));
    }
    fs::create_dir_all(&deep).unwrap();
    write(&deep.join("bottom"), b"deep\n", 0o644);
    // Thousands of entries, spread over a few directories.
    for d in 0..4 {
        let dir = t.join(format!("many{d}"));
        fs::create_dir(&dir).unwrap();
        for i in 0..1500 {
            write(&dir.join(format!("entry-{i}")), format!("{d}/{i}").as_bytes(), 0o644);
        }
    }
    check(t);
}

#[test]
fn large_file_streams() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("large");
    write(&p, &pseudo_random(50 << 20, 42), 0o644);
    // Compare hashes only: dumping 50 MB twice into memory proves nothing more.
    assert_eq!(ours(&p), nix_nar_hash(&p));
    assert_eq!(ours(tmp.path()), nix_nar_hash(tmp.path()));
}

#[test]
fn unsupported_types_are_errors_naming_the_path() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("a-fifo");
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    // SAFETY: valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let err = nar_sha256(&fifo).unwrap_err();
    assert!(matches!(err, DigestError::UnsupportedFileType { .. }), "{err:?}");
    assert!(err.to_string().contains("a-fifo"), "{err}");
    // Also when nested, and for sockets.
    let err = nar_sha256(tmp.path()).unwrap_err();
    assert!(err.to_string().contains("a-fifo"), "{err}");
    fs::remove_file(&fifo).unwrap();
    let sock = tmp.path().join("a-socket");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let err = nar_sha256(tmp.path()).unwrap_err();
    assert!(err.to_string().contains("a-socket"), "{err}");
    assert!(err.to_string().contains("unsupported type"), "{err}");
    // A missing path names the path too.
    let err = nar_sha256(tmp.path().join("missing")).unwrap_err();
    assert!(err.to_string().contains("missing"), "{err}");
}
