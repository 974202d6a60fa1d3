//! The file system, with Guile's names and `system-error` conventions:
//! stat, directories, links, permissions, times, the working directory.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};

use super::{expect_int, optional, text_of};
use crate::prims;
use crate::value::{Symbol, Truth, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

fn sys_err(who: &str, path: &str, e: std::io::Error) -> Box<Throw> {
    let mut t = Throw::system(who, &e, vec![]);
    t.message = format!("{}: {path}", t.message);
    t
}

fn file_type(m: &std::fs::Metadata) -> &'static str {
    let ft = m.file_type();
    use std::os::unix::fs::FileTypeExt;
    if ft.is_symlink() {
        "symlink"
    } else if ft.is_dir() {
        "directory"
    } else if ft.is_file() {
        "regular"
    } else if ft.is_fifo() {
        "fifo"
    } else if ft.is_socket() {
        "socket"
    } else if ft.is_block_device() {
        "block-special"
    } else if ft.is_char_device() {
        "char-special"
    } else {
        "unknown"
    }
}

/// Guile's stat vector: #(dev ino mode nlink uid gid rdev size atime mtime
/// ctime blksize blocks type perms atimensec mtimensec ctimensec).
fn stat_vector(vm: &mut Vm, m: &std::fs::Metadata) -> Value {
    let items = vec![
        Value::Int(m.dev() as i64),
        Value::Int(m.ino() as i64),
        Value::Int(m.mode() as i64),
        Value::Int(m.nlink() as i64),
        Value::Int(m.uid() as i64),
        Value::Int(m.gid() as i64),
        Value::Int(m.rdev() as i64),
        Value::Int(m.size() as i64),
        Value::Int(m.atime()),
        Value::Int(m.mtime()),
        Value::Int(m.ctime()),
        Value::Int(m.blksize() as i64),
        Value::Int(m.blocks() as i64),
        Value::Symbol(Symbol::intern(file_type(m))),
        Value::Int((m.mode() & 0o7777) as i64),
        Value::Int(m.atime_nsec()),
        Value::Int(m.mtime_nsec()),
        Value::Int(m.ctime_nsec()),
    ];
    vm.make_vector(items)
}

fn stat(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("stat", 1, a[0])?;
    match std::fs::metadata(&path) {
        Ok(m) => Ok(stat_vector(vm, &m)),
        // (stat file #f) returns #f instead of raising.
        Err(_) if matches!(optional(a, 1), Some(Value::Bool(Truth::False))) => Ok(Value::FALSE),
        Err(e) => Err(sys_err("stat", &path, e)),
    }
}

fn lstat(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("lstat", 1, a[0])?;
    let m = std::fs::symlink_metadata(&path).map_err(|e| sys_err("lstat", &path, e))?;
    Ok(stat_vector(vm, &m))
}

fn mkdir(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("mkdir", 1, a[0])?;
    let mut builder = std::fs::DirBuilder::new();
    if let Some(mode) = optional(a, 1) {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(expect_int("mkdir", 2, mode)? as u32);
    }
    builder.create(&path).map_err(|e| sys_err("mkdir", &path, e))?;
    Ok(Value::Unspecified)
}

fn rmdir(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("rmdir", 1, a[0])?;
    std::fs::remove_dir(&path).map_err(|e| sys_err("rmdir", &path, e))?;
    Ok(Value::Unspecified)
}

fn rename_file(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let from = text_of("rename-file", 1, a[0])?;
    let to = text_of("rename-file", 2, a[1])?;
    std::fs::rename(&from, &to).map_err(|e| sys_err("rename-file", &from, e))?;
    Ok(Value::Unspecified)
}

/// Copies `from` to `to`; when `to` is an existing directory the copy goes
/// inside it (so the seed's `mes` builder, which copies into the directory
/// it just made, works as written).
fn copy_file(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let from = text_of("copy-file", 1, a[0])?;
    let mut to = text_of("copy-file", 2, a[1])?;
    if std::path::Path::new(&to).is_dir() {
        let name =
            std::path::Path::new(&from).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        to = format!("{}/{name}", to.trim_end_matches('/'));
    }
    std::fs::copy(&from, &to).map_err(|e| sys_err("copy-file", &from, e))?;
    Ok(Value::Unspecified)
}

fn symlink(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let target = text_of("symlink", 1, a[0])?;
    let link = text_of("symlink", 2, a[1])?;
    std::os::unix::fs::symlink(&target, &link).map_err(|e| sys_err("symlink", &link, e))?;
    Ok(Value::Unspecified)
}

/// `(mknod path type perms dev)`, `type` one of Guile's file type symbols.
fn mknod(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("mknod", 1, a[0])?;
    let kind = match a[1] {
        Value::Symbol(s) => match s.to_string().as_str() {
            "regular" => libc::S_IFREG,
            "directory" => libc::S_IFDIR,
            "fifo" => libc::S_IFIFO,
            "block-special" => libc::S_IFBLK,
            "char-special" => libc::S_IFCHR,
            "socket" => libc::S_IFSOCK,
            _ => return Err(Throw::wrong_type("mknod", 2, "file type symbol", a[1])),
        },
        other => return Err(Throw::wrong_type("mknod", 2, "file type symbol", other)),
    };
    let perms = expect_int("mknod", 3, a[2])? as libc::mode_t;
    let dev = expect_int("mknod", 4, a[3])? as libc::dev_t;
    let c_path = CString::new(path.as_bytes()).map_err(|_| Throw::wrong_type("mknod", 1, "path without NUL", a[0]))?;
    // SAFETY: c_path is a valid NUL-terminated string for the call.
    if unsafe { libc::mknod(c_path.as_ptr(), kind | (perms & 0o7777), dev) } != 0 {
        return Err(sys_err("mknod", &path, std::io::Error::last_os_error()));
    }
    Ok(Value::Unspecified)
}

fn readlink(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("readlink", 1, a[0])?;
    let target = std::fs::read_link(&path).map_err(|e| sys_err("readlink", &path, e))?;
    Ok(vm.make_string(&target.to_string_lossy()))
}

/// `(canonicalize-path path)`: the absolute path with every symlink resolved.
fn canonicalize_path(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("canonicalize-path", 1, a[0])?;
    let real = std::fs::canonicalize(&path).map_err(|e| sys_err("canonicalize-path", &path, e))?;
    Ok(vm.make_string(&real.to_string_lossy()))
}

fn link(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let from = text_of("link", 1, a[0])?;
    let to = text_of("link", 2, a[1])?;
    std::fs::hard_link(&from, &to).map_err(|e| sys_err("link", &to, e))?;
    Ok(Value::Unspecified)
}

fn chmod(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("chmod", 1, a[0])?;
    let mode = expect_int("chmod", 2, a[1])? as u32;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).map_err(|e| sys_err("chmod", &path, e))?;
    Ok(Value::Unspecified)
}

/// `(truncate-file file [length])`, as Guile's: FILE is a file name, which
/// needs LENGTH, or an output file port, cut where it is without one.
fn truncate_file(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    const WHO: &str = "truncate-file";
    let length = match optional(a, 1) {
        Some(v) => Some(super::expect_index(WHO, 2, v)? as u64),
        None => None,
    };
    if let Value::Port(port) = a[0] {
        return match port.truncate(length) {
            Ok(true) => Ok(Value::Unspecified),
            Ok(false) => Err(Throw::wrong_type(WHO, 1, "file name or open file output port", a[0])),
            Err(e) => Err(sys_err(WHO, &port.name, e)),
        };
    }
    let path = text_of(WHO, 1, a[0])?;
    let Some(length) = length else {
        return Err(Throw::misc(WHO, "must supply length if OBJECT is a filename", vec![]));
    };
    let file = std::fs::OpenOptions::new().write(true).open(&path);
    file.and_then(|f| f.set_len(length)).map_err(|e| sys_err(WHO, &path, e))?;
    Ok(Value::Unspecified)
}

fn c_path(who: &str, path: &str) -> PResult<CString> {
    CString::new(std::path::Path::new(path).as_os_str().as_bytes())
        .map_err(|_| Throw::misc(who, "file name contains a NUL byte", vec![]))
}

/// `(utime path [actime [modtime [actimens [modtimens [flags]]]]])`, as
/// Guile's: a time not given is now; `AT_SYMLINK_NOFOLLOW` as flags sets a
/// symbolic link's own times instead of its target's.
fn utime(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("utime", 1, a[0])?;
    let int = |i: usize| optional(a, i).map(|v| expect_int("utime", i + 1, v)).transpose();
    let nanoseconds = |i: usize| match int(i)? {
        Some(ns) if !(0..1_000_000_000).contains(&ns) => Err(Throw::out_of_range("utime", i + 1, a[i])),
        ns => Ok(ns.unwrap_or(0)),
    };
    let time = |seconds: Option<i64>, ns: i64| match seconds {
        Some(s) => libc::timespec { tv_sec: s, tv_nsec: ns },
        None => libc::timespec { tv_sec: 0, tv_nsec: libc::UTIME_NOW },
    };
    let times = [time(int(1)?, nanoseconds(3)?), time(int(2)?, nanoseconds(4)?)];
    let flags = match int(5)? {
        None | Some(0) => 0,
        Some(f) if f == i64::from(libc::AT_SYMLINK_NOFOLLOW) => libc::AT_SYMLINK_NOFOLLOW,
        Some(_) => return Err(Throw::out_of_range("utime", 6, a[5])),
    };
    let c = c_path("utime", &path)?;
    // SAFETY: c is a valid NUL-terminated path and times has two entries.
    let r = unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), times.as_ptr(), flags) };
    if r != 0 {
        return Err(sys_err("utime", &path, std::io::Error::last_os_error()));
    }
    Ok(Value::Unspecified)
}

fn chdir(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("chdir", 1, a[0])?;
    std::env::set_current_dir(&path).map_err(|e| sys_err("chdir", &path, e))?;
    Ok(Value::Unspecified)
}

fn getcwd(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    let cwd = std::env::current_dir().map_err(|e| sys_err("getcwd", ".", e))?;
    Ok(vm.make_string(&cwd.to_string_lossy()))
}

/// `(%directory-entries dir [who])`: names in the directory, sorted by
/// bytes (excluding `.` and `..`); errors are reported in `who`'s name
/// (by default `scandir`).
fn directory_entries(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let who = match a.get(1) {
        Some(&w) => text_of("%directory-entries", 2, w)?,
        None => "scandir".to_string(),
    };
    let path = text_of(&who, 1, a[0])?;
    let mut names: Vec<Vec<u8>> = std::fs::read_dir(&path)
        .map_err(|e| sys_err(&who, &path, e))?
        .filter_map(|e| e.ok().map(|e| e.file_name().as_bytes().to_vec()))
        .collect();
    names.sort();
    let items: Vec<Value> = names.iter().map(|n| vm.make_string(&String::from_utf8_lossy(n))).collect();
    Ok(vm.list(&items))
}

fn umask(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    // SAFETY: umask has no failure mode.
    let old = match optional(a, 0) {
        Some(v) => unsafe { libc::umask(expect_int("umask", 1, v)? as libc::mode_t) },
        None => unsafe {
            let m = libc::umask(0o022);
            libc::umask(m);
            m
        },
    };
    Ok(Value::Int(old as i64))
}

fn getpid(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(Value::Int(std::process::id() as i64))
}

fn getuid(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(Value::Int(nix::unistd::getuid().as_raw().into()))
}
fn getgid(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(Value::Int(nix::unistd::getgid().as_raw().into()))
}
fn geteuid(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(Value::Int(nix::unistd::geteuid().as_raw().into()))
}
fn getegid(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(Value::Int(nix::unistd::getegid().as_raw().into()))
}

/// `(access? path how)`: whether this process may access `path` in the
/// ways `how` names (`R_OK`, `W_OK` and `X_OK` or'ed; `F_OK`: it exists).
fn access(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("access?", 1, a[0])?;
    let how = expect_int("access?", 2, a[1])?;
    let how = libc::c_int::try_from(how).map_err(|_| Throw::out_of_range("access?", 2, a[1]))?;
    let c = c_path("access?", &path)?;
    // SAFETY: `c` is a NUL-terminated path; access only reads it.
    Ok(Value::boolean(unsafe { libc::access(c.as_ptr(), how) } == 0))
}

/// The entry of a user or group database that `key` (a number or a name)
/// names, as `by_id` or `by_name` looks it up.
fn database_entry<T>(
    who: &str,
    key: Value,
    by_id: impl FnOnce(u32) -> nix::Result<Option<T>>,
    by_name: impl FnOnce(&str) -> nix::Result<Option<T>>,
) -> PResult<T> {
    let found = match key {
        Value::Int(id) => by_id(u32::try_from(id).map_err(|_| Throw::out_of_range(who, 1, key))?),
        v => by_name(&text_of(who, 1, v)?),
    };
    match found {
        Ok(Some(entry)) => Ok(entry),
        Ok(None) => Err(Throw::misc(who, "entry not found", vec![])),
        Err(e) => Err(sys_err(who, "", e.into())),
    }
}

/// `(getpw user)`: the password entry of a user name or uid, as Guile's
/// vector #(name passwd uid gid gecos dir shell).
fn getpw(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    use nix::unistd::{Uid, User};
    let user = database_entry("getpw", a[0], |uid| User::from_uid(Uid::from_raw(uid)), User::from_name)?;
    let text = |vm: &mut Vm, bytes: &[u8]| vm.make_string(&String::from_utf8_lossy(bytes));
    let items = vec![
        vm.make_string(&user.name),
        text(vm, user.passwd.as_bytes()),
        Value::Int(user.uid.as_raw().into()),
        Value::Int(user.gid.as_raw().into()),
        text(vm, user.gecos.as_bytes()),
        text(vm, user.dir.as_os_str().as_bytes()),
        text(vm, user.shell.as_os_str().as_bytes()),
    ];
    Ok(vm.make_vector(items))
}

/// `(getgr group)`: the group entry of a group name or gid, as Guile's
/// vector: name, password, gid, member names.
fn getgr(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    use nix::unistd::{Gid, Group};
    let group = database_entry("getgr", a[0], |gid| Group::from_gid(Gid::from_raw(gid)), Group::from_name)?;
    let members: Vec<Value> = group.mem.iter().map(|m| vm.make_string(m)).collect();
    let items = vec![
        vm.make_string(&group.name),
        vm.make_string(&String::from_utf8_lossy(group.passwd.as_bytes())),
        Value::Int(group.gid.as_raw().into()),
        vm.list(&members),
    ];
    Ok(vm.make_vector(items))
}

/// `(chown path owner group)`: -1 leaves the owner or the group as it is.
/// A symbolic link is followed, as in Guile.
fn chown(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("chown", 1, a[0])?;
    let id = |k: usize| -> PResult<Option<u32>> {
        match expect_int("chown", k + 1, a[k])? {
            -1 => Ok(None),
            n => u32::try_from(n).map(Some).map_err(|_| Throw::out_of_range("chown", k + 1, a[k])),
        }
    };
    let (owner, group) = (id(1)?, id(2)?);
    std::os::unix::fs::chown(&path, owner, group).map_err(|e| sys_err("chown", &path, e))?;
    Ok(Value::Unspecified)
}

fn is_directory(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("file-is-directory?", 1, a[0])?;
    Ok(Value::boolean(std::fs::metadata(path).map(|m| m.is_dir()).unwrap_or(false)))
}

/// `(mkstemp! template)`: create a unique file from "...XXXXXX"; returns an
/// output port; the template string is updated to the file's name.
fn mkstemp(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s = super::expect_string("mkstemp!", 1, a[0])?;
    let template = s.to_string();
    let c = c_path("mkstemp!", &template)?;
    let mut bytes = c.into_bytes_with_nul();
    // SAFETY: bytes is a writable NUL-terminated buffer, as mkstemp needs.
    let fd = unsafe { libc::mkstemp(bytes.as_mut_ptr() as *mut libc::c_char) };
    if fd < 0 {
        return Err(sys_err("mkstemp!", &template, std::io::Error::last_os_error()));
    }
    bytes.pop();
    let name = String::from_utf8_lossy(&bytes).into_owned();
    s.replace(name.clone());
    // SAFETY: fd is a fresh file descriptor that we own.
    let file = unsafe { <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(fd) };
    let port = super::ports::Port::output(&name, super::ports::Output::File(std::io::BufWriter::new(file)));
    super::io::file_port(vm, port)
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("stat", 1, Some(2), stat),
    ("lstat", 1, Some(1), lstat),
    ("mkdir", 1, Some(2), mkdir),
    ("rmdir", 1, Some(1), rmdir),
    ("rename-file", 2, Some(2), rename_file),
    ("copy-file", 2, Some(2), copy_file),
    ("symlink", 2, Some(2), symlink),
    ("readlink", 1, Some(1), readlink),
    ("mknod", 4, Some(4), mknod),
    ("canonicalize-path", 1, Some(1), canonicalize_path),
    ("link", 2, Some(2), link),
    ("chmod", 2, Some(2), chmod),
    ("truncate-file", 1, Some(2), truncate_file),
    ("utime", 1, Some(6), utime),
    ("chdir", 1, Some(1), chdir),
    ("getcwd", 0, Some(0), getcwd),
    ("%directory-entries", 1, Some(2), directory_entries),
    ("umask", 0, Some(1), umask),
    ("getpid", 0, Some(0), getpid),
    ("getuid", 0, Some(0), getuid),
    ("getgid", 0, Some(0), getgid),
    ("geteuid", 0, Some(0), geteuid),
    ("getegid", 0, Some(0), getegid),
    ("access?", 2, Some(2), access),
    ("chown", 3, Some(3), chown),
    ("getpw", 1, Some(1), getpw),
    ("getgr", 1, Some(1), getgr),
    ("file-is-directory?", 1, Some(1), is_directory),
    ("mkstemp!", 1, Some(2), mkstemp),
];
