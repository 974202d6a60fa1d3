//! Safe, fast unpacking of source tarballs (.tar, .tar.gz/.tgz, .tar.xz,
//! .tar.bz2, .tar.lz), with the format taken from the magic bytes.
//!
//! Safety is by construction rather than by trusting the tar crate's
//! unpacker: every path is checked lexically (no absolute paths, no `..`),
//! every directory on the way to an entry is opened relative to its
//! parent with `O_NOFOLLOW`, files are created with `O_EXCL|O_NOFOLLOW`,
//! and symlink/hard-link targets are resolved against the tree to prove
//! they stay inside. Nothing is ever written outside the target.
//!
//! Speed: decompression runs on a helper thread while the calling thread
//! parses tar headers and writes files.
//!
//! Result: exec bits and symlinks are kept (modes pass through the umask,
//! like GNU tar run by a non-root user); setuid/setgid/sticky bits and
//! ownership are dropped; every created file, symlink and directory gets
//! the archive's mtimes on files and symlinks (directories: 1).

mod decompress;
mod error;
mod extract;
mod format;
mod paths;
mod symlinks;
mod sys;

use std::fs::File;
use std::path::Path;

pub use error::{ArchiveError, EntryProblem};
pub use format::ArchiveFormat;

/// What an unpack produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnpackStats {
    pub format: ArchiveFormat,
    pub files: u64,
    pub directories: u64,
    pub symlinks: u64,
    pub hard_links: u64,
    /// Bytes of regular-file content written.
    pub bytes: u64,
}

/// Unpack `archive` into `target` (created if missing). `progress`, when
/// given, is called on the calling thread with the number of archive
/// bytes (compressed) consumed so far.
pub fn unpack_archive(
    archive: &Path,
    target: &Path,
    progress: Option<&dyn Fn(u64)>,
) -> Result<UnpackStats, ArchiveError> {
    let open_err = |source| ArchiveError::Open { path: archive.to_owned(), source };
    let mut file = File::open(archive).map_err(open_err)?;
    let format = format::detect(&mut file, archive)?;
    let root = sys::open_target(target).map_err(|source| ArchiveError::Target { path: target.to_owned(), source })?;
    let reader = decompress::spawn(file, format, progress).map_err(open_err)?;
    extract::extract(reader, root, archive, format)
}
