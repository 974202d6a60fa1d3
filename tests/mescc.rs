//! MesCC, GNU Mes's C compiler written in Scheme, runs unchanged under
//! guix0: Debian's `mescc` wrapper with `MES=guix0` gives the same M1
//! assembly as with `mes`, and links programs that run. guix0 takes Mes's
//! branch of MesCC's `cond-expand` and loads Mes's module tree and nyacc
//! from where Mes does (nothing of MesCC is in this repository).
//!
//! Needs `mes`, `nyacc` and `mescc-tools` (installed by .ci/run) and the
//! mes source tarball (tests/fetch-tarballs.sh) for real C sources.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn guix0() -> &'static str {
    env!("CARGO_BIN_EXE_guix0")
}

/// `mescc ARGS...` with `MES` set to the interpreter; panics with its
/// output if it fails.
fn mescc(interp: &str, dir: &Path, args: &[&str]) {
    let out = Command::new("mescc")
        .args(args)
        .current_dir(dir)
        .env("MES", interp)
        .output()
        .expect("mescc runs (apt-get install mes nyacc mescc-tools)");
    assert!(
        out.status.success(),
        "MES={interp} mescc {}: {}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Compile `source` to M1 under mes and under guix0; the outputs must be
/// byte-identical except for the string labels MesCC derives from the
/// output file name.
fn same_assembly(source: &Path, includes: &[PathBuf]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut args: Vec<String> = vec!["-S".into()];
    for inc in includes {
        args.push("-I".into());
        args.push(inc.display().to_string());
    }
    args.push(source.display().to_string());
    let mut outputs = vec![];
    for (interp, out) in [("mes", "by-mes.M1"), (guix0(), "by-guix0.M1")] {
        let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
        a.extend(["-o", out]);
        mescc(interp, dir.path(), &a);
        let text = std::fs::read_to_string(dir.path().join(out)).expect("M1 output");
        outputs.push(text.replace(out, "OUTPUT"));
    }
    assert!(outputs[0] == outputs[1], "{}: guix0's M1 differs from mes's", source.display());
    assert!(outputs[1].contains(":main") || outputs[1].len() > 100, "suspiciously small output");
}

fn mes_source() -> (tempfile::TempDir, PathBuf) {
    let tarball = common::tarball("mes_0.24.2.orig.tar.gz");
    let dir = tempfile::tempdir().expect("temp dir");
    let status = Command::new("tar").arg("xzf").arg(&tarball).arg("-C").arg(dir.path()).status().expect("tar runs");
    assert!(status.success());
    let src = dir.path().join("mes-0.24.2");
    (dir, src)
}

#[test]
fn hello_and_a_feature_test_compile_to_the_same_m1() {
    let tests = common::repo().join("tests/mescc");
    let (_keep, src) = mes_source();
    let includes = [src.join("include"), src.join("include/linux/x86_64")];
    same_assembly(&tests.join("hello.c"), &[]);
    same_assembly(&tests.join("features.c"), &includes);
}

#[test]
fn real_mes_sources_compile_to_the_same_m1() {
    let (_keep, src) = mes_source();
    let includes = [src.join("include"), src.join("include/linux/x86_64")];
    for file in ["scaffold/tiny-mes.c", "lib/posix/getopt.c", "lib/stdlib/qsort.c"] {
        same_assembly(&src.join(file), &includes);
    }
}

#[test]
fn programs_linked_under_guix0_run() {
    let tests = common::repo().join("tests/mescc");
    let (_keep, src) = mes_source();
    let dir = tempfile::tempdir().expect("temp dir");
    let inc = [src.join("include"), src.join("include/linux/x86_64")];
    // MesCC writes its .s and .o next to the source: compile copies.
    for name in ["hello.c", "features.c"] {
        std::fs::copy(tests.join(name), dir.path().join(name)).expect("copy a test program");
    }
    mescc(guix0(), dir.path(), &["hello.c", "-o", "hello"]);
    let out = Command::new(dir.path().join("hello")).output().expect("the linked binary runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Hello, Mes!\n\n");
    assert_eq!(out.status.code(), Some(42));

    let i0 = inc[0].display().to_string();
    let i1 = inc[1].display().to_string();
    mescc(guix0(), dir.path(), &["-I", &i0, "-I", &i1, "features.c", "-o", "features"]);
    let out = Command::new(dir.path().join("features")).output().expect("the linked binary runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "zero\nsmall\nsmall\ndiagonal\n");
    // 5*5 (the segment's squared length) + 5! + strlen ("string literal").
    assert_eq!(out.status.code(), Some(25 + 120 + 14));
}
