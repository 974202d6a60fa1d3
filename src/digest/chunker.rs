//! A reusable buffer in front of a consumer (a hasher or a writer). File
//! data is read straight into it, so hashing a file costs one copy (kernel
//! to buffer), and NAR framing tokens are batched with the file data.

use std::fs::File;
use std::io::{self, Read};
use std::sync::mpsc;

/// 256 KiB: per-read costs vanish and the buffer stays in L2 between the
/// read and the hash (64 KiB to 4 MiB measured within noise).
pub(super) const CHUNK: usize = 256 << 10;

/// Receives the buffered bytes whenever the buffer is full, and at the end.
pub(super) trait Consume {
    fn consume(&mut self, data: &[u8]) -> io::Result<()>;
}

pub(super) struct Chunker<C: Consume> {
    buf: Vec<u8>,
    filled: usize,
    consumer: C,
}

impl<C: Consume> Chunker<C> {
    /// `capacity` (clamped to 4 KiB..CHUNK) lets small inputs skip the
    /// full-size allocation.
    pub(super) fn new(consumer: C, capacity: usize) -> Self {
        Chunker { buf: vec![0; capacity.clamp(4096, CHUNK)], filled: 0, consumer }
    }

    fn flush_full(&mut self) -> io::Result<()> {
        if self.filled == self.buf.len() {
            self.consumer.consume(&self.buf)?;
            self.filled = 0;
        }
        Ok(())
    }

    pub(super) fn put(&mut self, mut bytes: &[u8]) -> io::Result<()> {
        while !bytes.is_empty() {
            self.flush_full()?;
            let n = bytes.len().min(self.buf.len() - self.filled);
            self.buf[self.filled..self.filled + n].copy_from_slice(&bytes[..n]);
            self.filled += n;
            bytes = &bytes[n..];
        }
        Ok(())
    }

    /// One `read` of at most `limit` bytes straight into the buffer;
    /// returns 0 only at end of input (or when `limit` is 0).
    pub(super) fn read_from(&mut self, r: &mut impl Read, limit: u64) -> io::Result<usize> {
        self.flush_full()?;
        let room = self.buf.len() - self.filled;
        let want = usize::try_from(limit).map_or(room, |l| l.min(room));
        loop {
            match r.read(&mut self.buf[self.filled..self.filled + want]) {
                Ok(n) => {
                    self.filled += n;
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Hand over the rest and return the consumer.
    pub(super) fn finish(mut self) -> io::Result<C> {
        self.consumer.consume(&self.buf[..self.filled])?;
        Ok(self.consumer)
    }
}

/// Files at least this large are read on a second thread while this one
/// consumes (hashes or writes) the buffer read before: on a page-cache read
/// that hides the copy, about 20% faster for sha256 (bench/hash.sh).
pub(super) const PIPELINE_MIN: u64 = 8 << 20;
const PIPE_BUF: usize = 1 << 20;

impl<C: Consume> Chunker<C> {
    /// Hand the buffered bytes to the consumer now.
    fn flush_pending(&mut self) -> io::Result<()> {
        if self.filled > 0 {
            self.consumer.consume(&self.buf[..self.filled])?;
            self.filled = 0;
        }
        Ok(())
    }

    /// Feed up to `limit` bytes of `file` to the consumer, read ahead by a
    /// second thread; returns how many bytes there were.
    pub(super) fn pipe_from(&mut self, file: &mut File, limit: u64) -> io::Result<u64> {
        self.flush_pending()?;
        let (full_tx, full_rx) = mpsc::sync_channel::<io::Result<(Vec<u8>, usize)>>(2);
        let (empty_tx, empty_rx) = mpsc::sync_channel::<Vec<u8>>(3);
        for _ in 0..3 {
            let _ = empty_tx.send(vec![0; PIPE_BUF]);
        }
        std::thread::scope(|scope| {
            scope.spawn(move || {
                let mut left = limit;
                // Stops when the consumer hangs up (it failed) or at the end.
                while let Ok(mut buf) = empty_rx.recv() {
                    let want = usize::try_from(left).map_or(buf.len(), |l| l.min(buf.len()));
                    let read = fill(file, &mut buf[..want]);
                    let last = !matches!(read, Ok(n) if n == want && n as u64 != left);
                    if let Ok(n) = read {
                        left -= n as u64;
                    }
                    if full_tx.send(read.map(|n| (buf, n))).is_err() || last {
                        break;
                    }
                }
            });
            let mut total = 0;
            while let Ok(chunk) = full_rx.recv() {
                let (buf, n) = chunk?;
                self.consumer.consume(&buf[..n])?;
                total += n as u64;
                let _ = empty_tx.send(buf);
            }
            Ok(total)
        })
    }
}

/// Read until `buf` is full or the input ends; the number of bytes read.
fn fill(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Consumer that writes to any `io::Write`.
pub(super) struct WriteConsumer<W>(pub(super) W);

impl<W: io::Write> Consume for WriteConsumer<W> {
    fn consume(&mut self, data: &[u8]) -> io::Result<()> {
        self.0.write_all(data)
    }
}
