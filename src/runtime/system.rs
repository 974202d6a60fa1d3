//! The environment, time, files, the command line and modules.

use std::time::{SystemTime, UNIX_EPOCH};

use super::{expect_list, optional, text_of};
use crate::module::Binding;
use crate::prims;
use crate::value::{Symbol, Truth, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

fn getenv(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let name = text_of("getenv", 1, a[0])?;
    Ok(match std::env::var(&name) {
        Ok(v) => vm.make_string(&v),
        Err(_) => Value::FALSE,
    })
}

/// `(uname)`: `#(sysname nodename release version machine)`, as Guile's.
fn uname(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    let u = nix::sys::utsname::uname()
        .map_err(|e| Throw::misc("uname", format!("cannot read the system's name: {e}"), vec![]))?;
    let fields = [u.sysname(), u.nodename(), u.release(), u.version(), u.machine()];
    let items = fields.iter().map(|f| vm.make_string(&f.to_string_lossy())).collect();
    Ok(vm.make_vector(items))
}

fn setenv(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let name = text_of("setenv", 1, a[0])?;
    if name.is_empty() || name.contains('=') || name.contains('\0') {
        return Err(Throw::misc("setenv", "invalid environment variable name ~S", vec![a[0]]));
    }
    match optional(a, 1) {
        Some(Value::Bool(Truth::False)) | None => std::env::remove_var(&name),
        Some(v) => {
            let value = text_of("setenv", 2, v)?;
            if value.contains('\0') {
                return Err(Throw::misc("setenv", "value contains a NUL byte", vec![]));
            }
            std::env::set_var(&name, value)
        }
    }
    Ok(Value::Unspecified)
}

/// `(setlocale category [locale])`, as Guile's: install LOCALE ("" for
/// the one the environment names) for CATEGORY (an `LC_` constant) and
/// return its name; without LOCALE, return the current one. A locale the
/// system lacks is a `system-error` (EINVAL).
fn setlocale(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let Value::Int(category) = a[0] else { return Err(Throw::wrong_type("setlocale", 1, "integer", a[0])) };
    let category = i32::try_from(category).map_err(|_| Throw::out_of_range("setlocale", 1, a[0]))?;
    let locale = match optional(a, 1) {
        None => None,
        Some(v) => Some(
            std::ffi::CString::new(text_of("setlocale", 2, v)?)
                .map_err(|_| Throw::misc("setlocale", "locale name contains a NUL byte", vec![]))?,
        ),
    };
    // SAFETY: a valid NUL-terminated name or null (a query); the result,
    // when not null, is a NUL-terminated string we copy at once.
    let name = unsafe {
        let r = libc::setlocale(category, locale.as_ref().map_or(std::ptr::null(), |l| l.as_ptr()));
        if r.is_null() {
            let err = std::io::Error::from_raw_os_error(libc::EINVAL);
            return Err(Throw::system("setlocale", &err, vec![]));
        }
        std::ffi::CStr::from_ptr(r).to_string_lossy().into_owned()
    };
    Ok(vm.make_string(&name))
}

fn command_line(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    let args: Vec<Value> = vm.argv.clone().iter().map(|s| vm.make_string(s)).collect();
    Ok(vm.list(&args))
}

/// `(set-program-arguments args)`: what `command-line` gives from now on.
fn set_program_arguments(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let args = expect_list("set-program-arguments", 1, a[0])?;
    vm.argv = args.into_iter().map(|v| text_of("set-program-arguments", 1, v)).collect::<PResult<_>>()?;
    Ok(Value::Unspecified)
}

fn current_time(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(Value::Int(SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)))
}

thread_local! {
    static START: std::time::Instant = std::time::Instant::now();
}

/// Internal time in microseconds (`internal-time-units-per-second` is 1e6).
fn internal_real_time(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(Value::Int(START.with(|s| s.elapsed().as_micros() as i64)))
}

fn gettimeofday(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    let d = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    Ok(vm.cons(Value::Int(d.as_secs() as i64), Value::Int(d.subsec_micros() as i64)))
}

/// `(%clock-time clock)`: `(seconds . nanoseconds)` on one of SRFI-19's
/// clocks: `time-utc`, `time-process` or `time-thread` (its monotonic
/// time is TAI time, from `time-utc`).
fn clock_time(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let clock = match a[0].as_symbol().map(|s| s.name()) {
        Some("time-utc") => libc::CLOCK_REALTIME,
        Some("time-process") => libc::CLOCK_PROCESS_CPUTIME_ID,
        Some("time-thread") => libc::CLOCK_THREAD_CPUTIME_ID,
        _ => return Err(Throw::wrong_type("current-time", 1, "time type", a[0])),
    };
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid timespec to write to.
    if unsafe { libc::clock_gettime(clock, &mut now) } != 0 {
        return Err(Throw::system("current-time", &std::io::Error::last_os_error(), vec![]));
    }
    Ok(vm.cons(Value::Int(now.tv_sec), Value::Int(now.tv_nsec)))
}

/// `(%utc-offset seconds)`: the local time zone's offset from UTC, in
/// seconds east, at that many seconds after the epoch.
fn utc_offset(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let seconds = super::expect_int("%utc-offset", 1, a[0])?;
    // SAFETY: `tm` is integers and a pointer, for which zero is valid.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are valid for the call; localtime_r is reentrant.
    let found = unsafe { !libc::localtime_r(&(seconds as libc::time_t), &mut tm).is_null() };
    Ok(Value::Int(if found { tm.tm_gmtoff } else { 0 }))
}

/// As in Guile and Mes, a symbolic link counts by what it points to: a
/// dangling one does not exist.
fn file_exists(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("file-exists?", 1, a[0])?;
    Ok(Value::boolean(std::fs::metadata(path).is_ok()))
}

fn delete_file(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("delete-file", 1, a[0])?;
    std::fs::remove_file(&path).map_err(|e| Throw::system("delete-file", &e, vec![a[0]]))?;
    Ok(Value::Unspecified)
}

fn define_module(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    vm.define_module(a[0], a[1])?;
    Ok(Value::Unspecified)
}

fn use_modules(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    for spec in expect_list("use-modules", 1, a[0])? {
        vm.use_module_spec(spec)?;
    }
    Ok(Value::Unspecified)
}

fn import(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    vm.import_sets(a[0])?;
    Ok(Value::Unspecified)
}

/// The start of a `define-library` (see `expand/library.rs`): its module,
/// given by the symbols of its name, becomes the current one.
fn library_enter(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let name = vm.list(a);
    let outer = vm.current_module.clone();
    vm.define_module(name, Value::Null)?;
    vm.library_outer.push(outer);
    Ok(Value::Unspecified)
}

fn library_leave(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    if let Some(outer) = vm.library_outer.pop() {
        vm.current_module = outer;
    }
    Ok(Value::Unspecified)
}

fn mes_load(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = text_of("%mes-load", 1, a[0])?;
    vm.mes_load(std::path::Path::new(&path))?;
    Ok(Value::Unspecified)
}

fn mes_use_module(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    vm.mes_use_module(a[0])?;
    Ok(Value::Unspecified)
}

fn current_module(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    let name = vm.current_module.name.clone();
    Ok(vm.module_value(&name))
}

fn set_current_module(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let m = vm.module_of_value(a[0])?;
    let old = std::mem::replace(&mut vm.current_module, m);
    Ok(vm.module_value(&old.name.clone()))
}

fn resolve_module(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let m = vm.resolve_module(a[0], true)?;
    Ok(vm.module_value(&m.name.clone()))
}

fn resolve_interface(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let spec = vm.list(a);
    let interface = vm.resolve_interface(spec)?;
    Ok(vm.module_value(&interface.name.clone()))
}

fn module_use(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let module = vm.module_of_value(a[0])?;
    let interface = vm.module_of_value(a[1])?;
    vm.module_use(&module, &interface);
    Ok(Value::Unspecified)
}

fn module_name(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let m = vm.module_of_value(a[0])?;
    let names: Vec<Value> = m.public_name().iter().map(|s| Value::Symbol(*s)).collect();
    Ok(vm.list(&names))
}

fn module_ref(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let m = vm.module_of_value(a[0])?;
    let name = super::expect_symbol("module-ref", 2, a[1])?;
    match m.lookup_local(name).or_else(|| vm.root_binding(name)) {
        Some(Binding::Var(v)) if !matches!(v.value.get(), Value::Undefined) => Ok(v.value.get()),
        _ => match optional(a, 2) {
            Some(default) => Ok(default),
            None => Err(vm.unbound_variable(name)),
        },
    }
}

fn is_module(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(crate::module::is_module_value(a[0])))
}

/// `(module-defined? module name)`: whether NAME has a value there (its own
/// definitions, its imports and the core bindings).
fn module_defined(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let m = vm.module_of_value(a[0])?;
    let name = super::expect_symbol("module-defined?", 2, a[1])?;
    Ok(Value::boolean(match m.lookup_local(name).or_else(|| vm.root_binding(name)) {
        Some(Binding::Var(v)) => !matches!(v.value.get(), Value::Undefined),
        Some(Binding::Syntax(_)) => true,
        None => false,
    }))
}

fn module_define(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let m = vm.module_of_value(a[0])?;
    let name = super::expect_symbol("module-define!", 2, a[1])?;
    m.define_variable(&mut vm.heap, name).assign(a[2]);
    Ok(Value::Unspecified)
}

fn is_defined(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let name = super::expect_symbol("defined?", 1, a[0])?;
    let m = match optional(a, 1) {
        Some(v) => vm.module_of_value(v)?,
        None => vm.current_module.clone(),
    };
    // As a reference to the name would: the module, its imports, then the
    // root module and the library names it loads on first use.
    let found = m.lookup_local(name).or_else(|| if m.pure { None } else { vm.root_binding(name) });
    Ok(Value::boolean(match found {
        Some(Binding::Var(v)) => !matches!(v.value.get(), Value::Undefined),
        Some(Binding::Syntax(_)) => true,
        None => false,
    }))
}

/// `(%module-variables module)`: (name . value) of the module's own
/// variables that have values, in the order they were first defined.
fn module_variables(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let m = vm.module_of_value(a[0])?;
    let bound = m.own_variables().into_iter().filter(|(_, v)| !matches!(v.value.get(), Value::Undefined));
    let pairs: Vec<Value> = bound.map(|(n, v)| vm.cons(Value::Symbol(n), v.value.get())).collect();
    Ok(vm.list(&pairs))
}

/// `(%make-module name)`: a fresh module that sees the root module.
fn make_module(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let name = a[0];
    if vm.resolve_module(name, false).is_err() {
        // define-module makes the module current; keep ours.
        let saved = vm.current_module.clone();
        let result = vm.define_module(name, Value::Null);
        vm.current_module = saved;
        result?;
    }
    let names: Vec<Symbol> = name.iter().filter_map(|v| v.as_symbol()).collect();
    Ok(vm.module_value(&names))
}

fn load_path(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    let dirs: Vec<Value> = vm.load_path.clone().iter().map(|d| vm.make_string(&d.to_string_lossy())).collect();
    Ok(vm.list(&dirs))
}

fn search_path(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let name = text_of("%search-load-path", 1, a[0])?;
    Ok(match vm.search_load_path(&name) {
        Some(p) => vm.make_string(&p.to_string_lossy()),
        None => Value::FALSE,
    })
}

/// `(add-to-load-path DIR)`: search DIR first for modules and files.
fn add_to_load_path(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let dir = std::path::PathBuf::from(text_of("add-to-load-path", 1, a[0])?);
    vm.load_path.retain(|d| *d != dir);
    vm.load_path.insert(0, dir);
    Ok(Value::Unspecified)
}

/// `(%current-filename)`: the file being expanded (see `current-filename`
/// in boot.scm, a macro as in Guile), or #f.
fn current_filename(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(match vm.loading_files.last().cloned() {
        Some(p) => vm.make_string(&p.to_string_lossy()),
        None => Value::FALSE,
    })
}

fn interned_symbol(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Symbol(Symbol::intern(&text_of("string->symbol", 1, a[0])?)))
}

/// `(strerror errno)`.
fn strerror(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let errno = super::expect_int("strerror", 1, a[0])?;
    let errno = i32::try_from(errno).map_err(|_| Throw::out_of_range("strerror", 1, a[0]))?;
    Ok(vm.make_string(&crate::vm::support::strerror(errno)))
}

/// `(current-processor-count)`: how many processors guix0 may use.
fn processor_count(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(Value::Int(std::thread::available_parallelism().map_or(1, |n| n.get()) as i64))
}

/// `(%peak-memory)`: the process's peak resident memory in KiB (Linux).
fn peak_memory(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<i64>().ok());
    Ok(kb.map(Value::Int).unwrap_or(Value::FALSE))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("getenv", 1, Some(1), getenv),
    ("uname", 0, Some(0), uname),
    ("setenv", 1, Some(2), setenv),
    ("setlocale", 1, Some(2), setlocale),
    ("command-line", 0, Some(0), command_line),
    ("set-program-arguments", 1, Some(1), set_program_arguments),
    ("current-time", 0, Some(0), current_time),
    ("get-internal-real-time", 0, Some(0), internal_real_time),
    ("get-internal-run-time", 0, Some(0), internal_real_time),
    ("gettimeofday", 0, Some(0), gettimeofday),
    ("%clock-time", 1, Some(1), clock_time),
    ("%utc-offset", 1, Some(1), utc_offset),
    ("%file-exists?", 1, Some(1), file_exists),
    ("delete-file", 1, Some(1), delete_file),
    ("%define-module!", 2, Some(2), define_module),
    ("%use-modules", 1, Some(1), use_modules),
    ("%import", 1, Some(1), import),
    ("%library-enter!", 1, None, library_enter),
    ("%library-leave!", 0, Some(0), library_leave),
    ("%mes-use-module", 1, Some(1), mes_use_module),
    ("%mes-load", 1, Some(1), mes_load),
    ("current-module", 0, Some(0), current_module),
    ("set-current-module", 1, Some(1), set_current_module),
    ("resolve-module", 1, Some(3), resolve_module),
    ("resolve-interface", 1, None, resolve_interface),
    ("module-use!", 2, Some(2), module_use),
    ("module-name", 1, Some(1), module_name),
    ("module-ref", 2, Some(3), module_ref),
    ("module-defined?", 2, Some(2), module_defined),
    ("module?", 1, Some(1), is_module),
    ("module-define!", 3, Some(3), module_define),
    ("defined?", 1, Some(2), is_defined),
    ("%load-path", 0, Some(0), load_path),
    ("%search-load-path", 1, Some(1), search_path),
    ("%current-filename", 0, Some(0), current_filename),
    ("add-to-load-path", 1, Some(1), add_to_load_path),
    ("%intern-symbol", 1, Some(1), interned_symbol),
    ("%peak-memory", 0, Some(0), peak_memory),
    ("current-processor-count", 0, Some(0), processor_count),
    ("strerror", 1, Some(1), strerror),
    ("%module-variables", 1, Some(1), module_variables),
    ("%make-module", 1, Some(1), make_module),
];
