//! The few `*at` system calls extraction needs, as safe functions on
//! borrowed directory descriptors. Every call that names an entry uses
//! `O_NOFOLLOW`/`AT_SYMLINK_NOFOLLOW` or cannot follow a final symlink by
//! definition (mkdirat, symlinkat, unlinkat, linkat without FOLLOW).

use std::ffi::CString;
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

fn cstr(name: &[u8]) -> io::Result<CString> {
    CString::new(name).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "NUL in name"))
}

fn check(ret: libc::c_int) -> io::Result<libc::c_int> {
    if ret < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(ret)
    }
}

fn openat(dir: BorrowedFd, name: &[u8], flags: libc::c_int, mode: u32) -> io::Result<OwnedFd> {
    let name = cstr(name)?;
    // SAFETY: `name` is a valid C string and `dir` a live descriptor.
    let fd =
        check(unsafe { libc::openat(dir.as_raw_fd(), name.as_ptr(), flags | libc::O_CLOEXEC, mode as libc::c_uint) })?;
    // SAFETY: openat just returned this descriptor and nothing else owns it.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Create (if needed) and open the target directory. The target itself
/// is the caller's choice, so a symlink there is followed.
pub(super) fn open_target(path: &Path) -> io::Result<OwnedFd> {
    std::fs::create_dir_all(path)?;
    let name = cstr(path.as_os_str().as_bytes())?;
    // SAFETY: valid C string; the result is checked before use.
    let fd = check(unsafe { libc::open(name.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC) })?;
    // SAFETY: fresh descriptor owned by no one else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Open a subdirectory without following a symlink (ELOOP if it is one).
pub(super) fn open_dir(dir: BorrowedFd, name: &[u8]) -> io::Result<OwnedFd> {
    openat(dir, name, libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW, 0)
}

pub(super) fn mkdir(dir: BorrowedFd, name: &[u8], mode: u32) -> io::Result<()> {
    let name = cstr(name)?;
    // SAFETY: valid C string and descriptor.
    check(unsafe { libc::mkdirat(dir.as_raw_fd(), name.as_ptr(), mode as libc::mode_t) })?;
    Ok(())
}

/// Create a new regular file; fails with EEXIST if anything (including a
/// symlink) already has the name.
pub(super) fn create_file(dir: BorrowedFd, name: &[u8], mode: u32) -> io::Result<File> {
    let flags = libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL | libc::O_NOFOLLOW;
    Ok(File::from(openat(dir, name, flags, mode)?))
}

pub(super) fn symlink(target: &[u8], dir: BorrowedFd, name: &[u8]) -> io::Result<()> {
    let (target, name) = (cstr(target)?, cstr(name)?);
    // SAFETY: valid C strings and descriptor.
    check(unsafe { libc::symlinkat(target.as_ptr(), dir.as_raw_fd(), name.as_ptr()) })?;
    Ok(())
}

/// Hard link; a symlink source is linked itself, not followed.
pub(super) fn hard_link(src_dir: BorrowedFd, src: &[u8], dst_dir: BorrowedFd, dst: &[u8]) -> io::Result<()> {
    let (src, dst) = (cstr(src)?, cstr(dst)?);
    // SAFETY: valid C strings and descriptors; flags 0 means no following.
    check(unsafe { libc::linkat(src_dir.as_raw_fd(), src.as_ptr(), dst_dir.as_raw_fd(), dst.as_ptr(), 0) })?;
    Ok(())
}

/// Remove a non-directory (a symlink is removed, not its target).
pub(super) fn unlink(dir: BorrowedFd, name: &[u8]) -> io::Result<()> {
    let name = cstr(name)?;
    // SAFETY: valid C string and descriptor.
    check(unsafe { libc::unlinkat(dir.as_raw_fd(), name.as_ptr(), 0) })?;
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Directory,
    Symlink,
    Other,
}

/// lstat relative to `dir`.
pub(super) fn kind(dir: BorrowedFd, name: &[u8]) -> io::Result<Kind> {
    let name = cstr(name)?;
    let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
    // SAFETY: valid C string and descriptor; `st` is written on success.
    check(unsafe { libc::fstatat(dir.as_raw_fd(), name.as_ptr(), st.as_mut_ptr(), libc::AT_SYMLINK_NOFOLLOW) })?;
    // SAFETY: fstatat succeeded, so the struct is initialised.
    let mode = unsafe { st.assume_init() }.st_mode & libc::S_IFMT;
    Ok(match mode {
        libc::S_IFDIR => Kind::Directory,
        libc::S_IFLNK => Kind::Symlink,
        _ => Kind::Other,
    })
}

/// readlinkat; EINVAL means "not a symlink".
pub(super) fn read_link(dir: BorrowedFd, path: &[u8]) -> io::Result<Vec<u8>> {
    let path = cstr(path)?;
    let mut buf = vec![0u8; 4096];
    loop {
        // SAFETY: valid C string and descriptor; the kernel writes at most
        // `buf.len()` bytes into `buf`.
        let n = unsafe { libc::readlinkat(dir.as_raw_fd(), path.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
        let n = usize::try_from(n).map_err(|_| io::Error::last_os_error())?;
        if n < buf.len() {
            buf.truncate(n);
            return Ok(buf);
        }
        // Possibly truncated: retry with more room.
        buf.resize(buf.len() * 2, 0);
    }
}

/// Both times of an unpacked path: the archive's mtime for files and
/// symlinks (deterministic, and what `make` needs to see generated files as
/// up to date, as with GNU tar), 1 for directories and dateless entries.
fn times(secs: u64) -> [libc::timespec; 2] {
    let t = libc::timespec { tv_sec: secs.clamp(1, i64::MAX as u64) as libc::time_t, tv_nsec: 0 };
    [t, t]
}

pub(super) fn set_times_fd(fd: BorrowedFd, secs: u64) -> io::Result<()> {
    let t = times(secs);
    // SAFETY: valid descriptor and a two-element timespec array.
    check(unsafe { libc::futimens(fd.as_raw_fd(), t.as_ptr()) })?;
    Ok(())
}

/// Set the times of `name` itself (a symlink is not followed).
pub(super) fn set_times_at(dir: BorrowedFd, name: &[u8], secs: u64) -> io::Result<()> {
    let name = cstr(name)?;
    let t = times(secs);
    // SAFETY: valid C string, descriptor and timespec array.
    check(unsafe { libc::utimensat(dir.as_raw_fd(), name.as_ptr(), t.as_ptr(), libc::AT_SYMLINK_NOFOLLOW) })?;
    Ok(())
}
