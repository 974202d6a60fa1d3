//! Errors of the archive module. Every problem with an entry names it.

use std::fmt;
use std::io;
use std::path::PathBuf;

#[derive(Debug)]
pub enum ArchiveError {
    /// The archive file cannot be opened or read before unpacking starts.
    Open { path: PathBuf, source: io::Error },
    /// No known magic bytes.
    UnknownFormat { path: PathBuf },
    /// Recognised, but not a format this module unpacks.
    UnsupportedFormat { path: PathBuf, what: &'static str },
    /// The target directory cannot be created or opened.
    Target { path: PathBuf, source: io::Error },
    /// Decompression or tar parsing failed: corrupt or truncated data.
    Corrupt { path: PathBuf, source: io::Error },
    /// A specific entry was refused or could not be written.
    Entry { entry: String, problem: EntryProblem },
}

#[derive(Debug)]
pub enum EntryProblem {
    AbsolutePath,
    ParentComponent,
    NulByte,
    PathTooLong {
        len: usize,
        max: usize,
    },
    TooDeep {
        depth: usize,
        max: usize,
    },
    NameTooLong {
        max: usize,
    },
    /// A symlink whose target resolves outside the target directory.
    SymlinkEscapes {
        target: String,
    },
    /// A hard link whose target is absolute or climbs with `..`.
    HardLinkOutside {
        target: String,
    },
    /// A hard link to something that is not (yet) in the tree.
    HardLinkMissing {
        target: String,
    },
    HardLinkToDirectory {
        target: String,
    },
    /// A directory on the way to the entry is a symlink.
    ThroughSymlink {
        component: String,
    },
    /// A path component on the way to the entry is not a directory.
    NotADirectory {
        component: String,
    },
    /// A non-directory entry would replace a directory.
    ReplacesDirectory,
    UnsupportedType {
        kind: String,
    },
    /// The data stream ended before the entry's declared size.
    Truncated {
        expected: u64,
        got: u64,
    },
    Io(io::Error),
}

/// Entry names are shown lossily; hostile ones can be kilobytes long.
pub(super) fn display_name(raw: &[u8]) -> String {
    const MAX: usize = 200;
    let s = String::from_utf8_lossy(raw);
    if s.chars().count() <= MAX {
        s.into_owned()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}… ({} bytes)", raw.len())
    }
}

/// Decoder messages can quote garbage bytes from a corrupt stream: keep
/// them to one short, printable line.
fn printable(msg: &str) -> String {
    const MAX: usize = 160;
    let clean: String =
        msg.chars().map(|c| if c.is_control() || c == '\u{fffd}' { '?' } else { c }).take(MAX).collect();
    if msg.chars().count() > MAX {
        format!("{clean}…")
    } else {
        clean
    }
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArchiveError::Open { path, source } => {
                write!(f, "cannot read archive '{}': {source}", path.display())
            }
            ArchiveError::UnknownFormat { path } => {
                write!(f, "'{}' is not a tar archive (plain, gzip, xz, bzip2 or lzip)", path.display())
            }
            ArchiveError::UnsupportedFormat { path, what } => {
                write!(f, "'{}' is a {what} archive, which cannot be unpacked", path.display())
            }
            ArchiveError::Target { path, source } => {
                write!(f, "cannot use target directory '{}': {source}", path.display())
            }
            ArchiveError::Corrupt { path, source } => {
                write!(f, "archive '{}' is corrupt or truncated: {}", path.display(), printable(&source.to_string()))
            }
            ArchiveError::Entry { entry, problem } => {
                write!(f, "archive entry '{entry}': {problem}")
            }
        }
    }
}

impl fmt::Display for EntryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryProblem::AbsolutePath => f.write_str("absolute paths are not allowed"),
            EntryProblem::ParentComponent => f.write_str("'..' path components are not allowed"),
            EntryProblem::NulByte => f.write_str("the name contains a NUL byte"),
            EntryProblem::PathTooLong { len, max } => {
                write!(f, "path is {len} bytes long, the limit is {max}")
            }
            EntryProblem::TooDeep { depth, max } => {
                write!(f, "path is {depth} levels deep, the limit is {max}")
            }
            EntryProblem::NameTooLong { max } => {
                write!(f, "a path component is longer than {max} bytes")
            }
            EntryProblem::SymlinkEscapes { target } => {
                write!(f, "symbolic link to '{target}' points outside the target directory")
            }
            EntryProblem::HardLinkOutside { target } => {
                write!(f, "hard link to '{target}' points outside the target directory")
            }
            EntryProblem::HardLinkMissing { target } => {
                write!(f, "hard link to '{target}', which is not an earlier entry of the archive")
            }
            EntryProblem::HardLinkToDirectory { target } => {
                write!(f, "hard link to '{target}', which is a directory")
            }
            EntryProblem::ThroughSymlink { component } => {
                write!(f, "'{component}' is a symbolic link; refusing to write through it")
            }
            EntryProblem::NotADirectory { component } => {
                write!(f, "'{component}' is not a directory")
            }
            EntryProblem::ReplacesDirectory => f.write_str("it would replace a directory of the same name"),
            EntryProblem::UnsupportedType { kind } => {
                write!(f, "unsupported entry type: {kind}")
            }
            EntryProblem::Truncated { expected, got } => {
                write!(f, "the archive ends inside this entry ({got} of {expected} bytes)")
            }
            EntryProblem::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ArchiveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ArchiveError::Open { source, .. }
            | ArchiveError::Target { source, .. }
            | ArchiveError::Corrupt { source, .. } => Some(source),
            ArchiveError::Entry { problem: EntryProblem::Io(e), .. } => Some(e),
            _ => None,
        }
    }
}
