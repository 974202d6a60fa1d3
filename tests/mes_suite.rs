//! GNU Mes 0.24.2's own test suite (33 tests/*.test, 90 scaffold/boot/*.scm)
//! run under guix0 and under mes, the way Mes's `make check` runs it
//! (tests/mes/run-suite). Every file Mes passes must pass under guix0 with
//! at least as many `pass-if` passes (the one file Mes fails,
//! scaffold/boot/60-let-syntax-expanded.scm, guix0 fails too).
//!
//! Needs the mes source tarball (tests/fetch-tarballs.sh) and Debian's
//! `mes` (installed by .ci/run).

mod common;

use std::collections::BTreeMap;
use std::process::Command;

/// `FILE -> PASS/FAIL line` from a run-suite run under `interp`.
fn run_suite(interp: &str, source: &std::path::Path) -> (BTreeMap<String, String>, String) {
    let out = Command::new("bash")
        .arg(common::repo().join("tests/mes/run-suite"))
        .args(["--interp", interp, "--timeout", "120"])
        .arg(source)
        .env("MES_PREFIX", "/usr")
        .output()
        .expect("run-suite runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut files = BTreeMap::new();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        if let (Some(verdict @ ("PASS" | "FAIL")), Some(file)) = (words.next(), words.next()) {
            files.insert(file.to_string(), format!("{verdict} {line}"));
        }
    }
    let summary = text.lines().last().unwrap_or_default().to_string();
    (files, summary)
}

#[test]
fn mes_test_suite_passes_under_guix0() {
    let tarball = common::tarball("mes_0.24.2.orig.tar.gz");
    let dir = tempfile::tempdir().expect("temp dir");
    let status = Command::new("tar").arg("xzf").arg(&tarball).arg("-C").arg(dir.path()).status().expect("tar runs");
    assert!(status.success(), "cannot unpack {}", tarball.display());
    let source = dir.path().join("mes-0.24.2");

    let (under_mes, mes_summary) = run_suite("mes", &source);
    let guix0 = env!("CARGO_BIN_EXE_guix0");
    let (under_guix0, guix0_summary) = run_suite(guix0, &source);
    eprintln!("mes:   {mes_summary}\nguix0: {guix0_summary}");
    assert!(under_mes.len() >= 120, "run-suite found too few files under mes: {mes_summary}");
    assert_eq!(under_mes.len(), under_guix0.len(), "both runs cover the same files");

    let mut regressions = vec![];
    for (file, mes_line) in &under_mes {
        let guix0_line = &under_guix0[file];
        if mes_line.starts_with("PASS") && guix0_line.starts_with("FAIL") {
            regressions.push(guix0_line.clone());
        }
    }
    assert!(regressions.is_empty(), "files Mes passes but guix0 fails:\n{}", regressions.join("\n"));
}

/// `syntax-case` and friends from Mes's own psyntax port, loaded by
/// `(mes-use-module (mes psyntax))` from Debian's Mes tree, give the same
/// output under guix0 as under mes.
#[test]
fn mes_psyntax_port_gives_syntax_case() {
    let program = common::repo().join("tests/mes/syntax-case.scm");
    let run = |interp: &str| {
        let out = Command::new(interp)
            .arg(&program)
            .env("MES_PREFIX", "/usr")
            // Mes's default arena runs out while loading psyntax; its own
            // `make check` uses this size.
            .env("MES_ARENA", "20000000")
            .output()
            .expect("interpreter runs");
        (
            out.status,
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (status, guix0_out, stderr) = run(env!("CARGO_BIN_EXE_guix0"));
    assert!(status.success(), "{stderr}");
    assert_eq!(guix0_out, "(2 1)\n(1 2 3 4)\nno\n6\n");
    let (mes_status, mes_out, mes_err) = run("mes");
    assert!(mes_status.success(), "{mes_err}");
    assert_eq!(mes_out, guix0_out);
}
