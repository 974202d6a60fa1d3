//! The entry loop: checks each tar member and creates it below the
//! target with descriptor-relative, non-following system calls.

use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::Path;

use tar::EntryType;

use super::decompress::StreamReader;
use super::error::{display_name, ArchiveError, EntryProblem};
use super::format::ArchiveFormat;
use super::paths::{self, components};
use super::symlinks;
use super::sys::{self, Kind};
use super::UnpackStats;

/// Copy buffer for file data: large enough that big files take few
/// syscalls, small enough to stay in cache.
const COPY_BUF: usize = 256 << 10;

pub(super) fn extract(
    reader: StreamReader<'_>,
    root: OwnedFd,
    archive_path: &Path,
    format: ArchiveFormat,
) -> Result<UnpackStats, ArchiveError> {
    let corrupt = |source| ArchiveError::Corrupt { path: archive_path.to_owned(), source };
    let mut ex = Extractor {
        entry_mtime: 1,
        root,
        cursor: Vec::new(),
        created_dirs: Vec::new(),
        symlinks: Vec::new(),
        stats: UnpackStats { format, files: 0, directories: 0, symlinks: 0, hard_links: 0, bytes: 0 },
        buf: vec![0; COPY_BUF],
    };
    let mut archive = tar::Archive::new(reader);
    for entry in archive.entries().map_err(corrupt)? {
        let mut entry = entry.map_err(corrupt)?;
        ex.entry(&mut entry, archive_path)?;
    }
    archive.into_inner().drain().map_err(corrupt)?;
    ex.finish()?;
    Ok(ex.stats)
}

fn problem(entry: &[u8], problem: EntryProblem) -> ArchiveError {
    ArchiveError::Entry { entry: display_name(entry), problem }
}

fn io_problem(entry: &[u8]) -> impl Fn(io::Error) -> ArchiveError + '_ {
    move |e| problem(entry, EntryProblem::Io(e))
}

struct Extractor {
    /// The mtime recorded for the entry being written.
    entry_mtime: u64,
    root: OwnedFd,
    /// Open directories from the root down to the last one entered; tar
    /// members come grouped by directory, so most lookups reuse it.
    cursor: Vec<(Vec<u8>, OwnedFd)>,
    /// Directories this run created: their mtime is set at the end, once
    /// nothing is added to them any more.
    created_dirs: Vec<Vec<u8>>,
    /// Symlinks this run created (path components): re-checked at the end,
    /// since later members can change where a target resolves.
    symlinks: Vec<Vec<Vec<u8>>>,
    stats: UnpackStats,
    buf: Vec<u8>,
}

impl Extractor {
    fn entry<R: Read>(&mut self, entry: &mut tar::Entry<'_, R>, archive_path: &Path) -> Result<(), ArchiveError> {
        let raw = entry.path_bytes().into_owned();
        let comps = components(&raw).map_err(|p| problem(&raw, p))?;
        let kind = entry.header().entry_type();
        self.entry_mtime = entry.header().mtime().unwrap_or(1);
        match kind {
            EntryType::Directory => {
                let mode = mode(entry, &raw)?;
                self.enter(&comps, Some((mode & 0o777) | 0o700), &raw)
            }
            EntryType::Regular | EntryType::Continuous | EntryType::GNUSparse => {
                let mode = mode(entry, &raw)?;
                let sparse = kind == EntryType::GNUSparse;
                self.file(entry, &comps, mode & 0o777, sparse, &raw, archive_path)
            }
            EntryType::Symlink => {
                let target = link_name(entry, &raw)?;
                self.symlink(&comps, &target, &raw)
            }
            EntryType::Link => {
                let target = link_name(entry, &raw)?;
                self.hard_link(&comps, &target, &raw)
            }
            // Archive-wide metadata (e.g. git's commit id): nothing to create.
            EntryType::XGlobalHeader => Ok(()),
            other => Err(problem(&raw, EntryProblem::UnsupportedType { kind: type_name(other) })),
        }
    }

    fn current(&self) -> BorrowedFd<'_> {
        self.cursor.last().map_or(self.root.as_fd(), |(_, fd)| fd.as_fd())
    }

    /// Make the cursor point at directory `comps`. Missing directories are
    /// created when `mode` is given (the last with `mode`, parents with
    /// 0755), else reported. Never follows a symlink.
    fn enter(&mut self, comps: &[&[u8]], mode: Option<u32>, raw: &[u8]) -> Result<(), ArchiveError> {
        let common = self.cursor.iter().zip(comps).take_while(|((name, _), comp)| name.as_slice() == **comp).count();
        self.cursor.truncate(common);
        for (i, comp) in comps.iter().enumerate().skip(common) {
            let parent = self.cursor.last().map_or(self.root.as_fd(), |(_, fd)| fd.as_fd());
            let fd = match sys::open_dir(parent, comp) {
                Ok(fd) => fd,
                Err(e) if e.raw_os_error() == Some(libc::ENOENT) && mode.is_some() => {
                    let dir_mode = match mode {
                        Some(m) if i + 1 == comps.len() => m,
                        _ => 0o755,
                    };
                    match sys::mkdir(parent, comp, dir_mode) {
                        Ok(()) => {
                            self.created_dirs.push(paths::join(&comps[..=i]));
                            self.stats.directories += 1;
                        }
                        Err(e) if e.raw_os_error() == Some(libc::EEXIST) => {}
                        Err(e) => return Err(problem(raw, EntryProblem::Io(e))),
                    }
                    sys::open_dir(parent, comp).map_err(|e| component_error(parent, comp, &comps[..=i], raw, e))?
                }
                Err(e) => return Err(component_error(parent, comp, &comps[..=i], raw, e)),
            };
            self.cursor.push((comp.to_vec(), fd));
        }
        Ok(())
    }

    fn file<R: Read>(
        &mut self,
        entry: &mut tar::Entry<'_, R>,
        comps: &[&[u8]],
        mode: u32,
        sparse: bool,
        raw: &[u8],
        archive_path: &Path,
    ) -> Result<(), ArchiveError> {
        let (name, parent) = comps.split_last().ok_or_else(|| problem(raw, EntryProblem::ReplacesDirectory))?;
        self.enter(parent, Some(0o755), raw)?;
        let dir = self.current();
        let mut file = replacing(dir, name, raw, |d| sys::create_file(d, name, mode))?;
        let expected = entry.size();
        let mut got = 0u64;
        loop {
            let n = match entry.read(&mut self.buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(source) => return Err(ArchiveError::Corrupt { path: archive_path.to_owned(), source }),
            };
            let data = &self.buf[..n];
            // A sparse member can declare terabytes of holes in a few
            // bytes of archive: keep them holes instead of writing zeros.
            if sparse && data.iter().all(|&b| b == 0) {
                file.seek(SeekFrom::Current(n as i64)).map_err(io_problem(raw))?;
            } else {
                file.write_all(data).map_err(io_problem(raw))?;
            }
            got += n as u64;
        }
        if got != expected {
            return Err(problem(raw, EntryProblem::Truncated { expected, got }));
        }
        if sparse {
            file.set_len(got).map_err(io_problem(raw))?;
        }
        sys::set_times_fd(file.as_fd(), self.entry_mtime).map_err(io_problem(raw))?;
        self.stats.files += 1;
        self.stats.bytes += got;
        Ok(())
    }

    fn symlink(&mut self, comps: &[&[u8]], target: &[u8], raw: &[u8]) -> Result<(), ArchiveError> {
        let (name, parent) = comps.split_last().ok_or_else(|| problem(raw, EntryProblem::ReplacesDirectory))?;
        self.check_target(parent, target, raw)?;
        self.enter(parent, Some(0o755), raw)?;
        let dir = self.current();
        replacing(dir, name, raw, |d| sys::symlink(target, d, name))?;
        sys::set_times_at(dir, name, self.entry_mtime).map_err(io_problem(raw))?;
        self.symlinks.push(comps.iter().map(|c| c.to_vec()).collect());
        self.stats.symlinks += 1;
        Ok(())
    }

    fn check_target(&self, parent: &[&[u8]], target: &[u8], raw: &[u8]) -> Result<(), ArchiveError> {
        let escapes = problem(raw, EntryProblem::SymlinkEscapes { target: display_name(target) });
        match symlinks::escapes(self.root.as_fd(), parent, target) {
            Ok(false) => Ok(()),
            Ok(true) => Err(escapes),
            Err(e) => Err(problem(raw, EntryProblem::Io(e))),
        }
    }

    fn hard_link(&mut self, comps: &[&[u8]], target: &[u8], raw: &[u8]) -> Result<(), ArchiveError> {
        let shown = || display_name(target);
        let src = components(target).map_err(|p| match p {
            EntryProblem::AbsolutePath | EntryProblem::ParentComponent => {
                problem(raw, EntryProblem::HardLinkOutside { target: shown() })
            }
            other => problem(raw, other),
        })?;
        if src == comps {
            // A member linked to itself: GNU tar leaves the file as is.
            return Ok(());
        }
        let (name, parent) = comps.split_last().ok_or_else(|| problem(raw, EntryProblem::ReplacesDirectory))?;
        let (src_name, src_parent) =
            src.split_last().ok_or_else(|| problem(raw, EntryProblem::HardLinkToDirectory { target: shown() }))?;
        let missing = || problem(raw, EntryProblem::HardLinkMissing { target: shown() });
        // The source's directory must exist already; never create it.
        match self.enter(src_parent, None, raw) {
            Err(ArchiveError::Entry { problem: EntryProblem::Io(e), .. }) if e.raw_os_error() == Some(libc::ENOENT) => {
                return Err(missing())
            }
            other => other?,
        }
        let src_dir = self.current().try_clone_to_owned().map_err(io_problem(raw))?;
        match sys::kind(src_dir.as_fd(), src_name) {
            Ok(Kind::Directory) => return Err(problem(raw, EntryProblem::HardLinkToDirectory { target: shown() })),
            // Linking a symlink copies its target text to a new place,
            // where it must stay inside too.
            Ok(Kind::Symlink) => {
                let link = sys::read_link(src_dir.as_fd(), src_name).map_err(io_problem(raw))?;
                self.check_target(parent, &link, raw)?;
                self.symlinks.push(comps.iter().map(|c| c.to_vec()).collect());
            }
            Ok(Kind::Other) => {}
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => return Err(missing()),
            Err(e) => return Err(problem(raw, EntryProblem::Io(e))),
        }
        self.enter(parent, Some(0o755), raw)?;
        let dir = self.current();
        replacing(dir, name, raw, |d| sys::hard_link(src_dir.as_fd(), src_name, d, name))?;
        self.stats.hard_links += 1;
        Ok(())
    }

    /// Final passes: symlinks must still resolve inside now that the tree
    /// is complete; directories get their mtime once they stop changing.
    fn finish(&mut self) -> Result<(), ArchiveError> {
        for link in std::mem::take(&mut self.symlinks) {
            let comps: Vec<&[u8]> = link.iter().map(Vec::as_slice).collect();
            let raw = paths::join(&comps);
            let Some((name, parent)) = comps.split_last() else {
                continue;
            };
            self.enter(parent, None, &raw)?;
            match sys::read_link(self.current(), name) {
                Ok(target) => {
                    if let Err(e) = self.check_target(parent, &target, &raw) {
                        // Do not leave an escaping link behind for a caller
                        // that ignores the error and uses the tree.
                        let _ = sys::unlink(self.current(), name);
                        return Err(e);
                    }
                }
                // Replaced by a later member: nothing to check.
                Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOENT)) => {}
                Err(e) => return Err(problem(&raw, EntryProblem::Io(e))),
            }
        }
        let mut dirs = std::mem::take(&mut self.created_dirs);
        dirs.sort_unstable();
        for dir in dirs {
            let comps: Vec<&[u8]> = dir.split(|&b| b == b'/').collect();
            self.enter(&comps, None, &dir)?;
            sys::set_times_fd(self.current(), 1).map_err(io_problem(&dir))?;
        }
        self.cursor.clear();
        Ok(())
    }
}

/// Run `create`; if the name is taken by a non-directory (an earlier
/// member of the same name), remove it and try once more.
fn replacing<T>(
    dir: BorrowedFd<'_>,
    name: &[u8],
    raw: &[u8],
    create: impl Fn(BorrowedFd<'_>) -> io::Result<T>,
) -> Result<T, ArchiveError> {
    match create(dir) {
        Err(e) if e.raw_os_error() == Some(libc::EEXIST) => match sys::kind(dir, name).map_err(io_problem(raw))? {
            Kind::Directory => Err(problem(raw, EntryProblem::ReplacesDirectory)),
            Kind::Symlink | Kind::Other => {
                sys::unlink(dir, name).map_err(io_problem(raw))?;
                create(dir).map_err(io_problem(raw))
            }
        },
        other => other.map_err(io_problem(raw)),
    }
}

/// Explain why directory `comp` (at `path`) could not be opened.
fn component_error(parent: BorrowedFd<'_>, comp: &[u8], path: &[&[u8]], raw: &[u8], e: io::Error) -> ArchiveError {
    let component = display_name(&paths::join(path));
    match e.raw_os_error() {
        Some(libc::ELOOP | libc::ENOTDIR) => match sys::kind(parent, comp) {
            Ok(Kind::Symlink) => problem(raw, EntryProblem::ThroughSymlink { component }),
            _ => problem(raw, EntryProblem::NotADirectory { component }),
        },
        _ => problem(raw, EntryProblem::Io(e)),
    }
}

fn mode<R: Read>(entry: &tar::Entry<'_, R>, raw: &[u8]) -> Result<u32, ArchiveError> {
    entry.header().mode().map_err(io_problem(raw))
}

fn link_name<R: Read>(entry: &tar::Entry<'_, R>, raw: &[u8]) -> Result<Vec<u8>, ArchiveError> {
    match entry.link_name_bytes() {
        Some(t) if t.contains(&0) => Err(problem(raw, EntryProblem::NulByte)),
        Some(t) if !t.is_empty() => Ok(t.into_owned()),
        _ => Err(problem(raw, EntryProblem::Io(io::Error::new(io::ErrorKind::InvalidData, "link without a target")))),
    }
}

fn type_name(t: EntryType) -> String {
    match t {
        EntryType::Char => "character device".into(),
        EntryType::Block => "block device".into(),
        EntryType::Fifo => "FIFO".into(),
        other => format!("type flag {:?}", char::from(other.as_byte())),
    }
}
