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

/// A small deterministic random source (xorshift), so a failure repeats.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A random PEG s-expression over the letters a and b, naming earlier patterns.
fn random_pattern(r: &mut Random, depth: u32, names: &[String]) -> String {
    if depth == 0 || r.below(10) < 3 {
        return match r.below(10) {
            0..=4 => format!("\"{}\"", r.pick(&["a", "b", "ab", "ba", "aa"])),
            5 => "peg-any".into(),
            6 => "(range #\\a #\\b)".into(),
            _ if !names.is_empty() => names[r.below(names.len())].clone(),
            _ => "\"a\"".into(),
        };
    }
    let form = r.pick(&["and", "and", "or", "*", "+", "?", "ignore", "capture", "not-followed-by", "followed-by"]);
    let parts = if matches!(form, "and" | "or") { 1 + r.below(3) } else { 1 };
    let parts: Vec<String> = (0..parts).map(|_| random_pattern(r, depth - 1, names)).collect();
    format!("({form} {})", parts.join(" "))
}

/// `(ice-9 peg)` gives the parse trees Guile gives, whose shape follows
/// rules Guile's manual does not state: random grammars of a dozen
/// patterns each (all three capture types, every form), each matched
/// against random strings, print the same under both.
#[test]
fn peg_parse_trees_match_guile_on_random_grammars() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut r = Random(0x9e37_79b9_7f4a_7c15);
    for grammar in 0..60 {
        let mut text = String::from("(use-modules (ice-9 peg))\n");
        let mut names = vec![];
        for i in 0..12 {
            let capture = r.pick(&["all", "body", "none", "all", "body"]);
            let pattern = random_pattern(&mut r, 3, &names);
            text += &format!("(define-peg-pattern p{i} {capture} {pattern})\n");
            names.push(format!("p{i}"));
        }
        text += "(define (t p s) (let ((m (match-pattern p s))) (write (and m (list (peg:end m) (peg:tree m)))) (newline)))\n";
        for _ in 0..40 {
            let input: String = (0..r.below(7)).map(|_| if r.below(2) == 0 { 'a' } else { 'b' }).collect();
            text += &format!("(t {} \"{input}\")\n", names[r.below(names.len())]);
        }
        let file = dir.path().join(format!("grammar{grammar}.scm"));
        std::fs::write(&file, &text).expect("write grammar");
        let guile = std::process::Command::new("guile")
            .args(["--no-auto-compile", "-s"])
            .arg(&file)
            .env("GUILE_AUTO_COMPILE", "0")
            .output()
            .expect("guile runs");
        let guix0 = common::guix0().arg(&file).output().expect("guix0 runs");
        assert!(guile.status.success(), "guile failed on\n{text}\n{}", String::from_utf8_lossy(&guile.stderr));
        assert_eq!(
            String::from_utf8_lossy(&guix0.stdout),
            String::from_utf8_lossy(&guile.stdout),
            "different trees for\n{text}\n{}",
            String::from_utf8_lossy(&guix0.stderr)
        );
    }
}
