//! Evaluating REPL input in the current module: each top-level form is
//! compiled and run in turn, its values printed as Guile prints them
//! (`$1 = 42`, one line per value, nothing for an unspecified value) and
//! bound to `$1`, `$2`, ... for later input. An error prints its
//! diagnostic and stops the rest of the input.

use super::Session;
use crate::runtime::ports::{flush_stdout, write_stderr, write_stdout};
use crate::value::print::to_write_bounded;
use crate::value::{Symbol, Value};
use crate::vm::{RunError, Vm};

/// Results longer than this are cut short (so that printing a cyclic or
/// enormous value cannot hang the REPL, which Ctrl-C could not stop).
const RESULT_WIDTH: usize = 1 << 20;

/// How an evaluation ended when it did not produce values.
pub enum Failed {
    /// An error, already reported.
    Error,
    /// `(exit N)` was called.
    Exit(i32),
}

/// Evaluate `text` form by form, calling `each` with every form's result.
/// `run` applies each compiled form (a thunk); `,trace` wraps it. A
/// top-level `begin` runs its forms one after the other (so that a macro it
/// defines can be used by the next) and its result is its last form's.
pub fn eval_forms(
    vm: &mut Vm,
    name: &str,
    text: &str,
    run: &mut dyn FnMut(&mut Vm, Value) -> Result<Value, RunError>,
    each: &mut dyn FnMut(&mut Vm, Value),
) -> Result<(), Failed> {
    let id = crate::diag::add_source(name, std::rc::Rc::from(text));
    let forms = crate::reader::read_all(id, text).map_err(|e| {
        flush_stdout();
        write_stderr(&crate::diag::render_read_error(&e));
        Failed::Error
    })?;
    for form in forms {
        let mut pending = std::collections::VecDeque::from([form]);
        let mut result = Value::Unspecified;
        while let Some(form) = pending.pop_front() {
            if let Some(parts) = vm.toplevel_begin_parts(&form) {
                for part in parts.into_iter().rev() {
                    pending.push_front(part);
                }
                continue;
            }
            let thunk = vm.compile_form(&form).map_err(|t| {
                report_throw(vm, &t);
                Failed::Error
            })?;
            let r = run(vm, thunk);
            result = check(vm, r)?;
        }
        each(vm, result);
    }
    flush_stdout();
    Ok(())
}

/// Evaluate `text` and return the value of its last form (for commands
/// that take an expression). Errors are reported.
pub fn eval_value(vm: &mut Vm, text: &str) -> Result<Value, Failed> {
    let mut last = Value::Unspecified;
    eval_forms(vm, "<repl>", text, &mut |vm, thunk| vm.apply(thunk, &[]), &mut |_, v| last = v)?;
    Ok(last)
}

/// Evaluate `text` and print its results.
pub fn eval_print(vm: &mut Vm, session: &mut Session, text: &str) -> Result<(), Failed> {
    eval_forms(vm, "<repl>", text, &mut |vm, thunk| vm.apply(thunk, &[]), &mut |vm, v| print_results(vm, session, v))
}

/// Report an error; pass values through.
fn check(vm: &mut Vm, r: Result<Value, RunError>) -> Result<Value, Failed> {
    match r {
        Ok(v) => Ok(v),
        Err(RunError::Exit(code)) => Err(Failed::Exit(code)),
        Err(RunError::Uncaught(obj)) => {
            report(vm, obj);
            Err(Failed::Error)
        }
    }
}

/// Print the diagnostic of an error no handler took (it also becomes the
/// error `,bt` and `,locals` show).
pub fn report(vm: &mut Vm, obj: Value) {
    flush_stdout();
    write_stderr(&crate::cli::describe_uncaught(vm, obj));
    crate::cli::leave_dynamic_extent(vm);
}

/// Report an error raised in Rust (by the module system, the expander...).
pub fn report_throw(vm: &mut Vm, t: &crate::vm::error::Throw) {
    let obj = match t.raised {
        Some(v) => v,
        None => vm.condition_value(t, None),
    };
    report(vm, obj);
}

/// Print each value as `$n = value` and bind `$n` in the current module.
pub fn print_results(vm: &mut Vm, session: &mut Session, v: Value) {
    let values: Vec<Value> = match v {
        Value::Values(mv) => mv.items.to_vec(),
        Value::Unspecified => vec![],
        other => vec![other],
    };
    for value in values {
        session.counter += 1;
        let name = format!("${}", session.counter);
        let module = vm.current_module.clone();
        module.define_variable(&mut vm.heap, Symbol::intern(&name)).assign(value);
        let text = format!("{} = {}\n", session.style.label(&name), show_value(value));
        write_stdout(text.as_bytes());
    }
    flush_stdout();
}

/// A value as the REPL shows it: `write`'s text, except that a package
/// record is `#<package name@version>` (its fields are pages long).
pub fn show_value(v: Value) -> String {
    if let Value::Record(r) = v {
        if r.rtype.name.get().name() == "<package>" {
            let field = |name: &str| {
                r.rtype.fields.iter().position(|f| f.name() == name).and_then(|i| r.fields.get(i)).map(|c| c.get())
            };
            if let (Some(Value::Str(n)), Some(Value::Str(ver))) = (field("name"), field("version")) {
                return format!("#<package {}@{}>", n.borrow(), ver.borrow());
            }
        }
    }
    to_write_bounded(v, RESULT_WIDTH)
}
