//! The interactive REPL (`guix0` on a terminal, `guix0 -i FILE`).
//!
//! Input is edited with rustyline: history kept across sessions, Enter on
//! unbalanced input continues on a new line, Tab completes names, module
//! names, file names and meta-commands. Each input is evaluated in the
//! current module and its values printed as Guile does (`$1 = 42`). Lines
//! starting with a comma are meta-commands (`,help` lists them). Ctrl-C
//! cancels the input being typed or interrupts a running evaluation; Ctrl-D
//! quits. The Guix-0 prelude (`package`, `origin`, build systems, the store)
//! is imported into `(guile-user)` when the REPL starts.
//!
//! The parts: `eval.rs` (evaluating and printing), `commands.rs` (the
//! meta-command table), `inspect.rs` (`,describe`, `,apropos`, `,expand`),
//! `debug.rs` (`,trace`, `,bt`, `,locals`), `packages.rs` (`,show`,
//! `,build`, `,hash`, `,graph`), `helper.rs` and `completion.rs` (the line
//! editor), `style.rs` (colour).

mod commands;
pub mod completion;
mod debug;
mod eval;
mod helper;
mod inspect;
mod packages;
mod style;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use rustyline::config::{CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::Editor;

use crate::runtime::ports::{flush_stdout, write_stderr, write_stdout};
use crate::value::{Symbol, Value};
use crate::vm::{Vm, ATTENTION, INTERRUPTED};
use eval::Failed;
use helper::ReplHelper;
use nix::sys::signal::{sigaction, SaFlags, SigAction, SigHandler, SigSet, Signal};
use style::Style;

/// The state of one REPL session.
pub struct Session {
    /// The last `$n` given to a value.
    counter: usize,
    style: Style,
    /// Set by `,quit`.
    quit: bool,
    /// Whether `,build` holds the store lock (taken once per session).
    store_locked: bool,
}

/// The prelude modules imported into the REPL's module, with the prefix
/// their names get (as `guix0 guix0.scm` loads definitions files).
const PRELUDE: &[(&[&str], &str)] = &[
    (&["guix", "packages"], ""),
    (&["guix", "download"], ""),
    (&["guix", "gexp"], ""),
    (&["guix", "base32"], ""),
    (&["guix", "build-system"], ""),
    (&["guix", "build-system", "trivial"], ""),
    (&["guix", "build-system", "gnu"], ""),
    (&["guix", "build", "utils"], ""),
    (&["guix0", "host"], ""),
    (&["guix0", "store"], ""),
    (&["guix", "licenses"], "license:"),
];

extern "C" fn on_sigint(_: libc::c_int) {
    INTERRUPTED.store(true, Ordering::Relaxed);
    ATTENTION.store(true, Ordering::Relaxed);
}

/// Get ready for interactive use, before any file given with `-i` is
/// loaded: Ctrl-C interrupts evaluation instead of killing guix0, errors
/// record their frame for `,locals`, and the Guix-0 prelude is imported
/// into the current module (names already bound there are kept).
pub fn prepare(vm: &mut Vm) {
    // Without SA_RESTART, so that Ctrl-C also ends a wait for input.
    let action = SigAction::new(SigHandler::Handler(on_sigint), SaFlags::empty(), SigSet::empty());
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    if let Err(e) = unsafe { sigaction(Signal::SIGINT, &action) } {
        write_stderr(&format!("guix0: Ctrl-C will not interrupt evaluation: {e}\n"));
    }
    vm.record_locals = true;
    for (name, prefix) in PRELUDE {
        if let Err(t) = import_quietly(vm, name, prefix) {
            write_stderr(&format!("guix0: ({}) is not available at the prompt: {}\n", name.join(" "), t.message));
        }
    }
}

/// Import the public names of a module that are not bound yet.
fn import_quietly(vm: &mut Vm, name: &[&str], prefix: &str) -> Result<(), Box<crate::vm::error::Throw>> {
    let name: Vec<Symbol> = name.iter().map(|s| Symbol::intern(s)).collect();
    let module = vm.resolve_module_name(&name, true)?;
    let target = vm.current_module.clone();
    let mut select = Vec::new();
    for public in module.public_names() {
        let local = Symbol::intern(&format!("{prefix}{public}"));
        if target.lookup_local(local).is_none() {
            select.push(vm.cons(crate::value::Value::Symbol(public), crate::value::Value::Symbol(local)));
        }
    }
    if select.is_empty() {
        return Ok(());
    }
    let module_name: Vec<crate::value::Value> = name.iter().map(|s| crate::value::Value::Symbol(*s)).collect();
    let module_name = vm.list(&module_name);
    let selected = vm.list(&select);
    let spec = vm.list(&[module_name, crate::value::Value::Keyword(Symbol::intern("select")), selected]);
    vm.use_module_spec(spec)
}

/// Where the history is kept: `$XDG_DATA_HOME/guix0/history`, else
/// `~/.local/share/guix0/history`.
fn history_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(base.join("guix0").join("history"))
}

/// The next input when standard input is not a terminal: lines up to a
/// complete datum, read from the port Scheme's `read-line` reads, so that
/// a program reading its input gets the lines that follow its own.
fn read_piped_input(vm: &mut Vm) -> Result<String, ReadlineError> {
    let Value::Port(port) = vm.current_input else { return Err(ReadlineError::Eof) };
    let mut text = String::new();
    loop {
        let line = port.input.borrow_mut().as_mut().and_then(|i| i.read_line(true));
        match line {
            Some((line, _)) => {
                text.push_str(&line);
                text.push('\n');
                if crate::reader::is_complete(&text) {
                    return Ok(text);
                }
            }
            None if text.trim().is_empty() => return Err(ReadlineError::Eof),
            None => return Ok(text),
        }
    }
}

/// Run the REPL until `,quit`, Ctrl-D or `(exit)`; returns the exit status.
pub fn run(vm: &mut Vm) -> i32 {
    // Completion, `,apropos` and `,describe` list the root module's names:
    // all of them, at an interactive pace.
    vm.run_all_root_files();
    let style = Style::detect();
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .max_history_size(10_000)
        .and_then(|b| b.history_ignore_dups(true))
        .map(|b| b.build())
        .unwrap_or_default();
    let Ok(mut editor) = Editor::<ReplHelper, FileHistory>::with_config(config) else {
        write_stderr("guix0: cannot start the line editor\n");
        return 1;
    };
    editor.set_helper(Some(ReplHelper::new(style, commands::names())));
    let history = history_path();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
        if let Some(dir) = h.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
    }
    let banner = format!(
        "guix0 {} — a Scheme for bootstrapping Guix. Type ,help for commands, Ctrl-D to quit.\n",
        crate::VERSION
    );
    write_stdout(banner.as_bytes());
    let mut session = Session { counter: 0, style, quit: false, store_locked: false };
    let terminal = std::io::stdin().is_terminal();
    loop {
        if let Some(helper) = editor.helper_mut() {
            helper.refresh(vm);
        }
        let prompt = format!("guix0@{}> ", vm.current_module.display_name());
        // A Ctrl-C that came after the last evaluation ended is stale; one
        // from now on (the terminal leaves raw mode on Enter) is for the
        // evaluation of this input.
        INTERRUPTED.store(false, Ordering::Relaxed);
        let input = if terminal { editor.readline(&prompt) } else { read_piped_input(vm) };
        match input {
            Ok(text) => {
                if text.trim().is_empty() {
                    continue;
                }
                // Quitting is not worth recalling.
                if !matches!(text.trim(), ",q" | ",quit") {
                    let _ = editor.add_history_entry(text.trim_end());
                    if let Some(h) = &history {
                        // Saved at once, so a session that is killed keeps it.
                        let _ = editor.append_history(h);
                    }
                }
                let outcome = match text.trim_start().strip_prefix(',') {
                    Some(command) => commands::run(vm, &mut session, command),
                    None => eval::eval_print(vm, &mut session, &text),
                };
                flush_stdout();
                if let Err(Failed::Exit(code)) = outcome {
                    return code;
                }
                if session.quit {
                    return 0;
                }
            }
            // Ctrl-C throws the input away; a signal (a resized window) is
            // no reason to stop.
            Err(ReadlineError::Interrupted | ReadlineError::Signal(_)) => continue,
            Err(ReadlineError::Eof) => return 0,
            Err(e) => {
                write_stderr(&format!("guix0: cannot read input: {e}\n"));
                return 1;
            }
        }
    }
}
