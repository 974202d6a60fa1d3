//! Runs each Scheme test file under `tests/scheme/` with guix0, as its own
//! test. A file passes when its SRFI-64 summary reports passes and no
//! unexpected failures; otherwise the test fails showing the failed
//! expectations (name, form, expected and actual values).

mod common;

fn check_file(name: &str) {
    let path = common::repo().join("tests/scheme").join(name);
    let dir = tempfile::tempdir().expect("temp dir");
    let r = common::run_in(dir.path(), &[path.to_str().expect("utf-8 path")]);
    let passes = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("# of expected passes"))
        .and_then(|n| n.trim().parse::<u32>().ok())
        .unwrap_or(0);
    let failed = r.stdout.contains("# of unexpected failures")
        || r.stdout.contains("\nFAIL: ")
        || r.stdout.starts_with("FAIL: ");
    assert!(
        r.status == 0 && passes > 0 && !failed,
        "{name}: exit status {}, {passes} passes\n--- stdout ---\n{}\n--- stderr ---\n{}",
        r.status,
        r.stdout,
        r.stderr
    );
}

macro_rules! scheme_files {
    ($($test:ident => $file:expr),* $(,)?) => {
        $(#[test] fn $test() { check_file($file); })*
        const FILES: &[&str] = &[$($file),*];
    };
}

scheme_files! {
    reader => "reader.scm",
    tail_calls => "tail.scm",
    continuations => "callcc.scm",
    numbers => "numbers.scm",
    syntax_rules => "syntax.scm",
    syntax_case => "syntax-case.scm",
    core_forms => "core-forms.scm",
    strings => "strings.scm",
    lists => "lists.scm",
    vectors => "vectors.scm",
    chars => "chars.scm",
    r7rs => "r7rs.scm",
    pattern_matching => "match.scm",
    pretty_print => "pretty-print.scm",
    srfi_26 => "srfi-26.scm",
    srfi_37 => "srfi-37.scm",
    srfi_1 => "srfi-1.scm",
    srfi_13 => "srfi-13.scm",
    srfi_14 => "srfi-14.scm",
    srfi_19 => "srfi-19.scm",
    srfi_43 => "srfi-43.scm",
    srfi_64 => "srfi-64.scm",
    format => "format.scm",
    getopt_long => "getopt-long.scm",
    conditions => "conditions.scm",
    posix => "posix.scm",
    regular_expressions => "regex.scm",
    hash_tables => "hash-tables.scm",
    records => "records.scm",
    modules => "modules.scm",
    library => "library.scm",
    guile_modules => "guile-modules.scm",
    guile_core => "guile-core.scm",
    exceptions => "exceptions.scm",
    r7rs_libraries => "r7rs-libraries.scm",
    web_uri => "web-uri.scm",
    small_modules => "small-modules.scm",
    custom_ports => "custom-ports.scm",
    rnrs => "rnrs.scm",
    sxml => "sxml.scm",
    peg => "peg.scm",
}

/// Every file in tests/scheme is listed above (a new file cannot be forgotten).
#[test]
fn every_scheme_file_is_run() {
    for entry in std::fs::read_dir(common::repo().join("tests/scheme")).expect("tests/scheme exists") {
        let name = entry.expect("dir entry").file_name().to_string_lossy().into_owned();
        if name.ends_with(".scm") {
            assert!(FILES.contains(&name.as_str()), "{name} is not run by tests/scheme_files.rs");
        }
    }
}

/// `test-error` with a type passes only for an error of that key, so the
/// files' typed expectations check which error is raised.
#[test]
fn test_error_checks_the_type_it_names() {
    let r = common::run_program(
        "(use-modules (srfi srfi-64))
         (test-begin \"typed\")
         (test-error \"right key\" 'wrong-type-arg (car 1))
         (test-error \"wrong key\" 'out-of-range (car 1))
         (test-error \"predicate\" error-object? (car 1))
         (test-error \"any error\" #t (car 1))
         (test-error \"untyped\" (car 1))
         (test-end \"typed\")",
    );
    assert!(r.stdout.contains("# of expected passes      4"), "{}", r.stdout);
    assert!(r.stdout.contains("FAIL: typed: wrong key"), "{}", r.stdout);
    assert!(r.stdout.contains("expected: an error of type out-of-range"), "{}", r.stdout);
    assert!(r.stdout.contains("raised:   wrong-type-arg"), "{}", r.stdout);
}
