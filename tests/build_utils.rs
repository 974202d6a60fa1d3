//! The less common procedures of `(guix build utils)` that build phases
//! call, run by guix0 in a scratch directory.

mod common;

/// Run `program` (which may use `(guix build utils)`) in a fresh directory
/// holding `files`; its stdout, after checking it exited 0.
fn run_with_files(files: &[(&str, &[u8])], program: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("write file");
    }
    let text = format!("(use-modules (guix build utils))\n{program}");
    std::fs::write(dir.path().join("program.scm"), text).expect("write program");
    let r = common::run_in(dir.path(), &["program.scm"]);
    assert_eq!(r.status, 0, "stdout {}\nstderr {}", r.stdout, r.stderr);
    (dir, r.stdout)
}

#[test]
fn file_kinds_by_header_and_by_name() {
    let files: &[(&str, &[u8])] = &[
        ("a.gz", b"\x1f\x8b\x08\x00rest"),
        ("a.xz", b"\xfd7zXZ\x00rest"),
        ("prog", b"\x7fELF\x02\x01"),
        ("short", b"\x1f"),
        ("empty", b""),
    ];
    let program = r##"
(write (map (lambda (f) (list (gzip-file? f) (xz-file? f) (elf-file? f))) '("a.gz" "a.xz" "prog" "short" "empty")))
(write ((file-header-match #vu8(#x7f #x45)) "prog"))
(write (map (lambda (f) (and (tarball? f) #t)) '("x.tar.gz" "x.tgz" "x.tar.zst" "x.tar" "x.tbz" "x.zip" "x.gz")))
(write (map compressor '("a.tar.gz" "a.Z" "a.tar.bz2" "a.lz" "a.zip" "a.tar.xz" "a.tar")))
(write (list (png-file? "a.gz") (png-file? ".")))"##;
    let (_dir, out) = run_with_files(files, program);
    assert_eq!(
        out,
        r#"((#t #f #f) (#f #t #f) (#f #f #t) (#f #f #f) (#f #f #f))#t(#t #t #t #t #t #f #f)("gzip" "gzip" "bzip2" "lzip" "unzip" "xz" #f)(#f #f)"#
    );
}

#[test]
fn search_paths_jobs_and_every() {
    let program = r##"
(write (list (search-path-as-string->list "/a/bin::/b/bin:")
             (search-path-as-string->list "x;y" #\;)
             (list->search-path-as-string '("/a" "/b") ":")
             (list->search-path-as-string '("/a" "/b") #f)
             %store-hash-length))
(setenv "NIX_BUILD_CORES" "3")
(write (parallel-job-count))
(unsetenv "NIX_BUILD_CORES")
(write (parallel-job-count))
(setenv "NIX_BUILD_CORES" "0")
(write (= (parallel-job-count) (current-processor-count)))
(let ((seen '()))
  (write (every* (lambda (x) (set! seen (cons x seen)) (odd? x)) '(1 2 3)))
  (write (reverse seen)))"##;
    let (_dir, out) = run_with_files(&[], program);
    assert_eq!(out, r##"(("/a/bin" "/b/bin") ("x" "y") "/a:/b" "/a" 32)31#t#f(1 2 3)"##);
}

#[test]
fn atomic_replacement_keeps_the_mode_or_leaves_the_file_alone() {
    let program = r##"
(chmod "notes" #o640)
(write (with-atomic-file-replacement "notes"
         (lambda (in out) (display (string-upcase (read-string in)) out) 'done)))
(write (call-with-input-file "notes" read-string))
(write (number->string (stat:perms (stat "notes")) 8))
(write (false-if-exception
        (with-atomic-file-replacement "notes" (lambda (in out) (display "half" out) (error "failed")))))
(write (call-with-input-file "notes" read-string))
(write (scandir "." (lambda (f) (not (member f '("." ".."))))))
(utime "program.scm" 1000 2000 3 4)
(set-file-time "notes" (stat "program.scm"))
(write (let ((st (stat "notes"))) (list (stat:atime st) (stat:mtime st) (stat:atimensec st) (stat:mtimensec st))))
(symlink "notes" "current")
(switch-symlinks "current" "program.scm")
(write (readlink "current"))"##;
    let (_dir, out) = run_with_files(&[("notes", b"hello\n")], program);
    assert_eq!(out, r##"done"HELLO\n""640"#f"HELLO\n"("notes" "program.scm")(1000 2000 3 4)"program.scm""##);
}

#[test]
fn an_uncaught_error_still_runs_the_after_thunks_in_force() {
    // As in Guile: the diagnostic, then each `after` thunk, innermost first
    // (an error in one is reported too); a temporary file is cleaned up.
    let program = r##"
(dynamic-wind
  (lambda () #t)
  (lambda ()
    (dynamic-wind
      (lambda () #t)
      (lambda () (with-atomic-file-replacement "notes" (lambda (in out) (display "half" out) (error "boom"))))
      (lambda () (display "inner after\n") (car 'oops))))
  (lambda () (display "outer after\n")))"##;
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notes"), "kept\n").expect("write");
    std::fs::write(dir.path().join("program.scm"), format!("(use-modules (guix build utils))\n{program}"))
        .expect("write program");
    let r = common::run_in(dir.path(), &["program.scm"]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert_eq!(r.stdout, "inner after\nouter after\n");
    let boom = r.stderr.find("boom").expect("the error is reported");
    let oops = r.stderr.find("oops").expect("the after thunk's error is reported");
    assert!(boom < oops, "{}", r.stderr);
    let names: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(names.len(), 2, "the replacement file is gone: {names:?}");
    assert_eq!(std::fs::read_to_string(dir.path().join("notes")).expect("notes"), "kept\n");
}

#[test]
fn relative_symlinks_wrapped_names_temporary_files_and_search_errors() {
    let program = r##"
(write (list (relative-file-name "/gnu/store/foo" "/gnu/store/bin/bar") (relative-file-name "/a/b" "/a/b")
             (relative-file-name "/a" "/a/b/c") (relative-file-name "/x/y" "/z")))
(mkdir-p "d/e")
(define here (getcwd))
(write (symlink-relative (string-append here "/data") (string-append here "/d/e/link")))
(write (call-with-input-file "d/e/link" read-line))
(write (map wrapped-program? '("/bin/.foo-real" "/bin/foo" "foo-real")))
(define kept #f)
(write (call-with-temporary-output-file
        (lambda (file port) (set! kept file) (display "x" port) (file-exists? file))))
(write (file-exists? kept))
(write (guard (c ((search-error? c) (list (search-error-path c) (search-error-file c))))
         (search-input-file '(("a" . "/nonexistent")) "bin/x")))
(write (guard (c ((invoke-error? c) (list (invoke-error-exit-status c) (invoke-error-stop-signal c))))
         (invoke "false")))"##;
    let (_dir, out) = run_with_files(&[("data", b"contents\n")], program);
    assert_eq!(
        out,
        r#"("../bin/bar" "." "b/c" "../../z")"../../data""contents"(#t #f #f)#t#f(("/nonexistent") "bin/x")(1 #f)"#
    );
}

#[test]
fn substitute_gives_each_matching_line_and_its_matches_to_the_procedure() {
    let program = r##"
(substitute "f.txt" `(("o" . ,(lambda (line m) (string-append (number->string (length m)) ":" line)))
                      (,(make-regexp "^2:f") . ,(lambda (line m) (string-upcase line)))))
(write (call-with-input-file "f.txt" get-string-all))"##;
    let (_dir, out) = run_with_files(&[("f.txt", b"hello world\nfoo bar\nnone here\n")], program);
    assert_eq!(out, r#""2:hello world\n2:FOO BAR\n1:none here\n""#);
}

/// `substitute*` matches as Guix's does, through `list-matches` and POSIX
/// regular expressions: the longest alternative, `^` only at the start of
/// the line, a backslash inside brackets taken literally.
#[test]
fn substitute_star_replaces_posix_leftmost_longest_matches() {
    let program = r##"
(substitute* "f.txt"
  (("lib|libexec") "LIB")
  (("^a") "A")
  (("[\\/]+") "|"))
(write (call-with-input-file "f.txt" get-string-all))"##;
    let (_dir, out) = run_with_files(&[("f.txt", b"aaa/libexec\\dir\na lib\n")], program);
    assert_eq!(out, r#""Aaa|LIB|dir\nA LIB\n""#);
}

#[test]
fn mkdir_p_perms_sets_mode_and_owner_and_refuses_symlinks() {
    let program = r##"
(define me (getpw (getuid)))
(write (list (passwd:uid me) (passwd:gid me) (string? (passwd:dir me)) (equal? me (getpwnam (passwd:name me)))))
(mkdir-p/perms "made/deeper" me #o700)
(let ((s (stat "made/deeper")))
  (write (list (number->string (stat:perms s) 8) (= (stat:uid s) (getuid)) (eq? 'directory (stat:type s)))))
(symlink "made" "link")
(write (catch 'misc-error (lambda () (mkdir-p/perms "link/x" me #o755) 'made) (lambda _ 'refused)))
(write (catch 'misc-error (lambda () (getpw "no-such-user-anywhere")) (lambda (k who . _) who)))"##;
    let (_dir, out) = run_with_files(&[], program);
    let uid = nix::unistd::getuid().as_raw();
    let gid = nix::unistd::User::from_uid(nix::unistd::getuid()).ok().flatten().map(|u| u.gid.as_raw());
    assert_eq!(out, format!("({uid} {} #t #t)(\"700\" #t #t)refused\"getpw\"", gid.unwrap_or(u32::MAX)));
}

/// `wrap-script` as Guix's: a Guile script in front that the script's own
/// language reads as comments, which sets the variables and then runs the
/// original interpreter. Guile runs it here (CI installs it): guix0 reads
/// a whole file before running it, so it cannot.
#[test]
fn wrap_script_sets_the_variables_and_runs_the_original_interpreter() {
    let program = r##"
(use-modules (srfi srfi-34))
(chmod "greet" #o750)
(utime "greet" 1000 2000)
(wrap-script "greet" '("GREETING" = ("hello")) '("PATHS" ":" prefix ("/a" "/b")))
(write (list (number->string (stat:perms (stat "greet")) 8) (stat:mtime (stat "greet"))))
(write (call-with-input-file "greet" (lambda (port) (list (read-line port) (read-line port)))))
(write (guard (c ((wrap-error? c) (list (wrap-error-program c) (wrap-error-type c))))
         (wrap-script "notes" '("X" = ("y")))))"##;
    let script = b"#!/usr/bin/sh -e\n# coding: utf-8\necho \"$GREETING $PATHS $1\"\n";
    let (dir, out) = run_with_files(&[("greet", script), ("notes", b"no shebang\n")], program);
    let guile = std::process::Command::new("sh").args(["-c", "command -v guile"]).output().expect("sh runs");
    let guile = String::from_utf8_lossy(&guile.stdout).trim().to_string();
    assert!(!guile.is_empty(), "GNU Guile runs the wrapper: apt-get install guile-3.0");
    let header = format!(r##"("#!{guile} --no-auto-compile" "#!#; # coding: utf-8")"##);
    assert_eq!(out, format!(r#"("750" 2000){header}("notes" no-interpreter-found)"#));
    let wrapped = std::fs::read(dir.path().join("greet")).expect("read");
    assert!(wrapped.ends_with(script), "the script follows the header: {}", String::from_utf8_lossy(&wrapped));
    let run = std::process::Command::new(dir.path().join("greet")).arg("world").env("PATHS", "/c").output();
    let run = run.expect("run the wrapped script");
    assert_eq!(String::from_utf8_lossy(&run.stdout), "hello /a:/b:/c world\n", "{run:?}");
}

#[test]
fn desktop_entries_fold_port_matches_and_locale_names() {
    let program = r##"
(make-desktop-entry-file "share/applications/x.desktop" #:name '((#f "X") ("fr" "Le X")) #:exec "x %u"
                         #:generic-name "Viewer; of things" #:categories '("Graphics" "Viewer") #:terminal #f
                         #:startup-w-m-class "x" #:d-bus-activatable #t)
(write (call-with-input-file "share/applications/x.desktop" get-string-all))
(write (catch #t (lambda () (make-desktop-entry-file "y.desktop" #:exec "y")) (lambda _ 'no-name)))
;; A partial match gives back its first character and looks again from the second.
(write (call-with-input-file "data"
         (lambda (port) (reverse (fold-port-matches (lambda (m r) (cons (string-upcase m) r)) '() "aab" port cons)))))
(write (call-with-input-file "data"
         (lambda (port) (fold-port-matches cons '() (list char-set:digit (char-set #\x #\y)) port))))
(write (map locale-category->string (list LC_ALL LC_MESSAGES LC_IDENTIFICATION 99)))"##;
    let (_dir, out) = run_with_files(&[("data", b"aaab 1x 2z 3y a")], program);
    assert_eq!(
        out,
        concat!(
            r#""[Desktop Entry]\nType=Application\nName=X\nName[fr]=Le X\nExec=x %u\nGenericName=Viewer\\; of things\n"#,
            r#"Categories=Graphics;Viewer\nTerminal=false\nStartupWMClass=x\nDBusActivatable=true\n"no-name"#,
            r#"(#\a "AAB" #\space #\1 #\x #\space #\2 #\z #\space #\3 #\y #\space #\a)("3y" "1x")"#,
            r#"("LC_ALL" "LC_MESSAGES" "LC_IDENTIFICATION" "99")"#
        )
    );
}

#[test]
fn dump_port_copies_bytes_and_delete_file_recursively_keeps_what_links_point_to() {
    let program = r##"
(use-modules (rnrs bytevectors))
(define calls '())
(call-with-input-file "blob"
  (lambda (in)
    (call-with-output-file "copy"
      (lambda (out)
        (dump-port in out 300 #:buffer-size 128 #:progress (lambda (total next) (set! calls (cons total calls)) (next)))))))
(write (list (reverse calls) (equal? (call-with-input-file "copy" get-bytevector-all)
                                     (bytevector-copy (call-with-input-file "blob" get-bytevector-all) 0 300))))
(mkdir-p "tree/a/b")
(call-with-output-file "tree/a/b/f" (lambda (port) (display "x" port)))
(symlink (string-append (getcwd) "/blob") "tree/a/link")
(delete-file-recursively "tree" #:follow-mounts? #f)
(write (list (file-exists? "tree") (file-exists? "blob")))
(write (begin (delete-file-recursively "tree") 'missing-is-fine))"##;
    let blob: Vec<u8> = (0..=255u8).cycle().take(512).collect();
    let (_dir, out) = run_with_files(&[("blob", &blob)], program);
    assert_eq!(out, "((0 128 256 300) #t)(#f #t)missing-is-fine");
}
