//! Decompression on a helper thread. It fills recycled buffers and sends
//! them over a bounded channel; [`StreamReader`] on the calling thread
//! hands them to the tar parser and reports progress.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::rc::Rc;
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender};
use std::thread::JoinHandle;

use super::format::ArchiveFormat;

/// 256 KiB chunks: a few hundred microseconds of decompression each,
/// so hand-off costs are negligible and latency stays low.
const CHUNK: usize = 256 << 10;
/// Chunks in flight: enough slack to absorb bursts of small files.
const QUEUE: usize = 4;

enum Msg {
    /// A filled buffer and the compressed bytes consumed so far.
    Data(Vec<u8>, usize, u64),
    Error(io::Error),
    End,
}

/// Counts bytes read from the archive file, for progress reports.
struct Counting {
    inner: File,
    count: Rc<Cell<u64>>,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// Start decompressing `file` (already positioned at its start).
pub(super) fn spawn(file: File, format: ArchiveFormat, progress: Option<&dyn Fn(u64)>) -> io::Result<StreamReader<'_>> {
    let (data_tx, data_rx) = sync_channel(QUEUE);
    let (free_tx, free_rx) = channel();
    let handle = std::thread::Builder::new().name("decompress".into()).spawn(move || {
        let count = Rc::new(Cell::new(0));
        let input = BufReader::with_capacity(CHUNK, Counting { inner: file, count: Rc::clone(&count) });
        match decoder(input, format) {
            Ok(dec) => pump(dec, &count, &data_tx, &free_rx),
            Err(e) => {
                let _ = data_tx.send(Msg::Error(e));
            }
        }
    })?;
    Ok(StreamReader {
        rx: data_rx,
        free: free_tx,
        buf: Vec::new(),
        pos: 0,
        len: 0,
        done: false,
        failed: false,
        handle: Some(handle),
        progress,
    })
}

fn decoder(input: BufReader<Counting>, format: ArchiveFormat) -> io::Result<Box<dyn Read>> {
    use liblzma::stream::{Stream, CONCATENATED};
    Ok(match format {
        ArchiveFormat::Tar => Box::new(input),
        ArchiveFormat::TarGz => Box::new(flate2::bufread::MultiGzDecoder::new(input)),
        ArchiveFormat::TarXz => {
            // Built by hand: the crate's new_multi_decoder unwraps.
            let stream = Stream::new_stream_decoder(u64::MAX, CONCATENATED)?;
            Box::new(liblzma::bufread::XzDecoder::new_stream(input, stream))
        }
        ArchiveFormat::TarBz2 => Box::new(bzip2::bufread::MultiBzDecoder::new(input)),
        ArchiveFormat::TarLzip => {
            let stream = Stream::new_lzip_decoder(u64::MAX, CONCATENATED)?;
            Box::new(liblzma::bufread::XzDecoder::new_stream(input, stream))
        }
    })
}

/// Decompress until end of stream, error, or the reader going away.
fn pump(mut dec: Box<dyn Read>, count: &Cell<u64>, tx: &std::sync::mpsc::SyncSender<Msg>, free: &Receiver<Vec<u8>>) {
    let mut allocated = 0;
    loop {
        let mut buf = match free.try_recv() {
            Ok(b) => b,
            Err(_) if allocated <= QUEUE => {
                allocated += 1;
                vec![0; CHUNK]
            }
            Err(_) => match free.recv() {
                Ok(b) => b,
                Err(_) => return,
            },
        };
        let mut filled = 0;
        let mut at_end = false;
        while filled < buf.len() {
            match dec.read(&mut buf[filled..]) {
                Ok(0) => {
                    at_end = true;
                    break;
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    if filled > 0 {
                        let _ = tx.send(Msg::Data(buf, filled, count.get()));
                    }
                    let _ = tx.send(Msg::Error(e));
                    return;
                }
            }
        }
        if filled > 0 && tx.send(Msg::Data(buf, filled, count.get())).is_err() {
            return;
        }
        if at_end {
            let _ = tx.send(Msg::End);
            return;
        }
    }
}

/// The decompressed stream, read on the calling thread.
pub(super) struct StreamReader<'p> {
    rx: Receiver<Msg>,
    free: Sender<Vec<u8>>,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    done: bool,
    /// Set once an error was returned, so later reads cannot look like EOF.
    failed: bool,
    handle: Option<JoinHandle<()>>,
    progress: Option<&'p dyn Fn(u64)>,
}

impl StreamReader<'_> {
    /// Read to the end so trailing checksums (gzip CRC, xz check) are
    /// verified even when the tar end marker comes first.
    pub(super) fn drain(&mut self) -> io::Result<()> {
        while !self.done {
            self.pos = self.len;
            self.refill()?;
        }
        Ok(())
    }

    fn refill(&mut self) -> io::Result<()> {
        if self.failed {
            return Err(io::Error::other("the archive stream failed earlier"));
        }
        if self.done {
            return Ok(());
        }
        let old = std::mem::take(&mut self.buf);
        if !old.is_empty() {
            let _ = self.free.send(old);
        }
        match self.rx.recv() {
            Ok(Msg::Data(buf, len, consumed)) => {
                self.buf = buf;
                self.pos = 0;
                self.len = len;
                if let Some(report) = self.progress {
                    report(consumed);
                }
                Ok(())
            }
            Ok(Msg::End) => {
                self.done = true;
                self.pos = 0;
                self.len = 0;
                Ok(())
            }
            Ok(Msg::Error(e)) => {
                self.failed = true;
                Err(e)
            }
            // The thread ended without End or Error: it panicked.
            Err(_) => {
                self.failed = true;
                Err(io::Error::other("the decompression thread stopped unexpectedly"))
            }
        }
    }
}

impl Read for StreamReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        // Only a real end of stream may return 0, never an empty chunk.
        while self.pos == self.len && !self.done {
            self.refill()?;
        }
        let n = out.len().min(self.len - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

impl Drop for StreamReader<'_> {
    fn drop(&mut self) {
        // Close both channels first, so a thread blocked on sending data or
        // on waiting for a free buffer gives up instead of deadlocking.
        let (_, dead_rx) = sync_channel(0);
        drop(std::mem::replace(&mut self.rx, dead_rx));
        let (dead_tx, _) = channel();
        drop(std::mem::replace(&mut self.free, dead_tx));
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
