//! The text encodings of ports, and how strict a port is about them (Guile's
//! conversion strategies).

use super::io::port;
use super::text_of;
use crate::prims;
use crate::value::{Truth, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

/// How a port's characters are bytes. ISO-8859-1 (Latin-1) takes a byte
/// for a character, so any file reads and writes back unchanged: Guix code
/// edits files that are not UTF-8 under it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Encoding {
    Utf8,
    Latin1,
}

impl Encoding {
    /// The encoding a Guile program names `name`, if guix0 has it. ASCII
    /// is read as Latin-1, its superset.
    pub fn named(name: &str) -> Option<Encoding> {
        let key: String = name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect();
        match key.as_str() {
            "UTF8" => Some(Encoding::Utf8),
            "ISO88591" | "ISOLATIN1" | "LATIN1" | "L1" | "ASCII" | "USASCII" | "ANSIX341968" => Some(Encoding::Latin1),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Latin1 => "ISO-8859-1",
        }
    }

    /// Bytes as text: invalid UTF-8 reads as U+FFFD.
    pub fn decode(self, bytes: &[u8]) -> String {
        match self {
            Encoding::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            Encoding::Latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
        }
    }

    /// Whether `bytes` are text in this encoding (any bytes are Latin-1).
    pub fn can_decode(self, bytes: &[u8]) -> bool {
        self == Encoding::Latin1 || std::str::from_utf8(bytes).is_ok()
    }

    /// Whether `text` can be written in this encoding.
    pub fn can_encode(self, text: &str) -> bool {
        self == Encoding::Utf8 || text.chars().all(|c| u32::from(c) <= 0xFF)
    }

    /// Text as bytes: in Latin-1, a character past U+00FF is written `?`
    /// (Guile's `substitute` strategy).
    pub fn encode(self, text: &str) -> std::borrow::Cow<'_, [u8]> {
        match self {
            Encoding::Latin1 if !text.is_ascii() => {
                text.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect::<Vec<u8>>().into()
            }
            _ => text.as_bytes().into(),
        }
    }
}

/// Whether new ports are strict: `%default-port-conversion-strategy` is
/// `error` (as `gnu-build` sets it).
pub(super) fn default_strategy_is_error(vm: &mut Vm) -> bool {
    matches!(vm.root_value("%default-port-conversion-strategy"),
             Value::Parameter(p) if matches!(p.value.get(), Value::Symbol(s) if s.name() == "error"))
}

/// `(port-conversion-strategy port)`: `error` or `substitute`; of `#f`, the
/// default for new ports.
fn port_conversion_strategy(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let strict = match a[0] {
        Value::Bool(Truth::False) => default_strategy_is_error(vm),
        v => port("port-conversion-strategy", 1, v)?.is_strict(),
    };
    Ok(Value::sym(if strict { "error" } else { "substitute" }))
}

/// `(set-port-conversion-strategy! port strategy)`; `escape` is taken for
/// `substitute`. Of `#f`, it sets the default for new ports.
fn set_port_conversion_strategy(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    const WHO: &str = "set-port-conversion-strategy!";
    let strict = match a[1] {
        Value::Symbol(s) if s.name() == "error" => true,
        Value::Symbol(s) if matches!(s.name(), "substitute" | "escape") => false,
        other => return Err(Throw::wrong_type(WHO, 2, "conversion strategy (error, substitute or escape)", other)),
    };
    match a[0] {
        Value::Bool(Truth::False) => {
            if let Value::Parameter(p) = vm.root_value("%default-port-conversion-strategy") {
                p.value.set(a[1]);
            }
        }
        v => port(WHO, 1, v)?.set_strict(strict),
    }
    Ok(Value::Unspecified)
}

pub fn encoding_named(who: &str, name: Value) -> PResult<Encoding> {
    if name.is_false() {
        return Ok(Encoding::Latin1);
    }
    let text = text_of(who, 2, name)?;
    Encoding::named(&text).ok_or_else(|| {
        let why = "guix0 reads and writes UTF-8 and ISO-8859-1";
        Throw::misc(who, format!("unsupported encoding {text:?}: {why}"), vec![])
    })
}

/// `(set-port-encoding! port encoding)`.
fn set_port_encoding(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = port("set-port-encoding!", 1, a[0])?;
    p.set_encoding(encoding_named("set-port-encoding!", a[1])?);
    Ok(Value::Unspecified)
}

fn port_encoding(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = port("port-encoding", 1, a[0])?;
    Ok(vm.make_string(p.encoding().name()))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("set-port-encoding!", 2, Some(2), set_port_encoding),
    ("port-encoding", 1, Some(1), port_encoding),
    ("port-conversion-strategy", 1, Some(1), port_conversion_strategy),
    ("set-port-conversion-strategy!", 2, Some(2), set_port_conversion_strategy),
];
