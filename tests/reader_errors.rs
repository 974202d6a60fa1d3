//! Malformed source never panics: each problem is a diagnostic naming the
//! file, line and column, pointing at the problem (and, for an unclosed
//! list, at the bracket that opened it), and the exit status is 1.

mod common;

use common::run_program;

fn diagnose(text: &str) -> String {
    let r = run_program(text);
    assert_eq!(r.status, 1, "expected a read error for {text:?}, got stdout {:?} stderr {}", r.stdout, r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(r.stdout.is_empty(), "nothing runs when the file does not read: {}", r.stdout);
    r.stderr
}

#[test]
fn unterminated_string() {
    let e = diagnose("(display 1)\n(display \"abc)\n");
    assert!(e.contains("unterminated string") && e.contains("program.scm:2:10"), "{e}");
}

#[test]
fn unclosed_list_points_at_its_opening() {
    let e = diagnose("(define (f x)\n  (+ x 1)\n");
    assert!(e.contains("unclosed list") && e.contains("program.scm:1:1"), "{e}");
    assert!(e.contains("add the missing `)`"), "{e}");
    // A list opened with `[` asks for its `]`.
    let e = diagnose("(display\n  [list 1 2\n");
    assert!(e.contains("program.scm:2:3: unclosed list") && e.contains("add the missing `]`"), "{e}");
}

#[test]
fn stray_close_paren() {
    let e = diagnose("(display 1))\n");
    assert!(e.contains("unexpected `)`") && e.contains("program.scm:1:12"), "{e}");
}

#[test]
fn bad_character_name() {
    let e = diagnose("(display #\\bogus)\n");
    assert!(e.contains("unknown character name `#\\bogus`") && e.contains("program.scm:1:10"), "{e}");
}

#[test]
fn bad_numbers() {
    let e = diagnose("(display #b102)\n");
    assert!(e.contains("bad number `#b102`"), "{e}");
    let e = diagnose("(display #xZZ)\n");
    assert!(e.contains("bad number `#xZZ`"), "{e}");
}

#[test]
fn dangling_quote_and_misplaced_dot() {
    let e = diagnose("(display 1) '");
    assert!(e.contains("a datum was expected"), "{e}");
    let e = diagnose("(a . b c)");
    assert!(e.contains("misplaced `.`") || e.contains("unexpected"), "{e}");
}

#[test]
fn unterminated_block_comment_and_bad_escape() {
    let e = diagnose("#| never closed\n(display 1)\n");
    assert!(e.contains("unterminated `#|` comment"), "{e}");
    let e = diagnose("(display \"a\\qb\")");
    assert!(e.contains("unknown string escape"), "{e}");
}

#[test]
fn unterminated_odd_symbols() {
    let e = diagnose("(display 1)\n(display '|odd symbol)\n");
    assert!(e.contains("unterminated `|symbol|`") && e.contains("program.scm:2:11"), "{e}");
    let e = diagnose("(display '#{odd symbol)\n");
    assert!(e.contains("unterminated `#{symbol}#`") && e.contains("program.scm:1:11"), "{e}");
}

#[test]
fn binary_garbage_does_not_panic() {
    let mut text = String::new();
    for i in 0..2000u32 {
        text.push(char::from_u32((i * 7919) % 0x2FF).unwrap_or('?'));
    }
    let r = run_program(&text);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(r.status == 0 || r.status == 1, "status {}", r.status);
}

/// Code and data nest as deep as anyone writes (the interpreter runs on a
/// large stack); past 100,000 open lists the reader says so.
#[test]
fn deep_nesting_reads_and_too_deep_is_an_error() {
    let nested = |n: usize| format!("{}{}", "(".repeat(n), ")".repeat(n));
    let r = run_program(&format!("(display (length (quote {})))", nested(90_000)));
    assert_eq!((r.status, r.stdout.as_str()), (0, "1"), "{}", r.stderr);
    let code = format!("(display (car {}1{}))", "(list ".repeat(20_000), ")".repeat(20_000));
    let r = run_program(&code);
    assert_eq!(r.status, 0, "{}", r.stderr);

    let e = diagnose(&format!("(display (quote {}))", nested(100_001)));
    assert!(e.contains("data nested more than 100000 deep") && e.contains("program.scm:1:"), "{e}");
    // Quote marks nest too: 'x within 'x within ...
    let e = diagnose(&format!("(display {}x)", "'".repeat(100_001)));
    assert!(e.contains("data nested more than 100000 deep"), "{e}");
}

/// An error on a line too long to show is reported without a snippet.
#[test]
fn an_error_on_a_very_long_line_is_reported() {
    let r = run_program(&format!("{}(car 5)", "(display 1) ".repeat(7_000)));
    assert_eq!(r.status, 1);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(r.stderr.contains("program.scm:1:84001: In procedure car"), "{}", r.stderr);
}

#[test]
fn a_bracket_must_match_the_one_that_opened_its_list() {
    let e = diagnose("(display\n  (list 1 2]\n  3)");
    assert!(e.contains("program.scm:2:12: `]` closes the list opened with `(` at"), "{e}");
    assert!(e.contains("program.scm:2:3") && e.contains("close that list with `)`"), "{e}");
    let e = diagnose("(display [list 1 2))");
    assert!(e.contains("`)` closes the list opened with `[`"), "{e}");
    let e = diagnose("(display #(1 2])");
    assert!(e.contains("`]` closes the list opened with `(`"), "{e}");
    // Matching brackets of either kind read as lists.
    assert_eq!(run_program("(display [list 1 (+ 1 1)])").stdout, "(1 2)");
}

#[test]
fn a_byte_order_mark_opening_a_file_is_skipped() {
    let r = run_program("\u{FEFF}(display \"read\")");
    assert_eq!((r.status, r.stdout.as_str()), (0, "read"), "{}", r.stderr);
}

#[test]
fn character_names_ignore_case_as_in_guile() {
    let r = run_program("(write (list #\\SPACE #\\Newline #\\NUL #\\x41 #\\A))");
    assert_eq!(r.stdout, "(#\\space #\\newline #\\nul #\\A #\\A)", "{}", r.stderr);
}
