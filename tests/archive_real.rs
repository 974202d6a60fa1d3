//! Real upstream tarballs (fetched by tests/fetch-tarballs.sh) unpack to
//! exactly what GNU tar produces, as far as the nar hash can tell.

mod common;
mod hashing_support;

use common::tarball;
use guix0::archive::unpack_archive;
use guix0::digest::{nar_sha256, nix_base32_encode};
use hashing_support::{nix_nar_hash, REAL_TARBALLS};
use std::process::Command;

#[test]
fn real_tarballs_match_gnu_tar() {
    for name in REAL_TARBALLS {
        let archive = tarball(name);
        let tmp = tempfile::tempdir().unwrap();
        let ours = tmp.path().join("ours");
        let theirs = tmp.path().join("gnu");
        std::fs::create_dir(&theirs).unwrap();
        let stats = unpack_archive(&archive, &ours, None).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(stats.files > 50, "{name}: {stats:?}");
        let status =
            Command::new("tar").arg("xf").arg(&archive).arg("-C").arg(&theirs).status().expect("GNU tar is required");
        assert!(status.success(), "GNU tar failed on {name}");
        let reference = nix_nar_hash(&theirs);
        assert_eq!(nix_nar_hash(&ours), reference, "{name}");
        assert_eq!(nix_base32_encode(&nar_sha256(&ours).unwrap()), reference, "{name}");
    }
}
