//! The command line, compatible with Mes (`mes FILE ARG...`) and friendly
//! to Guile users. Running a program means: build a VM, then `load` the
//! program in `(guile-user)`; an uncaught error prints a diagnostic and
//! exits with status 1.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;

use crate::diag::render_error;
use crate::runtime::conditions::condition_message;
use crate::runtime::ports::{flush_stdout, write_stderr};
use crate::value::{Truth, Value};
use crate::vm::{RunError, Vm};

const USAGE: &str = "\
Usage: guix0 [OPTION]... [FILE [ARG]...]
Run the Scheme program FILE (a drop-in for `mes FILE`), or start a REPL.

  -s FILE        run FILE (the same as giving FILE)
  -c EXPR        evaluate EXPR and exit
  -e EXPR        after loading FILE, evaluate EXPR (as Mes does: `-e main`
                 is a no-op, `-e '(main (command-line))'` calls main)
  -L DIR         put DIR in front of the module load path
  -i, --interactive
                 load FILE, then start the REPL (the Guix-0 prelude is in
                 scope; an error in FILE leaves you at the prompt)
  -              read the program from standard input
  --             stop option processing
  -h, --help     show this help
  -v, --version  show the version
  --no-auto-compile, --auto-compile, --fresh-auto-compile, -C DIR
                 accepted and ignored (for Guile compatibility)

With no FILE: a REPL on a terminal, otherwise the program is read from
standard input. `guix0 guix0.scm` builds the packages of ./bootstrap0.scm.

The REPL: type Scheme (the Guix-0 prelude is imported: package, origin,
build systems), see results as $1 = ...; Tab completes; history is kept in
$XDG_DATA_HOME/guix0/history. Type ,help for its commands, among them
,describe ,apropos ,expand ,time ,trace ,bt ,locals ,load FILE, and for
packages ,show PKG ,build PKG ,graph PKG ,hash FILE. Ctrl-C interrupts an
evaluation, Ctrl-D quits.

Environment: GUIX0_LOAD_PATH (colon-separated directories searched before
the built-in library), MES_PREFIX (where to find Mes's own module tree),
MES_BOOT (set: the program is a Mes program from its first line),
NO_COLOR (no colour in diagnostics and the REPL).
";

struct Options {
    file: Option<String>,
    args: Vec<String>,
    exprs: Vec<String>,
    after: Vec<String>,
    load_path: Vec<PathBuf>,
    interactive: bool,
}

enum Parsed {
    Run(Options),
    Exit(i32),
}

fn parse(argv: &[String]) -> Parsed {
    let mut o =
        Options { file: None, args: vec![], exprs: vec![], after: vec![], load_path: vec![], interactive: false };
    let mut i = 1;
    let value = |i: &mut usize, flag: &str| -> Option<String> {
        *i += 1;
        let v = argv.get(*i).cloned();
        if v.is_none() {
            write_stderr(&format!("guix0: option {flag} needs an argument\n"));
        }
        v
    };
    while i < argv.len() {
        let arg = &argv[i];
        match arg.as_str() {
            "-h" | "--help" => {
                print!("{USAGE}");
                return Parsed::Exit(0);
            }
            "-v" | "-V" | "--version" => {
                println!("guix0 {} (a GNU Mes 0.24.2-compatible Scheme)", crate::VERSION);
                return Parsed::Exit(0);
            }
            "-c" => match value(&mut i, "-c") {
                Some(e) => o.exprs.push(e),
                None => return Parsed::Exit(2),
            },
            "-e" => match value(&mut i, "-e") {
                Some(e) => o.after.push(e),
                None => return Parsed::Exit(2),
            },
            "-L" => match value(&mut i, "-L") {
                Some(d) => o.load_path.push(PathBuf::from(d)),
                None => return Parsed::Exit(2),
            },
            "-C" => {
                i += 1;
            }
            "-i" | "--interactive" => o.interactive = true,
            "--no-auto-compile" | "--auto-compile" | "--fresh-auto-compile" | "-q" | "--no-debug" | "--debug" => {}
            "-s" => match value(&mut i, "-s") {
                Some(f) => {
                    o.file = Some(f);
                    o.args = argv[i + 1..].to_vec();
                    break;
                }
                None => return Parsed::Exit(2),
            },
            "--" => {
                if let Some(f) = argv.get(i + 1) {
                    o.file = Some(f.clone());
                    o.args = argv[i + 2..].to_vec();
                }
                break;
            }
            s if s.starts_with("-L") && s.len() > 2 => o.load_path.push(PathBuf::from(&s[2..])),
            s if s.starts_with('-') && s != "-" => {
                write_stderr(&format!("guix0: unknown option `{s}'\nTry `guix0 --help' for more information.\n"));
                return Parsed::Exit(2);
            }
            _ => {
                o.file = Some(arg.clone());
                o.args = argv[i + 1..].to_vec();
                break;
            }
        }
        i += 1;
    }
    Parsed::Run(o)
}

pub fn main(raw: Vec<OsString>) -> i32 {
    let argv: Vec<String> = raw.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    // guix0 as the first process of a build container (see container/).
    if let [_, flag, spec] = argv.as_slice() {
        if flag == "--contained" {
            crate::container::run_contained(spec);
        }
    }
    // The reader, the expander and the compiler recurse on the nesting of
    // the code they are given, so guix0 runs on a thread whose stack is
    // large enough for any program a person writes (address space only:
    // pages are used as the stack reaches them). The thread ends the
    // process itself, so that a child made by `primitive-fork` (which has
    // only this thread) exits with its status.
    let interpreter = std::thread::Builder::new().name("guix0".into()).stack_size(INTERPRETER_STACK_BYTES);
    let argv_for_thread = argv.clone();
    let body = move || {
        // A panic ends the process with Rust's panic status here too, also
        // in a child made by `primitive-fork`.
        crate::vm::mark_native_stack(INTERPRETER_STACK_BYTES);
        let status = std::panic::catch_unwind(|| run_command_line(&argv_for_thread));
        std::process::exit(status.unwrap_or(101))
    };
    match interpreter.spawn(body) {
        Ok(thread) => {
            // Signals sent to guix0 (Ctrl-C, TERM) must reach the thread
            // that runs Scheme, to interrupt what it waits on.
            let _ = nix::sys::signal::pthread_sigmask(
                nix::sys::signal::SigmaskHow::SIG_BLOCK,
                Some(&nix::sys::signal::SigSet::all()),
                None,
            );
            // The thread exits the process: joining only waits for that.
            let _ = thread.join();
            101
        }
        // No room for such a stack (a tight `ulimit -v`): run here.
        Err(_) => {
            crate::vm::mark_native_stack(MAIN_THREAD_STACK_BYTES);
            run_command_line(&argv)
        }
    }
}

/// The interpreter thread's stack: enough for code nested a few hundred
/// thousand levels deep (the reader refuses deeper nesting).
const INTERPRETER_STACK_BYTES: usize = 512 << 20;

/// The stack of a process's main thread on Linux unless `ulimit -s` says
/// otherwise (for the expander's guard when no thread could be made).
const MAIN_THREAD_STACK_BYTES: usize = 8 << 20;

fn run_command_line(argv: &[String]) -> i32 {
    let opts = match parse(argv) {
        Parsed::Run(o) => o,
        Parsed::Exit(code) => return code,
    };
    let mut vm = match Vm::new() {
        Ok(vm) => vm,
        Err(e) => {
            write_stderr(&format!("guix0: internal error while loading the boot library: {e}\n"));
            return 70;
        }
    };
    let mut load_path = opts.load_path.clone();
    if let Some(p) = std::env::var_os("GUIX0_LOAD_PATH") {
        load_path.extend(std::env::split_paths(&p).filter(|d| !d.as_os_str().is_empty()));
    }
    vm.load_path = load_path;
    // Mes's build runs its bare-core programs with MES_BOOT set: such a
    // program is a Mes program from its first line.
    vm.mes_program = std::env::var_os("MES_BOOT").is_some();

    let status = run(&mut vm, &opts, argv);
    vm.finish();
    status
}

fn run(vm: &mut Vm, opts: &Options, argv: &[String]) -> i32 {
    if !opts.exprs.is_empty() {
        vm.set_argv(argv.to_vec());
        for e in &opts.exprs {
            if let Err(code) = eval_string(vm, "<command line>", e) {
                return code;
            }
        }
        return 0;
    }
    match &opts.file {
        Some(file) => {
            vm.set_argv(std::iter::once(file.clone()).chain(opts.args.iter().cloned()).collect());
            // `guix0 guix0.scm` works where there is no ./guix0.scm: the
            // driver is built in (as it is on Mes's load path).
            let file = &match (std::path::Path::new(file).exists(), file.contains('/')) {
                (false, false) => {
                    vm.search_load_path(file).map(|p| p.to_string_lossy().into_owned()).unwrap_or(file.clone())
                }
                _ => file.clone(),
            };
            // With -i the prelude is in scope for FILE too, and an error
            // in FILE leaves you at the prompt (where ,bt shows it).
            if opts.interactive {
                crate::repl::prepare(vm);
            }
            let result = if file == "-" {
                let text = read_stdin();
                eval_string(vm, "<stdin>", &text)
            } else {
                load(vm, file)
            };
            if let Err(code) = result {
                if !opts.interactive {
                    return code;
                }
            }
            for e in &opts.after {
                if let Err(code) = eval_string(vm, "<command line>", e) {
                    if !opts.interactive {
                        return code;
                    }
                }
            }
            if opts.interactive {
                return crate::repl::run(vm);
            }
            0
        }
        None if std::io::stdin().is_terminal() => {
            vm.set_argv(vec![argv.first().cloned().unwrap_or_default()]);
            crate::repl::prepare(vm);
            crate::repl::run(vm)
        }
        None => {
            vm.set_argv(vec!["-".into()]);
            let text = read_stdin();
            eval_string(vm, "<stdin>", &text).err().unwrap_or(0)
        }
    }
}

fn read_stdin() -> String {
    let mut text = String::new();
    let _ = std::io::Read::read_to_string(&mut std::io::stdin(), &mut text);
    text
}

/// Load a file as `(primitive-load FILE)`; an error is reported here.
pub fn load(vm: &mut Vm, file: &str) -> Result<Value, i32> {
    let load = vm.root_value("primitive-load");
    let path = vm.make_string(file);
    let result = vm.apply(load, &[path]);
    report(vm, result)
}

pub fn eval_string(vm: &mut Vm, name: &str, text: &str) -> Result<Value, i32> {
    let f = vm.root_value("%eval-string");
    let n = vm.make_string(name);
    let t = vm.make_string(text);
    let result = vm.apply(f, &[n, t]);
    report(vm, result)
}

fn report(vm: &mut Vm, r: Result<Value, RunError>) -> Result<Value, i32> {
    let status = report_ending(vm, r);
    if status.is_err() {
        leave_dynamic_extent(vm);
    }
    status
}

/// Leave the extent of the dynamic-winds an error no handler took left in
/// force: their `after` thunks run, innermost first, after the diagnostic,
/// as in Guile (a directory changed for a while is restored, a temporary
/// file removed). An error in one is reported and the others still run.
pub fn leave_dynamic_extent(vm: &mut Vm) {
    while !vm.winders.is_null() {
        // `%rewind` (boot.scm) pops each winder before running its thunk.
        let rewind = vm.root_value("%rewind");
        match vm.apply(rewind, &[Value::Null]) {
            Ok(_) => {}
            Err(RunError::Uncaught(obj)) => write_stderr(&describe_uncaught(vm, obj)),
            Err(RunError::Exit(_)) => break,
        }
    }
}

fn report_ending(vm: &mut Vm, r: Result<Value, RunError>) -> Result<Value, i32> {
    match r {
        Ok(v) => Ok(v),
        Err(RunError::Exit(code)) => Err(code),
        // Ctrl-C: stop as the signal would, without a diagnostic.
        Err(RunError::Uncaught(Value::Condition(c))) if c.key.name() == "interrupt" => {
            flush_stdout();
            write_stderr("guix0: interrupted\n");
            Err(130)
        }
        // Guile: an uncaught `quit` exits, with the status it carries.
        Err(RunError::Uncaught(Value::Condition(c))) if c.key.name() == "quit" => {
            flush_stdout();
            Err(match c.args.list_to_vec().as_deref() {
                Some([Value::Int(code), ..]) => (*code & 0xff) as i32,
                Some([Value::Bool(Truth::False), ..]) => 1,
                _ => 0,
            })
        }
        Err(RunError::Uncaught(obj)) => {
            flush_stdout();
            write_stderr(&describe_uncaught(vm, obj));
            Err(1)
        }
    }
}

/// The diagnostic for an error no handler took.
pub fn describe_uncaught(vm: &mut Vm, obj: Value) -> String {
    match obj {
        // Guix 0's own errors, `(#f message () (code help))`: no procedure,
        // no backtrace (they are about the definitions, not guix0's code).
        Value::Condition(c) if c.key.name() == "guix0-error" => {
            let details = c.args.list_to_vec().and_then(|a| a.get(3).and_then(|r| r.list_to_vec())).unwrap_or_default();
            let code = match details.first() {
                Some(Value::Symbol(s)) => format!("guix0::{s}"),
                _ => "guix0::error".to_string(),
            };
            let help = match details.get(1) {
                Some(Value::Str(h)) => Some(h.to_string()),
                _ => None,
            };
            // The form a macro was expanding when it raised it (a record
            // with a missing field, say); the backtrace is guix0's own.
            let span = details.get(2).and_then(|site| crate::runtime::conditions::span_of_site(*site));
            let context = span.map(|span| crate::diag::ErrorContext { span: Some(span), ..Default::default() });
            render_error(&code, &c.message, context.as_ref(), help.as_deref())
        }
        // `(ice-9 match)`'s `(match-error "match" "no matching pattern" value)`.
        Value::Condition(c) if c.key.name() == "match-error" && c.args.list_to_vec().is_some_and(|a| a.len() == 3) => {
            let ctx = c.context.borrow().clone();
            vm.last_error = ctx.clone();
            let value = c.args.list_to_vec().and_then(|a| a.get(2).copied()).unwrap_or(Value::Unspecified);
            let message = format!("match: no pattern matches {}", crate::value::print::to_write_bounded(value, 200));
            let help = "add a clause for this value, or a last clause (_ ...) that takes anything";
            render_error("guix0::match-error", &message, ctx.as_deref(), Some(help))
        }
        Value::Condition(c) => {
            let ctx = c.context.borrow().clone();
            vm.last_error = ctx.clone();
            let message = match &c.who {
                Some(who) if c.key.name() != "misc-error" || !condition_message(&c).starts_with(who.as_str()) => {
                    format!("In procedure {who}: {}", condition_message(&c))
                }
                _ => condition_message(&c),
            };
            render_error(&format!("guix0::{}", c.key), &message, ctx.as_deref(), c.help.as_deref())
        }
        Value::Record(r) if r.rtype.name.get().name() == "<invoke-error>" => {
            render_error("guix0::invoke-error", &invoke_error_text(&r), vm.last_error.clone().as_deref(), None)
        }
        Value::Record(r) if r.rtype.name.get().name() == "<condition>" => {
            let (types, message) = condition_summary(&r);
            let message = message.unwrap_or_else(|| crate::runtime::io::printed(vm, obj, true));
            let help = format!("a condition of type {types} was raised and no handler took it");
            render_error("guix0::condition", &message, vm.last_error.clone().as_deref(), Some(&help))
        }
        other => render_error(
            "guix0::uncaught",
            // A record is shown by its type's printer, if it has one.
            &format!("uncaught exception: {}", crate::runtime::io::printed(vm, other, true)),
            vm.last_error.clone().as_deref(),
            Some("raise was called with a value no handler accepted"),
        ),
    }
}

/// The value of `record`'s field `name`, if it has one.
fn record_field(record: &crate::value::Record, name: &str) -> Option<Value> {
    let i = record.rtype.fields.iter().position(|f| f.name() == name)?;
    record.fields.get(i).map(|c| c.get())
}

/// For a SRFI-35 condition (`(srfi srfi-35)`'s `<condition>` record, whose
/// `parts` are `((type (field . value) ...) ...)`): its type names, as
/// `&message &my-error`, and its `message` field, if a part has one.
fn condition_summary(condition: &crate::value::Record) -> (String, Option<String>) {
    let parts = record_field(condition, "parts").and_then(|p| p.list_to_vec()).unwrap_or_default();
    let mut types = Vec::new();
    let mut message = None;
    for part in parts {
        let Value::Pair(part) = part else { continue };
        if let Value::Record(ctype) = part.car() {
            types.extend(record_field(&ctype, "name").map(crate::value::print::to_display));
        }
        for field in part.cdr().list_to_vec().unwrap_or_default() {
            match field {
                Value::Pair(f) if matches!(f.car(), Value::Symbol(s) if s.name() == "message") => {
                    message.get_or_insert_with(|| crate::value::print::to_display(f.cdr()));
                }
                _ => {}
            }
        }
    }
    (types.join(" "), message)
}

/// `command "make" "check" failed with status 2`: an `&invoke-error` from
/// `(guix build utils)` as Guix reports it.
fn invoke_error_text(error: &crate::value::Record) -> String {
    let field = |name: &str| record_field(error, name);
    let mut words = vec![field("program").map(crate::value::print::to_write).unwrap_or_default()];
    if let Some(args) = field("arguments").and_then(|a| a.list_to_vec()) {
        words.extend(args.into_iter().map(crate::value::print::to_write));
    }
    let how = match (field("exit-status"), field("term-signal")) {
        (Some(Value::Int(status)), _) => format!("failed with status {status}"),
        (_, Some(Value::Int(signal))) => format!("terminated by signal {signal}"),
        _ => "failed".to_string(),
    };
    format!("command {} {how}", words.join(" "))
}
