//! Scheme bindings for `crate::digest` and `crate::archive`, under Guix's
//! names: hashes of bytes, files and ports, the hash encodings, nar
//! hashing, and unpacking archives. Long operations on a terminal show a
//! progress bar.

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use super::vectors::new_bytevector;
use super::{expect_string, text_of};
use crate::archive;
use crate::digest::{self, DecodeError, Encoding, HashAlgo};
use crate::prims;
use crate::value::{Symbol, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

/// Files at least this large get a progress bar (on a terminal).
const PROGRESS_THRESHOLD: u64 = 64 << 20;

fn progress_bar(what: &str, total: u64) -> Option<ProgressBar> {
    if total < PROGRESS_THRESHOLD || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(total);
    let style = ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(what.to_owned());
    Some(bar)
}

/// The bytes a hash is computed over: a bytevector, or a string's UTF-8.
fn data_of(who: &str, v: Value) -> PResult<Vec<u8>> {
    match v {
        Value::Bytevector(b) => Ok(b.bytes.borrow().clone()),
        Value::Str(s) => Ok(s.borrow().as_bytes().to_vec()),
        other => Err(Throw::wrong_type(who, 1, "bytevector or string", other)),
    }
}

fn algo_of(who: &str, pos: usize, v: Value) -> PResult<HashAlgo> {
    let name = match v {
        Value::Symbol(s) => s.name().to_owned(),
        other => text_of(who, pos, other)?,
    };
    name.parse()
        .map_err(|_| Throw::misc(who, format!("unknown hash algorithm `{name}` (use sha1, sha256 or sha512)"), vec![]))
}

fn hash_bytes(vm: &mut Vm, a: &[Value], algo: HashAlgo, who: &str) -> PResult<Value> {
    let data = data_of(who, a[0])?;
    let digest = algo.hash_bytes(&data);
    Ok(new_bytevector(vm, digest.as_bytes().to_vec()))
}
fn sha1(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    hash_bytes(vm, a, HashAlgo::Sha1, "sha1")
}
fn sha256(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    hash_bytes(vm, a, HashAlgo::Sha256, "sha256")
}
fn sha512(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    hash_bytes(vm, a, HashAlgo::Sha512, "sha512")
}

fn io_error(who: &str, path: &str, e: &std::io::Error) -> Box<Throw> {
    let mut t = Throw::system(who, e, vec![]);
    t.message = format!("{path}: {}", t.message);
    t
}

/// Hash a file's bytes, with a progress bar for large files.
pub fn hash_file(path: &str, algo: HashAlgo) -> PResult<digest::Digest> {
    let who = "file-hash";
    let file = std::fs::File::open(path).map_err(|e| io_error(who, path, &e))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    match progress_bar(&format!("hashing {path}"), size) {
        Some(bar) => {
            let digest = digest::reader_hash(bar.wrap_read(file), algo).map_err(|e| io_error(who, path, &e));
            bar.finish_and_clear();
            digest
        }
        None => digest::file_hash(path, algo).map_err(|e| Throw::misc(who, e.to_string(), vec![])),
    }
}

/// `(file-hash algorithm path)`.
fn file_hash(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let algo = algo_of("file-hash", 1, a[0])?;
    let path = text_of("file-hash", 2, a[1])?;
    let digest = hash_file(&path, algo)?;
    Ok(new_bytevector(vm, digest.as_bytes().to_vec()))
}

fn file_sha256(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("file-sha256", 1, a[0])?;
    let digest = hash_file(&path, HashAlgo::Sha256)?;
    Ok(new_bytevector(vm, digest.as_bytes().to_vec()))
}

/// `(port-sha256 port)`: the hash of everything left to read on the port.
fn port_sha256(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = match a[0] {
        Value::Port(p) if p.is_input() => p,
        other => return Err(Throw::wrong_type("port-sha256", 1, "input port", other)),
    };
    let mut hasher = digest::Hasher::new(HashAlgo::Sha256);
    super::custom_ports::drain(vm, "port-sha256", &p, |bytes| hasher.update(bytes))?;
    Ok(new_bytevector(vm, hasher.finalize().as_bytes().to_vec()))
}

/// `(nar-hash path [algorithm])`: the hash of the path's nar serialisation.
fn nar_hash(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("nar-hash", 1, a[0])?;
    let algo = match super::optional(a, 1) {
        Some(v) => algo_of("nar-hash", 2, v)?,
        None => HashAlgo::Sha256,
    };
    // A bar appears on a terminal once the tree turns out to be large.
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::hidden();
        bar.set_style(
            ProgressStyle::with_template("{msg} {bytes} {bytes_per_sec}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.set_message(format!("hashing {path}"));
        bar
    });
    let mut seen = 0;
    let report = |n: u64| {
        if let Some(bar) = &bar {
            seen += n;
            if seen >= PROGRESS_THRESHOLD && bar.is_hidden() {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            bar.inc(n);
        }
    };
    let digest = digest::nar_hash_reporting(&path, algo, report);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let digest = digest.map_err(|e| Throw::misc("nar-hash", e.to_string(), vec![]))?;
    Ok(new_bytevector(vm, digest.as_bytes().to_vec()))
}

/// `(%nar-sha256-modulo path own-hash)`: the nar sha256 of path with every
/// occurrence of own-hash (its store hash) replaced by zeros.
fn nar_sha256_modulo(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("%nar-sha256-modulo", 1, a[0])?;
    let own = text_of("%nar-sha256-modulo", 2, a[1])?;
    let digest = digest::nar_hash_modulo(&path, HashAlgo::Sha256, own.as_bytes())
        .map_err(|e| Throw::misc("nar-hash", e.to_string(), vec![]))?;
    Ok(new_bytevector(vm, digest.as_bytes().to_vec()))
}

/// `(write-nar path output)`: write the nar serialisation of path to an
/// output port or a file.
fn write_nar(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("write-nar", 1, a[0])?;
    let failed = |e: digest::DigestError| Throw::misc("write-nar", e.to_string(), vec![]);
    if let Value::Port(port) = a[1] {
        let mut w = std::io::BufWriter::new(PortWriter(&port));
        digest::write_nar(&path, &mut w).map_err(failed)?;
        std::io::Write::flush(&mut w).map_err(|e| Throw::system("write-nar", &e, vec![]))?;
        drop(w);
        super::custom_ports::deliver(vm, "write-nar", &port)?;
        return Ok(Value::Unspecified);
    }
    let out = text_of("write-nar", 2, a[1])?;
    let file = std::fs::File::create(&out).map_err(|e| io_error("write-nar", &out, &e))?;
    let mut w = std::io::BufWriter::new(file);
    digest::write_nar(&path, &mut w).map_err(failed)?;
    Ok(Value::Unspecified)
}

/// Bytes written to a Scheme output port.
struct PortWriter<'p>(&'p super::ports::Port);

impl std::io::Write for PortWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.write_bytes(buf)? {
            true => Ok(buf.len()),
            false => Err(std::io::Error::other("port is not an open output port")),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

fn decode_error(who: &str, e: DecodeError) -> Box<Throw> {
    Throw::new("invalid-hash-string", Some(who), e.to_string(), vec![])
}

fn encoder(encoding: Encoding) -> impl Fn(&mut Vm, &[Value]) -> PResult<Value> {
    move |vm, a| {
        let bytes = match a[0] {
            Value::Bytevector(b) => b.bytes.borrow().clone(),
            other => return Err(Throw::wrong_type(encoding.name(), 1, "bytevector", other)),
        };
        Ok(vm.make_string(&encoding.encode(&bytes)))
    }
}

fn decoder(encoding: Encoding) -> impl Fn(&mut Vm, &[Value]) -> PResult<Value> {
    move |vm, a| {
        let text = expect_string(encoding.name(), 1, a[0])?.to_string();
        let bytes = encoding.decode(&text, None).map_err(|e| decode_error(encoding.name(), e))?;
        Ok(new_bytevector(vm, bytes))
    }
}

macro_rules! codec {
    ($($enc:ident, $dec:ident, $encoding:expr);* $(;)?) => {
        $(
            fn $enc(vm: &mut Vm, a: &[Value]) -> PResult<Value> { encoder($encoding)(vm, a) }
            fn $dec(vm: &mut Vm, a: &[Value]) -> PResult<Value> { decoder($encoding)(vm, a) }
        )*
    };
}
codec! {
    to_nix_base32, from_nix_base32, Encoding::NixBase32;
    to_base16, from_base16, Encoding::Base16;
    to_base32, from_base32, Encoding::Base32;
    to_base64, from_base64, Encoding::Base64;
}

/// `(%hash-encode bytevector format)` with `guix hash -f` format names.
fn hash_encode(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let name = text_of("hash", 2, a[1])?;
    let encoding: Encoding = name.parse().map_err(|_| {
        Throw::misc("hash", format!("unknown format `{name}` (use nix-base32, base32, base16, hex or base64)"), vec![])
    })?;
    encoder(encoding)(vm, &a[..1])
}

/// `(%decode-base32-hash text)`: a digest in nix-base32, strictly, as
/// `(base32 "...")` reads it when a file is loaded: 52 characters for a
/// sha256, 103 for a sha512, 32 for a sha1 (an error names the problem).
fn decode_base32_hash(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let text = text_of("base32", 1, a[0])?;
    let digest_len = match text.len() {
        32 => HashAlgo::Sha1.digest_len(),
        103 => HashAlgo::Sha512.digest_len(),
        // Anything else is judged as the sha256 it most likely meant to be.
        _ => HashAlgo::Sha256.digest_len(),
    };
    let bytes = Encoding::NixBase32.decode(&text, Some(digest_len)).map_err(|e| decode_error("base32", e))?;
    Ok(new_bytevector(vm, bytes))
}

/// `(unpack-archive archive directory)`: safe extraction (see archive/).
fn unpack_archive(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let file = text_of("unpack-archive", 1, a[0])?;
    let dir = text_of("unpack-archive", 2, a[1])?;
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    let bar = progress_bar(&format!("unpacking {file}"), size);
    let report = |n: u64| {
        if let Some(b) = &bar {
            b.set_position(n);
        }
    };
    let progress: Option<&dyn Fn(u64)> = if bar.is_some() { Some(&report) } else { None };
    let result = archive::unpack_archive(Path::new(&file), Path::new(&dir), progress);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    result.map_err(|e| Throw::new("archive-error", Some("unpack-archive"), e.to_string(), vec![]))?;
    Ok(Value::TRUE)
}

/// `(store-path-hash fingerprint)`: sha256, XOR-folded to 20 bytes, in nix-base32.
fn store_path_hash(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let fingerprint = text_of("store-path-hash", 1, a[0])?;
    Ok(vm.make_string(&digest::store_path_hash(&fingerprint)))
}

fn hash_algorithm_symbol(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let algo = algo_of("hash-algorithm", 1, a[0])?;
    Ok(Value::Symbol(Symbol::intern(algo.name())))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("sha1", 1, Some(1), sha1),
    ("sha256", 1, Some(1), sha256),
    ("sha512", 1, Some(1), sha512),
    ("file-hash", 2, Some(2), file_hash),
    ("file-sha256", 1, Some(1), file_sha256),
    ("port-sha256", 1, Some(1), port_sha256),
    ("nar-hash", 1, Some(2), nar_hash),
    ("nar-sha256", 1, Some(1), nar_hash),
    ("%nar-sha256-modulo", 2, Some(2), nar_sha256_modulo),
    ("write-nar", 2, Some(2), write_nar),
    ("bytevector->nix-base32-string", 1, Some(1), to_nix_base32),
    ("nix-base32-string->bytevector", 1, Some(1), from_nix_base32),
    ("bytevector->base16-string", 1, Some(1), to_base16),
    ("base16-string->bytevector", 1, Some(1), from_base16),
    ("bytevector->base32-string", 1, Some(1), to_base32),
    ("base32-string->bytevector", 1, Some(1), from_base32),
    ("base64-encode", 1, Some(1), to_base64),
    ("base64-decode", 1, Some(1), from_base64),
    ("%hash-encode", 2, Some(2), hash_encode),
    ("%decode-base32-hash", 1, Some(1), decode_base32_hash),
    ("unpack-archive", 2, Some(2), unpack_archive),
    ("store-path-hash", 1, Some(1), store_path_hash),
    ("hash-algorithm", 1, Some(1), hash_algorithm_symbol),
];
