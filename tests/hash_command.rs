//! `guix0 guix0.scm hash` and the hashing primitives as Scheme sees them,
//! checked against Nix's `nix-hash` (Debian's nix-bin, installed by CI).

mod common;

use std::process::Command;

fn nix_hash(args: &[&str]) -> String {
    let out = Command::new("nix-hash").args(args).output().expect("nix-hash is needed: apt-get install nix-bin");
    assert!(out.status.success(), "nix-hash {args:?} failed");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn sample_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("tree/sub")).expect("mkdir");
    std::fs::write(root.join("tree/a.txt"), "hello\n").expect("write");
    std::fs::write(root.join("tree/sub/b"), vec![0u8; 1000]).expect("write");
    std::fs::write(root.join("tree/run.sh"), "#!/bin/sh\n").expect("write");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(root.join("tree/run.sh"), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::os::unix::fs::symlink("a.txt", root.join("tree/link")).expect("symlink");
    dir
}

#[test]
fn flat_and_recursive_hashes_match_nix_hash() {
    let dir = sample_tree();
    let root = dir.path();
    let file = root.join("tree/a.txt");
    let tree = root.join("tree");
    let (file, tree) = (file.to_str().expect("utf-8"), tree.to_str().expect("utf-8"));
    let r = common::run_in(root, &["guix0.scm", "hash", file]);
    assert_eq!(r.stdout.trim(), nix_hash(&["--type", "sha256", "--flat", "--base32", file]), "{}", r.stderr);
    let r = common::run_in(root, &["guix0.scm", "hash", "-r", tree]);
    assert_eq!(r.stdout.trim(), nix_hash(&["--type", "sha256", "--base32", tree]), "{}", r.stderr);
    let r = common::run_in(root, &["guix0.scm", "hash", "-S", "nar", "-f", "base16", tree]);
    assert_eq!(r.stdout.trim(), nix_hash(&["--type", "sha256", tree]), "{}", r.stderr);
    let r = common::run_in(root, &["guix0.scm", "hash", "-H", "sha512", "-f", "hex", file]);
    assert_eq!(r.stdout.trim(), nix_hash(&["--type", "sha512", "--flat", file]), "{}", r.stderr);
}

#[test]
fn one_line_per_file_and_errors_like_guix() {
    let dir = sample_tree();
    let root = dir.path();
    let r = common::run_in(root, &["guix0.scm", "hash", "tree/a.txt", "tree/sub/b"]);
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    let r = common::run_in(root, &["guix0.scm", "hash", "tree"]);
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("guix0 hash: error: tree is a directory; use -r"), "{}", r.stderr);
    let r = common::run_in(root, &["guix0.scm", "hash", "missing"]);
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("guix0 hash: error: missing: No such file or directory"), "{}", r.stderr);
    let r = common::run_stdin(&["guix0.scm", "hash", "-"], "hello");
    assert_eq!(r.stdout.trim(), "094qif9n4cq4fdg459qzbhg1c6wywawwaaivx0k0x8xhbyx4vwic");
}

#[test]
fn hello_tarball_hash_is_the_one_guix_declares() {
    let hello = common::tarball("hello_2.10.orig.tar.gz");
    let r = common::run(&["guix0.scm", "hash", hello.to_str().expect("utf-8 path")]);
    assert_eq!(r.stdout.trim(), "0ssi1wpaf7plaswqqjwigppsg5fyh99vdlb9kzl7c9lng89ndq1i", "{}", r.stderr);
}

#[test]
fn scheme_primitives() {
    let r = common::run(&[
        "-c",
        "(write (list (bytevector->nix-base32-string (sha256 \"\"))
                      (bytevector->base16-string (sha256 (string->utf8 \"abc\")))
                      (base64-encode (string->utf8 \"hi\"))
                      (bytevector->u8-list (nix-base32-string->bytevector \"0000000000000000000000000000000000000000000000000001\"))))",
    ]);
    assert_eq!(
        r.stdout,
        "(\"0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73\" \
         \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\" \"aGk=\" \
         (1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0))",
        "{}",
        r.stderr
    );
}

#[test]
fn malformed_nix_base32_names_the_problem() {
    for (text, expect) in [
        ("e000000000000000000000000000000000000000000000000000", "'e'"),
        ("0000000000000000000000000000000000000000000000000000x", "53 characters, expected 52"),
        ("z000000000000000000000000000000000000000000000000000", "first character"),
    ] {
        let r = common::run(&["-c", &format!("(%decode-base32-hash \"{text}\")")]);
        assert_eq!(r.status, 1);
        assert!(r.stderr.contains(expect), "{text}: {}", r.stderr);
    }
}

#[test]
fn unpack_archive_from_scheme_and_refusal_of_escapes() {
    let hello = common::tarball("hello_2.10.orig.tar.gz").display().to_string();
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("x");
    let program = format!(
        "(mkdir \"{t}\") (unpack-archive \"{hello}\" \"{t}\") (display (file-exists? \"{t}/hello-2.10/configure\"))",
        t = target.display()
    );
    let r = common::run(&["-c", &program]);
    assert_eq!(r.stdout, "#t", "{}", r.stderr);
    // A tarball with a `../` entry is refused, naming the entry.
    let evil = out.path().join("evil.tar");
    let mut header = tar::Header::new_gnu();
    header.set_size(1);
    header.set_mode(0o644);
    let name = b"../escape";
    header.as_old_mut().name[..name.len()].copy_from_slice(name);
    header.set_cksum();
    let mut builder = tar::Builder::new(std::fs::File::create(&evil).expect("create"));
    builder.append(&header, &b"x"[..]).expect("append");
    builder.finish().expect("finish");
    let program =
        format!("(mkdir \"{t}2\") (unpack-archive \"{e}\" \"{t}2\")", t = target.display(), e = evil.display());
    let r = common::run(&["-c", &program]);
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("../escape"), "{}", r.stderr);
    assert!(!out.path().join("escape").exists());
}

#[test]
fn option_forms_match_guix_hash() {
    let dir = sample_tree();
    let root = dir.path();
    let file = root.join("tree/a.txt");
    let file = file.to_str().expect("utf-8");
    // `--` ends the options; base32 (RFC 4648) and base64 formats; -S none.
    let r = common::run_in(root, &["guix0.scm", "hash", "--", file]);
    assert_eq!(r.stdout.trim(), nix_hash(&["--type", "sha256", "--flat", "--base32", file]), "{}", r.stderr);
    let hex = nix_hash(&["--type", "sha256", "--flat", file]);
    let r = common::run_in(root, &["guix0.scm", "hash", "-S", "none", "-f", "base16", file]);
    assert_eq!(r.stdout.trim(), hex);
    let r = common::run_in(root, &["guix0.scm", "hash", "-f", "base64", file]);
    let expect = common::run(&["-c", &format!("(display (base64-encode (base16-string->bytevector \"{hex}\")))")]);
    assert_eq!(r.stdout.trim(), expect.stdout);
    let r = common::run_in(root, &["guix0.scm", "hash", "-f", "base32", file]);
    assert!(
        r.stdout.trim().len() == 52
            && r.stdout.trim().chars().all(|c| c.is_ascii_lowercase() || ('2'..='7').contains(&c))
    );
    let r = common::run_in(root, &["guix0.scm", "hash", "-r", "-"]);
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("standard input has no nar serialisation"), "{}", r.stderr);
    let r = common::run_in(root, &["guix0.scm", "hash", "-r", "missing"]);
    assert!(r.stderr.contains("missing: No such file or directory") && !r.stderr.contains("os error"), "{}", r.stderr);
}

#[test]
fn binary_ports_hash_and_serialise_exactly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bin = dir.path().join("bytes");
    std::fs::write(&bin, (0..=255u8).cycle().take(70_000).collect::<Vec<u8>>()).expect("write");
    let bin = bin.to_str().expect("utf-8");
    let tree = sample_tree();
    let t = tree.path().join("tree");
    let t = t.to_str().expect("utf-8");
    let program = format!(
        "(display (equal? (call-with-input-file \"{bin}\" port-sha256) (file-sha256 \"{bin}\")))
         (newline)
         (display (bytevector->nix-base32-string (nar-sha256 \"{t}\")))
         (newline)
         (let ((port (open-output-bytevector)))
           (write-nar \"{t}\" port)
           (display (bytevector->nix-base32-string (sha256 (get-output-bytevector port)))))"
    );
    let r = common::run(&["-c", &program]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let nar = nix_hash(&["--type", "sha256", "--base32", t]);
    assert_eq!(lines, ["#t", nar.as_str(), nar.as_str()], "{}", r.stderr);
}

#[test]
fn base32_literals_of_every_digest_size_are_checked_at_load_time() {
    let sha512 = nix_hash(&["--type", "sha512", "--base32", "--flat", "/etc/hostname"]);
    let sha1 = nix_hash(&["--type", "sha1", "--base32", "--flat", "/etc/hostname"]);
    let program = format!(
        "(use-modules (guix base32))
         (display (list (bytevector-length (base32 \"{sha512}\")) (bytevector-length (base32 \"{sha1}\"))))"
    );
    let r = common::run_program(&program);
    assert_eq!(r.stdout, "(64 20)", "{}", r.stderr);
    // A bad literal is an error when the file is loaded, at its line.
    let r = common::run_program(
        "(use-modules (guix base32))\n(display \"running\")\n(define h (base32 \"0ssi1wpaf7plaswqqjwigppsg5fyh99vdlb9kzl7c9lng89ndq1e\"))",
    );
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("'e'") && r.stderr.contains(":3:"), "{}", r.stderr);
}
