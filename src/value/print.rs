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
    to_text_with(v, false, &mut |_, _, _| false)
}

pub fn to_write(v: Value) -> String {
    to_text_with(v, true, &mut |_, _, _| false)
}

/// `display` (write = false) or `write` text, records printed by `records`.
pub fn to_text_with(v: Value, write: bool, records: RecordPrinter) -> String {
    let mut out = String::new();
    Printer::new(write, &mut out, usize::MAX, records).value(v, 0);
    out
}

/// `write`'s text cut off after about `max` bytes (ending in `...`):
/// finishes on cyclic and huge data (the REPL, traces, frame dumps).
pub fn to_write_bounded(v: Value, max: usize) -> String {
    let mut out = String::new();
    Printer::new(true, &mut out, max, &mut |_, _, _| false).value(v, 0);
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

/// How many open containers are searched for one that recurs; past them,
/// a hash set of the deeper ones is asked first.
const SCANNED_OPEN: usize = 64;

/// One `display` or `write` into `out`, which stops (early, without
/// closing brackets) once `out` is longer than `max` bytes. Data that
/// contain themselves print a reference, `#-N#`, where they recur, as
/// Guile prints them: N counts the lists' pairs, vectors and records
/// printed on the way out to the one that recurs.
struct Printer<'o, 'r> {
    write: bool,
    out: &'o mut String,
    max: usize,
    records: RecordPrinter<'r>,
    /// The lists, vectors and records open around the value being
    /// printed: each one's address and its count on Guile's reckoning.
    open: Vec<(usize, usize)>,
    /// The addresses in `open` past its first `SCANNED_OPEN`.
    open_deep: rustc_hash::FxHashSet<usize>,
    /// Pairs, vectors and records printed on the way in, as Guile counts.
    count: usize,
}

impl<'o, 'r> Printer<'o, 'r> {
    fn new(write: bool, out: &'o mut String, max: usize, records: RecordPrinter<'r>) -> Self {
        Printer { write, out, max, records, open: Vec::new(), open_deep: Default::default(), count: 0 }
    }

    /// The count of the open container at `addr`, if it is open. A cycle
    /// first met deeper than `SCANNED_OPEN` is found on its next round.
    fn open_at(&self, addr: usize) -> Option<usize> {
        if self.open.len() > SCANNED_OPEN && !self.open_deep.contains(&addr) {
            return None;
        }
        self.open.iter().rev().find(|(a, _)| *a == addr).map(|&(_, count)| count)
    }

    /// The reference to the open container whose count is `count`.
    fn reference(&mut self, count: usize) {
        let back = self.count - 1 - count;
        self.out.push_str(&if back == 0 { "#0#".to_string() } else { format!("#-{back}#") });
    }

    /// Open the container at `addr`; false, with a reference printed in
    /// its place, if it is open already.
    fn enter(&mut self, addr: usize) -> bool {
        if let Some(count) = self.open_at(addr) {
            self.reference(count);
            return false;
        }
        if self.open.len() >= SCANNED_OPEN {
            self.open_deep.insert(addr);
        }
        self.open.push((addr, self.count));
        self.count += 1;
        true
    }

    fn leave(&mut self) {
        if let Some((addr, count)) = self.open.pop() {
            if self.open.len() >= SCANNED_OPEN {
                self.open_deep.remove(&addr);
            }
            self.count = count;
        }
    }

    fn value(&mut self, v: Value, depth: usize) {
        if self.out.len() > self.max {
            return;
        }
        if too_deep(depth) {
            self.out.push_str("...");
            return;
        }
        let (write, out) = (self.write, &mut *self.out);
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
            Value::Pair(p) => {
                if self.enter(p.addr()) {
                    self.list(v, depth);
                    self.leave();
                }
            }
            Value::Vector(vec) => {
                if !self.enter(vec.addr()) {
                    return;
                }
                self.out.push_str("#(");
                for (i, x) in vec.items.borrow().iter().enumerate() {
                    if i > 0 {
                        self.out.push(' ');
                    }
                    if self.out.len() > self.max {
                        break;
                    }
                    if matches!(x, Value::Vector(_)) && MES_VECTOR_STYLE.get() {
                        self.out.push_str("#(...)");
                    } else {
                        self.value(*x, depth + 1);
                    }
                }
                self.out.push(')');
                self.leave();
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
                self.value(var.value.get(), depth + 1);
                self.out.push('>');
            }
            Value::Values(mv) => {
                for (i, x) in mv.items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(' ');
                    }
                    self.value(*x, depth + 1);
                }
            }
            Value::Record(_) if (self.records)(v, write, out) => {}
            Value::Record(r) => {
                if !self.enter(r.addr()) {
                    return;
                }
                // As Guile: the type's name, then each field written (under
                // `display` too), `#<<point> x: 1 y: "s">`.
                self.out.push_str("#<");
                self.out.push_str(r.rtype.name.get().name());
                for (field, value) in r.rtype.fields.iter().zip(r.fields.iter()) {
                    if self.out.len() > self.max {
                        break;
                    }
                    self.out.push_str(&format!(" {field}: "));
                    let write = std::mem::replace(&mut self.write, true);
                    self.value(value.get(), depth + 1);
                    self.write = write;
                }
                self.out.push('>');
                self.leave();
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

    fn list(&mut self, v: Value, depth: usize) {
        self.out.push('(');
        let mut rest = v;
        let mut first = true;
        // A circular list is written once round, then ` . #-N#` as Guile
        // does: its last pair's cdr is the pair N before it.
        let entry = v.cycle_entry();
        let (mut printed, mut entry_index) = (0usize, None);
        while let Value::Pair(p) = rest {
            if self.out.len() > self.max {
                return;
            }
            if entry.is_some_and(|e| crate::value::equality::eq(e, rest)) {
                if let Some(i) = entry_index {
                    self.out.push_str(&format!(" . #-{}#)", printed - 1 - i));
                    return;
                }
                entry_index = Some(printed);
            }
            printed += 1;
            if !first {
                // A tail that is a list open further out: a reference.
                if let Some(count) = self.open_at(p.addr()) {
                    self.out.push_str(" . ");
                    self.reference(count);
                    self.out.push(')');
                    return;
                }
                self.count += 1;
                self.out.push(' ');
            }
            first = false;
            self.value(p.car(), depth + 1);
            rest = p.cdr();
        }
        if !rest.is_null() {
            self.out.push_str(" . ");
            self.value(rest, depth + 1);
        }
        self.out.push(')');
    }
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
