//! Round trips: trees generated here, archived by GNU tar (gnu, pax and
//! ustar formats) or the tar crate, compressed with every supported codec,
//! unpack to the same nar hash; plus metadata normalisation, format
//! detection by magic bytes and progress reports.

mod hashing_support;

use guix0::archive::{unpack_archive, ArchiveFormat};
use hashing_support::{nix_nar_hash, tool_output};
use std::cell::RefCell;
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

const LZIP_FIXTURE: &[u8] = &[
    0x4c, 0x5a, 0x49, 0x50, 0x01, 0xce, 0x00, 0x32, 0x0b, 0xbc, 0x1b, 0xa7, 0x8c, 0x34, 0x44, 0xe1, 0xc2, 0x07, 0x75,
    0xe9, 0x07, 0x60, 0x47, 0x6e, 0xb5, 0x34, 0x8b, 0x92, 0x6a, 0x69, 0x70, 0xd3, 0x12, 0xf3, 0x49, 0xc3, 0x33, 0xa6,
    0xdf, 0x31, 0x01, 0xb7, 0x72, 0xd9, 0xfc, 0x38, 0x10, 0x49, 0xb8, 0xb5, 0x37, 0x75, 0x67, 0xef, 0x30, 0x62, 0x4c,
    0x52, 0xa7, 0x2d, 0x90, 0x43, 0xfd, 0x40, 0xdf, 0x7a, 0x02, 0x52, 0x99, 0x3e, 0x3c, 0xe9, 0x52, 0xd6, 0x44, 0x1e,
    0xed, 0x23, 0x6b, 0x2c, 0x10, 0xcd, 0xc4, 0xd5, 0xa3, 0x59, 0x32, 0x82, 0xca, 0x73, 0x86, 0xb2, 0x1e, 0xc6, 0x64,
    0x4d, 0xd0, 0xc4, 0xb6, 0xd0, 0xb5, 0x6b, 0x45, 0xf0, 0x5d, 0x41, 0x13, 0x39, 0x76, 0x2c, 0xa6, 0x17, 0x65, 0xc5,
    0xd0, 0x1c, 0x0e, 0x1b, 0x1e, 0xee, 0xbc, 0xbd, 0xdd, 0x83, 0x54, 0xc1, 0x87, 0x90, 0xa2, 0xed, 0xea, 0x65, 0x9f,
    0x5e, 0x7c, 0xf0, 0x47, 0x1d, 0xcf, 0x02, 0x57, 0x57, 0xf0, 0x07, 0xa2, 0x1a, 0x42, 0xad, 0x18, 0x42, 0xbd, 0x13,
    0xde, 0x00, 0x16, 0xdc, 0xff, 0xf7, 0x65, 0x69, 0x5e, 0x2e, 0x51, 0x3f, 0x55, 0x7e, 0xf6, 0xe7, 0x0e, 0xb7, 0x99,
    0x29, 0x95, 0xee, 0x18, 0xb0, 0x17, 0x5a, 0xad, 0x1e, 0xc8, 0x20, 0x6f, 0x3f, 0xfc, 0x8c, 0xcc, 0x61, 0x07, 0x16,
    0x89, 0x0a, 0x00, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
];

fn write(path: &Path, data: &[u8], mode: u32) {
    fs::write(path, data).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// A tree exercising everything a source tarball can hold.
fn make_tree(root: &Path) {
    fs::create_dir_all(root.join("src/sub/deeper")).unwrap();
    fs::create_dir_all(root.join("empty-dir")).unwrap();
    write(&root.join("README"), b"read me\n", 0o644);
    write(&root.join("configure"), b"#!/bin/sh\necho configured\n", 0o755);
    write(&root.join("owner-only-exec"), b"x", 0o700);
    write(&root.join("setuid-prog"), b"suid", 0o4755);
    write(&root.join("read-only"), b"ro", 0o444);
    write(&root.join("empty"), b"", 0o644);
    let big: Vec<u8> = (0..1_500_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    write(&root.join("src/big.bin"), &big, 0o644);
    for i in 0..50 {
        write(&root.join(format!("src/sub/file{i}.c")), format!("int f{i};\n").repeat(i).as_bytes(), 0o644);
    }
    write(&root.join("src/sub/deeper/x.h"), b"#pragma once\n", 0o644);
    symlink("src/sub/deeper/x.h", root.join("link-to-file")).unwrap();
    symlink("src/sub", root.join("link-to-dir")).unwrap();
    symlink("../x.h", root.join("src/sub/deeper/dangling")).unwrap();
    fs::hard_link(root.join("configure"), root.join("configure-hardlink")).unwrap();
    fs::hard_link(root.join("README"), root.join("src/README-hardlink")).unwrap();
    write(&root.join(OsStr::from_bytes(b"latin1-\xe9t\xe9")), b"bytes", 0o644);
    write(&root.join("utf8-été"), b"utf8", 0o644);
    // Names beyond ustar's 100 bytes, and a path beyond 255.
    let long_dir = root.join("d".repeat(120));
    fs::create_dir(&long_dir).unwrap();
    write(&long_dir.join("f".repeat(150)), b"long", 0o644);
    symlink("t".repeat(130), long_dir.join("long-target-link")).unwrap();
}

fn gnu_tar(args: &[&str], dir: &Path) {
    let out =
        Command::new("tar").args(args).current_dir(dir).output().expect("GNU tar is required: apt-get install tar");
    assert!(out.status.success(), "tar {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn compress(tool: &str, tar: &Path) -> PathBuf {
    let ext = match tool {
        "gzip" => "gz",
        "xz" => "xz",
        "bzip2" => "bz2",
        _ => unreachable!(),
    };
    let out = tar.with_extension(format!("tar.{ext}"));
    let data = tool_output(tool, &["-c".as_ref(), tar.as_os_str()]);
    fs::write(&out, data).unwrap();
    out
}

/// Directories have mtime 1, files and symlinks a deterministic mtime from
/// the archive (never the time of unpacking), and no path has a
/// setuid/setgid/sticky bit.
fn check_metadata(root: &Path) {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let m = fs::symlink_metadata(&p).unwrap();
            if m.is_dir() {
                assert_eq!(m.mtime(), 1, "mtime of {}", p.display());
            }
            assert_eq!(m.mode() & 0o7000, 0, "special bits on {}", p.display());
            if m.is_dir() {
                stack.push(p);
            }
        }
    }
}

#[test]
fn round_trip_all_formats_and_codecs() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src-tree");
    make_tree(&src);
    let expected = nix_nar_hash(&src);
    let mut archives = Vec::new();
    for format in ["gnu", "pax", "posix"] {
        let tar = tmp.path().join(format!("{format}.tar"));
        let tar_s = tar.to_str().unwrap();
        gnu_tar(&[&format!("--format={format}"), "-cf", tar_s, "-C", src.to_str().unwrap(), "."], tmp.path());
        for tool in ["gzip", "xz", "bzip2"] {
            archives.push(compress(tool, &tar));
        }
        archives.push(tar);
    }
    // The tar crate's own writer (GNU headers, without a "./" prefix).
    let crate_tar = tmp.path().join("crate.tar");
    let mut builder = tar::Builder::new(fs::File::create(&crate_tar).unwrap());
    builder.follow_symlinks(false);
    builder.append_dir_all(".", &src).unwrap();
    builder.finish().unwrap();
    drop(builder);
    archives.push(crate_tar.clone());
    for archive in &archives {
        let out = tmp.path().join("out").join(archive.file_name().unwrap());
        let stats = unpack_archive(archive, &out, None).unwrap_or_else(|e| panic!("{}: {e}", archive.display()));
        assert_eq!(nix_nar_hash(&out), expected, "{}", archive.display());
        check_metadata(&out);
        // Hard links stay hard links (the tar crate's writer stores them
        // as copies); exec bits stay.
        let a = fs::metadata(out.join("configure")).unwrap();
        let b = fs::metadata(out.join("configure-hardlink")).unwrap();
        if archive != &crate_tar {
            assert_eq!(a.ino(), b.ino(), "{}: hard link", archive.display());
            assert_eq!(stats.hard_links, 2, "{stats:?}");
        }
        assert_ne!(a.mode() & 0o100, 0);
        assert!(stats.files >= 60 && stats.symlinks == 4, "{stats:?}");
    }
}

#[test]
fn gnu_sparse_members_keep_their_holes() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("tree");
    fs::create_dir(&src).unwrap();
    let sparse = src.join("sparse.img");
    let f = fs::File::create(&sparse).unwrap();
    f.set_len(256 << 20).unwrap();
    std::os::unix::fs::FileExt::write_at(&f, b"data in the middle", 100 << 20).unwrap();
    drop(f);
    let tar = tmp.path().join("sparse.tar");
    gnu_tar(&["--sparse", "--format=gnu", "-cf", tar.to_str().unwrap(), "-C", src.to_str().unwrap(), "."], tmp.path());
    let out = tmp.path().join("out");
    unpack_archive(&tar, &out, None).unwrap();
    assert_eq!(nix_nar_hash(&out), nix_nar_hash(&src));
    let meta = fs::metadata(out.join("sparse.img")).unwrap();
    assert_eq!(meta.len(), 256 << 20);
    assert!(meta.blocks() * 512 < 1 << 20, "holes were written as zeros");
}

#[test]
fn formats_are_detected_by_magic_not_name() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("tree");
    make_tree(&src);
    let tar = tmp.path().join("t.tar");
    gnu_tar(&["-cf", tar.to_str().unwrap(), "-C", src.to_str().unwrap(), "."], tmp.path());
    let cases = [
        (compress("gzip", &tar), ArchiveFormat::TarGz),
        (compress("xz", &tar), ArchiveFormat::TarXz),
        (compress("bzip2", &tar), ArchiveFormat::TarBz2),
        (tar.clone(), ArchiveFormat::Tar),
    ];
    for (i, (archive, format)) in cases.iter().enumerate() {
        let misnamed = tmp.path().join(format!("download-{i}.zip"));
        fs::copy(archive, &misnamed).unwrap();
        let out = tmp.path().join(format!("out{i}"));
        let stats = unpack_archive(&misnamed, &out, None).unwrap();
        assert_eq!(stats.format, *format);
        assert_eq!(nix_nar_hash(&out), nix_nar_hash(&src));
    }
}

#[test]
fn lzip_fixture() {
    // Made with: tar --sort=name --owner=0 --group=0 --mtime=@0
    // --format=ustar -cf - d | lzip -9, where d holds hello.txt ("lzip
    // ok\n"), run (0755, "#!/bin/sh\n") and link -> hello.txt.
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("fixture.tar.lz");
    fs::write(&archive, LZIP_FIXTURE).unwrap();
    let out = tmp.path().join("out");
    let stats = unpack_archive(&archive, &out, None).unwrap();
    assert_eq!(stats.format, ArchiveFormat::TarLzip);
    assert_eq!((stats.files, stats.symlinks), (2, 1));
    assert_eq!(fs::read(out.join("d/hello.txt")).unwrap(), b"lzip ok\n");
    assert_eq!(
        guix0::digest::nix_base32_encode(&guix0::digest::nar_sha256(out.join("d")).unwrap()),
        "06bpl0ajgiqcjl50yql9n47q6p2z5im7s44lxzhdjy9hzjb3skb6"
    );
}

#[test]
fn progress_is_reported_up_to_the_archive_size() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("tree");
    make_tree(&src);
    let tar = tmp.path().join("t.tar");
    gnu_tar(&["-cf", tar.to_str().unwrap(), "-C", src.to_str().unwrap(), "."], tmp.path());
    let gz = compress("gzip", &tar);
    let seen = RefCell::new(Vec::new());
    let report = |n: u64| seen.borrow_mut().push(n);
    unpack_archive(&gz, &tmp.path().join("out"), Some(&report)).unwrap();
    let seen = seen.into_inner();
    assert!(!seen.is_empty());
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert_eq!(*seen.last().unwrap(), fs::metadata(&gz).unwrap().len());
}

#[test]
fn duplicates_read_only_dirs_and_existing_targets() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("dups.tar");
    let mut b = tar::Builder::new(fs::File::create(&archive).unwrap());
    let mut add = |path: &str, data: &[u8], mode: u32, kind: tar::EntryType| {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_size(data.len() as u64);
        b.append_data(&mut h, path, data).unwrap();
    };
    // A read-only directory must still receive its members.
    add("ro-dir", b"", 0o555, tar::EntryType::Directory);
    add("ro-dir/inside", b"in", 0o444, tar::EntryType::Regular);
    // The later member of the same name wins, as with GNU tar.
    add("dup", b"first", 0o644, tar::EntryType::Regular);
    add("dup", b"second", 0o755, tar::EntryType::Regular);
    b.finish().unwrap();
    drop(b);
    // The target exists and already has content, which is kept.
    let out = tmp.path().join("a/b/c");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("pre-existing"), b"keep").unwrap();
    unpack_archive(&archive, &out, None).unwrap();
    assert_eq!(fs::read(out.join("ro-dir/inside")).unwrap(), b"in");
    assert_eq!(fs::read(out.join("dup")).unwrap(), b"second");
    assert_ne!(fs::metadata(out.join("dup")).unwrap().mode() & 0o100, 0);
    assert_eq!(fs::read(out.join("pre-existing")).unwrap(), b"keep");
    // The owner can always write to and remove what was unpacked.
    assert_eq!(fs::metadata(out.join("ro-dir")).unwrap().mode() & 0o700, 0o700);
}

/// Files keep the mtime the archive records (what `make` relies on to see
/// generated files as up to date), whatever the time of unpacking.
#[test]
fn files_keep_the_archive_mtime() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("t.tar");
    let mut builder = tar::Builder::new(fs::File::create(&archive).unwrap());
    let mut header = tar::Header::new_gnu();
    header.set_size(2);
    header.set_mode(0o644);
    header.set_mtime(1_234_567_890);
    header.set_path("f").unwrap();
    header.set_cksum();
    builder.append(&header, &b"hi"[..]).unwrap();
    builder.finish().unwrap();
    drop(builder);
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    guix0::archive::unpack_archive(&archive, &out, None).unwrap();
    assert_eq!(fs::metadata(out.join("f")).unwrap().mtime(), 1_234_567_890);
}
