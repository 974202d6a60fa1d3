//! Primitives the Guix-0 store needs below Scheme: running a builder
//! process with a cleared environment and a log, normalising an output
//! tree, rewriting a temporary store hash, and deleting trees.

use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{expect_list, text_of};
use crate::container::Container;
use crate::prims;
use crate::value::Value;
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

fn io_err(who: &str, path: &Path, e: std::io::Error) -> Box<Throw> {
    let mut t = Throw::system(who, &e, vec![]);
    t.message = format!("{}: {}", t.message, path.display());
    t
}

/// `(%spawn program args env-alist directory log-file echo? [container])`:
/// run a process with exactly the given environment, stdout and stderr
/// appended to log-file (and copied to our stderr when echo? is true; with
/// log-file #f they are guix0's own), in
/// a container when one is given (see `container_of`). Returns the exit
/// status, or `(signal . N)` when killed by a signal.
fn spawn(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let mut program = text_of("%spawn", 1, a[0])?;
    let mut args =
        expect_list("%spawn", 2, a[1])?.into_iter().map(|v| text_of("%spawn", 2, v)).collect::<PResult<Vec<_>>>()?;
    if let Some(spec) = a.get(6).filter(|v| v.is_true()) {
        let (container, spec_file) = container_of(*spec)?;
        args = container.prepare(&spec_file, &program, &args).map_err(|e| io_err("%spawn", &spec_file, e))?;
        let exe = std::env::current_exe().map_err(|e| io_err("%spawn", Path::new("/proc/self/exe"), e))?;
        program = exe.display().to_string();
    }
    let mut env = Vec::new();
    for pair in expect_list("%spawn", 3, a[2])? {
        let (Some(k), Some(v)) = (pair.car(), pair.cdr()) else {
            return Err(Throw::wrong_type("%spawn", 3, "alist of strings", pair));
        };
        env.push((text_of("%spawn", 3, k)?, text_of("%spawn", 3, v)?));
    }
    let dir = text_of("%spawn", 4, a[3])?;
    // No log file: the process writes to guix0's own stdout and stderr.
    let log_path = if a[4].is_true() { Some(text_of("%spawn", 5, a[4])?) } else { None };
    let echo = a[5].is_true();
    super::ports::flush_stdout();
    let mut cmd = Command::new(&program);
    cmd.args(&args).env_clear().envs(env).current_dir(&dir).stdin(Stdio::null());
    // The builder gets its own process group, so an interrupt can stop
    // everything it started.
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    // If guix0 dies (even by SIGKILL), its builder dies too: no orphan can
    // write into store0 after the next run cleaned it.
    // SAFETY: prctl is async-signal-safe and touches only this process.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut cmd, || {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
    let Some(log_path) = log_path else {
        let mut child = cmd.spawn().map_err(|e| io_err("%spawn", Path::new(&program), e))?;
        let status = crate::runtime::process::wait_interruptibly(&mut child)?;
        return exit_status(vm, status);
    };
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log_path)
        .map_err(|e| io_err("%spawn", Path::new(&log_path), e))?;
    let status = if echo {
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().map_err(|e| io_err("%spawn", Path::new(&program), e))?;
        let copy = |mut from: Box<dyn Read + Send>, mut log: std::fs::File| {
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                while let Ok(n) = from.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    let _ = log.write_all(&buf[..n]);
                    let _ = std::io::stderr().write_all(&buf[..n]);
                }
            })
        };
        let log2 = log.try_clone().map_err(|e| io_err("%spawn", Path::new(&log_path), e))?;
        let threads: Vec<_> =
            [child.stdout.take().map(|o| copy(Box::new(o), log)), child.stderr.take().map(|e| copy(Box::new(e), log2))]
                .into_iter()
                .flatten()
                .collect();
        let status = crate::runtime::process::wait_interruptibly(&mut child);
        for t in threads {
            let _ = t.join();
        }
        status
    } else {
        let log2 = log.try_clone().map_err(|e| io_err("%spawn", Path::new(&log_path), e))?;
        cmd.stdout(log).stderr(log2);
        let mut child = cmd.spawn().map_err(|e| io_err("%spawn", Path::new(&program), e))?;
        crate::runtime::process::wait_interruptibly(&mut child)
    };
    exit_status(vm, status?)
}

/// An exit status as %spawn returns it: the code, or `(signal . N)`.
fn exit_status(vm: &mut Vm, status: std::process::ExitStatus) -> PResult<Value> {
    use std::os::unix::process::ExitStatusExt;
    Ok(match (status.code(), status.signal()) {
        (Some(code), _) => Value::Int(code as i64),
        (None, Some(sig)) => vm.cons(Value::sym("signal"), Value::Int(sig as i64)),
        _ => Value::Int(-1),
    })
}

/// A container from `((root . DIR) (spec . FILE) (dir . DIR) (binds (HOST
/// INSIDE WRITABLE?) ...) (symlinks (TARGET LINK) ...))`, and the spec file.
fn container_of(spec: Value) -> PResult<(Container, PathBuf)> {
    let who = "%spawn";
    let field = |name: &str| -> PResult<Value> {
        spec.iter()
            .find(|e| e.car().and_then(|k| k.as_symbol()).is_some_and(|k| k.name() == name))
            .and_then(|e| e.cdr())
            .ok_or_else(|| Throw::misc(who, format!("the container has no `{name}`"), vec![spec]))
    };
    let path = |v: Value| text_of(who, 7, v).map(PathBuf::from);
    let mut binds = vec![];
    for b in expect_list(who, 7, field("binds")?)? {
        let parts = expect_list(who, 7, b)?;
        let [host, inside, writable] = parts[..] else {
            return Err(Throw::wrong_type(who, 7, "(host inside writable?)", b));
        };
        binds.push((path(host)?, path(inside)?, writable.is_true()));
    }
    let mut symlinks = vec![];
    for l in expect_list(who, 7, field("symlinks")?)? {
        let parts = expect_list(who, 7, l)?;
        let [target, link] = parts[..] else { return Err(Throw::wrong_type(who, 7, "(target link)", l)) };
        symlinks.push((path(target)?, path(link)?));
    }
    let container = Container { root: path(field("root")?)?, binds, symlinks, dir: path(field("dir")?)? };
    Ok((container, path(field("spec")?)?))
}

/// `(%lock-file path)`: take an exclusive lock on path (created if
/// needed), waiting while another process holds it; it is held until guix0
/// exits. Returns whether guix0 had to wait.
fn lock_file(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    use std::os::fd::AsRawFd;
    let path = text_of("%lock-file", 1, a[0])?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| io_err("%lock-file", Path::new(&path), e))?;
    // SAFETY: flock on a descriptor we own.
    let free = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
    if !free {
        // SAFETY: as above; this one blocks until the other process is done.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
            return Err(io_err("%lock-file", Path::new(&path), std::io::Error::last_os_error()));
        }
    }
    // The lock lives as long as the descriptor: for the rest of the run.
    std::mem::forget(file);
    Ok(Value::boolean(!free))
}

/// `(%containers-available?)`: whether builds can run in containers here.
fn containers_available(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(crate::container::available()))
}

/// Depth-first walk that never follows symlinks; `f` sees children before
/// their directory.
fn walk(path: &Path, f: &mut dyn FnMut(&Path, &std::fs::Metadata) -> std::io::Result<()>) -> std::io::Result<()> {
    walk_entering(path, f, &|_| true)
}

/// `walk`, entering a directory only if `enter` says so.
fn walk_entering(
    path: &Path,
    f: &mut dyn FnMut(&Path, &std::fs::Metadata) -> std::io::Result<()>,
    enter: &dyn Fn(&std::fs::Metadata) -> bool,
) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(path)?;
    if meta.is_dir() && enter(&meta) {
        // Make sure we can read and enter it.
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))?;
        let mut entries: Vec<_> = std::fs::read_dir(path)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            walk_entering(&e.path(), f, enter)?;
        }
    }
    f(path, &meta)
}

fn set_mtime_1(path: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    let t = [libc::timespec { tv_sec: 1, tv_nsec: 0 }, libc::timespec { tv_sec: 1, tv_nsec: 0 }];
    // SAFETY: a valid NUL-terminated path and two timespecs.
    let r = unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), t.as_ptr(), libc::AT_SYMLINK_NOFOLLOW) };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// `(%normalize-tree path)`: mtime 1 everywhere, mode 0444 (0555 when the
/// owner could execute), no setuid/setgid/sticky or write bits; anything
/// but files, directories and symlinks is an error.
fn normalize_tree(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let root = text_of("%normalize-tree", 1, a[0])?;
    walk(Path::new(&root), &mut |p, meta| {
        let ft = meta.file_type();
        if ft.is_symlink() {
            return set_mtime_1(p);
        }
        if !ft.is_file() && !ft.is_dir() {
            return Err(std::io::Error::other(format!(
                "unsupported file type (not a file, directory or symlink): {}",
                p.display()
            )));
        }
        let exec = ft.is_dir() || meta.permissions().mode() & 0o100 != 0;
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(if exec { 0o555 } else { 0o444 }))?;
        set_mtime_1(p)
    })
    .map_err(|e| io_err("%normalize-tree", Path::new(&root), e))?;
    Ok(Value::Unspecified)
}

/// `(%rewrite-in-tree path from to)`: replace every occurrence of the
/// string `from` by `to` (same length) in file contents and symlink
/// targets, keeping modes. This turns the temporary store name a build ran
/// under into its final one.
fn rewrite_in_tree(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let root = text_of("%rewrite-in-tree", 1, a[0])?;
    let from = text_of("%rewrite-in-tree", 2, a[1])?.into_bytes();
    let to = text_of("%rewrite-in-tree", 3, a[2])?.into_bytes();
    if from.len() != to.len() || from.is_empty() {
        return Err(Throw::misc("%rewrite-in-tree", "the two names must have the same, non-zero length", vec![]));
    }
    let replace = |data: &mut [u8]| -> bool {
        let mut changed = false;
        let mut i = 0;
        while i + from.len() <= data.len() {
            if data[i..i + from.len()] == from[..] {
                data[i..i + from.len()].copy_from_slice(&to);
                changed = true;
                i += from.len();
            } else {
                i += 1;
            }
        }
        changed
    };
    walk(Path::new(&root), &mut |p, meta| {
        let ft = meta.file_type();
        if ft.is_symlink() {
            use std::os::unix::ffi::{OsStrExt, OsStringExt};
            let mut target = std::fs::read_link(p)?.into_os_string().into_vec();
            if replace(&mut target) {
                std::fs::remove_file(p)?;
                std::os::unix::fs::symlink(std::ffi::OsStr::from_bytes(&target), p)?;
            }
        } else if ft.is_file() {
            let mut data = std::fs::read(p)?;
            if replace(&mut data) {
                let mode = meta.permissions().mode();
                std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode | 0o200))?;
                std::fs::write(p, &data)?;
                std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode))?;
            }
        } else if ft.is_dir() {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(meta.permissions().mode() | 0o700))?;
        }
        Ok(())
    })
    .map_err(|e| io_err("%rewrite-in-tree", Path::new(&root), e))?;
    Ok(Value::Unspecified)
}

/// Delete `path` and, if it is a directory, everything under it, as
/// Guix's `delete-file-recursively`: read-only directories are made
/// writable first, symlinks are removed, not followed, and unless
/// `follow_mounts` a directory on another file system (a mount point) is
/// not entered, so its removal fails. A missing `path` is not an error; an
/// error comes with the file it is about.
pub fn remove_tree(path: &Path, follow_mounts: bool) -> Result<(), (PathBuf, std::io::Error)> {
    use std::os::unix::fs::MetadataExt;
    let root = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err((path.to_owned(), e)),
        Ok(m) if !m.is_dir() => return std::fs::remove_file(path).map_err(|e| (path.to_owned(), e)),
        Ok(m) => m.dev(),
    };
    let mut failed = path.to_owned();
    let mut remove = |p: &Path, meta: &std::fs::Metadata| {
        let removed = if meta.is_dir() { std::fs::remove_dir(p) } else { std::fs::remove_file(p) };
        if removed.is_err() {
            failed = p.to_owned();
        }
        removed
    };
    walk_entering(path, &mut remove, &|meta| follow_mounts || meta.dev() == root).map_err(|e| (failed, e))
}

/// `(delete-file-recursively dir [follow-mounts?])`.
fn delete_file_recursively(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("delete-file-recursively", 1, a[0])?;
    let follow_mounts = a.get(1).is_some_and(|v| !v.is_false());
    remove_tree(Path::new(&path), follow_mounts).map_err(|(file, e)| io_err("delete-file-recursively", &file, e))?;
    Ok(Value::Unspecified)
}

fn guix0_executable(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    let exe = std::env::current_exe().map_err(|e| io_err("%guix0-executable", Path::new("/proc/self/exe"), e))?;
    Ok(vm.make_string(&exe.to_string_lossy()))
}

/// `(%remove-store-references file store)`: replace the hash of every
/// `STORE/<32-character hash>-` in the file by e's (keeping the mode).
fn remove_store_references(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("remove-store-references", 1, a[0])?;
    let store = text_of("remove-store-references", 2, a[1])?;
    let p = Path::new(&path);
    let who = "remove-store-references";
    let mut data = std::fs::read(p).map_err(|e| io_err(who, p, e))?;
    let prefix = format!("{store}/").into_bytes();
    let mut changed = false;
    let mut i = 0;
    while let Some(at) = data[i..].windows(prefix.len()).position(|w| w == prefix.as_slice()) {
        let hash = i + at + prefix.len();
        let is_hash = data.len() > hash + 32
            && data[hash + 32] == b'-'
            && data[hash..hash + 32].iter().all(|b| b"0123456789abcdfghijklmnpqrsvwxyz".contains(b));
        if is_hash {
            data[hash..hash + 32].fill(b'e');
            changed = true;
        }
        i = hash;
    }
    if changed {
        let mode = std::fs::metadata(p).map_err(|e| io_err(who, p, e))?.permissions().mode();
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode | 0o200)).map_err(|e| io_err(who, p, e))?;
        std::fs::write(p, &data).map_err(|e| io_err(who, p, e))?;
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).map_err(|e| io_err(who, p, e))?;
    }
    Ok(Value::Unspecified)
}

/// `(%reset-gzip-timestamp file)`: zero the MTIME field (bytes 4–7) of a
/// gzip file, as Guix's reset-gzip-timestamps phase does.
fn reset_gzip_timestamp(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("reset-gzip-timestamp", 1, a[0])?;
    let p = Path::new(&path);
    let mut data = std::fs::read(p).map_err(|e| io_err("reset-gzip-timestamp", p, e))?;
    if data.len() >= 8 && data[0] == 0x1f && data[1] == 0x8b && data[4..8] != [0, 0, 0, 0] {
        data[4..8].fill(0);
        let mode = std::fs::metadata(p).map_err(|e| io_err("reset-gzip-timestamp", p, e))?.permissions().mode();
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode | 0o200))
            .map_err(|e| io_err("reset-gzip-timestamp", p, e))?;
        std::fs::write(p, &data).map_err(|e| io_err("reset-gzip-timestamp", p, e))?;
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode))
            .map_err(|e| io_err("reset-gzip-timestamp", p, e))?;
    }
    Ok(Value::Unspecified)
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("%reset-gzip-timestamp", 1, Some(1), reset_gzip_timestamp),
    ("%remove-store-references", 2, Some(2), remove_store_references),
    ("%spawn", 6, Some(7), spawn),
    ("%containers-available?", 0, Some(0), containers_available),
    ("%lock-file", 1, Some(1), lock_file),
    ("%normalize-tree", 1, Some(1), normalize_tree),
    ("%rewrite-in-tree", 3, Some(3), rewrite_in_tree),
    ("delete-file-recursively", 1, Some(2), delete_file_recursively),
    ("%guix0-executable", 0, Some(0), guix0_executable),
];
