//! Isolated builds: a build runs in new user, mount, pid, network, uts and
//! ipc namespaces, in a root that holds only what the build declared (its
//! input store items, its sources, its build directory and output, the
//! host directories a `host-tools` package names) plus `/dev/null` & co,
//! `/proc`, a minimal `/etc` and guix0 itself. The network has only a
//! loopback interface that is down; the hostname is `localhost`; nothing of
//! the host is writable but the build directory and the output.
//!
//! guix0 runs itself as the container's first process (`guix0 --contained
//! SPEC`, see `setup.rs`): the spec file lists the mounts, the working
//! directory and the program to run.

mod setup;

use std::path::{Path, PathBuf};

pub use setup::run_contained;

/// Where guix0 itself appears inside a container.
const GUIX0_DIR: &str = "/guix0";

/// What a contained process sees.
pub struct Container {
    /// An empty host directory the container's root is built on.
    pub root: PathBuf,
    /// Host path, path inside, writable?
    pub binds: Vec<(PathBuf, PathBuf, bool)>,
    /// Top-level symlinks to recreate (`/bin -> usr/bin` on merged-usr hosts).
    pub symlinks: Vec<(PathBuf, PathBuf)>,
    /// Working directory inside.
    pub dir: PathBuf,
}

impl Container {
    /// Write the spec `guix0 --contained` reads and return the command
    /// line that runs `program args...` inside (program as seen inside;
    /// guix0's own executable is translated).
    pub fn prepare(&self, spec: &Path, program: &str, args: &[String]) -> std::io::Result<Vec<String>> {
        let mut lines = vec![format!("root\t{}", self.root.display())];
        let mut binds = self.binds.clone();
        let mut command = vec![program.to_string()];
        let guix0 = std::env::current_exe()?;
        if Path::new(program) == guix0 {
            command = guix0_command(&guix0, &mut binds)?;
        }
        command.extend(args.iter().cloned());
        for (host, inside, writable) in &binds {
            lines.push(format!(
                "bind\t{}\t{}\t{}",
                host.display(),
                inside.display(),
                if *writable { "rw" } else { "ro" }
            ));
        }
        for (target, link) in &self.symlinks {
            lines.push(format!("symlink\t{}\t{}", target.display(), link.display()));
        }
        lines.push(format!("chdir\t{}", self.dir.display()));
        lines.push(format!("exec\t{}", command.join("\t")));
        if lines.iter().any(|l| l.contains('\n')) {
            return Err(std::io::Error::other("a path given to the container contains a newline"));
        }
        std::fs::write(spec, lines.join("\n") + "\n")?;
        Ok(vec!["--contained".into(), spec.display().to_string()])
    }
}

/// guix0 inside a container: its executable, and (for a dynamically
/// linked guix0) the shared libraries it runs with, loaded by their own
/// loader so that nothing else of the host is needed.
fn guix0_command(exe: &Path, binds: &mut Vec<(PathBuf, PathBuf, bool)>) -> std::io::Result<Vec<String>> {
    let inside = PathBuf::from(GUIX0_DIR).join("bin/guix0");
    binds.push((exe.to_path_buf(), inside.clone(), false));
    let libs = mapped_libraries()?;
    let Some(loader) = libs.iter().find(|l| l.file_name().is_some_and(|n| n.to_string_lossy().starts_with("ld-linux")))
    else {
        return Ok(vec![inside.display().to_string()]);
    };
    let lib_dir = PathBuf::from(GUIX0_DIR).join("lib");
    for lib in &libs {
        if let Some(name) = lib.file_name() {
            binds.push((lib.clone(), lib_dir.join(name), false));
        }
    }
    let loader_inside = lib_dir.join(loader.file_name().unwrap_or_default());
    Ok(vec![
        loader_inside.display().to_string(),
        "--library-path".into(),
        lib_dir.display().to_string(),
        inside.display().to_string(),
    ])
}

/// The shared objects mapped into this process.
fn mapped_libraries() -> std::io::Result<Vec<PathBuf>> {
    let maps = std::fs::read_to_string("/proc/self/maps")?;
    let mut libs: Vec<PathBuf> = maps
        .lines()
        .filter_map(|l| l.split_whitespace().nth(5))
        .filter(|p| p.starts_with('/') && p.contains(".so"))
        .map(PathBuf::from)
        .collect();
    libs.sort();
    libs.dedup();
    Ok(libs)
}

/// Whether this kernel lets guix0 create the namespaces a container needs
/// (a child process tries, so guix0 itself is unchanged).
pub fn available() -> bool {
    setup::probe()
}
