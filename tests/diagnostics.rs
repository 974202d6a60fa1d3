//! Snapshot tests of guix0's diagnostics, rendered without colour: each
//! `tests/diagnostics/NAME.scm` is run as `guix0 NAME.scm`, and each
//! directory `tests/diagnostics/NAME/` (a definitions file, sources and an
//! `args` file) as `guix0 guix0.scm ARGS` in a copy of it; stderr must equal
//! `NAME.stderr` (`NAME/expected.stderr`) once the temporary directory and
//! timings are written as `$DIR` and `N.N`.
//!
//! After a deliberate change to a message, regenerate the snapshots with
//! `UPDATE_SNAPSHOTS=1 cargo test --test diagnostics` and review the diff.

mod common;

use std::path::{Path, PathBuf};

fn snapshots() -> PathBuf {
    common::repo().join("tests/diagnostics")
}

/// Stable text: no temporary directory, no timings.
fn normalise(stderr: &str, dir: &Path) -> String {
    let text = stderr.replace(&dir.display().to_string(), "$DIR");
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    // "after 0.3 seconds" / "in 1.2 s" → "N.N"
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut number = String::from(c);
            while let Some(&d) = chars.peek() {
                if d.is_ascii_digit() || d == '.' {
                    number.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            let rest: String = chars.clone().take(8).collect();
            let timing = number.contains('.') && (rest.starts_with(" seconds") || rest.starts_with(" s"));
            out.push_str(if timing { "N.N" } else { &number });
        } else {
            out.push(c);
        }
    }
    out
}

fn check(name: &str, expected_file: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(expected_file, actual).expect("write snapshot");
        return None;
    }
    let expected = std::fs::read_to_string(expected_file).unwrap_or_default();
    (expected != actual).then(|| format!("--- {name}: expected ---\n{expected}--- actual ---\n{actual}"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("case directory") {
        let entry = entry.expect("entry");
        if entry.file_name() != "expected.stderr" && entry.file_name() != "args" {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

#[test]
fn every_diagnostic_matches_its_snapshot() {
    let mut failures = vec![];
    let mut count = 0;
    let mut entries: Vec<_> =
        std::fs::read_dir(snapshots()).expect("tests/diagnostics").filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let dir = tempfile::tempdir().expect("temp dir");
        let (run, expected) = if path.is_dir() {
            copy_dir(&path, dir.path());
            let args = std::fs::read_to_string(path.join("args")).expect("args file");
            let mut all = vec!["guix0.scm"];
            all.extend(args.split_whitespace());
            (common::run_in(dir.path(), &all), path.join("expected.stderr"))
        } else if let Some(stem) = name.strip_suffix(".scm") {
            std::fs::copy(&path, dir.path().join(&name)).expect("copy");
            (common::run_in(dir.path(), &[&name]), snapshots().join(format!("{stem}.stderr")))
        } else {
            continue;
        };
        count += 1;
        assert_ne!(run.status, 0, "{name} should fail");
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
        if let Some(diff) = check(&name, &expected, &normalise(&run.stderr, dir.path())) {
            failures.push(diff);
        }
    }
    assert!(count >= 20, "only {count} diagnostic cases ran");
    assert!(failures.is_empty(), "{} snapshot(s) differ:\n{}", failures.len(), failures.join("\n"));
}
