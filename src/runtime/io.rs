//! Text ports: writing, reading characters, lines and data, string ports,
//! files.

use super::custom_ports;
use super::encoding;
use super::ports::{Encoding, Input, Output, Port};
use super::{expect_string, optional, text_of};
use crate::prims;
use crate::value::print::to_text_with;
use crate::value::{Gc, Truth, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

pub(super) fn port(who: &str, pos: usize, v: Value) -> PResult<Gc<Port>> {
    match v {
        Value::Port(p) => Ok(p),
        _ => Err(Throw::wrong_type(who, pos, "port", v)),
    }
}

fn out_port(vm: &Vm, who: &str, a: &[Value], pos: usize) -> PResult<Gc<Port>> {
    match optional(a, pos) {
        Some(Value::Bool(Truth::True)) | None => port(who, pos + 1, vm.current_output),
        Some(v) => port(who, pos + 1, v),
    }
}

fn in_port(vm: &Vm, who: &str, a: &[Value], pos: usize) -> PResult<Gc<Port>> {
    match optional(a, pos) {
        Some(v) => port(who, pos + 1, v),
        None => port(who, pos + 1, vm.current_input),
    }
}

pub fn port_write_bytes(vm: &mut Vm, who: &str, p: &Port, bytes: &[u8]) -> PResult<()> {
    match p.write_bytes(bytes) {
        Ok(true) => {
            note_growth(vm, p, bytes.len());
            custom_ports::deliver(vm, who, p)
        }
        Ok(false) => Err(Throw::misc(who, "port is not an open output port", vec![])),
        Err(e) => Err(Throw::system(who, &e, vec![])),
    }
}

pub fn port_write(vm: &mut Vm, who: &str, p: &Port, text: &str) -> PResult<()> {
    if p.is_strict() && !p.encoding().can_encode(text) {
        let message = format!("output encoding error: the text has characters {} cannot hold", p.encoding().name());
        return Err(Throw::new("encoding-error", Some(who), message, vec![]));
    }
    match p.write_str(text) {
        Ok(true) => {
            note_growth(vm, p, text.len());
            custom_ports::deliver(vm, who, p)
        }
        Ok(false) => Err(Throw::misc(who, "port is not an open output port", vec![])),
        Err(e) => Err(Throw::system(who, &e, vec![])),
    }
}

/// A string or bytevector port keeps what is written to it on the heap.
fn note_growth(vm: &mut Vm, p: &Port, bytes: usize) {
    if p.in_memory() {
        vm.heap.note_payload(bytes);
    }
}

thread_local! {
    /// The records whose printers are running, innermost last.
    static PRINTING_RECORDS: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `display` (write = false) or `write` text of v; a record whose type
/// has a printer (`set-record-type-printer!`) is printed by it.
pub fn printed(vm: &mut Vm, v: Value, write: bool) -> String {
    to_text_with(v, write, &mut |rec, _, out| {
        let Value::Record(r) = rec else { return false };
        let printer = r.rtype.printer.get();
        if !printer.is_procedure() {
            return false;
        }
        // A printer that prints its own record (directly or through
        // others) gets the default text there instead of recursing.
        if PRINTING_RECORDS.with_borrow(|printing| printing.contains(&r.addr())) {
            return false;
        }
        let port = vm.heap.alloc(Port::output("string", Output::Text(String::new())));
        // The record and the port are arguments of the call, so they stay
        // alive if it collects garbage; a failing printer means the default.
        PRINTING_RECORDS.with_borrow_mut(|printing| printing.push(r.addr()));
        let printed = vm.apply(printer, &[rec, Value::Port(port)]);
        PRINTING_RECORDS.with_borrow_mut(|printing| printing.pop());
        if printed.is_err() {
            return false;
        }
        match &*port.output.borrow() {
            Some(Output::Text(text)) => out.push_str(text),
            _ => return false,
        }
        true
    })
}

fn display(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = out_port(vm, "display", a, 1)?;
    let text = printed(vm, a[0], false);
    port_write(vm, "display", &p, &text)?;
    Ok(Value::Unspecified)
}
fn write(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = out_port(vm, "write", a, 1)?;
    let text = printed(vm, a[0], true);
    port_write(vm, "write", &p, &text)?;
    Ok(Value::Unspecified)
}
fn newline(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = out_port(vm, "newline", a, 0)?;
    port_write(vm, "newline", &p, "\n")?;
    Ok(Value::Unspecified)
}
fn write_char(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let c = super::expect_char("write-char", 1, a[0])?;
    let p = out_port(vm, "write-char", a, 1)?;
    port_write(vm, "write-char", &p, c.encode_utf8(&mut [0; 4]))?;
    Ok(Value::Unspecified)
}
fn write_string(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s = expect_string("write-string", 1, a[0])?.to_string();
    let p = out_port(vm, "write-string", a, 1)?;
    port_write(vm, "write-string", &p, &s)?;
    Ok(Value::Unspecified)
}
fn force_output(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = out_port(vm, "force-output", a, 0)?;
    custom_ports::force(vm, &p)?;
    p.flush().map_err(|e| Throw::system("force-output", &e, vec![]))?;
    Ok(Value::Unspecified)
}

/// Run the read `f` on the port's input. A read from a custom port that
/// runs out of bytes is undone, and run again once the port's `read!` gave
/// more.
pub(super) fn with_input<T>(vm: &mut Vm, who: &str, p: &Port, mut f: impl FnMut(&mut Input) -> T) -> PResult<T> {
    loop {
        let mut input = p.input.borrow_mut();
        let i = match input.as_mut() {
            Some(i) if i.is_closed() => return Err(Throw::misc(who, "the port is closed", vec![])),
            Some(i) => i,
            None => return Err(Throw::misc(who, "port is not an input port", vec![])),
        };
        let mark = i.mark();
        let result = f(i);
        if let Some(wanted) = i.take_starved() {
            i.reset_to(mark);
            drop(input);
            super::custom_ports::refill(vm, who, p, wanted)?;
            continue;
        }
        if i.take_undecodable() {
            i.reset_to(mark);
            let message = format!("input decoding error: the bytes are not {} text", p.encoding().name());
            return Err(Throw::new("decoding-error", Some(who), message, vec![]));
        }
        if i.take_interrupt() {
            return Err(Throw::interrupt());
        }
        if let Some(bytes) = i.take_refused() {
            return Err(super::out_of_memory(who, bytes));
        }
        return Ok(result);
    }
}

fn read_char(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = in_port(vm, "read-char", a, 0)?;
    Ok(with_input(vm, "read-char", &p, |i| i.read_char())?.map(Value::Char).unwrap_or(Value::Eof))
}
fn peek_char(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = in_port(vm, "peek-char", a, 0)?;
    Ok(with_input(vm, "peek-char", &p, |i| i.peek_char())?.map(Value::Char).unwrap_or(Value::Eof))
}
fn unread_char(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let c = super::expect_char("unread-char", 1, a[0])?;
    let p = in_port(vm, "unread-char", a, 1)?;
    with_input(vm, "unread-char", &p, |i| i.unread_char(c))?;
    Ok(a[0])
}
fn port_line(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = in_port(vm, "port-line", a, 0)?;
    Ok(Value::Int(with_input(vm, "port-line", &p, |i| i.line)? as i64))
}
fn port_column(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = in_port(vm, "port-column", a, 0)?;
    Ok(Value::Int(with_input(vm, "port-column", &p, |i| i.column)? as i64))
}
fn set_port_line(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let line = super::expect_index("set-port-line!", 2, a[1])?;
    with_input(vm, "set-port-line!", &*port("set-port-line!", 1, a[0])?, |i| i.line = line)?;
    Ok(Value::Unspecified)
}
fn set_port_column(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let column = super::expect_index("set-port-column!", 2, a[1])?;
    with_input(vm, "set-port-column!", &*port("set-port-column!", 1, a[0])?, |i| i.column = column)?;
    Ok(Value::Unspecified)
}
/// The file a file port reads or writes, or #f.
fn port_filename(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = port("port-filename", 1, a[0])?;
    let is_file = p.input.borrow().as_ref().is_some_and(|i| i.is_file())
        || matches!(*p.output.borrow(), Some(super::ports::Output::File(_)));
    Ok(if is_file { vm.make_string(&p.name) } else { Value::FALSE })
}
fn char_ready(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = in_port(vm, "char-ready?", a, 0)?;
    Ok(Value::boolean(with_input(vm, "char-ready?", &p, |i| i.ready())?))
}
/// `(read-line [port [handle-delim]])`, the newline handled as Guile's
/// `trim` (dropped, the default), `concat` (kept), `peek` (left in the
/// port) or `split` (a pair of the line and the newline or end of file).
fn read_line(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = in_port(vm, "read-line", a, 0)?;
    let mode = match optional(a, 1) {
        Some(Value::Symbol(s)) => s.name(),
        _ => "trim",
    };
    let line = with_input(vm, "read-line", &p, |i| i.read_line(mode != "peek"))?;
    let (text, delimiter) = match line {
        Some((mut line, had_newline)) => {
            if mode == "concat" && had_newline {
                line.push('\n');
            }
            (vm.make_string(&line), if had_newline { Value::Char('\n') } else { Value::Eof })
        }
        None => (Value::Eof, Value::Eof),
    };
    Ok(if mode == "split" { vm.cons(text, delimiter) } else { text })
}
/// R7RS `(read-string k [port])`, and Mes/Guile `(read-string [port])`
/// reading everything.
fn read_string(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let (k, port_arg) = match (optional(a, 0), optional(a, 1)) {
        (Some(Value::Int(k)), port) => (Some(k.max(0) as usize), port),
        // Guile's (ice-9 rdelim) order: (read-string port count).
        (Some(port), Some(Value::Int(k))) => (Some(k.max(0) as usize), Some(port)),
        (Some(port), _) => (None, Some(port)),
        (None, _) => (None, None),
    };
    let p = match port_arg {
        Some(v) => port("read-string", 2, v)?,
        None => port("read-string", 1, vm.current_input)?,
    };
    let text = with_input(vm, "read-string", &p, |i| match k {
        None => Some(i.read_all()),
        Some(k) => {
            let mut out = String::new();
            for _ in 0..k {
                match i.read_char() {
                    Some(c) => out.push(c),
                    None => break,
                }
            }
            (!out.is_empty() || k == 0).then_some(out)
        }
    })?;
    Ok(match text {
        Some(t) => vm.make_string(&t),
        None => Value::Eof,
    })
}

/// `(read [port])`: one datum.
fn read(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = in_port(vm, "read", a, 0)?;
    loop {
        let (text, offset) = with_input(vm, "read", &p, |i| i.reader_text(&p.name))?;
        match crate::reader::read_one(text.file_id, &text.text, offset) {
            // Nothing but space so far: on stdin, wait for more lines.
            Ok((None, _)) if with_input(vm, "read", &p, |i| i.more())? => continue,
            Ok((datum, end)) => {
                with_input(vm, "read", &p, |i| i.set_reader_offset(end))?;
                return Ok(match datum {
                    Some(d) => vm.syntax_to_value(&d),
                    None => Value::Eof,
                });
            }
            Err(e) => {
                // On stdin, an incomplete datum waits for more lines.
                let more = e.incomplete && with_input(vm, "read", &p, |i| i.more())?;
                if !more {
                    return Err(read_error(e));
                }
            }
        }
    }
}

pub fn read_error(e: crate::diag::ReadError) -> Box<Throw> {
    let mut t = Throw::new("read-error", None, e.message.clone(), vec![]);
    t.span = Some(e.span);
    t.help = e.help.clone();
    t
}

fn new_port(vm: &mut Vm, p: Port) -> Value {
    Value::Port(vm.heap.alloc(p))
}

fn open_input_string(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s = expect_string("open-input-string", 1, a[0])?.to_string();
    Ok(new_port(vm, Port::input_bytes("string", s.into_bytes())))
}
fn open_output_string(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(new_port(vm, Port::output("string", Output::Text(String::new()))))
}
fn get_output_string(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = port("get-output-string", 1, a[0])?;
    let text = match &*p.output.borrow() {
        Some(Output::Text(s)) => s.clone(),
        Some(Output::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
        _ => return Err(Throw::wrong_type("get-output-string", 1, "string output port", a[0])),
    };
    Ok(vm.make_string(&text))
}
fn open_input_file(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    open_input(vm, a[0])
}
fn open_output_file(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    open_output(vm, a[0], false)
}

/// `(open-file path mode)`, as Guile's: mode "r" reads, "w" writes
/// (creating or truncating), "a" appends; "b" (binary) and the buffering
/// letters "0" and "l" change nothing here. A port both reading and writing
/// a file ("r+", "w+", "a+") is not supported.
fn open_file(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let mode = text_of(OPEN_FILE, 2, a[1])?;
    let letters: String = mode.chars().filter(|c| !matches!(c, 'b' | '0' | 'l')).collect();
    match letters.as_str() {
        "r" => open_input(vm, a[0]),
        "w" => open_output(vm, a[0], false),
        "a" => open_output(vm, a[0], true),
        "r+" | "w+" | "a+" => open_read_write(vm, a[0], &letters),
        _ => {
            let file = crate::value::print::to_write(a[0]);
            let why = "a mode is r, w, a, r+, w+ or a+, with b, 0 or l after it";
            Err(Throw::misc(OPEN_FILE, format!("{file}: unsupported mode {mode:?}: {why}"), vec![]))
        }
    }
}

/// `open-file` with "r+" (the file must exist), "w+" (emptied or made)
/// or "a+" (writes go at the end).
fn open_read_write(vm: &mut Vm, path: Value, mode: &str) -> PResult<Value> {
    let name = text_of(OPEN_FILE, 1, path)?;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(mode != "r+")
        .truncate(mode == "w+")
        .append(mode == "a+")
        .open(&name)
        .map_err(|e| Throw::system(OPEN_FILE, &e, vec![path]))?;
    let writer = file.try_clone().map_err(|e| Throw::system(OPEN_FILE, &e, vec![path]))?;
    file_port(vm, Port::read_write_file(&name, file, writer))
}

// Guile's open-input-file and open-output-file are open-file's, and their
// errors say so.
const OPEN_FILE: &str = "open-file";

fn open_input(vm: &mut Vm, path: Value) -> PResult<Value> {
    let name = text_of(OPEN_FILE, 1, path)?;
    let file = std::fs::File::open(&name).map_err(|e| Throw::system(OPEN_FILE, &e, vec![path]))?;
    // A directory opens, but every read of it fails: say so now rather
    // than read it as empty.
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        let e = std::io::Error::from_raw_os_error(libc::EISDIR);
        return Err(Throw::system(OPEN_FILE, &e, vec![path]));
    }
    file_port(vm, Port::input_file(&name, file))
}

/// A new file port, reading and writing text in the encoding
/// `%default-port-encoding` names (a fluid; `#f` is ISO-8859-1, as in
/// Guile), and strict about it if `%default-port-conversion-strategy` is
/// `error`.
pub fn file_port(vm: &mut Vm, port: Port) -> PResult<Value> {
    let encoding = match vm.root_value("%default-port-encoding") {
        Value::Parameter(p) => encoding::encoding_named(OPEN_FILE, p.value.get())?,
        _ => Encoding::Utf8,
    };
    port.set_encoding(encoding);
    port.set_strict(encoding::default_strategy_is_error(vm));
    Ok(new_port(vm, port))
}

/// `(seek port offset whence)`: the new offset from the start, in bytes.
fn seek(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = port("seek", 1, a[0])?;
    let Value::Int(offset) = a[1] else { return Err(Throw::wrong_type("seek", 2, "integer", a[1])) };
    let whence = match a[2] {
        Value::Int(w) => i32::try_from(w).map_err(|_| Throw::out_of_range("seek", 3, a[2]))?,
        v => return Err(Throw::wrong_type("seek", 3, "integer", v)),
    };
    if p.custom.is_some() {
        return Ok(Value::Int(custom_ports::seek(vm, &p, offset, whence)?));
    }
    let to = p.seek(offset, whence).map_err(|e| Throw::system("seek", &e, vec![]))?;
    Ok(Value::Int(to as i64))
}

fn open_output(vm: &mut Vm, path: Value, append: bool) -> PResult<Value> {
    let name = text_of(OPEN_FILE, 1, path)?;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .append(append)
        .truncate(!append)
        .open(&name)
        .map_err(|e| Throw::system(OPEN_FILE, &e, vec![path]))?;
    file_port(vm, Port::output(&name, Output::File(std::io::BufWriter::new(file))))
}
/// `(close-port port)`: #t, or #f if it was closed already.
fn close_port(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = port("close-port", 1, a[0])?;
    if p.is_closed() {
        return Ok(Value::FALSE);
    }
    custom_ports::close(vm, &p)?;
    p.close().map_err(|e| Throw::system("close-port", &e, vec![]))?;
    Ok(Value::TRUE)
}
fn close_input_or_output_port(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    close_port(vm, a)?;
    Ok(Value::Unspecified)
}

fn current_input_port(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(vm.current_input)
}
fn current_output_port(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(vm.current_output)
}
fn current_error_port(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(vm.current_error)
}
fn set_current_input_port(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    port("set-current-input-port", 1, a[0])?;
    Ok(std::mem::replace(&mut vm.current_input, a[0]))
}
fn set_current_output_port(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    port("set-current-output-port", 1, a[0])?;
    Ok(std::mem::replace(&mut vm.current_output, a[0]))
}
fn set_current_error_port(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    port("set-current-error-port", 1, a[0])?;
    Ok(std::mem::replace(&mut vm.current_error, a[0]))
}

fn bytevector_arg(who: &str, pos: usize, v: Value) -> PResult<Vec<u8>> {
    match v {
        Value::Bytevector(b) => Ok(b.bytes.borrow().clone()),
        v => Err(Throw::wrong_type(who, pos, "bytevector", v)),
    }
}

fn open_input_bytevector(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let bytes = bytevector_arg("open-input-bytevector", 1, a[0])?;
    Ok(new_port(vm, Port::input_bytes("bytevector", bytes).binary()))
}
fn open_output_bytevector(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(new_port(vm, Port::output("bytevector", Output::Bytes(Vec::new())).binary()))
}
fn get_output_bytevector(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = port("get-output-bytevector", 1, a[0])?;
    let bytes: Vec<u8> = match &*p.output.borrow() {
        Some(Output::Bytes(b)) => b.clone(),
        Some(Output::Text(s)) => s.as_bytes().to_vec(),
        _ => return Err(Throw::wrong_type("get-output-bytevector", 1, "bytevector output port", a[0])),
    };
    Ok(super::vectors::new_bytevector(vm, bytes))
}
fn read_u8(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = in_port(vm, "read-u8", a, 0)?;
    Ok(with_input(vm, "read-u8", &p, |i| i.read_u8())?.map(|b| Value::Int(b as i64)).unwrap_or(Value::Eof))
}
fn peek_u8(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = in_port(vm, "peek-u8", a, 0)?;
    Ok(with_input(vm, "peek-u8", &p, |i| i.peek_u8())?.map(|b| Value::Int(b as i64)).unwrap_or(Value::Eof))
}
/// `(get-bytevector-n port n)` / R7RS `(read-bytevector n [port])`.
fn read_bytevector(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let (n, p) = match (a[0], a.get(1)) {
        (Value::Port(p), Some(n)) => (super::expect_index("get-bytevector-n", 2, *n)?, p),
        (n, _) => (super::expect_index("read-bytevector", 1, n)?, in_port(vm, "read-bytevector", a, 1)?),
    };
    let bytes = with_input(vm, "read-bytevector", &p, |i| i.read_bytes(n))?;
    if bytes.is_empty() && n > 0 {
        return Ok(Value::Eof);
    }
    Ok(super::vectors::new_bytevector(vm, bytes))
}
/// `(get-bytevector-all port)`: every remaining byte, or eof.
fn get_bytevector_all(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = port("get-bytevector-all", 1, a[0])?;
    let bytes = with_input(vm, "get-bytevector-all", &p, |i| i.read_all_bytes())?;
    if bytes.is_empty() {
        return Ok(Value::Eof);
    }
    Ok(super::vectors::new_bytevector(vm, bytes))
}
fn write_u8(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let b = super::expect_int("write-u8", 1, a[0])?;
    let b = u8::try_from(b).map_err(|_| Throw::out_of_range("write-u8", 1, a[0]))?;
    let p = out_port(vm, "write-u8", a, 1)?;
    port_write_bytes(vm, "write-u8", &p, &[b])?;
    Ok(Value::Unspecified)
}
/// `(write-bytevector bv [port [start [end]]])`.
fn write_bytevector(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let bytes = bytevector_arg("write-bytevector", 1, a[0])?;
    let p = out_port(vm, "write-bytevector", a, 1)?;
    let start = optional(a, 2).map(|v| super::expect_index("write-bytevector", 3, v)).transpose()?.unwrap_or(0);
    let end = optional(a, 3).map(|v| super::expect_index("write-bytevector", 4, v)).transpose()?.unwrap_or(bytes.len());
    let range = bytes.get(start..end).ok_or_else(|| Throw::out_of_range("write-bytevector", 3, a[2]))?;
    port_write_bytes(vm, "write-bytevector", &p, range)?;
    Ok(Value::Unspecified)
}
/// `(put-bytevector port bv [start [count]])` (R6RS argument order).
fn put_bytevector(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = port("put-bytevector", 1, a[0])?;
    let bytes = bytevector_arg("put-bytevector", 2, a[1])?;
    let start = optional(a, 2).map(|v| super::expect_index("put-bytevector", 3, v)).transpose()?.unwrap_or(0);
    let count = optional(a, 3).map(|v| super::expect_index("put-bytevector", 4, v)).transpose()?;
    let end = count.map_or(bytes.len(), |c| start.saturating_add(c));
    let range = bytes.get(start..end).ok_or_else(|| Throw::out_of_range("put-bytevector", 3, a[2]))?;
    port_write_bytes(vm, "put-bytevector", &p, range)?;
    Ok(Value::Unspecified)
}
fn put_u8(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = port("put-u8", 1, a[0])?;
    let b = super::expect_int("put-u8", 2, a[1])?;
    let b = u8::try_from(b).map_err(|_| Throw::out_of_range("put-u8", 2, a[1]))?;
    port_write_bytes(vm, "put-u8", &p, &[b])?;
    Ok(Value::Unspecified)
}

fn eof_object(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(Value::Eof)
}
fn is_eof_object(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Eof)))
}
fn input_port_open(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = port("input-port-open?", 1, a[0])?;
    let open = matches!(&*p.input.borrow(), Some(i) if !i.is_closed());
    Ok(Value::boolean(open))
}
fn output_port_open(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = port("output-port-open?", 1, a[0])?;
    let open = matches!(&*p.output.borrow(), Some(o) if !matches!(o, Output::Closed));
    Ok(Value::boolean(open))
}
fn is_port(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Port(_))))
}
fn is_input_port(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Port(p) if p.is_input())))
}
fn is_output_port(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Port(p) if p.is_output())))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("display", 1, Some(2), display),
    ("write", 1, Some(2), write),
    ("newline", 0, Some(1), newline),
    ("write-char", 1, Some(2), write_char),
    ("write-string", 1, Some(2), write_string),
    ("force-output", 0, Some(1), force_output),
    ("flush-output-port", 0, Some(1), force_output),
    ("read-char", 0, Some(1), read_char),
    ("peek-char", 0, Some(1), peek_char),
    ("unread-char", 1, Some(2), unread_char),
    ("port-line", 1, Some(1), port_line),
    ("port-column", 1, Some(1), port_column),
    ("set-port-line!", 2, Some(2), set_port_line),
    ("set-port-column!", 2, Some(2), set_port_column),
    ("port-filename", 1, Some(1), port_filename),
    ("char-ready?", 0, Some(1), char_ready),
    ("read-line", 0, Some(2), read_line),
    ("read-string", 0, Some(2), read_string),
    ("read", 0, Some(1), read),
    ("open-input-string", 1, Some(1), open_input_string),
    ("open-output-string", 0, Some(0), open_output_string),
    ("get-output-string", 1, Some(1), get_output_string),
    ("open-input-file", 1, Some(1), open_input_file),
    ("seek", 3, Some(3), seek),
    ("open-output-file", 1, Some(1), open_output_file),
    ("open-file", 2, Some(2), open_file),
    ("close-port", 1, Some(1), close_port),
    ("close-input-port", 1, Some(1), close_input_or_output_port),
    ("close-output-port", 1, Some(1), close_input_or_output_port),
    ("current-input-port", 0, Some(0), current_input_port),
    ("current-output-port", 0, Some(0), current_output_port),
    ("current-error-port", 0, Some(0), current_error_port),
    ("set-current-input-port", 1, Some(1), set_current_input_port),
    ("set-current-output-port", 1, Some(1), set_current_output_port),
    ("set-current-error-port", 1, Some(1), set_current_error_port),
    ("eof-object", 0, Some(0), eof_object),
    ("open-input-bytevector", 1, Some(1), open_input_bytevector),
    ("open-output-bytevector", 0, Some(0), open_output_bytevector),
    ("get-output-bytevector", 1, Some(1), get_output_bytevector),
    ("read-u8", 0, Some(1), read_u8),
    ("peek-u8", 0, Some(1), peek_u8),
    ("write-u8", 1, Some(2), write_u8),
    ("write-bytevector", 1, Some(4), write_bytevector),
    ("read-bytevector", 1, Some(2), read_bytevector),
    ("get-bytevector-n", 2, Some(2), read_bytevector),
    ("get-bytevector-all", 1, Some(1), get_bytevector_all),
    ("put-bytevector", 2, Some(4), put_bytevector),
    ("put-u8", 2, Some(2), put_u8),
    ("eof-object?", 1, Some(1), is_eof_object),
    ("port?", 1, Some(1), is_port),
    ("input-port-open?", 1, Some(1), input_port_open),
    ("output-port-open?", 1, Some(1), output_port_open),
    ("input-port?", 1, Some(1), is_input_port),
    ("output-port?", 1, Some(1), is_output_port),
];
