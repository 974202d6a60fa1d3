//! NAR serialisation, byte-identical to `nix-store --dump`
//! (guix-semantics.md (b)), and nar hashes.
//!
//! The walk is iterative (an explicit stack of directory listings) so deep
//! trees cannot overflow the thread stack, and file contents stream
//! through a fixed buffer, so memory does not grow with file size.

use std::ffi::OsString;
use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::algo::{Digest, HashAlgo};
use super::chunker::{Chunker, Consume, WriteConsumer, CHUNK, PIPELINE_MIN};
use super::error::DigestError;
use super::hasher_sink::HashConsumer;

/// Write the NAR serialisation of `path` (never following a symlink, not
/// even at the root) to `out`.
pub fn write_nar(path: impl AsRef<Path>, out: &mut impl Write) -> Result<(), DigestError> {
    let mut chunker = Chunker::new(WriteConsumer(&mut *out), CHUNK);
    serialise(path.as_ref(), &mut chunker)?;
    chunker.finish().map_err(DigestError::Write)?;
    out.flush().map_err(DigestError::Write)
}

/// Hash of the NAR serialisation of `path`: `nix-hash --type ALGO PATH`.
pub fn nar_hash(path: impl AsRef<Path>, algo: HashAlgo) -> Result<Digest, DigestError> {
    nar_hash_reporting(path, algo, |_| {})
}

/// `nar_hash`, telling `progress` the size of each piece hashed.
pub fn nar_hash_reporting(
    path: impl AsRef<Path>,
    algo: HashAlgo,
    progress: impl FnMut(u64),
) -> Result<Digest, DigestError> {
    let consumer = Reporting { inner: HashConsumer::new(algo), progress };
    let mut chunker = Chunker::new(consumer, CHUNK);
    serialise(path.as_ref(), &mut chunker)?;
    Ok(chunker.finish().map_err(DigestError::Write)?.inner.digest())
}

/// Nar hash "modulo self-references": the hash of the NAR serialisation
/// with every occurrence of `own` (an item's store hash, which its files may
/// contain) replaced by zeros, as Nix does for content-addressed outputs.
/// An item's output hash then does not depend on its own name, so pinning
/// it (which changes the name) does not change it.
pub fn nar_hash_modulo(path: impl AsRef<Path>, algo: HashAlgo, own: &[u8]) -> Result<Digest, DigestError> {
    let consumer = Rewriting::new(HashConsumer::new(algo), own);
    let mut chunker = Chunker::new(consumer, CHUNK);
    serialise(path.as_ref(), &mut chunker)?;
    let rewriting = chunker.finish().map_err(DigestError::Write)?;
    Ok(rewriting.finish().map_err(DigestError::Write)?.digest())
}

/// A consumer that replaces `from` by as many zeros before passing bytes on,
/// also where `from` straddles two pieces.
struct Rewriting<C> {
    inner: C,
    from: Vec<u8>,
    /// The last `from.len() - 1` bytes seen, held back in case a match
    /// continues in the next piece.
    pending: Vec<u8>,
}

impl<C: Consume> Rewriting<C> {
    fn new(inner: C, from: &[u8]) -> Self {
        Rewriting { inner, from: from.to_vec(), pending: Vec::new() }
    }

    fn finish(mut self) -> io::Result<C> {
        let rest = std::mem::take(&mut self.pending);
        self.inner.consume(&rest)?;
        Ok(self.inner)
    }
}

impl<C: Consume> Consume for Rewriting<C> {
    fn consume(&mut self, data: &[u8]) -> io::Result<()> {
        if self.from.is_empty() {
            return self.inner.consume(data);
        }
        self.pending.extend_from_slice(data);
        let n = self.from.len();
        let mut i = 0;
        while i + n <= self.pending.len() {
            if self.pending[i..i + n] == self.from[..] {
                self.pending[i..i + n].fill(b'0');
                i += n;
            } else {
                i += 1;
            }
        }
        let keep = (n - 1).min(self.pending.len());
        let emit = self.pending.len() - keep;
        self.inner.consume(&self.pending[..emit])?;
        self.pending.drain(..emit);
        Ok(())
    }
}

/// A consumer that also reports how much went through it.
struct Reporting<C, F> {
    inner: C,
    progress: F,
}

impl<C: Consume, F: FnMut(u64)> Consume for Reporting<C, F> {
    fn consume(&mut self, data: &[u8]) -> io::Result<()> {
        (self.progress)(data.len() as u64);
        self.inner.consume(data)
    }
}

pub fn nar_sha256(path: impl AsRef<Path>) -> Result<[u8; 32], DigestError> {
    Ok(nar_hash(path, HashAlgo::Sha256)?.sha256_array().unwrap_or_default())
}

/// A directory being serialised: its entries in NAR order and how far we got.
struct DirFrame {
    path: PathBuf,
    names: Vec<OsString>,
    next: usize,
}

fn serialise<C: Consume>(root: &Path, out: &mut Chunker<C>) -> Result<(), DigestError> {
    let mut nar = NarOut { out };
    nar.string(b"nix-archive-1")?;
    let mut stack = Vec::new();
    if let Some(frame) = nar.node(root)? {
        stack.push(frame);
    }
    while let Some(top) = stack.last_mut() {
        match top.names.get(top.next) {
            Some(name) => {
                let child = top.path.join(name);
                nar.strings(&[b"entry", b"(", b"name", name.as_bytes(), b"node"])?;
                top.next += 1;
                match nar.node(&child)? {
                    Some(frame) => stack.push(frame),
                    None => nar.string(b")")?,
                }
            }
            None => {
                stack.pop();
                // Close the directory node, and the entry holding it, if any.
                nar.string(b")")?;
                if !stack.is_empty() {
                    nar.string(b")")?;
                }
            }
        }
    }
    Ok(())
}

struct NarOut<'a, C: Consume> {
    out: &'a mut Chunker<C>,
}

impl<C: Consume> NarOut<'_, C> {
    fn put(&mut self, bytes: &[u8]) -> Result<(), DigestError> {
        self.out.put(bytes).map_err(DigestError::Write)
    }

    /// A NAR string: u64 LE length, bytes, zero padding to 8.
    fn string(&mut self, s: &[u8]) -> Result<(), DigestError> {
        self.put(&(s.len() as u64).to_le_bytes())?;
        self.put(s)?;
        self.pad(s.len() as u64)
    }

    fn strings(&mut self, ss: &[&[u8]]) -> Result<(), DigestError> {
        ss.iter().try_for_each(|s| self.string(s))
    }

    fn pad(&mut self, len: u64) -> Result<(), DigestError> {
        let pad = (8 - len % 8) % 8;
        self.put(&[0u8; 8][..pad as usize])
    }

    /// Emit a node. Files and symlinks are written completely (without
    /// the closing paren of a surrounding entry); a directory is opened and
    /// returned as a frame for the caller to walk.
    fn node(&mut self, path: &Path) -> Result<Option<DirFrame>, DigestError> {
        let io_err = |source| DigestError::Io { path: path.to_owned(), source };
        let meta = fs::symlink_metadata(path).map_err(io_err)?;
        self.strings(&[b"(", b"type"])?;
        let ft = meta.file_type();
        if ft.is_symlink() {
            let target = fs::read_link(path).map_err(io_err)?;
            self.strings(&[b"symlink", b"target", target.as_os_str().as_bytes(), b")"])?;
            Ok(None)
        } else if ft.is_file() {
            self.regular(path)?;
            Ok(None)
        } else if ft.is_dir() {
            self.string(b"directory")?;
            let mut names = fs::read_dir(path)
                .map_err(io_err)?
                .map(|e| e.map(|e| e.file_name()))
                .collect::<io::Result<Vec<_>>>()
                .map_err(io_err)?;
            // Raw byte order, like Nix's std::map<std::string>.
            names.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            Ok(Some(DirFrame { path: path.to_owned(), names, next: 0 }))
        } else {
            Err(unsupported(path, &meta))
        }
    }

    fn regular(&mut self, path: &Path) -> Result<(), DigestError> {
        let io_err = |source| DigestError::Io { path: path.to_owned(), source };
        // O_NOFOLLOW plus fstat: what we hash is what we opened, even if
        // the entry was swapped for a symlink after lstat.
        let mut file = File::options().read(true).custom_flags(libc::O_NOFOLLOW).open(path).map_err(io_err)?;
        let meta = file.metadata().map_err(io_err)?;
        if !meta.is_file() {
            return Err(unsupported(path, &meta));
        }
        self.string(b"regular")?;
        if meta.permissions().mode() & 0o100 != 0 {
            self.strings(&[b"executable", b""])?;
        }
        self.string(b"contents")?;
        let size = meta.len();
        self.put(&size.to_le_bytes())?;
        if size >= PIPELINE_MIN {
            if self.out.pipe_from(&mut file, size).map_err(io_err)? != size {
                return Err(DigestError::FileChanged { path: path.to_owned() });
            }
        } else {
            let mut left = size;
            while left > 0 {
                match self.out.read_from(&mut file, left).map_err(io_err)? {
                    0 => return Err(DigestError::FileChanged { path: path.to_owned() }),
                    n => left -= n as u64,
                }
            }
        }
        self.pad(size)?;
        self.string(b")")
    }
}

fn unsupported(path: &Path, meta: &Metadata) -> DigestError {
    let ft = meta.file_type();
    let kind = if ft.is_fifo() {
        "FIFO"
    } else if ft.is_socket() {
        "socket"
    } else if ft.is_block_device() || ft.is_char_device() {
        "device"
    } else {
        "unknown"
    };
    DigestError::UnsupportedFileType { path: path.to_owned(), kind }
}
