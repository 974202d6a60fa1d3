//! Helpers shared by the digest_* and archive_* tests: reference tools
//! (nix-hash, nix-store, GNU tar) and the real tarballs.
#![allow(dead_code)] // each test file uses a different subset

use std::path::Path;
use std::process::Command;

/// Run a reference tool, failing loudly (never skipping) when it is absent.
pub fn tool_output(program: &str, args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!(
            "cannot run {program} ({e}): the reference tools are required; \
             install them with: apt-get install nix-bin tar"
        )
    });
    assert!(out.status.success(), "{program} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// `nix-hash --type sha256 --base32 PATH`: the reference nar hash.
pub fn nix_nar_hash(path: &Path) -> String {
    let out = tool_output("nix-hash", &["--type".as_ref(), "sha256".as_ref(), "--base32".as_ref(), path.as_os_str()]);
    String::from_utf8_lossy(&out).trim().to_owned()
}

/// `nix-hash --type sha256 --flat --base32 FILE`.
pub fn nix_flat_hash(path: &Path) -> String {
    let out = tool_output(
        "nix-hash",
        &["--type".as_ref(), "sha256".as_ref(), "--flat".as_ref(), "--base32".as_ref(), path.as_os_str()],
    );
    String::from_utf8_lossy(&out).trim().to_owned()
}

/// `nix-store --dump PATH`: the reference NAR bytes.
pub fn nix_dump(path: &Path) -> Vec<u8> {
    tool_output("nix-store", &["--dump".as_ref(), path.as_os_str()])
}

pub const REAL_TARBALLS: [&str; 3] = ["hello_2.10.orig.tar.gz", "patch_2.7.6.orig.tar.xz", "bzip2_1.0.8.orig.tar.gz"];
