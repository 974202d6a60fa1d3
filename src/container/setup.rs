//! The container's first processes: `guix0 --contained SPEC` enters new
//! namespaces, forks the process that becomes pid 1 there, which builds the
//! root from the spec and executes the program. When pid 1 ends, the kernel
//! ends everything else in its pid namespace, so no build process outlives
//! the build.

use std::ffi::CString;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use nix::mount::{mount, umount2, MntFlags, MsFlags};
use nix::sched::{unshare, CloneFlags};
use nix::sys::signal::Signal;
use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{chdir, execv, fork, getgid, getuid, pivot_root, sethostname, ForkResult};

/// The parsed spec (see `Container::prepare`).
#[derive(Default)]
struct Spec {
    root: PathBuf,
    binds: Vec<(PathBuf, PathBuf, bool)>,
    symlinks: Vec<(PathBuf, PathBuf)>,
    dir: PathBuf,
    command: Vec<String>,
}

fn parse(text: &str) -> Result<Spec, String> {
    let mut spec = Spec::default();
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["root", dir] => spec.root = PathBuf::from(dir),
            ["bind", host, inside, mode] => spec.binds.push((host.into(), inside.into(), *mode == "rw")),
            ["symlink", target, link] => spec.symlinks.push((target.into(), link.into())),
            ["chdir", dir] => spec.dir = PathBuf::from(dir),
            ["exec", command @ ..] if !command.is_empty() => {
                spec.command = command.iter().map(|s| s.to_string()).collect()
            }
            _ => return Err(format!("unexpected line in the container spec: {line:?}")),
        }
    }
    if spec.root.as_os_str().is_empty() || spec.command.is_empty() {
        return Err("the container spec has no root or no command".into());
    }
    Ok(spec)
}

/// `guix0 --contained SPEC`: run the spec's command in a container and
/// exit with its status. Never returns.
pub fn run_contained(spec_file: &str) -> ! {
    let spec = match std::fs::read_to_string(spec_file).map_err(|e| e.to_string()).and_then(|t| parse(&t)) {
        Ok(s) => s,
        Err(e) => fail("reading the spec", &e),
    };
    if let Err(e) = enter_namespaces() {
        fail("creating namespaces", &e);
    }
    // SAFETY: this process is single-threaded (it does nothing else before
    // this point), so the child may allocate freely.
    match unsafe { fork() } {
        Ok(ForkResult::Child) => {
            let Err(err) = become_init(&spec);
            fail("setting up the build environment", &err)
        }
        Ok(ForkResult::Parent { child }) => loop {
            match waitpid(child, None) {
                Ok(WaitStatus::Exited(_, code)) => std::process::exit(code),
                Ok(WaitStatus::Signaled(_, sig, _)) => std::process::exit(128 + sig as i32),
                Ok(_) => continue,
                Err(nix::errno::Errno::EINTR) => continue,
                Err(e) => fail("waiting for the build", &e.to_string()),
            }
        },
        Err(e) => fail("forking", &e.to_string()),
    }
}

fn fail(step: &str, err: &str) -> ! {
    eprintln!("guix0: container: {step}: {err}");
    std::process::exit(126)
}

/// New user (mapping us to root inside), mount, pid, network, uts and
/// ipc namespaces.
fn enter_namespaces() -> Result<(), String> {
    let (uid, gid) = (getuid(), getgid());
    let flags = CloneFlags::CLONE_NEWUSER
        | CloneFlags::CLONE_NEWNS
        | CloneFlags::CLONE_NEWPID
        | CloneFlags::CLONE_NEWNET
        | CloneFlags::CLONE_NEWUTS
        | CloneFlags::CLONE_NEWIPC;
    unshare(flags).map_err(|e| format!("unshare: {e}"))?;
    let write = |file: &str, text: String| std::fs::write(file, text).map_err(|e| format!("{file}: {e}"));
    write("/proc/self/setgroups", "deny".into())?;
    write("/proc/self/uid_map", format!("0 {uid} 1"))?;
    write("/proc/self/gid_map", format!("0 {gid} 1"))?;
    Ok(())
}

/// Build the root, move into it and run the command (only returns on error).
fn become_init(spec: &Spec) -> Result<std::convert::Infallible, String> {
    nix::sys::prctl::set_pdeathsig(Signal::SIGKILL).map_err(|e| format!("prctl: {e}"))?;
    let none: Option<&str> = None;
    let err = |what: &str, e: nix::errno::Errno| format!("{what}: {e}");
    mount(none, "/", none, MsFlags::MS_REC | MsFlags::MS_PRIVATE, none).map_err(|e| err("making / private", e))?;
    let root = &spec.root;
    mount(Some("tmpfs"), root, Some("tmpfs"), MsFlags::MS_NOSUID | MsFlags::MS_NODEV, Some("mode=0755"))
        .map_err(|e| err("mounting the root", e))?;
    populate_dev_and_etc(root)?;
    for (host, inside, writable) in &spec.binds {
        bind(host, &root.join(inside.strip_prefix("/").unwrap_or(inside)), *writable)?;
    }
    for (target, link) in &spec.symlinks {
        let at = root.join(link.strip_prefix("/").unwrap_or(link));
        symlink(target, &at).map_err(|e| format!("symlink {}: {e}", link.display()))?;
    }
    let proc_dir = root.join("proc");
    mkdir_p(&proc_dir)?;
    mount(Some("proc"), &proc_dir, Some("proc"), MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC, none)
        .map_err(|e| err("mounting /proc", e))?;
    // pivot_root(".", ".") stacks the old root under the new one; detaching
    // it leaves only the new root visible.
    chdir(root).map_err(|e| err("chdir to the new root", e))?;
    pivot_root(".", ".").map_err(|e| err("pivot_root", e))?;
    umount2(".", MntFlags::MNT_DETACH).map_err(|e| err("detaching the host root", e))?;
    chdir("/").map_err(|e| err("chdir /", e))?;
    chdir(&spec.dir).map_err(|e| err(&format!("chdir {}", spec.dir.display()), e))?;
    sethostname("localhost").map_err(|e| err("sethostname", e))?;
    // guix0 (as any Rust program) ignores SIGPIPE, and an ignored signal
    // stays ignored across exec: give the build the default.
    // SAFETY: resetting a disposition to the default is always sound.
    unsafe { nix::sys::signal::signal(Signal::SIGPIPE, nix::sys::signal::SigHandler::SigDfl) }
        .map_err(|e| err("resetting SIGPIPE", e))?;
    let args: Vec<CString> = spec
        .command
        .iter()
        .map(|a| CString::new(a.as_str()).map_err(|_| format!("argument {a:?} contains a NUL byte")))
        .collect::<Result<_, _>>()?;
    execv(&args[0], &args).map_err(|e| err(&format!("running {}", spec.command[0]), e))
}

fn mkdir_p(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("mkdir {}: {e}", dir.display()))
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// `/dev` with the usual character devices (bound from the host), `/tmp`
/// and a minimal `/etc`.
fn populate_dev_and_etc(root: &Path) -> Result<(), String> {
    let dev = root.join("dev");
    mkdir_p(&dev)?;
    for name in ["null", "zero", "full", "random", "urandom", "tty"] {
        let host = Path::new("/dev").join(name);
        // /dev/tty is missing without a controlling terminal; that is fine.
        if host.exists() || name != "tty" {
            bind(&host, &dev.join(name), true)?;
        }
    }
    for (link, target) in [
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
    ] {
        symlink(target, dev.join(link)).map_err(|e| format!("/dev/{link}: {e}"))?;
    }
    let shm = dev.join("shm");
    mkdir_p(&shm)?;
    mount(Some("tmpfs"), &shm, Some("tmpfs"), MsFlags::MS_NOSUID | MsFlags::MS_NODEV, Some("mode=1777"))
        .map_err(|e| format!("mounting /dev/shm: {e}"))?;
    let tmp = root.join("tmp");
    mkdir_p(&tmp)?;
    std::fs::set_permissions(&tmp, std::os::unix::fs::PermissionsExt::from_mode(0o1777))
        .map_err(|e| format!("/tmp: {e}"))?;
    let etc = root.join("etc");
    mkdir_p(&etc)?;
    write_file(
        &etc.join("passwd"),
        "root:x:0:0:root:/homeless-shelter:/noshell\nnobody:x:65534:65534:nobody:/:/noshell\n",
    )?;
    write_file(&etc.join("group"), "root:x:0:\nnogroup:x:65534:\n")?;
    write_file(&etc.join("hosts"), "127.0.0.1 localhost\n::1 localhost\n")?;
    Ok(())
}

/// Bind `host` at `target` (created as a file or directory to match),
/// read-only unless `writable`.
fn bind(host: &Path, target: &Path, writable: bool) -> Result<(), String> {
    let none: Option<&str> = None;
    if host.is_dir() {
        mkdir_p(target)?;
    } else {
        if let Some(parent) = target.parent() {
            mkdir_p(parent)?;
        }
        std::fs::File::create(target).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    mount(Some(host), target, none, MsFlags::MS_BIND | MsFlags::MS_REC, none)
        .map_err(|e| format!("binding {}: {e}", host.display()))?;
    if !writable {
        // A remount must keep the flags the host mount has (the kernel
        // refuses to clear nosuid/nodev/noexec from inside a namespace).
        let flags = MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY | mount_flags(target);
        mount(none, target, none, flags, none).map_err(|e| format!("making {} read-only: {e}", host.display()))?;
    }
    Ok(())
}

/// The nosuid/nodev/noexec/relatime flags of the mount holding `path`.
fn mount_flags(path: &Path) -> MsFlags {
    let Ok(c) = CString::new(path.as_os_str().as_encoded_bytes()) else { return MsFlags::empty() };
    // SAFETY: statvfs only writes into the struct we pass.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
        return MsFlags::empty();
    }
    let mut flags = MsFlags::empty();
    for (bit, flag) in [
        (libc::ST_NOSUID, MsFlags::MS_NOSUID),
        (libc::ST_NODEV, MsFlags::MS_NODEV),
        (libc::ST_NOEXEC, MsFlags::MS_NOEXEC),
        (libc::ST_RELATIME, MsFlags::MS_RELATIME),
        (libc::ST_NOATIME, MsFlags::MS_NOATIME),
        (libc::ST_NODIRATIME, MsFlags::MS_NODIRATIME),
    ] {
        if st.f_flag & bit != 0 {
            flags |= flag;
        }
    }
    flags
}

/// Whether the namespaces can be created: a child tries, then exits.
pub fn probe() -> bool {
    // SAFETY: the child only calls async-signal-safe system calls and
    // _exit; it does not touch the allocator.
    match unsafe { fork() } {
        Ok(ForkResult::Child) => {
            let flags = CloneFlags::CLONE_NEWUSER
                | CloneFlags::CLONE_NEWNS
                | CloneFlags::CLONE_NEWPID
                | CloneFlags::CLONE_NEWNET;
            let ok = unshare(flags).is_ok();
            // SAFETY: _exit is async-signal-safe.
            unsafe { libc::_exit(if ok { 0 } else { 1 }) }
        }
        Ok(ForkResult::Parent { child }) => matches!(waitpid(child, None), Ok(WaitStatus::Exited(_, 0))),
        Err(_) => false,
    }
}
