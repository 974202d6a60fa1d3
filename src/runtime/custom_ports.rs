//! Custom ports: ports whose bytes come from and go to Scheme procedures.
//! `%make-custom-port` is the one primitive; R6RS's
//! `make-custom-binary-input-port` and friends, Guile's
//! `make-custom-textual-output-port` and `make-soft-port` are built on it
//! in `scheme/guix0/ports.scm`.
//!
//! A read that runs out of bytes stops (`ports.rs`, `Source::Custom`),
//! `refill` calls the port's `read!`, and the read runs again. What is
//! written is handed to `write!` at the end of each write (Guile keeps it
//! in a buffer until `force-output`, so `write!` may see other chunks
//! there; the bytes and their order are the same).

use super::io::with_input;
use super::ports::{Output, Port};
use super::vectors::new_bytevector;
use super::{expect_int, text_of};
use std::cell::Cell;

use crate::diag::Span;
use crate::prims;
use crate::value::{Tracer, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

/// A custom port's procedures; `#f` for one it does not have.
pub struct CustomProcedures {
    /// `(read! bytevector start count)`: how many bytes it put there, 0 at the end.
    pub read: Value,
    /// `(write! bytevector start count)`: how many of them it took.
    pub write: Value,
    /// `(get-position)`: the byte offset.
    pub get_position: Value,
    /// `(set-position! offset)`.
    pub set_position: Value,
    /// `(close)`.
    pub close: Value,
    /// `(flush)`, after what was written went to `write!` (soft ports).
    pub flush: Value,
    /// Whether one of the procedures is running: one that uses its own
    /// port would otherwise call itself without end.
    pub busy: Cell<bool>,
}

impl CustomProcedures {
    pub fn trace(&self, tracer: &mut Tracer) {
        tracer.values(&[self.read, self.write, self.get_position, self.set_position, self.close, self.flush]);
    }
}

/// How many bytes `read!` is asked for at a time (Guile's default port
/// buffer), unless a read wants more.
const READ_SIZE: usize = 4096;

/// `(%make-custom-port id read! write! get-position set-position! close flush)`.
fn make_custom_port(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    const WHO: &str = "make-custom-port";
    let id = text_of(WHO, 1, a[0])?;
    for (pos, &v) in a.iter().enumerate().skip(1) {
        if !v.is_procedure() && v.is_true() {
            return Err(Throw::wrong_type(WHO, pos + 1, "procedure or #f", v));
        }
    }
    let procedures = CustomProcedures {
        read: a[1],
        write: a[2],
        get_position: a[3],
        set_position: a[4],
        close: a[5],
        flush: a[6],
        busy: Cell::new(false),
    };
    Ok(Value::Port(vm.heap.alloc(Port::custom(&id, procedures))))
}

/// The procedures of `p`, a custom port.
fn procedures(p: &Port) -> Option<&CustomProcedures> {
    p.custom.as_ref()
}

/// Call one of the custom port `p`'s procedures.
fn call(vm: &mut Vm, who: &str, p: &Port, procedure: Value, args: &[Value]) -> PResult<Value> {
    let Some(c) = procedures(p) else { return Ok(Value::Unspecified) };
    if c.busy.replace(true) {
        let message = "the custom port ~S was used by one of its own procedures";
        return Err(Throw::misc(who, message, vec![vm.make_string(&p.name)]));
    }
    let result = vm.apply_nested(procedure, args, Span::NONE);
    c.busy.set(false);
    result
}

/// Give the custom port `p` at least one more byte from its `read!`, or
/// its end: a read wanted `wanted` more.
pub fn refill(vm: &mut Vm, who: &str, p: &Port, wanted: usize) -> PResult<()> {
    let Some(read) = procedures(p).map(|c| c.read) else { return Ok(()) };
    let count = wanted.max(READ_SIZE);
    let buffer = new_bytevector(vm, super::filled_vec(who, count, 0)?);
    let got = call(vm, who, p, read, &[buffer, Value::Int(0), Value::Int(count as i64)])?;
    let n = match got {
        Value::Int(n) if (0..=count as i64).contains(&n) => n as usize,
        other => return Err(bad_count(who, "read!", other, 0, count)),
    };
    let Value::Bytevector(bytes) = buffer else { return Ok(()) };
    if let Some(input) = p.input.borrow_mut().as_mut() {
        input.supply(&bytes.bytes.borrow()[..n]);
    }
    Ok(())
}

/// Hand what was written to the custom port `p` to its `write!`.
pub fn deliver(vm: &mut Vm, who: &str, p: &Port) -> PResult<()> {
    let Some(write) = procedures(p).map(|c| c.write) else { return Ok(()) };
    let pending = match p.output.borrow_mut().as_mut() {
        Some(Output::Custom(pending)) => std::mem::take(pending),
        _ => return Ok(()),
    };
    let total = pending.len();
    let buffer = new_bytevector(vm, pending);
    let mut start = 0;
    while start < total {
        let count = total - start;
        let args = [buffer, Value::Int(start as i64), Value::Int(count as i64)];
        match call(vm, who, p, write, &args)? {
            // Taking none would loop for ever.
            Value::Int(n) if (1..=count as i64).contains(&n) => start += n as usize,
            other => return Err(bad_count(who, "write!", other, 1, count)),
        }
    }
    Ok(())
}

/// `force-output` on a custom port: what is written goes out, then `flush` runs.
pub fn force(vm: &mut Vm, p: &Port) -> PResult<()> {
    let Some(flush) = procedures(p).map(|c| c.flush) else { return Ok(()) };
    deliver(vm, "force-output", p)?;
    if flush.is_true() {
        call(vm, "force-output", p, flush, &[])?;
    }
    Ok(())
}

fn bad_count(who: &str, procedure: &str, got: Value, lowest: usize, count: usize) -> Box<Throw> {
    // A wrong type, as Guile has it.
    Throw::new(
        "wrong-type-arg",
        Some(who),
        format!("the custom port's {procedure} returned ~S, not a count of bytes from {lowest} to {count}"),
        vec![got],
    )
}

/// `seek` on a custom port, with its `get-position` and `set-position!`.
pub fn seek(vm: &mut Vm, p: &Port, offset: i64, whence: i32) -> PResult<i64> {
    const WHO: &str = "seek";
    let Some(c) = procedures(p) else { return Ok(0) };
    let (get, set) = (c.get_position, c.set_position);
    deliver(vm, WHO, p)?;
    let here = |vm: &mut Vm| -> PResult<i64> {
        if get.is_false() {
            return Err(Throw::misc(WHO, "the custom port has no get-position procedure", vec![]));
        }
        let at = expect_int(WHO, 1, call(vm, WHO, p, get, &[])?)?;
        // The port read ahead of where its user is.
        let ahead = p.input.borrow().as_ref().map_or(0, |i| i.buffered_ahead());
        Ok(at - ahead as i64)
    };
    let to = match whence {
        libc::SEEK_CUR if offset == 0 => return here(vm),
        libc::SEEK_CUR => here(vm)? + offset,
        libc::SEEK_SET => offset,
        _ => return Err(Throw::misc(WHO, "a custom port moves from its start or where it is, not its end", vec![])),
    };
    if set.is_false() {
        return Err(Throw::misc(WHO, "the custom port has no set-position! procedure", vec![]));
    }
    call(vm, WHO, p, set, &[Value::Int(to)])?;
    if let Some(input) = p.input.borrow_mut().as_mut() {
        input.discard_buffer();
    }
    Ok(to)
}

/// `close-port` on an open custom port: what is written goes out, then
/// `close` runs.
pub fn close(vm: &mut Vm, p: &Port) -> PResult<()> {
    let Some(close) = procedures(p).map(|c| c.close) else { return Ok(()) };
    deliver(vm, "close-port", p)?;
    if close.is_true() {
        call(vm, "close-port", p, close, &[])?;
    }
    Ok(())
}

/// Everything left on `p`, a chunk at a time, to `sink` (a custom port's
/// too, which only code holding the VM can read).
pub fn drain(vm: &mut Vm, who: &str, p: &Port, mut sink: impl FnMut(&[u8])) -> PResult<()> {
    loop {
        let chunk = with_input(vm, who, p, |i| i.read_bytes(READ_SIZE * 16))?;
        if chunk.is_empty() {
            return Ok(());
        }
        sink(&chunk);
    }
}

pub const PRIMITIVES: &[Primitive] = prims![("%make-custom-port", 7, Some(7), make_custom_port),];
