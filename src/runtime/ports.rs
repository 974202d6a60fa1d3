//! Ports: input from strings, bytevectors, files, stdin and Scheme
//! procedures; output to strings, bytevectors, files, stdout, stderr and
//! Scheme procedures (custom ports, `custom_ports.rs`). Ports carry bytes; text
//! is UTF-8 or, on a port set to it, ISO-8859-1. Stdout is block-buffered
//! and flushed at exit, before reading stdin, before writing to stderr and
//! before running a process (line-buffered on a terminal).

use std::cell::{Cell, RefCell};
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};

pub use super::custom_ports::CustomProcedures;
pub use super::encoding::Encoding;
use crate::value::{Trace, Tracer};

pub enum Output {
    Stdout,
    Stderr,
    /// A string port.
    Text(String),
    /// A bytevector port.
    Bytes(Vec<u8>),
    File(BufWriter<File>),
    /// A custom port: bytes written and not yet given to its `write!`.
    Custom(Vec<u8>),
    Closed,
}

/// Where an input port's bytes come from.
enum Source {
    /// All bytes are in the buffer already (string and bytevector ports).
    Memory,
    File(File),
    /// Read a line at a time, on demand, so a REPL answers each line.
    Stdin,
    /// A custom port's `read!`, which only code holding the VM can call:
    /// a read that runs out of bytes stops, and says how many it wants
    /// (`take_starved`); the caller gets them and runs the read again.
    Custom,
}

/// An input port: a byte buffer filled from its source. Text is decoded in
/// the port's encoding (in UTF-8, an invalid byte reads as U+FFFD); binary
/// reads take the bytes.
pub struct Input {
    encoding: Encoding,
    buf: Vec<u8>,
    pos: usize,
    source: Source,
    at_eof: bool,
    closed: bool,
    /// A read was cut short by Ctrl-C at the REPL; the
    /// primitive reports it (see `take_interrupt`).
    interrupted: bool,
    /// The buffer size the last read asked for and the system refused.
    refused: Option<usize>,
    /// How many more bytes a read from a custom source wanted.
    starved: Option<usize>,
    /// Bytes that are not text in the encoding are an error (Guile's
    /// `error` conversion strategy), not U+FFFD.
    strict: bool,
    /// A read met such bytes on a strict port.
    undecodable: bool,
    /// What `read` parses: the text of `buf` from some position on.
    reader: Option<ReaderText>,
    /// Guile's `port-line` and `port-column` (0-based) of the position.
    pub line: usize,
    pub column: usize,
}

/// A snapshot of an input port's text for the datum reader, registered as
/// a source so that read errors can show it.
#[derive(Clone)]
pub struct ReaderText {
    pub text: std::rc::Rc<str>,
    pub file_id: u32,
    /// Where `text` starts in the port's buffer.
    start: usize,
}

pub struct Port {
    pub name: String,
    pub input: RefCell<Option<Input>>,
    pub output: RefCell<Option<Output>>,
    encoding: Cell<Encoding>,
    /// Guile's conversion strategy `error` (else `substitute`).
    strict: Cell<bool>,
    /// The procedures of a custom port.
    pub custom: Option<CustomProcedures>,
}

impl Trace for Port {
    fn trace(&self, tracer: &mut Tracer) {
        if let Some(custom) = &self.custom {
            custom.trace(tracer);
        }
    }
    fn payload_bytes(&self) -> usize {
        match self.output.try_borrow().as_deref() {
            Ok(Some(Output::Text(text))) => text.capacity(),
            Ok(Some(Output::Bytes(bytes))) => bytes.capacity(),
            _ => 0,
        }
    }
    fn finish(&self) {
        if let Ok(mut output) = self.output.try_borrow_mut() {
            if let Some(Output::File(w)) = output.as_mut() {
                let _ = w.flush();
            }
        }
    }
}

thread_local! {
    static STDOUT: RefCell<BufWriter<std::io::Stdout>> = RefCell::new(BufWriter::with_capacity(1 << 16, std::io::stdout()));
    static STDOUT_IS_TTY: bool = std::io::stdout().is_terminal();
}

pub fn flush_stdout() {
    STDOUT.with(|s| {
        let _ = s.borrow_mut().flush();
    });
}

pub fn write_stdout(bytes: &[u8]) {
    STDOUT.with(|s| {
        let mut s = s.borrow_mut();
        let _ = s.write_all(bytes);
        if STDOUT_IS_TTY.with(|t| *t) && bytes.contains(&b'\n') {
            let _ = s.flush();
        }
    });
}

pub fn write_stderr(text: &str) {
    write_stderr_bytes(text.as_bytes());
}

fn write_stderr_bytes(bytes: &[u8]) {
    flush_stdout();
    let _ = std::io::stderr().write_all(bytes);
}

impl Port {
    /// Whether what is written stays in memory (a string or bytevector port).
    pub fn in_memory(&self) -> bool {
        matches!(self.output.try_borrow().as_deref(), Ok(Some(Output::Text(_) | Output::Bytes(_))))
    }

    pub fn output(name: &str, out: Output) -> Port {
        Port {
            name: name.to_owned(),
            input: RefCell::new(None),
            output: RefCell::new(Some(out)),
            encoding: Cell::new(Encoding::Utf8),
            strict: Cell::new(false),
            custom: None,
        }
    }

    fn input(name: &str, buf: Vec<u8>, source: Source) -> Port {
        let at_eof = matches!(source, Source::Memory);
        let input = Input {
            encoding: Encoding::Utf8,
            buf,
            pos: 0,
            source,
            at_eof,
            closed: false,
            interrupted: false,
            refused: None,
            starved: None,
            strict: false,
            undecodable: false,
            reader: None,
            line: 0,
            column: 0,
        };
        Port {
            name: name.to_owned(),
            input: RefCell::new(Some(input)),
            output: RefCell::new(None),
            encoding: Cell::new(Encoding::Utf8),
            strict: Cell::new(false),
            custom: None,
        }
    }

    /// A custom port, reading with its `read!` if it has one and writing
    /// with its `write!` if it has one.
    pub fn custom(name: &str, procedures: CustomProcedures) -> Port {
        let (reads, writes) = (procedures.read.is_true(), procedures.write.is_true());
        let mut port = Port::input(name, Vec::new(), Source::Custom);
        if !reads {
            port.input = RefCell::new(None);
        }
        if writes {
            port.output = RefCell::new(Some(Output::Custom(Vec::new())));
        }
        port.custom = Some(procedures);
        port.binary()
    }

    /// The port as a binary port: text on it is ISO-8859-1, a byte a
    /// character, as on Guile's bytevector and custom binary ports.
    pub fn binary(self) -> Port {
        self.set_encoding(Encoding::Latin1);
        self
    }

    /// A port reading the given bytes (a string or bytevector port).
    pub fn input_bytes(name: &str, bytes: Vec<u8>) -> Port {
        Port::input(name, bytes, Source::Memory)
    }

    /// A port reading a file as it goes.
    pub fn input_file(name: &str, file: File) -> Port {
        Port::input(name, Vec::new(), Source::File(file))
    }

    /// A port reading and writing one file (`open-file` mode "r+", "w+"
    /// or "a+"): `file` and `writer` share the file's offset.
    pub fn read_write_file(name: &str, file: File, writer: File) -> Port {
        let port = Port::input(name, Vec::new(), Source::File(file));
        *port.output.borrow_mut() = Some(Output::File(BufWriter::new(writer)));
        port
    }

    pub fn stdin() -> Port {
        Port::input("standard input", Vec::new(), Source::Stdin)
    }

    pub fn kind_name(&self) -> &'static str {
        match (self.input.borrow().is_some(), self.output.borrow().is_some()) {
            (true, true) => "input-output: port",
            (true, false) => "input: port",
            _ => "output: port",
        }
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding.get()
    }

    /// Whether text that the encoding cannot hold is an error.
    pub fn is_strict(&self) -> bool {
        self.strict.get()
    }

    /// Make text that the encoding cannot hold an error (Guile's `error`
    /// conversion strategy), or U+FFFD on input and `?` on output.
    pub fn set_strict(&self, strict: bool) {
        self.strict.set(strict);
        if let Some(input) = self.input.borrow_mut().as_mut() {
            input.strict = strict;
        }
    }

    /// Read and write text in `encoding` from now on.
    pub fn set_encoding(&self, encoding: Encoding) {
        self.encoding.set(encoding);
        if let Some(input) = self.input.borrow_mut().as_mut() {
            input.encoding = encoding;
            input.reader = None;
        }
    }

    /// Move to byte `offset` from `whence` (`SEEK_SET`, `SEEK_CUR` or
    /// `SEEK_END`); the new offset. A file or a string reading can move
    /// anywhere; a string being written only tells where it is.
    pub fn seek(&self, offset: i64, whence: i32) -> std::io::Result<u64> {
        if let Some(input) = self.input.borrow_mut().as_mut() {
            return input.seek(offset, whence);
        }
        let unseekable = || std::io::Error::from_raw_os_error(libc::ESPIPE);
        match self.output.borrow_mut().as_mut() {
            // BufWriter writes out what it holds before it moves.
            Some(Output::File(f)) => std::io::Seek::seek(f, seek_from(offset, whence)?),
            Some(Output::Text(text)) if (offset, whence) == (0, libc::SEEK_CUR) => Ok(text.len() as u64),
            Some(Output::Bytes(bytes)) if (offset, whence) == (0, libc::SEEK_CUR) => Ok(bytes.len() as u64),
            _ => Err(unseekable()),
        }
    }

    pub fn is_input(&self) -> bool {
        self.input.borrow().is_some()
    }

    /// Whether input the port has read waits in its buffer.
    pub fn has_buffered_input(&self) -> bool {
        self.input.borrow().as_ref().is_some_and(Input::has_buffered)
    }

    /// The file descriptor the port reads or writes, if it has one.
    pub fn fd(&self) -> Option<std::os::fd::RawFd> {
        use std::os::fd::AsRawFd;
        if let Some(input) = self.input.borrow().as_ref() {
            return input.fd();
        }
        match self.output.borrow().as_ref()? {
            Output::Stdout => Some(1),
            Output::Stderr => Some(2),
            Output::File(f) => Some(f.get_ref().as_raw_fd()),
            _ => None,
        }
    }

    /// Whether `close-port` closed the port.
    pub fn is_closed(&self) -> bool {
        if let Some(input) = self.input.borrow().as_ref() {
            return input.is_closed();
        }
        matches!(self.output.borrow().as_ref(), Some(Output::Closed))
    }

    pub fn is_output(&self) -> bool {
        self.output.borrow().is_some()
    }

    /// Write text; false if this is not an open output port.
    pub fn write_str(&self, text: &str) -> std::io::Result<bool> {
        if let Some(Output::Text(s)) = self.output.borrow_mut().as_mut() {
            s.push_str(text);
            return Ok(true);
        }
        self.write_bytes(&self.encoding.get().encode(text))
    }

    /// Write bytes (a string port decodes them as UTF-8); false if this is
    /// not an open output port.
    pub fn write_bytes(&self, bytes: &[u8]) -> std::io::Result<bool> {
        let mut out = self.output.borrow_mut();
        match out.as_mut() {
            Some(Output::Stdout) => write_stdout(bytes),
            Some(Output::Stderr) => write_stderr_bytes(bytes),
            Some(Output::Text(s)) => s.push_str(&String::from_utf8_lossy(bytes)),
            Some(Output::Bytes(b) | Output::Custom(b)) => b.extend_from_slice(bytes),
            Some(Output::File(f)) => match self.input.borrow_mut().as_mut() {
                // Reading and writing one file: the write goes where the
                // reads have got to (not past what the buffer read ahead),
                // and straight to the file, so that later reads see it.
                Some(input) => {
                    input.seek(0, libc::SEEK_CUR)?;
                    f.write_all(bytes)?;
                    f.flush()?;
                }
                None => f.write_all(bytes)?,
            },
            Some(Output::Closed) | None => return Ok(false),
        }
        Ok(true)
    }

    pub fn flush(&self) -> std::io::Result<()> {
        match self.output.borrow_mut().as_mut() {
            Some(Output::Stdout) => flush_stdout(),
            Some(Output::File(f)) => f.flush()?,
            _ => {}
        }
        Ok(())
    }

    /// Cut an output file port's file to `length` bytes (where the port is
    /// if `None`), after writing what it holds; false if this is not an
    /// open file output port.
    pub fn truncate(&self, length: Option<u64>) -> std::io::Result<bool> {
        let mut out = self.output.borrow_mut();
        let Some(Output::File(writer)) = out.as_mut() else { return Ok(false) };
        writer.flush()?;
        let file = writer.get_mut();
        let length = match length {
            Some(length) => length,
            None => std::io::Seek::stream_position(file)?,
        };
        file.set_len(length)?;
        Ok(true)
    }

    pub fn close(&self) -> std::io::Result<()> {
        if let Some(out) = self.output.borrow_mut().as_mut() {
            if let Output::File(f) = out {
                f.flush()?;
            }
            if !matches!(out, Output::Stdout | Output::Stderr) {
                *out = Output::Closed;
            }
        }
        if let Some(inp) = self.input.borrow_mut().as_mut() {
            inp.close();
        }
        Ok(())
    }
}

fn seek_from(offset: i64, whence: i32) -> std::io::Result<std::io::SeekFrom> {
    let invalid = || std::io::Error::from_raw_os_error(libc::EINVAL);
    match whence {
        libc::SEEK_SET => Ok(std::io::SeekFrom::Start(u64::try_from(offset).map_err(|_| invalid())?)),
        libc::SEEK_CUR => Ok(std::io::SeekFrom::Current(offset)),
        libc::SEEK_END => Ok(std::io::SeekFrom::End(offset)),
        _ => Err(invalid()),
    }
}

/// Read this much from a file at a time.
const CHUNK: usize = 1 << 16;

/// Append up to CHUNK bytes from `read` to `buf`: the number of bytes, 0
/// at end of file or on an error, or `None` when Ctrl-C at the REPL
/// interrupted the wait (its handler does not restart reads).
fn read_chunk(buf: &mut Vec<u8>, mut read: impl FnMut(&mut [u8]) -> std::io::Result<usize>) -> Option<usize> {
    let start = buf.len();
    buf.resize(start + CHUNK, 0);
    let got = loop {
        match read(&mut buf[start..]) {
            Ok(n) => break Some(n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                if crate::vm::take_interrupt() {
                    break None;
                }
            }
            Err(_) => break Some(0),
        }
    };
    buf.truncate(start + got.unwrap_or(0));
    got
}

/// Standard input, read directly (a line at a time on a terminal) so that
/// Ctrl-C can end the wait.
fn read_stdin(buf: &mut [u8]) -> std::io::Result<usize> {
    // SAFETY: reading into a buffer we own, of its length.
    let n = unsafe { libc::read(0, buf.as_mut_ptr().cast(), buf.len()) };
    if n < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(n as usize)
    }
}

impl Input {
    /// Make sure `n` bytes after `pos` are buffered, reading the source as
    /// needed. False if the input ends (or the port is closed) first.
    fn fill(&mut self, n: usize) -> bool {
        if self.closed {
            return false;
        }
        while self.buf.len() - self.pos < n {
            if self.at_eof {
                return false;
            }
            self.drop_consumed();
            // Input without end (/dev/zero) fills memory; where the
            // system refuses more, the read fails instead of the process.
            if self.buf.try_reserve(CHUNK).is_err() {
                self.refused = Some(self.buf.len().saturating_add(CHUNK));
                return false;
            }
            let got = match &mut self.source {
                Source::Memory => Some(0),
                Source::Custom => {
                    self.starved = Some(n - (self.buf.len() - self.pos));
                    return false;
                }
                Source::File(f) => read_chunk(&mut self.buf, |b| std::io::Read::read(f, b)),
                Source::Stdin => {
                    flush_stdout();
                    read_chunk(&mut self.buf, read_stdin)
                }
            };
            let Some(got) = got else {
                self.interrupted = true;
                return false;
            };
            if got == 0 {
                self.at_eof = true;
            }
        }
        true
    }

    /// Whether the last read met bytes that are not text in the port's
    /// encoding, on a strict port (and forget it).
    pub fn take_undecodable(&mut self) -> bool {
        std::mem::take(&mut self.undecodable)
    }

    /// Note whether the buffer's bytes from `start` to `end` are text, if
    /// the port is strict.
    fn check_text(&mut self, start: usize, end: usize) {
        if self.strict && !self.encoding.can_decode(&self.buf[start..end]) {
            self.undecodable = true;
        }
    }

    /// How many more bytes the last read wanted from a custom source, if
    /// it ran out (and forget it).
    pub fn take_starved(&mut self) -> Option<usize> {
        std::mem::take(&mut self.starved)
    }

    /// Where the port is, to go back to if a read runs out of bytes.
    pub fn mark(&self) -> (usize, usize, usize) {
        (self.pos, self.line, self.column)
    }

    /// Go back to a `mark` (no bytes were dropped since: a custom source's
    /// read stops before it drops any).
    pub fn reset_to(&mut self, (pos, line, column): (usize, usize, usize)) {
        (self.pos, self.line, self.column) = (pos, line, column);
    }

    /// Take bytes a custom port's `read!` gave; none means the end.
    pub fn supply(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            self.at_eof = true;
        } else {
            self.drop_consumed();
            self.buf.extend_from_slice(bytes);
        }
    }

    /// How many bytes were read ahead and not taken yet.
    pub fn buffered_ahead(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Forget what is buffered (a custom port moved elsewhere).
    pub fn discard_buffer(&mut self) {
        self.buf.clear();
        self.pos = 0;
        self.at_eof = false;
        self.reader = None;
    }

    /// The size refused to the last read, if it was (and forget it).
    pub fn take_refused(&mut self) -> Option<usize> {
        std::mem::take(&mut self.refused)
    }

    /// Whether the last read was interrupted by Ctrl-C (and forget it).
    pub fn take_interrupt(&mut self) -> bool {
        std::mem::take(&mut self.interrupted)
    }

    /// Forget bytes already read, so a long stream is not kept in memory.
    /// (Not while `read` holds positions into the buffer.)
    fn drop_consumed(&mut self) {
        if self.pos > CHUNK && self.reader.is_none() {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
    }

    /// Move the read position forward to `to`, counting lines and columns.
    fn advance_to(&mut self, to: usize) {
        for &b in &self.buf[self.pos..to] {
            match b {
                b'\n' => (self.line, self.column) = (self.line + 1, 0),
                // A tab goes on to the next multiple of 8, as in Guile.
                b'\t' => self.column = (self.column / 8 + 1) * 8,
                // A UTF-8 continuation byte is part of the previous column.
                0x80..=0xBF => {}
                _ => self.column += 1,
            }
        }
        self.pos = to;
    }

    /// Whether read bytes wait in the buffer, not yet taken.
    pub fn has_buffered(&self) -> bool {
        self.pos < self.buf.len()
    }

    /// Whether reading now would not wait for input.
    pub fn ready(&self) -> bool {
        self.pos < self.buf.len() || !matches!(self.source, Source::Stdin)
    }

    /// The next character and its length in bytes.
    fn decode_next(&mut self) -> Option<(char, usize)> {
        if !self.fill(1) {
            return None;
        }
        if self.encoding == Encoding::Latin1 {
            return Some((char::from(self.buf[self.pos]), 1));
        }
        let width = match self.buf[self.pos] {
            b if b < 0x80 => return Some((b as char, 1)),
            b if b >= 0xF0 => 4,
            b if b >= 0xE0 => 3,
            _ => 2,
        };
        self.fill(width);
        let end = (self.pos + width).min(self.buf.len());
        match std::str::from_utf8(&self.buf[self.pos..end]).ok().and_then(|s| s.chars().next()) {
            Some(c) => Some((c, width)),
            None => {
                self.undecodable = self.strict;
                Some((char::REPLACEMENT_CHARACTER, 1))
            }
        }
    }

    pub fn peek_char(&mut self) -> Option<char> {
        self.decode_next().map(|(c, _)| c)
    }

    pub fn read_char(&mut self) -> Option<char> {
        let (c, width) = self.decode_next()?;
        self.advance_to(self.pos + width);
        Some(c)
    }

    /// Put `c` back so that the next read returns it.
    pub fn unread_char(&mut self, c: char) {
        let mut utf8 = [0; 4];
        let text = c.encode_utf8(&mut utf8);
        let encoded = self.encoding.encode(text);
        let bytes = &*encoded;
        if self.buf[..self.pos].ends_with(bytes) {
            self.pos -= bytes.len();
            if c == '\n' {
                self.line = self.line.saturating_sub(1);
            } else {
                self.column = self.column.saturating_sub(1);
            }
        } else {
            self.buf.splice(self.pos..self.pos, bytes.iter().copied());
            self.reader = None;
        }
    }

    fn seek(&mut self, offset: i64, whence: i32) -> std::io::Result<u64> {
        let invalid = || std::io::Error::from_raw_os_error(libc::EINVAL);
        if self.closed {
            return Err(std::io::Error::from_raw_os_error(libc::EBADF));
        }
        let to = match &mut self.source {
            Source::Memory => {
                let base = match whence {
                    libc::SEEK_SET => 0,
                    libc::SEEK_CUR => self.pos as i64,
                    libc::SEEK_END => self.buf.len() as i64,
                    _ => return Err(invalid()),
                };
                let to = base.checked_add(offset).and_then(|to| usize::try_from(to).ok());
                let to = to.filter(|&to| to <= self.buf.len()).ok_or_else(invalid)?;
                self.pos = to;
                return Ok(to as u64);
            }
            // The file is ahead of the port by what the buffer holds.
            Source::File(f) => {
                let from = match seek_from(offset, whence)? {
                    std::io::SeekFrom::Current(by) => std::io::SeekFrom::Current(
                        by.checked_sub((self.buf.len() - self.pos) as i64).ok_or_else(invalid)?,
                    ),
                    from => from,
                };
                std::io::Seek::seek(f, from)?
            }
            // A custom port moves with its own procedures (`custom_ports.rs`).
            Source::Stdin | Source::Custom => return Err(std::io::Error::from_raw_os_error(libc::ESPIPE)),
        };
        self.buf.clear();
        self.pos = 0;
        self.at_eof = false;
        self.reader = None;
        Ok(to)
    }

    pub fn peek_u8(&mut self) -> Option<u8> {
        self.fill(1).then(|| self.buf[self.pos])
    }

    pub fn read_u8(&mut self) -> Option<u8> {
        let b = self.peek_u8()?;
        self.advance_to(self.pos + 1);
        Some(b)
    }

    /// Up to `n` bytes (fewer at the end of the input).
    pub fn read_bytes(&mut self, n: usize) -> Vec<u8> {
        self.fill(n);
        let end = (self.pos + n).min(self.buf.len());
        let bytes = self.buf[self.pos..end].to_vec();
        self.advance_to(end);
        bytes
    }

    /// Read up to (not including) the next newline, and whether there was
    /// one; the newline is consumed if `consume`, else left in the port.
    pub fn read_line(&mut self, consume: bool) -> Option<(String, bool)> {
        if !self.fill(1) {
            return None;
        }
        let mut scanned = self.pos;
        loop {
            if let Some(i) = self.buf[scanned..].iter().position(|&b| b == b'\n') {
                self.check_text(self.pos, scanned + i);
                let line = self.encoding.decode(&self.buf[self.pos..scanned + i]);
                self.advance_to(scanned + i + usize::from(consume));
                return Some((line, true));
            }
            scanned = self.buf.len();
            let have = scanned - self.pos;
            if !self.fill(have + 1) {
                self.check_text(self.pos, self.buf.len());
                let line = self.encoding.decode(&self.buf[self.pos..]);
                self.advance_to(self.buf.len());
                return Some((line, false));
            }
            scanned = self.pos + have;
        }
    }

    /// Every remaining byte (reads the source to its end).
    pub fn read_all_bytes(&mut self) -> Vec<u8> {
        while self.fill(self.buf.len() - self.pos + 1) {}
        let rest = self.buf[self.pos..].to_vec();
        self.advance_to(self.buf.len());
        rest
    }

    /// All remaining text.
    pub fn read_all(&mut self) -> String {
        let bytes = self.read_all_bytes();
        self.undecodable = self.strict && !self.encoding.can_decode(&bytes);
        self.encoding.decode(&bytes)
    }

    /// The text `read` parses and where in it the port is: the rest of a
    /// file or string, or the lines of stdin read so far, decoded (into the
    /// buffer too, as UTF-8, so positions agree).
    pub fn reader_text(&mut self, name: &str) -> (ReaderText, usize) {
        let reader = match &self.reader {
            // Still covers the whole buffer from before the position.
            Some(r) if r.start <= self.pos && r.start + r.text.len() == self.buf.len() => r.clone(),
            _ => {
                if !matches!(self.source, Source::Stdin) {
                    while self.fill(self.buf.len() - self.pos + 1) {}
                    if self.starved.is_some() {
                        // Read again once the custom source gave the rest.
                        return (ReaderText { text: "".into(), file_id: 0, start: self.pos }, 0);
                    }
                }
                self.check_text(self.pos, self.buf.len());
                let text = self.encoding.decode(&self.buf[self.pos..]);
                self.encoding = Encoding::Utf8;
                self.buf.truncate(self.pos);
                self.buf.extend_from_slice(text.as_bytes());
                let text: std::rc::Rc<str> = std::rc::Rc::from(text);
                let file_id = crate::diag::add_source(name, text.clone());
                let r = ReaderText { text, file_id, start: self.pos };
                self.reader = Some(r.clone());
                r
            }
        };
        let offset = self.pos - reader.start;
        (reader, offset)
    }

    /// Move the read position to `offset` in the reader text.
    pub fn set_reader_offset(&mut self, offset: usize) {
        if let Some(r) = &self.reader {
            let to = (r.start + offset).min(self.buf.len());
            self.advance_to(to.max(self.pos));
        }
    }

    /// Read one more line from stdin (for `read`, which needs a whole
    /// datum). False when there is no more.
    pub fn more(&mut self) -> bool {
        matches!(self.source, Source::Stdin) && self.fill(self.buf.len() - self.pos + 1)
    }

    pub fn is_file(&self) -> bool {
        matches!(self.source, Source::File(_))
    }

    pub fn is_closed(&self) -> bool {
        self.closed
    }

    fn fd(&self) -> Option<std::os::fd::RawFd> {
        match &self.source {
            Source::File(f) => Some(std::os::fd::AsRawFd::as_raw_fd(f)),
            Source::Stdin => Some(0),
            Source::Memory | Source::Custom => None,
        }
    }

    pub fn close(&mut self) {
        if !matches!(self.source, Source::Stdin) {
            self.closed = true;
            self.source = Source::Memory;
        }
    }
}
