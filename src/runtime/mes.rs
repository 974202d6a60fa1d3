//! GNU Mes's own primitives: the `core:` procedures and the other C
//! builtins that Mes programs (its boot files, its tests, MesCC) call
//! directly. Names and arities follow Mes 0.24.2's `src/builtins.c`.

use super::io::port_write;
use super::{expect_int, expect_list};
use crate::expand::{Expander, Macro};
use crate::prims;
use crate::value::equality::{eq, equal};
use crate::value::print::{to_display, to_write};
use crate::value::{Closure, Gc, Symbol, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

/// Mes's cell types (`include/mes/constants.h`), the values of the
/// `<cell:...>` globals and of `core:type`.
pub const CELL_TYPES: &[(&str, i64)] = &[
    ("<cell:char>", 0),
    ("<cell:bytes>", 1),
    ("<cell:closure>", 2),
    ("<cell:continuation>", 3),
    ("<cell:keyword>", 4),
    ("<cell:macro>", 5),
    ("<cell:number>", 6),
    ("<cell:pair>", 7),
    ("<cell:port>", 8),
    ("<cell:ref>", 9),
    ("<cell:special>", 10),
    ("<cell:string>", 11),
    ("<cell:struct>", 12),
    ("<cell:symbol>", 13),
    ("<cell:values>", 14),
    ("<cell:variable>", 15),
    ("<cell:vector>", 16),
    ("<cell:broken-heart>", 17),
];

fn cell_type(v: Value) -> i64 {
    match v {
        Value::Char(_) => 0,
        Value::Bytevector(_) => 1,
        Value::Closure(_) => 2,
        Value::Continuation(_) => 3,
        Value::Keyword(_) => 4,
        Value::Int(_) | Value::Float(_) | Value::Big(_) | Value::Rat(_) => 6,
        Value::Pair(_) => 7,
        Value::Port(_) => 8,
        Value::Str(_) => 11,
        Value::Symbol(_) => 13,
        Value::Values(_) => 14,
        Value::Variable(_) => 15,
        Value::Vector(_) => 16,
        // Mes represents builtins, records, hash tables and modules as structs.
        Value::Prim(_)
        | Value::Record(_)
        | Value::RecordType(_)
        | Value::HashTable(_)
        | Value::Parameter(_)
        | Value::Promise(_)
        | Value::Condition(_)
        | Value::Opaque(_) => 12,
        Value::Null
        | Value::Bool(_)
        | Value::Unspecified
        | Value::Eof
        | Value::Undefined
        | Value::Default
        | Value::Code(_) => 10,
    }
}

fn core_type(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Int(cell_type(a[0])))
}

/// Mes's raw cell accessors: the car/cdr of a pair, the value field of
/// an atom (a character's code, a number itself), and the two fields of a
/// closure cell.
fn core_car(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    match a[0] {
        Value::Pair(p) => Ok(p.car()),
        // Mes keeps nothing in a closure cell's car.
        Value::Closure(_) => Ok(Value::FALSE),
        v => Err(Throw::wrong_type("core:car", 1, "pair", v)),
    }
}
fn core_cdr(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    match a[0] {
        Value::Pair(p) => Ok(p.cdr()),
        Value::Char(c) => Ok(Value::Int(c as i64)),
        v @ Value::Int(_) => Ok(v),
        Value::Closure(c) => Ok(closure_fields(vm, c)),
        v => Err(Throw::wrong_type("core:cdr", 1, "pair, character or number", v)),
    }
}

/// A closure as Mes lays out its cell's cdr, `((*circular* . ENV) FORMALS
/// . BODY)`, which Mes's own library reads (its backtraces take the name
/// from ENV's first binding, `display` the formals). guix0 compiles
/// closures, so ENV holds only the closure's binding of its own name and
/// BODY is empty; the formals are the ones written.
fn closure_fields(vm: &mut Vm, c: Gc<Closure>) -> Value {
    let code = c.code();
    let name = c.known_name().map_or(Value::FALSE, Value::Symbol);
    let params: Vec<Value> = code.params.iter().map(|p| Value::Symbol(*p)).collect();
    let formals = vm.list_with_tail(&params, code.rest_name.map_or(Value::Null, Value::Symbol));
    let own_binding = vm.cons(name, Value::Closure(c));
    let env = vm.list(&[own_binding]);
    let circular = vm.cons(Value::sym("*circular*"), env);
    let fields = vm.cons(formals, Value::Null);
    vm.cons(circular, fields)
}

fn write_to(vm: &mut Vm, who: &str, port: Value, text: &str) -> PResult<Value> {
    let port = match port {
        Value::Port(p) => p,
        // Mes ports are file descriptors: 1 is stdout, 2 stderr.
        Value::Int(1) => match vm.current_output {
            Value::Port(p) => p,
            v => return Err(Throw::wrong_type(who, 2, "port", v)),
        },
        Value::Int(2) => match vm.current_error {
            Value::Port(p) => p,
            v => return Err(Throw::wrong_type(who, 2, "port", v)),
        },
        v => return Err(Throw::wrong_type(who, 2, "port", v)),
    };
    port_write(vm, who, &port, text)?;
    Ok(Value::Unspecified)
}

fn core_display(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    write_to(vm, "core:display", vm.current_output, &to_display(a[0]))
}
fn core_write(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    write_to(vm, "core:write", vm.current_output, &to_write(a[0]))
}
fn core_display_error(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    write_to(vm, "core:display-error", vm.current_error, &to_display(a[0]))
}
fn core_write_error(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    write_to(vm, "core:write-error", vm.current_error, &to_write(a[0]))
}
fn core_display_port(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    write_to(vm, "core:display-port", a[1], &to_display(a[0]))
}
fn core_write_port(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    write_to(vm, "core:write-port", a[1], &to_write(a[0]))
}

/// `(append2 a b)`: a copy of list `a` ending in `b`.
fn append2(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let items = expect_list("append2", 1, a[0])?;
    Ok(vm.list_with_tail(&items, a[1]))
}

/// `(core:reverse! list tail)`: `list` reversed in place onto `tail`.
fn core_reverse_x(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let (mut rest, mut done) = (a[0], a[1]);
    while let Value::Pair(p) = rest {
        rest = p.cdr();
        p.set_cdr(done);
        done = Value::Pair(p);
    }
    match rest {
        Value::Null => Ok(done),
        v => Err(Throw::wrong_type("core:reverse!", 1, "proper list", v)),
    }
}

fn equal2(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(equal(a[0], a[1])))
}

/// `(xassq value alist)`: the first pair whose cdr is `eq?` to `value`.
fn xassq(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    for entry in a[1].iter() {
        if let Value::Pair(p) = entry {
            if eq(p.cdr(), a[0]) {
                return Ok(entry);
            }
        }
    }
    Ok(Value::FALSE)
}

/// `(make-symbol name)`: a fresh symbol printed as `name`, `eq?` to no
/// other symbol.
fn make_symbol(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let name = super::expect_string("make-symbol", 1, a[0])?.to_string();
    Ok(Value::Symbol(Symbol::uninterned(&name)))
}

/// `(%macro-expand-1 form)`: one expansion of a macro use (not of core
/// syntax), or `form` itself when its head names no macro. Mes's
/// `core:macro-expand` (`scheme/guix0/mes.scm`) walks a form with it.
fn macro_expand_1(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let form = vm.value_to_syntax(a[0], crate::diag::Span::NONE, &Default::default())?;
    // Syntax holds values the collector cannot see while a transformer runs.
    vm.heap.inhibit += 1;
    let mut expander = Expander::new(vm);
    let expanded = match expander.macro_of(&form, &None) {
        Some(m) if !matches!(*m, Macro::Special(_)) => expander.expand_macro_once(&m, &form, &None).map(Some),
        _ => Ok(None),
    };
    let result = expanded.map(|out| out.map_or(a[0], |x| vm.syntax_to_value(&x)));
    vm.heap.inhibit -= 1;
    result
}

/// The procedures Mes implements in C (`mes-builtins-0.24.2.txt`): what
/// `builtin?` answers #t for, as in Mes (guix0 has more primitives).
const MES_BUILTINS: &[&str] = &[
    "make-builtin",
    "builtin-name",
    "builtin-arity",
    "builtin?",
    "builtin-printer",
    "car",
    "cdr",
    "list",
    "null?",
    "eq?",
    "values",
    "acons",
    "length",
    "error",
    "append2",
    "append-reverse",
    "core:reverse!",
    "assq",
    "assoc",
    "
    core:display",
    "core:display-error",
    "core:display-port",
    "core:write",
    "core:write-error",
    "core:write-port",
    "pairlis",
    "set-car!",
    "set-cdr!",
    "set-env!",
    "add-formals",
    "eval-apply",
    "gc-stats",
    "cons",
    "gc-check",
    "
    gc",
    "hashq",
    "hash",
    "hashq-get-handle",
    "hashq-ref",
    "hash-ref",
    "hashq-set!",
    "hash-set!",
    "hash-table-prin
    ter",
    "make-hash-table",
    "core:type",
    "core:car",
    "core:cdr",
    "xassq",
    "memq",
    "equal2?",
    "last-pair",
    "pair?",
    "char->integer",
    "integer->char",
    ">",
    "<",
    "=",
    "-",
    "+",
    "/",
    "modulo",
    "*",
    "logand",
    "logior",
    "lognot",
    "logxor",
    "ash",
    "make-module-type",
    "module-printer",
    "module-variable",
    "module-ref",
    "module-define!",
    "ab
    ort",
    "exit",
    "peek-byte",
    "read-byte",
    "unread-byte",
    "peek-char",
    "read-char",
    "unread-char",
    "write-char",
    "write-byte",
    "getenv",
    "setenv",
    "access?",
    "current-input-port",
    "open-input-file",
    "open-input-string",
    "se
    t-current-input-port",
    "current-output-port",
    "current-error-port",
    "open-output-file",
    "set-current-output-po
    rt",
    "set-current-error-port",
    "chmod",
    "isatty?",
    "primitive-fork",
    "execl",
    "core:waitpid",
    "current-time",
    "gettimeofday",
    "get-internal-run-time",
    "getcwd",
    "dup",
    "dup2",
    "delete-file",
    "core:read-input-file-env",
    "
    read-input-file-env",
    "read-env",
    "reader-read-sexp",
    "reader-read-character",
    "reader-read-binary",
    "reader-r
    ead-octal",
    "reader-read-hex",
    "reader-read-string",
    "frame-printer",
    "make-stack",
    "stack-length",
    "stack-ref
    ",
    "string=?",
    "symbol->string",
    "symbol->keyword",
    "keyword->string",
    "string->symbol",
    "make-symbol",
    "strin
    g->list",
    "list->string",
    "read-string",
    "string-append",
    "string-length",
    "string-ref",
    "make-struct",
    "struc
    t-length",
    "struct-ref",
    "struct-set!",
    "make-vector",
    "vector-length",
    "vector-ref",
    "vector-entry",
    "vector-
    set!",
    "list->vector",
    "vector->list",
];

fn builtin_p(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Prim(p) if MES_BUILTINS.contains(&p.name))))
}
fn builtin_name(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    match a[0] {
        Value::Prim(p) => Ok(vm.make_string(p.name)),
        v => Err(Throw::wrong_type("builtin-name", 1, "builtin", v)),
    }
}
/// Mes's builtin arity: the exact count, or -1 for a variadic builtin.
fn builtin_arity(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    match a[0] {
        Value::Prim(p) => Ok(Value::Int(match p.max_args {
            Some(m) if m == p.min_args => m as i64,
            _ => -1,
        })),
        v => Err(Throw::wrong_type("builtin-arity", 1, "builtin", v)),
    }
}

/// `(module-variable module name)`: the variable bound to `name` (in a Mes
/// program, Mes's handle of it), or #f.
fn module_variable(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let module = vm.module_of_value(a[0])?;
    let Value::Symbol(name) = a[1] else {
        return Err(Throw::wrong_type("module-variable", 2, "symbol", a[1]));
    };
    let binding = module.lookup_local(name).or_else(|| vm.root_binding(name));
    Ok(match binding {
        // Mes gives the binding's handle, `(name . value)`: a copy here,
        // so `set-cdr!` on it does not reach the variable.
        Some(crate::module::Binding::Var(v)) if !matches!(v.value.get(), Value::Undefined) => {
            if vm.mes_program {
                vm.cons(a[1], v.value.get())
            } else {
                Value::Variable(v)
            }
        }
        _ => Value::FALSE,
    })
}

/// `(isatty? port-or-descriptor)`: a port on no descriptor (a string
/// port) is not a terminal.
fn isatty(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let fd = match a[0] {
        Value::Port(p) => match p.fd() {
            Some(fd) => i64::from(fd),
            None => return Ok(Value::FALSE),
        },
        v => expect_int("isatty?", 1, v)?,
    };
    let fd = i32::try_from(fd).map_err(|_| Throw::wrong_type("isatty?", 1, "file descriptor", a[0]))?;
    // SAFETY: isatty only inspects the descriptor number.
    Ok(Value::boolean(unsafe { libc::isatty(fd) } == 1))
}

fn abort(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    std::process::abort()
}

/// `(gc-check)`: Mes collects here when its arena is low; guix0 collects
/// at safe points on its own.
fn gc_check(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(Value::Unspecified)
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("core:type", 1, Some(1), core_type),
    ("core:car", 1, Some(1), core_car),
    ("core:cdr", 1, Some(1), core_cdr),
    ("core:display", 1, Some(1), core_display),
    ("core:write", 1, Some(1), core_write),
    ("core:display-error", 1, Some(1), core_display_error),
    ("core:write-error", 1, Some(1), core_write_error),
    ("core:display-port", 2, Some(2), core_display_port),
    ("core:write-port", 2, Some(2), core_write_port),
    ("core:reverse!", 2, Some(2), core_reverse_x),
    ("append2", 2, Some(2), append2),
    ("equal2?", 2, Some(2), equal2),
    ("xassq", 2, Some(2), xassq),
    ("make-symbol", 1, Some(1), make_symbol),
    ("builtin?", 1, Some(1), builtin_p),
    ("builtin-name", 1, Some(1), builtin_name),
    ("builtin-arity", 1, Some(1), builtin_arity),
    ("module-variable", 2, Some(2), module_variable),
    ("isatty?", 1, Some(1), isatty),
    ("abort", 0, Some(0), abort),
    ("gc-check", 0, Some(0), gc_check),
    ("%macro-expand-1", 1, Some(1), macro_expand_1),
];
