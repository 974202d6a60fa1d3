//! Procedures, equality, multiple values, dynamic state, promises,
//! parameters, and the control primitives the VM implements itself.

use std::cell::Cell;

use crate::prims;
use crate::value::equality::{eq, equal, eqv};
use crate::value::{MultipleValues, Parameter, Promise, Truth, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::{PrimKind, Primitive, Special};
use crate::vm::Vm;

fn is_procedure(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(a[0].is_procedure()))
}
/// Guile's `thunk?`: a procedure that can be called with no arguments.
fn is_thunk(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(match a[0] {
        Value::Closure(c) => c.code().arity.required == 0,
        Value::Prim(p) => p.accepts(0),
        v => v.is_procedure(),
    }))
}
// As in Guile, the equivalence predicates take any number of arguments
// and are true when each is equivalent to the next.
fn is_eq(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(a.windows(2).all(|w| eq(w[0], w[1]))))
}
fn is_eqv(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(a.windows(2).all(|w| eqv(w[0], w[1]))))
}
fn is_equal(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(a.windows(2).all(|w| equal(w[0], w[1]))))
}
fn not(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(a[0].is_false()))
}
fn is_boolean(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Bool(_))))
}

fn values(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    if a.len() == 1 {
        return Ok(a[0]);
    }
    Ok(Value::Values(vm.heap.alloc(MultipleValues { items: a.into() })))
}

fn winders(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(vm.winders)
}
fn set_winders(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    vm.winders = a[0];
    Ok(Value::Unspecified)
}
fn handlers(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(vm.handlers)
}
fn set_handlers(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    vm.handlers = a[0];
    Ok(Value::Unspecified)
}
fn continuation_winders(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    match a[0] {
        Value::Continuation(k) => Ok(k.winders),
        v => Err(Throw::wrong_type("%continuation-winders", 1, "continuation", v)),
    }
}

fn make_parameter(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = Parameter { value: Cell::new(a[0]), converter: a.get(1).copied().unwrap_or(Value::FALSE) };
    Ok(Value::Parameter(vm.heap.alloc(p)))
}
fn parameter_converter(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    match a[0] {
        Value::Parameter(p) => Ok(p.converter),
        v => Err(Throw::wrong_type("parameterize", 1, "parameter", v)),
    }
}
/// `(%parameter-set! p v)`: set `p` to `v` as it is, unconverted.
fn parameter_set(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    match a[0] {
        Value::Parameter(p) => {
            p.value.set(a[1]);
            Ok(Value::Unspecified)
        }
        v => Err(Throw::wrong_type("%parameter-set!", 1, "parameter", v)),
    }
}
fn is_parameter(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Parameter(_))))
}

/// `(%make-lazy-promise thunk delay?)`: an unforced promise.
fn make_lazy_promise(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let _ = a[1];
    Ok(Value::Promise(vm.heap.alloc(Promise { done: Cell::new(false), value: Cell::new(a[0]) })))
}
fn make_promise(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    if let Value::Promise(_) = a[0] {
        return Ok(a[0]);
    }
    Ok(Value::Promise(vm.heap.alloc(Promise { done: Cell::new(true), value: Cell::new(a[0]) })))
}
fn is_promise(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Promise(_))))
}
fn promise(who: &str, v: Value) -> PResult<crate::value::Gc<Promise>> {
    match v {
        Value::Promise(p) => Ok(p),
        _ => Err(Throw::wrong_type(who, 1, "promise", v)),
    }
}
fn promise_done(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(promise("force", a[0])?.done.get()))
}
fn promise_value(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(promise("force", a[0])?.value.get())
}
/// `(%promise-update! new old)`: R7RS's iterative forcing step — `old`
/// takes over `new`'s state.
fn promise_update(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let new = promise("force", a[0])?;
    let old = promise("force", a[1])?;
    old.done.set(new.done.get());
    old.value.set(new.value.get());
    Ok(Value::Unspecified)
}
fn promise_resolve(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let p = promise("force", a[0])?;
    p.done.set(true);
    p.value.set(a[1]);
    Ok(Value::Unspecified)
}

fn exit(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    // As R7RS asks, the `after` thunks of the dynamic-winds still in force
    // run first (boot.scm's %rewind pops each before running it).
    if !vm.winders.is_null() {
        let rewind = vm.root_value("%rewind");
        vm.apply_nested(rewind, &[Value::Null], crate::diag::Span::NONE)?;
    }
    let code = match a.first() {
        None | Some(Value::Bool(Truth::True)) => 0,
        Some(Value::Bool(Truth::False)) => 1,
        Some(Value::Int(i)) => *i,
        Some(_) => 0,
    };
    let mut t = Throw::new("%exit", None, "exit", vec![]);
    t.rest = Value::Int(code & 0xff);
    Err(t)
}

fn gc(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    // A real collection can only run at a safe point; ask for one soon.
    let _ = vm;
    Ok(Value::Unspecified)
}

fn gc_stats(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    let live = vm.cons(Value::sym("heap-objects"), Value::Int(vm.heap.live_objects() as i64));
    let collections = vm.cons(Value::sym("gc-times"), Value::Int(vm.heap.collections as i64));
    Ok(vm.list(&[collections, live]))
}

fn unspecified(_: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(Value::Unspecified)
}

fn identity(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(a[0])
}

fn procedure_name(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let name = match a[0] {
        Value::Closure(c) => c.known_name().map(Value::Symbol),
        Value::Prim(p) => Some(Value::Symbol(p.symbol())),
        _ => None,
    };
    Ok(name.unwrap_or(Value::FALSE))
}

fn procedure_documentation(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(match a[0] {
        Value::Closure(c) => match &c.code().doc {
            Some(d) => vm.make_string(d),
            None => Value::FALSE,
        },
        _ => Value::FALSE,
    })
}

/// `(procedure-minimum-arity proc)`: `(required optional rest?)`, as
/// Guile gives it (keyword arguments count in none of them).
fn procedure_minimum_arity(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let (required, optional, rest) = match a[0] {
        Value::Closure(c) => {
            let arity = &c.code().arity;
            (arity.required as i64, arity.optional as i64, arity.rest)
        }
        Value::Prim(p) => match p.max_args {
            Some(max) => (p.min_args as i64, (max - p.min_args) as i64, false),
            None => (p.min_args as i64, 0, true),
        },
        Value::Continuation(_) => (0, 0, true),
        Value::Parameter(_) => (0, 0, false),
        other => return Err(Throw::wrong_type("procedure-minimum-arity", 1, "procedure", other)),
    };
    Ok(vm.list(&[Value::Int(required), Value::Int(optional), Value::boolean(rest)]))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("procedure?", 1, Some(1), is_procedure),
    ("procedure-minimum-arity", 1, Some(1), procedure_minimum_arity),
    ("thunk?", 1, Some(1), is_thunk),
    ("eq?", 0, None, is_eq),
    ("eqv?", 0, None, is_eqv),
    ("equal?", 0, None, is_equal),
    ("not", 1, Some(1), not),
    ("boolean?", 1, Some(1), is_boolean),
    ("values", 0, None, values),
    ("%winders", 0, Some(0), winders),
    ("%set-winders!", 1, Some(1), set_winders),
    ("%handlers", 0, Some(0), handlers),
    ("%set-handlers!", 1, Some(1), set_handlers),
    ("%continuation-winders", 1, Some(1), continuation_winders),
    ("%make-parameter", 1, Some(2), make_parameter),
    ("%parameter-converter", 1, Some(1), parameter_converter),
    ("%parameter-set!", 2, Some(2), parameter_set),
    ("parameter?", 1, Some(1), is_parameter),
    ("%make-lazy-promise", 2, Some(2), make_lazy_promise),
    ("make-promise", 1, Some(1), make_promise),
    ("promise?", 1, Some(1), is_promise),
    ("%promise-done?", 1, Some(1), promise_done),
    ("%promise-value", 1, Some(1), promise_value),
    ("%promise-update!", 2, Some(2), promise_update),
    ("%promise-resolve!", 2, Some(2), promise_resolve),
    ("exit", 0, Some(1), exit),
    ("gc", 0, Some(0), gc),
    ("gc-stats", 0, Some(0), gc_stats),
    ("%unspecified", 0, None, unspecified),
    ("identity", 1, Some(1), identity),
    ("procedure-name", 1, Some(1), procedure_name),
    ("procedure-documentation", 1, Some(1), procedure_documentation),
];

macro_rules! specials {
    ($(($name:expr, $min:expr, $max:expr, $s:expr)),* $(,)?) => {
        &[$(Primitive { name: $name, min_args: $min, max_args: $max, kind: PrimKind::Special($s) }),*]
    };
}

pub const SPECIALS: &[Primitive] = specials![
    ("apply", 2, None, Special::Apply),
    ("call-with-current-continuation", 1, Some(1), Special::CallCC),
    ("call/cc", 1, Some(1), Special::CallCC),
    ("%call/ec", 1, Some(1), Special::CallEC),
    ("%apply-values", 2, Some(2), Special::ApplyValues),
    ("%resume", 2, Some(2), Special::Resume),
    ("%uncaught", 1, Some(1), Special::Uncaught),
    ("%stack-frames", 0, Some(0), Special::StackFrames),
];
