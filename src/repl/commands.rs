//! Meta-commands: a line starting with a comma. The table below is what
//! `,help` prints and what Tab completes after a comma; the general
//! commands (`,load`, `,use`, `,module`, `,time`, `,pp`, ...) live here,
//! the others in `inspect.rs`, `debug.rs` and `packages.rs`.

use std::time::{Duration, Instant};

use super::eval::{self, Failed};
use super::{debug, inspect, packages, Session};
use crate::runtime::ports::{flush_stdout, write_stderr, write_stdout};
use crate::value::{Symbol, Value};
use crate::vm::Vm;

type Run = fn(&mut Vm, &mut Session, &str) -> Result<(), Failed>;

struct Command {
    /// The full name first, then abbreviations.
    names: &'static [&'static str],
    args: &'static str,
    help: &'static str,
    run: Run,
}

const COMMANDS: &[Command] = &[
    Command { names: &["help", "h"], args: "", help: "list these commands", run: help },
    Command { names: &["quit", "q"], args: "", help: "leave the REPL (Ctrl-D does too)", run: quit },
    Command {
        names: &["load", "l"],
        args: "FILE",
        help: "load a Scheme file; the packages it defines are then available by name",
        run: load,
    },
    Command {
        names: &["use", "u"],
        args: "MODULE",
        help: "import a module: ,use (srfi srfi-1) or ,use srfi srfi-1",
        run: use_module,
    },
    Command {
        names: &["module", "m"],
        args: "[NAME]",
        help: "switch to module NAME, creating it if needed; show the current module",
        run: module,
    },
    Command {
        names: &["describe", "d"],
        args: "EXPR",
        help: "what a value or a name is: docstring, parameters, where it is defined",
        run: inspect::describe,
    },
    Command { names: &["apropos", "a"], args: "REGEX", help: "bound names matching REGEX", run: inspect::apropos },
    Command {
        names: &["expand", "exp"],
        args: "EXPR",
        help: "expand the macro use at the head of EXPR until it is no macro use",
        run: inspect::expand,
    },
    Command { names: &["time", "t"], args: "EXPR", help: "evaluate EXPR and show the time it took", run: time },
    Command { names: &["pp"], args: "EXPR", help: "evaluate EXPR and pretty-print its value", run: pp },
    Command {
        names: &["trace", "tr"],
        args: "EXPR",
        help: "evaluate EXPR, printing each procedure call and return",
        run: debug::trace,
    },
    Command { names: &["bt", "backtrace"], args: "", help: "the backtrace of the last error", run: debug::backtrace },
    Command {
        names: &["locals"],
        args: "",
        help: "the procedure and arguments of the last error's innermost frame",
        run: debug::locals,
    },
    Command {
        names: &["show"],
        args: "PKG",
        help: "a package: version, source and hash status, inputs, store name, built or not",
        run: packages::show,
    },
    Command {
        names: &["build"],
        args: "PKG",
        help: "build a package and its inputs into ./store0",
        run: packages::build,
    },
    Command {
        names: &["hash"],
        args: "FILE...",
        help: "hash files as `guix hash` does (also -r, -S nar, -f FORMAT, -H ALGO)",
        run: packages::hash,
    },
    Command {
        names: &["graph"],
        args: "PKG",
        help: "the dependency graph of a package, in Graphviz dot",
        run: packages::graph,
    },
];

/// Every command name and abbreviation (for completion).
pub fn names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = COMMANDS.iter().flat_map(|c| c.names.iter().copied()).collect();
    names.sort_unstable();
    names
}

/// Whether the argument of command `name` is Scheme code (which may go on
/// over several lines until its brackets balance).
pub fn takes_code(name: &str) -> bool {
    COMMANDS.iter().any(|c| c.names.contains(&name) && matches!(c.args, "EXPR" | "PKG" | "MODULE"))
}

/// Run the meta-command `line` (the text after the comma).
pub fn run(vm: &mut Vm, session: &mut Session, line: &str) -> Result<(), Failed> {
    let line = line.trim();
    let (name, arg) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    if name.is_empty() {
        return help(vm, session, "");
    }
    match COMMANDS.iter().find(|c| c.names.contains(&name)) {
        Some(c) => {
            let arg = arg.trim();
            if !c.args.is_empty() && !c.args.starts_with('[') && arg.is_empty() {
                return usage_error(session, &format!("usage: ,{} {}", c.names[0], c.args));
            }
            (c.run)(vm, session, arg)
        }
        None => usage_error(session, &format!("unknown meta-command ,{name} (,help lists them)")),
    }
}

/// Report a mistake in a meta-command line (not a Scheme error).
pub fn usage_error(session: &Session, message: &str) -> Result<(), Failed> {
    flush_stdout();
    write_stderr(&format!("{}\n", session.style.error(message)));
    Err(Failed::Error)
}

/// Print a note line (timings, loaded packages...).
pub fn note(session: &Session, text: &str) {
    write_stdout(format!("{}\n", session.style.note(text)).as_bytes());
    flush_stdout();
}

fn help(_: &mut Vm, _: &mut Session, _: &str) -> Result<(), Failed> {
    let mut out = String::from(
        "Meta-commands (a line starting with a comma; abbreviations in brackets).\n\
         EXPR is Scheme code; PKG is an expression giving a package or a list of packages.\n\n",
    );
    for c in COMMANDS {
        let usage = format!(",{} {}", c.names[0], c.args);
        let short: Vec<String> = c.names[1..].iter().map(|n| format!(",{n}")).collect();
        let short = if short.is_empty() { String::new() } else { format!(" [{}]", short.join(" ")) };
        out.push_str(&format!("  {:<28}{}{}\n", usage.trim_end(), c.help, short));
    }
    out.push_str(
        "\nResults are bound to $1, $2, ... Tab completes names, module names, file names in strings\n\
         and commands. Ctrl-C cancels the input or interrupts an evaluation; Ctrl-D quits.\n",
    );
    write_stdout(out.as_bytes());
    Ok(())
}

fn quit(_: &mut Vm, session: &mut Session, _: &str) -> Result<(), Failed> {
    session.quit = true;
    Ok(())
}

/// A file name argument: as typed, or a string literal.
pub fn file_arg(arg: &str) -> String {
    let arg = arg.trim();
    let unquoted = arg.strip_prefix('"').and_then(|a| a.strip_suffix('"')).unwrap_or(arg);
    match (unquoted.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest).to_string_lossy().into_owned(),
        _ => unquoted.to_string(),
    }
}

fn load(vm: &mut Vm, session: &mut Session, arg: &str) -> Result<(), Failed> {
    let file = file_arg(arg);
    let module = vm.current_module.clone();
    let before = module.defined.borrow().len();
    let load = vm.root_value("primitive-load");
    let path = vm.make_string(&file);
    let result = vm.apply(load, &[path]);
    flush_stdout();
    match result {
        Ok(_) => {}
        Err(crate::vm::RunError::Exit(code)) => return Err(Failed::Exit(code)),
        Err(crate::vm::RunError::Uncaught(obj)) => {
            eval::report(vm, obj);
            return Err(Failed::Error);
        }
    }
    let new: Vec<Symbol> = module.defined.borrow()[before..].to_vec();
    let packages: Vec<&str> = new
        .iter()
        .filter(|name| match module.table.borrow().get(name) {
            Some(crate::module::Binding::Var(v)) => eval::show_value(v.value.get()).starts_with("#<package "),
            _ => false,
        })
        .map(|name| name.name())
        .collect();
    if !packages.is_empty() {
        note(session, &format!(";;; packages: {}", packages.join(" ")));
    }
    Ok(())
}

/// A module name written `(srfi srfi-1)` or `srfi srfi-1`.
fn module_name(arg: &str) -> Vec<Symbol> {
    let arg = arg.trim();
    let inner = arg.strip_prefix('(').and_then(|a| a.strip_suffix(')')).unwrap_or(arg);
    inner.split_whitespace().map(Symbol::intern).collect()
}

fn use_module(vm: &mut Vm, session: &mut Session, arg: &str) -> Result<(), Failed> {
    // A full spec such as ((guix licenses) #:prefix license:) is read as
    // Scheme data; plain words make a module name.
    let spec = if arg.starts_with("((") || arg.contains("#:") {
        eval::eval_value(vm, &format!("'{arg}"))?
    } else {
        let name: Vec<Value> = module_name(arg).into_iter().map(Value::Symbol).collect();
        vm.list(&name)
    };
    if spec.is_null() {
        return usage_error(session, "usage: ,use MODULE");
    }
    // The spec is only held here while the module loads (and may collect).
    vm.pinned.push(spec);
    let result = vm.use_module_spec(spec);
    vm.pinned.pop();
    result.map_err(|t| {
        eval::report_throw(vm, &t);
        Failed::Error
    })
}

fn module(vm: &mut Vm, session: &mut Session, arg: &str) -> Result<(), Failed> {
    if arg.is_empty() {
        note(session, &vm.current_module.display_name());
        return Ok(());
    }
    let name = module_name(arg);
    if name.is_empty() {
        return usage_error(session, "usage: ,module NAME");
    }
    let module = match vm.resolve_module_name(&name, true) {
        Ok(m) => m,
        Err(t) if t.message.starts_with("no code for module") => {
            let m = std::rc::Rc::new(crate::module::Module::new(name.clone(), false));
            vm.modules.by_name.insert(name, m.clone());
            m
        }
        Err(t) => {
            eval::report_throw(vm, &t);
            return Err(Failed::Error);
        }
    };
    vm.current_module = module;
    Ok(())
}

/// Processor time used by guix0 and its finished children (user, system).
fn cpu_times() -> (Duration, Duration) {
    let mut user = Duration::ZERO;
    let mut system = Duration::ZERO;
    for who in [libc::RUSAGE_SELF, libc::RUSAGE_CHILDREN] {
        // SAFETY: getrusage writes into the zeroed struct it is given.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(who, &mut usage) } == 0 {
            let time = |t: libc::timeval| {
                Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
            };
            user += time(usage.ru_utime);
            system += time(usage.ru_stime);
        }
    }
    (user, system)
}

fn time(vm: &mut Vm, session: &mut Session, arg: &str) -> Result<(), Failed> {
    let (start, (user0, system0)) = (Instant::now(), cpu_times());
    let result = eval::eval_print(vm, session, arg);
    let real = start.elapsed();
    let (user, system) = cpu_times();
    note(
        session,
        &format!(
            ";; {:.6}s real time, {:.6}s user, {:.6}s system",
            real.as_secs_f64(),
            user.saturating_sub(user0).as_secs_f64(),
            system.saturating_sub(system0).as_secs_f64()
        ),
    );
    result
}

/// A procedure a module exports (loading the module if needed).
pub fn exported(vm: &mut Vm, module: &[&str], name: &str, internal: bool) -> Result<Value, Failed> {
    let module_name: Vec<Symbol> = module.iter().map(|s| Symbol::intern(s)).collect();
    let m = vm.resolve_module_name(&module_name, true).map_err(|t| {
        eval::report_throw(vm, &t);
        Failed::Error
    })?;
    let sym = Symbol::intern(name);
    let binding = if internal { m.lookup_local(sym) } else { m.public_binding(sym) };
    match binding {
        Some(crate::module::Binding::Var(v)) if v.value.get().is_procedure() => Ok(v.value.get()),
        _ => {
            let t = crate::vm::error::Throw::misc(
                "repl",
                format!("{} has no procedure `{name}`", crate::module::module_name_string(&module_name)),
                vec![],
            );
            eval::report_throw(vm, &t);
            Err(Failed::Error)
        }
    }
}

/// Apply `f` to `args`, reporting an error.
pub fn call(vm: &mut Vm, f: Value, args: &[Value]) -> Result<Value, Failed> {
    let result = vm.apply(f, args);
    flush_stdout();
    match result {
        Ok(v) => Ok(v),
        Err(crate::vm::RunError::Exit(code)) => Err(Failed::Exit(code)),
        Err(crate::vm::RunError::Uncaught(obj)) => {
            eval::report(vm, obj);
            Err(Failed::Error)
        }
    }
}

fn pp(vm: &mut Vm, _: &mut Session, arg: &str) -> Result<(), Failed> {
    let pretty = exported(vm, &["ice-9", "pretty-print"], "pretty-print", false)?;
    let v = eval::eval_value(vm, arg)?;
    let values = match v {
        Value::Values(mv) => mv.items.to_vec(),
        Value::Unspecified => vec![],
        other => vec![other],
    };
    // Each value is an argument on the VM stack while it prints, so the
    // rest stay reachable from `v`'s (pinned) container.
    vm.pinned.push(v);
    let mut result = Ok(());
    for value in values {
        if let Err(e) = call(vm, pretty, &[value]) {
            result = Err(e);
            break;
        }
    }
    vm.pinned.pop();
    result
}
