//! Conditions: what `error`, `throw` and failing primitives raise. A
//! condition carries Guile's `(key . args)` so `catch` handlers see what
//! they see under Guile, plus the R7RS message/irritants view.

use super::{expect_list, expect_symbol};
use crate::prims;
use crate::value::print::{to_display, to_write};
use crate::value::{Condition, Gc, Symbol, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

/// The message as Guile shows it: the format string of Guile's
/// `(who format args rest)` throw arguments applied to its arguments (for
/// `error`, "~A ~S": its message is text, not a format string). A throw
/// without that shape shows its key and arguments.
pub fn condition_message(c: &Condition) -> String {
    match c.args.list_to_vec().as_deref() {
        Some([_, Value::Str(format), args, _]) if args.list_to_vec().is_some() => {
            format_message(&format.to_string(), *args)
        }
        _ if c.message.is_empty() => format!("Throw to key `{}' with args {}", c.key, to_write(c.args)),
        _ => format_message(&c.message, c.irritants),
    }
}

pub fn format_message(message: &str, irritants: Value) -> String {
    let irritants: Vec<Value> = irritants.iter().collect();
    if !message.contains('~') {
        let mut out = message.to_string();
        for i in irritants {
            out.push(' ');
            out.push_str(&to_write(i));
        }
        return out;
    }
    let mut out = String::new();
    let mut args = irritants.into_iter();
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '~' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('a' | 'A') => out.push_str(&args.next().map(to_display).unwrap_or_default()),
            Some('s' | 'S') => out.push_str(&args.next().map(to_write).unwrap_or_default()),
            Some('%') => out.push('\n'),
            Some('~') => out.push('~'),
            Some(other) => {
                out.push('~');
                out.push(other);
            }
            None => out.push('~'),
        }
    }
    out
}

fn condition(who: &str, v: Value) -> PResult<Gc<Condition>> {
    match v {
        Value::Condition(c) => Ok(c),
        _ => Err(Throw::wrong_type(who, 1, "condition", v)),
    }
}

/// `(%diagnostic-text condition)`: what guix0 prints for it uncaught.
fn diagnostic_text(vm: &mut Vm, args: &[Value]) -> PResult<Value> {
    let text = crate::cli::describe_uncaught(vm, args[0]);
    Ok(vm.make_string(&text))
}

/// `(%expansion-site)`: the form a running macro transformer is expanding,
/// as `(file start end)`, or `#f` outside a transformer.
fn expansion_site(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(match vm.expansion_site {
        Some(span) => {
            let parts = [span.file, span.start, span.end].map(|n| Value::Int(n as i64));
            vm.list(&parts)
        }
        None => Value::FALSE,
    })
}

/// The span `(%expansion-site)` returned.
pub fn span_of_site(site: Value) -> Option<crate::diag::Span> {
    match site.list_to_vec()?.as_slice() {
        [Value::Int(file), Value::Int(start), Value::Int(end)] => Some(crate::diag::Span {
            file: u32::try_from(*file).ok()?,
            start: u32::try_from(*start).ok()?,
            end: u32::try_from(*end).ok()?,
        }),
        _ => None,
    }
}

/// `(%make-condition key args)`: a condition from a Guile throw.
fn make_condition(vm: &mut Vm, args: &[Value]) -> PResult<Value> {
    let key = expect_symbol("throw", 1, args[0])?;
    let throw_args = args[1];
    // Guile's error convention: (subr message format-args rest).
    let items = throw_args.list_to_vec().unwrap_or_default();
    let (who, message, irritants) = match items.as_slice() {
        [who, Value::Str(m), irritants, _] if irritants.list_to_vec().is_some() => {
            let who = match who {
                Value::Str(s) => Some(s.to_string()),
                Value::Symbol(s) => Some(s.to_string()),
                _ => None,
            };
            (who, m.to_string(), *irritants)
        }
        _ => (None, String::new(), throw_args),
    };
    let c = Condition {
        key,
        args: throw_args,
        who,
        message,
        irritants,
        payload: Value::FALSE,
        help: None,
        context: Default::default(),
    };
    Ok(Value::Condition(vm.heap.alloc(c)))
}

/// `(%make-error who message irritants)`: what `error` raises.
fn make_error(vm: &mut Vm, args: &[Value]) -> PResult<Value> {
    let message = match args[1] {
        Value::Str(s) => s.to_string(),
        other => to_display(other),
    };
    let irritants = expect_list("error", 3, args[2])?;
    // Guile's shape: (#f "~A ~S ~S" (message irritant ...) #f).
    let fmt = vm.make_string(&format!("~A{}", " ~S".repeat(irritants.len())));
    let irritant_list = vm.list(&irritants);
    let msg_value = vm.make_string(&message);
    let format_args = vm.cons(msg_value, irritant_list);
    let who = args[0];
    let throw_args = vm.list(&[who, fmt, format_args, Value::FALSE]);
    let c = Condition {
        key: Symbol::intern("misc-error"),
        args: throw_args,
        who: match who {
            Value::Str(s) => Some(s.to_string()),
            Value::Symbol(s) => Some(s.to_string()),
            _ => None,
        },
        message,
        irritants: irritant_list,
        payload: Value::FALSE,
        help: None,
        context: Default::default(),
    };
    Ok(Value::Condition(vm.heap.alloc(c)))
}

fn is_condition(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(args[0], Value::Condition(_))))
}

fn condition_key(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    Ok(Value::Symbol(condition("exception-kind", args[0])?.key))
}

fn condition_args(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    Ok(condition("exception-args", args[0])?.args)
}

fn condition_message_prim(vm: &mut Vm, args: &[Value]) -> PResult<Value> {
    let c = condition("error-object-message", args[0])?;
    let text = if c.key.name() == "misc-error" { c.message.clone() } else { condition_message(&c) };
    Ok(vm.make_string(&text))
}

fn condition_irritants(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    let c = condition("error-object-irritants", args[0])?;
    Ok(if c.key.name() == "misc-error" { c.irritants } else { Value::Null })
}

fn condition_who(vm: &mut Vm, args: &[Value]) -> PResult<Value> {
    let c = condition("%condition-who", args[0])?;
    Ok(match &c.who {
        Some(w) => vm.make_string(w),
        None => Value::FALSE,
    })
}

fn condition_payload(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    Ok(condition("%condition-payload", args[0])?.payload)
}

/// `(%condition-with-payload key args payload)`: a condition that carries a
/// Scheme object (SRFI-35 conditions, R7RS `raise` of records).
fn condition_with_payload(vm: &mut Vm, args: &[Value]) -> PResult<Value> {
    let c = make_condition(vm, &args[..2])?;
    if let Value::Condition(cond) = c {
        let payload = args[2];
        let rebuilt = Condition {
            key: cond.key,
            args: cond.args,
            who: cond.who.clone(),
            message: cond.message.clone(),
            irritants: cond.irritants,
            payload,
            help: None,
            context: Default::default(),
        };
        return Ok(Value::Condition(vm.heap.alloc(rebuilt)));
    }
    Ok(c)
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("%make-condition", 2, Some(2), make_condition),
    ("%diagnostic-text", 1, Some(1), diagnostic_text),
    ("%expansion-site", 0, Some(0), expansion_site),
    ("%make-error", 3, Some(3), make_error),
    ("%condition-with-payload", 3, Some(3), condition_with_payload),
    ("condition?", 1, Some(1), is_condition),
    ("exception-kind", 1, Some(1), condition_key),
    ("exception-args", 1, Some(1), condition_args),
    ("%condition-message", 1, Some(1), condition_message_prim),
    ("%condition-irritants", 1, Some(1), condition_irritants),
    ("%condition-who", 1, Some(1), condition_who),
    ("%condition-payload", 1, Some(1), condition_payload),
];
