//! Debugging commands: `,trace EXPR` (every closure call and return while
//! EXPR runs, through `Vm::trace_hook`), `,bt` (the last error's
//! backtrace, with source lines) and `,locals` (the procedure and
//! arguments of the last error's innermost frame of user code, which the
//! VM records while the REPL runs; let-bound locals are not recorded).

use super::commands::note;
use super::eval::{self, Failed};
use super::Session;
use crate::diag::{source_text, Span};
use crate::runtime::ports::write_stdout;
use crate::value::print::to_write_bounded;
use crate::value::Value;
use crate::vm::{TraceEvent, TraceHook, Vm};

/// Deeper calls are drawn at this indentation, with their depth.
const MAX_INDENT: usize = 16;

fn trace_prefix(level: usize) -> String {
    if level > MAX_INDENT {
        format!("trace: {}[{level}] ", "|  ".repeat(MAX_INDENT))
    } else {
        format!("trace: {}", "|  ".repeat(level))
    }
}

/// A hook printing calls and returns deeper than `base` frames.
fn trace_hook(base: usize) -> TraceHook {
    Box::new(move |event| {
        let line = match event {
            TraceEvent::Call { depth, procedure, args } if depth >= base => {
                let name = match procedure {
                    Value::Closure(c) => match c.known_name() {
                        Some(n) => n.to_string(),
                        None if c.code().span.is_none() => "#<procedure>".to_string(),
                        None => format!("#<procedure at {}>", c.code().span.location()),
                    },
                    other => to_write_bounded(other, 60),
                };
                let args: String = args.iter().map(|a| format!(" {}", to_write_bounded(*a, 60))).collect();
                format!("{}({name}{args})\n", trace_prefix(depth - base))
            }
            TraceEvent::Return { depth, value } if depth >= base => {
                format!("{}=> {}\n", trace_prefix(depth - base), to_write_bounded(value, 100))
            }
            _ => return,
        };
        write_stdout(line.as_bytes());
    })
}

/// `,trace EXPR`.
pub fn trace(vm: &mut Vm, session: &mut Session, arg: &str) -> Result<(), Failed> {
    let base = vm.stack_depth();
    let mut run = |vm: &mut Vm, thunk: Value| {
        vm.trace_hook = Some(trace_hook(base));
        let result = vm.apply(thunk, &[]);
        vm.trace_hook = None;
        result
    };
    eval::eval_forms(vm, "<repl>", arg, &mut run, &mut |vm, v| eval::print_results(vm, session, v))
}

/// The text of the source line a span starts on, trimmed.
fn source_line(span: Span) -> Option<String> {
    let text = source_text(span.file)?;
    let start = text.get(..span.start as usize)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text.get(start..)?.find('\n').map_or(text.len(), |i| start + i);
    let line = text.get(start..end)?.trim();
    Some(if line.chars().count() > 100 { line.chars().take(97).collect::<String>() + "..." } else { line.to_string() })
}

/// `,bt`.
pub fn backtrace(vm: &mut Vm, session: &mut Session, _: &str) -> Result<(), Failed> {
    let Some(ctx) = vm.last_error.clone() else {
        note(session, ";; no error yet");
        return Ok(());
    };
    let mut out = String::from("Backtrace of the last error (most recent call last):\n");
    let n = ctx.backtrace.len();
    for (i, frame) in ctx.backtrace.iter().enumerate() {
        if ctx.elided > 0 && i == n / 2 {
            out.push_str(&format!("  ... {} more frames ...\n", ctx.elided));
        }
        let loc = frame.span.map(|s| s.location()).unwrap_or_else(|| "<primitive>".into());
        out.push_str(&format!("  {loc}: in {}\n", frame.name));
        if let Some(line) = frame.span.and_then(source_line) {
            out.push_str(&format!("      {line}\n"));
        }
    }
    if let Some(span) = ctx.span {
        out.push_str(&format!("The error is at {}", span.location()));
        match source_line(span) {
            Some(line) => out.push_str(&format!(":\n      {line}\n")),
            None => out.push('\n'),
        }
    }
    write_stdout(out.as_bytes());
    Ok(())
}

/// `,locals`.
pub fn locals(vm: &mut Vm, session: &mut Session, _: &str) -> Result<(), Failed> {
    let Some(ctx) = vm.last_error.clone() else {
        note(session, ";; no error yet");
        return Ok(());
    };
    let Some(frame) = &ctx.locals else {
        note(session, ";; the last error recorded no frame of user code");
        return Ok(());
    };
    let at = frame.at.map(|s| format!(", stopped at {}", s.location())).unwrap_or_default();
    let mut out = if frame.name == "#<top-level>" {
        format!("The error happened in a top-level form{at}; it has no arguments.\n")
    } else {
        let defined = frame.defined.map(|s| format!(" (defined at {})", s.location())).unwrap_or_default();
        format!("In {}{defined}{at}:\n", frame.name)
    };
    if let Some(line) = frame.at.and_then(source_line) {
        out.push_str(&format!("      {line}\n"));
    }
    for (name, value) in &frame.args {
        out.push_str(&format!("  {name} = {value}\n"));
    }
    write_stdout(out.as_bytes());
    if frame.name != "#<top-level>" {
        note(session, ";; only the arguments are recorded; let-bound locals are not kept");
    }
    Ok(())
}
