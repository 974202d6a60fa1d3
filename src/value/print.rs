//! `display` and `write` representations, as Guile prints them.

use super::{Symbol, Truth, Value};
use crate::number::number_to_string;
use crate::reader::{char_name, non_graphic};
use crate::reader::{Datum, Syntax};

/// Nesting printed in full on any thread; past it, `print` checks that
/// it is on the interpreter thread, whose stack is large and watched.
const CHECKED_DEPTH: usize = 10_000;

/// Whether data nested `depth` deep prints as `...`, to keep printing off
/// the Rust stack's edge. On the interpreter thread data print as deep as
/// the reader reads them (so what is read can be written back), while
/// under half of the stack is used.
fn too_deep(depth: usize) -> bool {
    depth > CHECKED_DEPTH
        && (!crate::vm::native_stack_marked()
            || depth > crate::reader::MAX_NESTING
            || crate::vm::native_stack_used_over(50))
}

/// Prints a record whose type has a printer (`set-record-type-printer!`)
/// into the text; false to print it the default way. Printers are Scheme
/// procedures, so only code that can run Scheme passes one (`Vm::print`).
pub type RecordPrinter<'a> = &'a mut dyn FnMut(Value, bool, &mut String) -> bool;

thread_local! {
    /// Whether Mes's Scheme `display` is in use (see `print_vectors_as_mes`).
    static MES_VECTOR_STYLE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// From now on, print a vector inside a vector as `#(...)`, as the
/// `display` and `write` of Mes's `(mes display)` module do. A Mes program
/// that loads that module (or one that loads it in Mes, like `(mes guile)`)
/// gets this; nothing else does.
pub fn print_vectors_as_mes() {
    MES_VECTOR_STYLE.set(true);
}

pub fn to_display(v: Value) -> String {
    let mut out = String::new();
    print(v, false, &mut out, 0, usize::MAX, &mut |_, _, _| false);
    out
}

pub fn to_write(v: Value) -> String {
    let mut out = String::new();
    print(v, true, &mut out, 0, usize::MAX, &mut |_, _, _| false);
    out
}

/// `display` (write = false) or `write` text, records printed by `records`.
pub fn to_text_with(v: Value, write: bool, records: RecordPrinter) -> String {
    let mut out = String::new();
    print(v, write, &mut out, 0, usize::MAX, records);
    out
}

/// `write`'s text cut off after about `max` bytes (ending in `...`):
/// finishes on cyclic and huge data (the REPL, traces, frame dumps).
pub fn to_write_bounded(v: Value, max: usize) -> String {
    let mut out = String::new();
    print(v, true, &mut out, 0, max, &mut |_, _, _| false);
    if out.len() > max {
        let mut cut = max;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push_str("...");
    }
    out
}

pub fn write_string_literal(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0b' => out.push_str("\\v"),
            '\x0c' => out.push_str("\\f"),
            // Other invisible characters by code, as Guile writes them.
            c if non_graphic(c) => match c as u32 {
                code @ 0..=0xff => out.push_str(&format!("\\x{code:02x}")),
                code @ 0x100..=0xffff => out.push_str(&format!("\\u{code:04x}")),
                code => out.push_str(&format!("\\U{code:06x}")),
            },
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Whether Guile writes the symbol in its extended syntax, `#{...}#`: a
/// name that would read as something else (a number, or nothing), or that
/// holds a delimiter, `#` or an invisible character.
fn symbol_needs_braces(name: &str) -> bool {
    name.is_empty()
        || name == "."
        || matches!(name, "+i" | "-i")
        || name.starts_with(|c: char| c.is_ascii_digit())
        || crate::number::parse_number(name, 10).is_some()
        || name.chars().any(|c| c.is_whitespace() || non_graphic(c) || "()[]{}\";#".contains(c))
}

pub fn write_symbol(s: Symbol, write: bool, out: &mut String) {
    let name = s.name();
    if write && symbol_needs_braces(name) {
        out.push_str("#{");
        for c in name.chars() {
            if "()[]{}".contains(c) || (c.is_whitespace() && c != ' ') || non_graphic(c) {
                out.push_str(&format!("\\x{:x};", c as u32));
            } else {
                out.push(c);
            }
        }
        out.push_str("}#");
    } else {
        out.push_str(name);
    }
}

/// Print `v` into `out`, stopping (early, without closing brackets) once
/// `out` is longer than `max` bytes.
fn print(v: Value, write: bool, out: &mut String, depth: usize, max: usize, records: RecordPrinter) {
    if out.len() > max {
        return;
    }
    if too_deep(depth) {
        out.push_str("...");
        return;
    }
    match v {
        Value::Null => out.push_str("()"),
        Value::Bool(t) => out.push_str(truth_name(t)),
        Value::Unspecified => out.push_str("#<unspecified>"),
        Value::Eof => out.push_str("#<eof>"),
        Value::Undefined => out.push_str("#<undefined>"),
        Value::Default => out.push_str("#<default>"),
        Value::Int(_) | Value::Float(_) | Value::Big(_) | Value::Rat(_) => out.push_str(&number_to_string(v, 10)),
        Value::Char(c) => {
            if write {
                out.push_str("#\\");
                match char_name(c) {
                    Some(n) => out.push_str(n),
                    // In octal, as Guile writes (and guix0 reads) it.
                    None if non_graphic(c) => out.push_str(&format!("{:o}", c as u32)),
                    None => out.push(c),
                }
            } else {
                out.push(c);
            }
        }
        Value::Symbol(s) => write_symbol(s, write, out),
        Value::Keyword(k) => {
            out.push_str("#:");
            out.push_str(k.name());
        }
        Value::Str(s) => {
            if write {
                write_string_literal(&s.borrow(), out)
            } else {
                out.push_str(&s.borrow())
            }
        }
        Value::Pair(_) => print_list(v, write, out, depth, max, records),
        Value::Vector(vec) => {
            out.push_str("#(");
            for (i, x) in vec.items.borrow().iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                if out.len() > max {
                    break;
                }
                if matches!(x, Value::Vector(_)) && MES_VECTOR_STYLE.get() {
                    out.push_str("#(...)");
                } else {
                    print(*x, write, out, depth + 1, max, records);
                }
            }
            out.push(')');
        }
        Value::Bytevector(b) => {
            out.push_str("#vu8(");
            let bytes: Vec<String> = b.bytes.borrow().iter().map(|x| x.to_string()).collect();
            out.push_str(&bytes.join(" "));
            out.push(')');
        }
        // As Guile and Mes print them: `#<procedure acons (_ _ _)>`.
        Value::Prim(p) => {
            let mut params = vec!["_"; p.min_args as usize];
            match p.max_args {
                Some(max) if max > p.min_args => {
                    params.push("#:optional");
                    params.extend(std::iter::repeat_n("_", (max - p.min_args) as usize));
                }
                Some(_) => {}
                None => params.extend([".", "_"]),
            }
            out.push_str(&format!("#<procedure {} ({})>", p.name, params.join(" ")));
        }
        // An anonymous procedure is named #f, as in Mes.
        Value::Closure(c) => {
            let name = c.known_name().map_or("#f".to_string(), |n| n.to_string());
            let mut params: Vec<String> = c.code().params.iter().map(|p| p.to_string()).collect();
            let formals = match c.code().rest_name {
                Some(r) if params.is_empty() => r.to_string(),
                Some(r) => {
                    params.push(format!(". {r}"));
                    format!("({})", params.join(" "))
                }
                None => format!("({})", params.join(" ")),
            };
            out.push_str(&format!("#<procedure {name} {formals}>"));
        }
        Value::Code(_) => out.push_str("#<code>"),
        Value::Variable(var) => {
            out.push_str("#<variable ");
            print(var.value.get(), write, out, depth + 1, max, records);
            out.push('>');
        }
        Value::Values(mv) => {
            for (i, x) in mv.items.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                print(*x, write, out, depth + 1, max, records);
            }
        }
        Value::Record(_) if records(v, write, out) => {}
        Value::Record(r) => {
            // As Guile: the type's name, then each field written (under
            // `display` too), `#<<point> x: 1 y: "s">`.
            out.push_str("#<");
            out.push_str(r.rtype.name.get().name());
            for (field, value) in r.rtype.fields.iter().zip(r.fields.iter()) {
                if out.len() > max {
                    break;
                }
                out.push_str(&format!(" {field}: "));
                print(value.get(), true, out, depth + 1, max, records);
            }
            out.push('>');
        }
        Value::RecordType(t) => out.push_str(&format!("#<record-type {}>", t.name.get())),
        Value::HashTable(h) => out.push_str(&format!("#<hash-table {}/{}>", h.len(), h.capacity())),
        Value::Port(p) => out.push_str(&format!("#<{} {}>", p.kind_name(), p.name)),
        Value::Promise(_) => out.push_str("#<promise>"),
        Value::Parameter(_) => out.push_str("#<parameter>"),
        Value::Continuation(_) => out.push_str("#<continuation>"),
        Value::Condition(c) => {
            out.push_str(&format!("#<condition {} ", c.key));
            out.push_str(&crate::runtime::conditions::condition_message(&c));
            out.push('>');
        }
        Value::Opaque(o) => out.push_str(&format!("#<{}>", o.data.type_name())),
    }
}

fn print_list(v: Value, write: bool, out: &mut String, depth: usize, max: usize, records: RecordPrinter) {
    out.push('(');
    let mut rest = v;
    let mut first = true;
    // A circular list is written once round, then ` . #-N#` as Guile does:
    // its last pair's cdr is the pair N before it.
    let entry = v.cycle_entry();
    let (mut printed, mut entry_index) = (0usize, None);
    while let Value::Pair(p) = rest {
        if out.len() > max {
            return;
        }
        if entry.is_some_and(|e| crate::value::equality::eq(e, rest)) {
            if let Some(i) = entry_index {
                out.push_str(&format!(" . #-{}#)", printed - 1 - i));
                return;
            }
            entry_index = Some(printed);
        }
        printed += 1;
        if !first {
            out.push(' ');
        }
        first = false;
        print(p.car(), write, out, depth + 1, max, records);
        rest = p.cdr();
    }
    if !rest.is_null() {
        out.push_str(" . ");
        print(rest, write, out, depth + 1, max, records);
    }
    out.push(')');
}

/// Source syntax written back as text (for messages about patterns).
pub fn syntax_to_string(x: &Syntax) -> String {
    let mut out = String::new();
    syntax_into(x, &mut out);
    out
}

fn syntax_into(x: &Syntax, out: &mut String) {
    match &x.datum {
        Datum::List(items, tail) => {
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                syntax_into(item, out);
            }
            if let Some(t) = tail {
                out.push_str(" . ");
                syntax_into(t, out);
            }
            out.push(')');
        }
        Datum::Vector(items) => {
            out.push_str("#(");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                syntax_into(item, out);
            }
            out.push(')');
        }
        Datum::Symbol(s) => out.push_str(s.name()),
        Datum::Alias(a) => out.push_str(crate::expand::Ident::Alias(a.clone()).base().name()),
        Datum::Keyword(k) => {
            out.push_str("#:");
            out.push_str(k.name())
        }
        Datum::Str(s) => write_string_literal(s, out),
        Datum::Int(i) => out.push_str(&i.to_string()),
        Datum::Number(n) => out.push_str(&crate::number::num_to_string(n, 10)),
        Datum::Char(c) => out.push_str(&to_write(Value::Char(*c))),
        Datum::Bool(b) => out.push_str(truth_name(*b)),
        Datum::Bytevector(b) => out.push_str(&format!("#vu8{b:?}")),
        Datum::Value(v) => out.push_str(&to_write(*v)),
    }
}

fn truth_name(t: Truth) -> &'static str {
    match t {
        Truth::True => "#t",
        Truth::False => "#f",
        Truth::Nil => "#nil",
    }
}
