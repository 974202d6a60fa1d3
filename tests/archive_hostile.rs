//! Hostile and broken archives: every one is refused with an error naming
//! the problem, and nothing appears outside the target directory.

use guix0::archive::{unpack_archive, ArchiveError, EntryProblem};
use std::fs;
use std::io::Write;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use tar::{EntryType, Header};

/// Raw tar writer: the tar crate's Builder refuses `..` and absolute
/// names, which is exactly what these tests need to produce.
#[derive(Default)]
struct RawTar(Vec<u8>);

impl RawTar {
    fn entry(&mut self, path: &[u8], kind: EntryType, link: &[u8], data: &[u8]) -> &mut Self {
        if path.len() > 100 {
            // GNU long name: a pseudo-entry whose data is the name.
            let mut name = path.to_vec();
            name.push(0);
            self.header(b"././@LongLink", EntryType::GNULongName, b"", name.len() as u64);
            self.data(&name);
            self.header(&path[..100], kind, link, data.len() as u64);
        } else {
            self.header(path, kind, link, data.len() as u64);
        }
        self.data(data);
        self
    }

    fn file(&mut self, path: &str, data: &[u8]) -> &mut Self {
        self.entry(path.as_bytes(), EntryType::Regular, b"", data)
    }

    fn dir(&mut self, path: &str) -> &mut Self {
        self.entry(path.as_bytes(), EntryType::Directory, b"", b"")
    }

    fn symlink(&mut self, path: &str, target: &str) -> &mut Self {
        self.entry(path.as_bytes(), EntryType::Symlink, target.as_bytes(), b"")
    }

    fn hard_link(&mut self, path: &str, target: &str) -> &mut Self {
        self.entry(path.as_bytes(), EntryType::Link, target.as_bytes(), b"")
    }

    fn header(&mut self, name: &[u8], kind: EntryType, link: &[u8], size: u64) {
        let mut h = Header::new_gnu();
        h.set_entry_type(kind);
        h.set_size(size);
        h.set_mode(if kind == EntryType::Directory { 0o755 } else { 0o644 });
        h.set_mtime(1_600_000_000);
        let gnu = h.as_gnu_mut().expect("gnu header");
        gnu.name[..name.len()].copy_from_slice(name);
        gnu.linkname[..link.len()].copy_from_slice(link);
        h.set_cksum();
        self.0.extend_from_slice(h.as_bytes());
    }

    fn data(&mut self, data: &[u8]) {
        self.0.extend_from_slice(data);
        let pad = (512 - data.len() % 512) % 512;
        self.0.extend(std::iter::repeat_n(0, pad));
    }

    fn finish(&mut self) -> Vec<u8> {
        let mut out = std::mem::take(&mut self.0);
        out.extend([0u8; 1024]);
        out
    }
}

/// A scratch area: `outer/` holds the archive, the target, and a
/// sentinel directory that must stay empty.
struct Scene {
    _tmp: tempfile::TempDir,
    outer: PathBuf,
    target: PathBuf,
    outside: PathBuf,
}

impl Scene {
    fn new() -> Scene {
        let tmp = tempfile::tempdir().unwrap();
        let outer = tmp.path().join("outer");
        let target = outer.join("target");
        let outside = outer.join("outside");
        fs::create_dir_all(&target).unwrap();
        fs::create_dir_all(&outside).unwrap();
        Scene { _tmp: tmp, outer, target, outside }
    }

    fn archive(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.outer.join(name);
        fs::write(&p, bytes).unwrap();
        p
    }

    /// Unpack, expect failure, and check nothing leaked outside.
    fn refuse(&self, bytes: &[u8]) -> ArchiveError {
        let archive = self.archive("hostile.tar", bytes);
        let before = listing(&self.outer);
        let err = unpack_archive(&archive, &self.target, None).expect_err("must be refused");
        assert_eq!(listing(&self.outer), before, "something was written outside the target");
        assert_eq!(fs::read_dir(&self.outside).unwrap().count(), 0);
        err
    }
}

/// Names directly in `dir` (the target's own content is not compared).
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

fn problem(err: &ArchiveError) -> &EntryProblem {
    match err {
        ArchiveError::Entry { problem, .. } => problem,
        other => panic!("expected an entry error, got: {other}"),
    }
}

#[test]
fn parent_components_are_refused() {
    let s = Scene::new();
    for name in ["../escape", "a/../../escape", "./../escape", "a/b/../../../escape"] {
        let err = s.refuse(&RawTar::default().file(name, b"gotcha").finish());
        assert!(matches!(problem(&err), EntryProblem::ParentComponent), "{err}");
        assert!(err.to_string().contains(name), "message names the entry: {err}");
    }
    // `..` as a hard-link or symlink destination name is refused too.
    let err = s.refuse(&RawTar::default().symlink("../l", "x").finish());
    assert!(matches!(problem(&err), EntryProblem::ParentComponent), "{err}");
}

#[test]
fn absolute_paths_are_refused() {
    let s = Scene::new();
    let abs = format!("{}/abs-file", s.outside.display());
    let err = s.refuse(&RawTar::default().file(&abs, b"gotcha").finish());
    assert!(matches!(problem(&err), EntryProblem::AbsolutePath), "{err}");
    assert!(err.to_string().contains("abs-file"), "{err}");
}

#[test]
fn escaping_symlinks_are_refused() {
    let s = Scene::new();
    for target in ["../outside", "/etc", "a/../../outside", "..", "./../x"] {
        let err = s.refuse(&RawTar::default().symlink("link", target).finish());
        assert!(matches!(problem(&err), EntryProblem::SymlinkEscapes { .. }), "{target}: {err}");
        assert!(err.to_string().contains("link"), "{err}");
    }
    // Inside-pointing links are fine, including to the root itself.
    let ok = RawTar::default()
        .dir("d")
        .symlink("d/up", "..")
        .symlink("d/self", ".")
        .symlink("d/dangling", "no/such/file")
        .finish();
    let t = tempfile::tempdir().unwrap();
    let archive = t.path().join("ok.tar");
    fs::write(&archive, ok).unwrap();
    let stats = unpack_archive(&archive, &t.path().join("out"), None).unwrap();
    assert_eq!(stats.symlinks, 3);
}

#[test]
fn symlink_resolution_is_not_just_lexical() {
    // p/q/l -> ../.. is the root (fine); p/q/m -> l/.. is lexically p/q,
    // but the kernel resolves l first and then goes above the root.
    let s = Scene::new();
    let err = s.refuse(&RawTar::default().dir("p/q").symlink("p/q/l", "../..").symlink("p/q/m", "l/..").finish());
    assert!(matches!(problem(&err), EntryProblem::SymlinkEscapes { .. }), "{err}");
    assert!(err.to_string().contains("p/q/m"), "{err}");
    // Same links in the opposite order: m is fine when created (l is
    // missing), and is caught in the final pass and removed.
    let s = Scene::new();
    let err = s.refuse(&RawTar::default().dir("p/q").symlink("p/q/m", "l/..").symlink("p/q/l", "../..").finish());
    assert!(matches!(problem(&err), EntryProblem::SymlinkEscapes { .. }), "{err}");
    assert!(fs::symlink_metadata(s.target.join("p/q/m")).is_err(), "escaping link left behind");
}

#[test]
fn writing_through_symlinks_is_refused() {
    let s = Scene::new();
    // Through a link to an inside directory.
    let err = s.refuse(&RawTar::default().dir("sub").symlink("l", "sub").file("l/file", b"gotcha").finish());
    assert!(matches!(problem(&err), EntryProblem::ThroughSymlink { .. }), "{err}");
    assert!(err.to_string().contains("'l'"), "{err}");
    assert!(!s.target.join("sub/file").exists());
    // A directory entry over a symlink, then a file below it.
    let err = s.refuse(&RawTar::default().dir("d").symlink("d/x", ".").dir("d/x").finish());
    assert!(matches!(problem(&err), EntryProblem::ThroughSymlink { .. }), "{err}");
    // A symlink that was already in the target, pointing outside.
    let s = Scene::new();
    symlink(&s.outside, s.target.join("pre")).unwrap();
    let err = s.refuse(&RawTar::default().file("pre/file", b"gotcha").finish());
    assert!(matches!(problem(&err), EntryProblem::ThroughSymlink { .. }), "{err}");
    // Hard links cannot reach through one either.
    let err = s.refuse(&RawTar::default().hard_link("h", "pre/somefile").finish());
    assert!(matches!(problem(&err), EntryProblem::ThroughSymlink { .. }), "{err}");
}

#[test]
fn replacing_a_symlink_by_a_file_does_not_follow_it() {
    // Later members replace earlier ones (GNU tar semantics); replacing a
    // symlink must remove the link, not write to where it points.
    let s = Scene::new();
    let sentinel = s.target.join("sentinel");
    fs::write(&sentinel, b"original").unwrap();
    let archive =
        s.archive("replace.tar", &RawTar::default().symlink("l", "sentinel").file("l", b"new content").finish());
    unpack_archive(&archive, &s.target, None).unwrap();
    assert_eq!(fs::read(&sentinel).unwrap(), b"original");
    assert_eq!(fs::read(s.target.join("l")).unwrap(), b"new content");
    assert!(!fs::symlink_metadata(s.target.join("l")).unwrap().file_type().is_symlink());
}

#[test]
fn hostile_hard_links_are_refused() {
    let s = Scene::new();
    let err = s.refuse(&RawTar::default().hard_link("passwd", "/etc/passwd").finish());
    assert!(matches!(problem(&err), EntryProblem::HardLinkOutside { .. }), "{err}");
    assert!(err.to_string().contains("/etc/passwd"), "{err}");
    let err = s.refuse(&RawTar::default().hard_link("x", "../outer-file").finish());
    assert!(matches!(problem(&err), EntryProblem::HardLinkOutside { .. }), "{err}");
    let err = s.refuse(&RawTar::default().hard_link("x", "not-yet-there").finish());
    assert!(matches!(problem(&err), EntryProblem::HardLinkMissing { .. }), "{err}");
    let err = s.refuse(&RawTar::default().hard_link("x", "nodir/file").finish());
    assert!(matches!(problem(&err), EntryProblem::HardLinkMissing { .. }), "{err}");
    let err = s.refuse(&RawTar::default().dir("d").hard_link("x", "d").finish());
    assert!(matches!(problem(&err), EntryProblem::HardLinkToDirectory { .. }), "{err}");
    // A hard link to a symlink moves its relative target: a/b/l -> ../../x
    // is inside, but the same text at the root escapes.
    let err = s.refuse(&RawTar::default().dir("a/b").symlink("a/b/l", "../../x").hard_link("top", "a/b/l").finish());
    assert!(matches!(problem(&err), EntryProblem::SymlinkEscapes { .. }), "{err}");
}

#[test]
fn absurd_paths_are_refused() {
    let s = Scene::new();
    // 10,000 levels: 20,000 bytes, far beyond PATH_MAX.
    let deep = "a/".repeat(10_000) + "f";
    let err = s.refuse(&RawTar::default().file(&deep, b"x").finish());
    assert!(matches!(problem(&err), EntryProblem::PathTooLong { .. }), "{err}");
    assert!(err.to_string().len() < 600, "message is shortened: {} bytes", err.to_string().len());
    // Short components but too many of them.
    let deep = "a/".repeat(300) + "f";
    let err = s.refuse(&RawTar::default().file(&deep, b"x").finish());
    assert!(matches!(problem(&err), EntryProblem::TooDeep { .. }), "{err}");
    // A component longer than NAME_MAX.
    let err = s.refuse(&RawTar::default().file(&"n".repeat(300), b"x").finish());
    assert!(matches!(problem(&err), EntryProblem::NameTooLong { .. }), "{err}");
    // An embedded NUL (possible via a GNU long name).
    let mut t = RawTar::default();
    let name = [b"x".repeat(120), b"\0evil".to_vec()].concat();
    t.entry(&name, EntryType::Regular, b"", b"x");
    let err = s.refuse(&t.finish());
    assert!(matches!(problem(&err), EntryProblem::NulByte), "{err}");
}

#[test]
fn special_files_and_type_conflicts_are_refused() {
    let s = Scene::new();
    for kind in [EntryType::Fifo, EntryType::Char, EntryType::Block] {
        let mut t = RawTar::default();
        t.entry(b"special", kind, b"", b"");
        let err = s.refuse(&t.finish());
        assert!(matches!(problem(&err), EntryProblem::UnsupportedType { .. }), "{err}");
        assert!(err.to_string().contains("special"), "{err}");
    }
    let err = s.refuse(&RawTar::default().dir("d").file("d", b"x").finish());
    assert!(matches!(problem(&err), EntryProblem::ReplacesDirectory), "{err}");
    let err = s.refuse(&RawTar::default().file("f", b"x").file("f/g", b"y").finish());
    assert!(matches!(problem(&err), EntryProblem::NotADirectory { .. }), "{err}");
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn xz(data: &[u8]) -> Vec<u8> {
    let mut enc = liblzma::write::XzEncoder::new(Vec::new(), 6);
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn bzip2(data: &[u8]) -> Vec<u8> {
    let mut enc = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn noise(len: usize) -> Vec<u8> {
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn truncated_and_corrupt_streams_fail_cleanly() {
    let tar = RawTar::default().file("a", &noise(200_000)).file("b", &noise(300_000)).finish();
    for (name, compressed) in [("gz", gzip(&tar)), ("xz", xz(&tar)), ("bz2", bzip2(&tar))] {
        // Cut in the middle, and just before the end (trailer checksums).
        for cut in [compressed.len() / 2, compressed.len() - 4] {
            let s = Scene::new();
            let err = s.refuse(&compressed[..cut]);
            let msg = err.to_string();
            assert!(
                matches!(err, ArchiveError::Corrupt { .. })
                    || matches!(err, ArchiveError::Entry { problem: EntryProblem::Truncated { .. }, .. }),
                "{name} cut at {cut}: {msg}"
            );
        }
        // Flip bytes in the middle.
        let mut bad = compressed.clone();
        let mid = bad.len() / 2;
        for b in &mut bad[mid..mid + 16] {
            *b ^= 0x55;
        }
        let s = Scene::new();
        s.refuse(&bad);
    }
    // A plain tar cut inside a member's data.
    let s = Scene::new();
    let err = s.refuse(&tar[..100_000]);
    assert!(matches!(problem(&err), EntryProblem::Truncated { expected: 200_000, .. }), "{err}");
    assert!(err.to_string().contains("'a'"), "{err}");
    // A plain tar cut inside a header.
    let s = Scene::new();
    assert!(matches!(s.refuse(&tar[..200_000 + 512 + 100]), ArchiveError::Corrupt { .. }));
}

#[test]
fn unknown_and_unsupported_formats() {
    let s = Scene::new();
    let err = s.refuse(b"this is not an archive at all");
    assert!(matches!(err, ArchiveError::UnknownFormat { .. }), "{err}");
    assert!(err.to_string().contains("hostile.tar"), "{err}");
    let err = s.refuse(b"PK\x03\x04 pretend zip");
    assert!(matches!(err, ArchiveError::UnsupportedFormat { what: "zip", .. }), "{err}");
    let err = s.refuse(&[0x28, 0xb5, 0x2f, 0xfd, 0, 0]);
    assert!(matches!(err, ArchiveError::UnsupportedFormat { .. }), "{err}");
    // A bad header checksum in a file that claims to be tar.
    let mut tar = RawTar::default().file("a", b"x").finish();
    tar[0] ^= 1;
    let err = s.refuse(&tar);
    assert!(matches!(err, ArchiveError::Corrupt { .. }), "{err}");
    let missing = unpack_archive(&s.outer.join("nope.tar.gz"), &s.target, None).unwrap_err();
    assert!(matches!(missing, ArchiveError::Open { .. }), "{missing}");
    assert!(missing.to_string().contains("nope.tar.gz"), "{missing}");
}

#[test]
fn mutated_archives_never_panic_or_escape() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static PANICKED: AtomicBool = AtomicBool::new(false);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, Ordering::SeqCst);
        previous(info);
    }));
    let mut long = RawTar::default();
    long.entry(&b"L".repeat(150), EntryType::Regular, b"", b"long name");
    let tar = [
        RawTar::default()
            .dir("d")
            .file("d/a", &noise(3000))
            .symlink("d/l", "a")
            .hard_link("d/h", "d/a")
            .file("e", b"")
            .finish(),
        long.finish(),
    ]
    .concat();
    let bases = [tar.clone(), gzip(&tar), xz(&tar), bzip2(&tar)];
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let mut rand = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let s = Scene::new();
    for round in 0..400 {
        let mut data = bases[round % bases.len()].clone();
        if round % 5 == 0 {
            let cut = rand(data.len());
            data.truncate(cut);
        } else {
            for _ in 0..1 + rand(4) {
                let len = data.len();
                data[rand(len)] = rand(256) as u8;
            }
        }
        let archive = s.archive("fuzz.tar", &data);
        let target = s.target.join(format!("round{round}"));
        let _ = unpack_archive(&archive, &target, None);
        assert_eq!(fs::read_dir(&s.outside).unwrap().count(), 0, "round {round}");
    }
    assert_eq!(listing(&s.outer), ["fuzz.tar", "outside", "target"]);
    assert!(!PANICKED.load(Ordering::SeqCst), "a thread panicked on a mutated archive");
}
