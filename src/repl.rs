//! The interactive REPL: read complete forms (waiting for balanced
//! brackets), evaluate them in the current module, print results as Guile
//! does (`$1 = ...`), and keep going after errors.

use std::sync::atomic::Ordering;

use rustyline::error::ReadlineError;
use rustyline::DefaultEditor;

use crate::runtime::ports::{flush_stdout, write_stderr};
use crate::value::print::to_write;
use crate::value::Value;
use crate::vm::{RunError, Vm, INTERRUPTED};

extern "C" fn on_sigint(_: libc::c_int) {
    INTERRUPTED.store(true, Ordering::Relaxed);
}

/// In the REPL, Ctrl-C interrupts the running evaluation instead of
/// killing guix0.
fn catch_sigint() {
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, on_sigint as *const () as libc::sighandler_t);
    }
}

fn history_path() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".local/share")))?;
    Some(base.join("guix0").join("history"))
}

pub fn run(vm: &mut Vm) -> i32 {
    let Ok(mut editor) = DefaultEditor::new() else {
        write_stderr("guix0: cannot start the line editor\n");
        return 1;
    };
    let history = history_path();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    println!("guix0 {} — a Scheme for bootstrapping Guix. Ctrl-D quits.", crate::VERSION);
    let mut counter = 0usize;
    let mut buffer = String::new();
    loop {
        let prompt =
            if buffer.is_empty() { format!("{}> ", vm.current_module.display_name()) } else { "... ".to_string() };
        match editor.readline(&prompt) {
            Ok(line) => {
                buffer.push_str(&line);
                buffer.push('\n');
                if !crate::reader::is_complete(&buffer) {
                    continue;
                }
                let text = std::mem::take(&mut buffer);
                if text.trim().is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(text.trim_end());
                if matches!(text.trim(), ",q" | ",quit") {
                    break;
                }
                catch_sigint();
                INTERRUPTED.store(false, Ordering::Relaxed);
                let f = vm.root_value("%repl-eval");
                let n = vm.make_string("<repl>");
                let t = vm.make_string(&text);
                match vm.apply(f, &[n, t]) {
                    Ok(v) => print_results(vm, v, &mut counter),
                    Err(RunError::Exit(code)) => return code,
                    Err(RunError::Uncaught(obj)) => {
                        flush_stdout();
                        write_stderr(&crate::cli::describe_uncaught(vm, obj));
                    }
                }
                flush_stdout();
            }
            Err(ReadlineError::Interrupted) => buffer.clear(),
            Err(_) => break,
        }
    }
    if let Some(h) = &history {
        if let Some(dir) = h.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = editor.save_history(h);
    }
    0
}

fn print_results(vm: &mut Vm, v: Value, counter: &mut usize) {
    let values: Vec<Value> = match v {
        Value::Values(mv) => mv.items.to_vec(),
        Value::Unspecified => vec![],
        other => vec![other],
    };
    for value in values {
        *counter += 1;
        let name = format!("${counter}");
        let module = vm.current_module.clone();
        module.define_variable(&mut vm.heap, crate::value::Symbol::intern(&name)).value.set(value);
        println!("{name} = {}", to_write(value));
    }
}
