//! A reusable buffer in front of a consumer (a hasher or a writer). File
//! data is read straight into it, so hashing a file costs one copy (kernel
//! to buffer), and NAR framing tokens are batched with the file data.

use std::io::{self, Read};

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

/// Consumer that writes to any `io::Write`.
pub(super) struct WriteConsumer<W>(pub(super) W);

impl<W: io::Write> Consume for WriteConsumer<W> {
    fn consume(&mut self, data: &[u8]) -> io::Result<()> {
        self.0.write_all(data)
    }
}
