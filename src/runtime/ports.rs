//! Ports: text input from strings, files and stdin; text output to strings,
//! files, stdout and stderr. Stdout is block-buffered and flushed at exit,
//! before reading stdin, before writing to stderr and before running a
//! process (line-buffered on a terminal).

use std::cell::RefCell;
use std::fs::File;
use std::io::{BufRead, BufWriter, IsTerminal, Write};

use crate::value::{Trace, Tracer};

pub enum Output {
    Stdout,
    Stderr,
    Text(String),
    File(BufWriter<File>),
    Closed,
}

pub struct Input {
    pub text: String,
    pub pos: usize,
    /// Stdin fills `text` a line at a time, on demand.
    pub from_stdin: bool,
    pub at_eof: bool,
    pub closed: bool,
    /// Registered source-map id for diagnostics of `read`.
    pub file_id: Option<u32>,
}

pub struct Port {
    pub name: String,
    pub input: RefCell<Option<Input>>,
    pub output: RefCell<Option<Output>>,
}

impl Trace for Port {
    fn trace(&self, _: &mut Tracer) {}
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

pub fn write_stdout(text: &str) {
    STDOUT.with(|s| {
        let mut s = s.borrow_mut();
        let _ = s.write_all(text.as_bytes());
        if STDOUT_IS_TTY.with(|t| *t) && text.contains('\n') {
            let _ = s.flush();
        }
    });
}

pub fn write_stderr(text: &str) {
    flush_stdout();
    let _ = std::io::stderr().write_all(text.as_bytes());
}

impl Port {
    pub fn output(name: &str, out: Output) -> Port {
        Port { name: name.to_owned(), input: RefCell::new(None), output: RefCell::new(Some(out)) }
    }

    pub fn input_text(name: &str, text: String) -> Port {
        Port {
            name: name.to_owned(),
            input: RefCell::new(Some(Input {
                text,
                pos: 0,
                from_stdin: false,
                at_eof: true,
                closed: false,
                file_id: None,
            })),
            output: RefCell::new(None),
        }
    }

    pub fn stdin() -> Port {
        Port {
            name: "standard input".into(),
            input: RefCell::new(Some(Input {
                text: String::new(),
                pos: 0,
                from_stdin: true,
                at_eof: false,
                closed: false,
                file_id: None,
            })),
            output: RefCell::new(None),
        }
    }

    pub fn kind_name(&self) -> &'static str {
        match (self.input.borrow().is_some(), self.output.borrow().is_some()) {
            (true, true) => "input-output: port",
            (true, false) => "input: port",
            _ => "output: port",
        }
    }

    pub fn is_input(&self) -> bool {
        self.input.borrow().is_some()
    }

    pub fn is_output(&self) -> bool {
        self.output.borrow().is_some()
    }

    /// Write text; false if this is not an open output port.
    pub fn write_str(&self, text: &str) -> std::io::Result<bool> {
        let mut out = self.output.borrow_mut();
        match out.as_mut() {
            Some(Output::Stdout) => write_stdout(text),
            Some(Output::Stderr) => write_stderr(text),
            Some(Output::Text(s)) => s.push_str(text),
            Some(Output::File(f)) => f.write_all(text.as_bytes())?,
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
            if !inp.from_stdin {
                inp.closed = true;
            }
        }
        Ok(())
    }
}

impl Input {
    /// Make sure at least one more character is buffered, reading stdin if
    /// needed. False at end of input.
    pub fn fill(&mut self) -> bool {
        if self.closed {
            return false;
        }
        if self.pos < self.text.len() {
            return true;
        }
        if !self.from_stdin || self.at_eof {
            return false;
        }
        flush_stdout();
        let mut line = String::new();
        match std::io::stdin().lock().read_line(&mut line) {
            Ok(0) | Err(_) => {
                self.at_eof = true;
                false
            }
            Ok(_) => {
                // Drop consumed text so a long-running stdin reader stays small.
                if self.pos > 1 << 16 {
                    self.text.drain(..self.pos);
                    self.pos = 0;
                }
                self.text.push_str(&line);
                true
            }
        }
    }

    pub fn peek_char(&mut self) -> Option<char> {
        if !self.fill() {
            return None;
        }
        self.text[self.pos..].chars().next()
    }

    /// Put `c` back so that the next read returns it.
    pub fn unread_char(&mut self, c: char) {
        if self.text[..self.pos].ends_with(c) {
            self.pos -= c.len_utf8();
        } else {
            self.text.insert(self.pos, c);
        }
    }

    pub fn read_char(&mut self) -> Option<char> {
        let c = self.peek_char()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Read up to (not including) the next newline; the newline is consumed.
    pub fn read_line(&mut self) -> Option<(String, bool)> {
        if !self.fill() {
            return None;
        }
        let mut out = String::new();
        loop {
            let rest = &self.text[self.pos..];
            if let Some(i) = rest.find('\n') {
                out.push_str(&rest[..i]);
                self.pos += i + 1;
                return Some((out, true));
            }
            out.push_str(rest);
            self.pos = self.text.len();
            if !self.fill() {
                return Some((out, false));
            }
        }
    }

    /// All remaining text (reads stdin to its end).
    pub fn read_all(&mut self) -> String {
        if self.from_stdin && !self.at_eof {
            flush_stdout();
            let mut rest = String::new();
            let _ = std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut rest);
            self.text.push_str(&rest);
            self.at_eof = true;
        }
        let start = self.pos.min(self.text.len());
        let rest = self.text[start..].to_string();
        self.pos = self.text.len();
        rest
    }

    /// Read one more line from stdin even if text is buffered (for `read`,
    /// which needs a whole datum). False when there is no more.
    pub fn more(&mut self) -> bool {
        if !self.from_stdin || self.at_eof {
            return false;
        }
        let pos = self.pos;
        self.pos = self.text.len();
        let got = self.fill();
        self.pos = pos;
        got
    }
}
