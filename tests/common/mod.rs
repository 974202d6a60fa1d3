//! Shared helpers for the integration tests: running the built `guix0`.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn guix0() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_guix0"));
    cmd.env("NO_COLOR", "1").env_remove("GUIX0_LOAD_PATH").stdin(Stdio::null());
    cmd
}

pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

fn finish(out: Output) -> Run {
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn run(args: &[&str]) -> Run {
    finish(guix0().args(args).output().expect("guix0 binary runs"))
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    finish(guix0().current_dir(dir).args(args).output().expect("guix0 binary runs"))
}

/// Run a program given as text (written to a temporary file).
pub fn run_program(text: &str) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("program.scm");
    std::fs::write(&path, text).expect("write program");
    run(&[path.to_str().expect("utf-8 path")])
}

pub fn run_stdin(args: &[&str], input: &str) -> Run {
    let mut child = guix0()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("guix0 binary runs");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    finish(child.wait_with_output().expect("guix0 finishes"))
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where the real tarballs live; panics with the command to fetch them.
pub fn tarball(name: &str) -> PathBuf {
    let dir = std::env::var_os("GUIX0_TARBALLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tarballs"));
    let path = dir.join(name);
    assert!(
        path.is_file(),
        "missing test tarball {}: run: GUIX0_TARBALLS={} tests/fetch-tarballs.sh",
        path.display(),
        dir.display()
    );
    path
}
