//! Archive format detection from magic bytes; the file name is only a
//! fallback for old tar archives that carry no magic at all.

use std::fmt;
use std::fs::File;
use std::io::{self, Read, Seek};
use std::path::Path;

use super::error::ArchiveError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArchiveFormat {
    Tar,
    TarGz,
    TarXz,
    TarBz2,
    TarLzip,
}

impl fmt::Display for ArchiveFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ArchiveFormat::Tar => "tar",
            ArchiveFormat::TarGz => "gzip-compressed tar",
            ArchiveFormat::TarXz => "xz-compressed tar",
            ArchiveFormat::TarBz2 => "bzip2-compressed tar",
            ArchiveFormat::TarLzip => "lzip-compressed tar",
        })
    }
}

/// Read the first block of `file`, identify it, and rewind.
pub(super) fn detect(file: &mut File, path: &Path) -> Result<ArchiveFormat, ArchiveError> {
    let io_err = |source| ArchiveError::Open { path: path.to_owned(), source };
    let mut head = [0u8; 512];
    let n = read_up_to(file, &mut head).map_err(io_err)?;
    file.rewind().map_err(io_err)?;
    from_magic(&head[..n], path)
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

fn from_magic(head: &[u8], path: &Path) -> Result<ArchiveFormat, ArchiveError> {
    let unsupported = |what: &'static str| ArchiveError::UnsupportedFormat { path: path.to_owned(), what };
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(ArchiveFormat::TarGz)
    } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0]) {
        Ok(ArchiveFormat::TarXz)
    } else if head.starts_with(b"BZh") {
        Ok(ArchiveFormat::TarBz2)
    } else if head.starts_with(b"LZIP") {
        Ok(ArchiveFormat::TarLzip)
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Err(unsupported("zstd-compressed"))
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Err(unsupported("zip"))
    } else if head.get(257..262) == Some(b"ustar") {
        Ok(ArchiveFormat::Tar)
    } else if head.len() == 512 && path.extension().is_some_and(|e| e == "tar") {
        // Pre-POSIX (v7) tar has no magic; the header checksum is
        // verified when the entries are read.
        Ok(ArchiveFormat::Tar)
    } else {
        Err(ArchiveError::UnknownFormat { path: path.to_owned() })
    }
}
