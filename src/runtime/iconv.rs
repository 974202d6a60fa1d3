//! `(ice-9 iconv)`: `string->bytevector` and `bytevector->string` in an
//! encoding guix0 has (UTF-8 or ISO-8859-1), with Guile's conversion
//! strategies: `error` (the default), `substitute`, `escape`.

use super::encoding::encoding_named;
use super::ports::Encoding;
use super::vectors::new_bytevector;
use super::{expect_string, optional};
use crate::prims;
use crate::value::Value;
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

#[derive(PartialEq)]
enum Strategy {
    Error,
    Substitute,
    Escape,
}

fn strategy(who: &str, a: &[Value]) -> PResult<Strategy> {
    match optional(a, 2) {
        None => Ok(Strategy::Error),
        Some(Value::Symbol(s)) if s.name() == "error" => Ok(Strategy::Error),
        Some(Value::Symbol(s)) if s.name() == "substitute" => Ok(Strategy::Substitute),
        Some(Value::Symbol(s)) if s.name() == "escape" => Ok(Strategy::Escape),
        Some(other) => Err(Throw::wrong_type(who, 3, "error, substitute or escape", other)),
    }
}

/// `(string->bytevector string encoding [strategy])`.
fn string_to_bytevector(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let who = "string->bytevector";
    let text = expect_string(who, 1, a[0])?.to_string();
    let encoding = encoding_named(who, a[1])?;
    let how = strategy(who, a)?;
    let bytes = match encoding {
        Encoding::Utf8 => text.into_bytes(),
        Encoding::Latin1 => {
            let mut bytes = Vec::with_capacity(text.len());
            for c in text.chars() {
                match u8::try_from(u32::from(c)) {
                    Ok(b) => bytes.push(b),
                    Err(_) if how == Strategy::Substitute => bytes.push(b'?'),
                    Err(_) if how == Strategy::Escape => {
                        bytes.extend_from_slice(format!("\\u{:04X}", u32::from(c)).as_bytes())
                    }
                    Err(_) => {
                        let message = format!("character {c:?} has no ISO-8859-1 encoding");
                        return Err(Throw::new("encoding-error", Some(who), message, vec![a[0]]));
                    }
                }
            }
            bytes
        }
    };
    Ok(new_bytevector(vm, bytes))
}

/// `(bytevector->string bytevector encoding [strategy])`: bytes that are
/// not UTF-8 are an error, or U+FFFD with `substitute` or `escape`.
fn bytevector_to_string(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let who = "bytevector->string";
    let Value::Bytevector(bv) = a[0] else { return Err(Throw::wrong_type(who, 1, "bytevector", a[0])) };
    let encoding = encoding_named(who, a[1])?;
    let how = strategy(who, a)?;
    let bytes = bv.bytes.borrow();
    if encoding == Encoding::Utf8 && how == Strategy::Error {
        if let Err(e) = std::str::from_utf8(&bytes) {
            let message = format!("the bytes are not UTF-8 (at byte {})", e.valid_up_to());
            return Err(Throw::new("decoding-error", Some(who), message, vec![a[0]]));
        }
    }
    let text = encoding.decode(&bytes);
    drop(bytes);
    Ok(vm.make_string(&text))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("string->bytevector", 2, Some(3), string_to_bytevector),
    ("bytevector->string", 2, Some(3), bytevector_to_string),
];
