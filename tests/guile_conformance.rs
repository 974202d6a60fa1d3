//! The Scheme test files state standard Scheme (and Guile) behaviour, so
//! they must also pass under GNU Guile 3: this keeps guix0 honest about
//! semantics. CI installs guile-3.0; without it this test fails and says so.

mod common;

#[test]
fn scheme_files_pass_under_guile() {
    let guile = std::process::Command::new("guile").arg("--version").output();
    assert!(
        guile.map(|o| o.status.success()).unwrap_or(false),
        "GNU Guile is needed to cross-check tests/scheme: apt-get install guile-3.0"
    );
    let script = common::repo().join("tests/scheme/run-with-guile");
    let out = std::process::Command::new("bash").arg(&script).output().expect("run-with-guile runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "some files fail under Guile:\n{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.lines().filter(|l| l.starts_with("ok ")).count() >= 19, "expected every file to run:\n{text}");
}
