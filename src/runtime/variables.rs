//! First-class variables, as Guile's: the boxes modules bind names to
//! (`module-variable`) and that programs make themselves (`make-variable`),
//! and the module reflection that binds, unbinds and exports them.
//! (`variable?` is Mes's, in `scheme/guix0/mes.scm`.)

use std::cell::Cell;

use crate::module::Binding;
use crate::prims;
use crate::value::{Gc, Symbol, Value, Variable};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

fn variable(who: &str, v: Value) -> PResult<Gc<Variable>> {
    match v {
        Value::Variable(var) => Ok(var),
        other => Err(Throw::wrong_type(who, 1, "variable", other)),
    }
}

fn new_variable(vm: &mut Vm, value: Value) -> Value {
    Value::Variable(vm.heap.alloc(Variable { value: Cell::new(value), name: Symbol::EMPTY }))
}

fn make_variable(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(new_variable(vm, a[0]))
}

fn make_undefined_variable(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(new_variable(vm, Value::Undefined))
}

fn variable_ref(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let var = variable("variable-ref", a[0])?;
    match var.value.get() {
        Value::Undefined => Err(Throw::misc("variable-ref", "variable is unbound: ~S", vec![a[0]])),
        v => Ok(v),
    }
}

fn variable_set(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    variable("variable-set!", a[0])?.assign(a[1]);
    Ok(Value::Unspecified)
}

fn variable_unset(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    variable("variable-unset!", a[0])?.assign(Value::Undefined);
    Ok(Value::Unspecified)
}

fn variable_is_bound(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(!matches!(variable("variable-bound?", a[0])?.value.get(), Value::Undefined)))
}

/// `(module-set! module name value)`: assign a variable the module already
/// has (its own or imported), as `set!` there would.
fn module_set(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let module = vm.module_of_value(a[0])?;
    let name = super::expect_symbol("module-set!", 2, a[1])?;
    match module.lookup_local(name).or_else(|| vm.root_binding(name)) {
        Some(Binding::Var(var)) if !matches!(var.value.get(), Value::Undefined) => {
            var.assign(a[2]);
            Ok(Value::Unspecified)
        }
        _ => Err(vm.unbound_variable(name)),
    }
}

/// `(%module-own-variables module)`: (name . variable) for each variable
/// the module defines itself, in the order of definition (for
/// `module-for-each` and `module-map`).
fn module_own_variables(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let module = vm.module_of_value(a[0])?;
    let entries = module.own_variables();
    let pairs: Vec<Value> = entries.into_iter().map(|(n, v)| vm.cons(Value::Symbol(n), Value::Variable(v))).collect();
    Ok(vm.list(&pairs))
}

/// `(module-local-variable module name)`: the variable the module binds
/// `name` to itself (not imported), or #f.
fn module_local_variable(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let module = vm.module_of_value(a[0])?;
    let name = super::expect_symbol("module-local-variable", 2, a[1])?;
    let binding = module.table.borrow().get(&name).cloned();
    Ok(match binding {
        Some(Binding::Var(var)) => Value::Variable(var),
        _ => Value::FALSE,
    })
}

/// `(module-add! module name variable)`: bind `name` to that variable.
fn module_add(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let module = vm.module_of_value(a[0])?;
    let name = super::expect_symbol("module-add!", 2, a[1])?;
    let var = variable("module-add!", a[2]).map_err(|_| Throw::wrong_type("module-add!", 3, "variable", a[2]))?;
    module.bind_variable(name, var);
    Ok(Value::Unspecified)
}

fn module_remove(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let module = vm.module_of_value(a[0])?;
    let name = super::expect_symbol("module-remove!", 2, a[1])?;
    module.unbind(name);
    Ok(Value::Unspecified)
}

/// `(module-export! module names)`, as `export` does.
fn module_export(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let module = vm.module_of_value(a[0])?;
    for name in super::expect_list("module-export!", 2, a[1])? {
        let name = super::expect_symbol("module-export!", 2, name)?;
        vm.export_name(&module, name, name);
    }
    Ok(Value::Unspecified)
}

/// `(module-re-export! module names)`: export bindings the module imports.
fn module_re_export(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let module = vm.module_of_value(a[0])?;
    for name in super::expect_list("module-re-export!", 2, a[1])? {
        let name = super::expect_symbol("module-re-export!", 2, name)?;
        if !vm.re_export_name(&module, name, name) {
            return Err(vm.unbound_variable(name));
        }
    }
    Ok(Value::Unspecified)
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("make-variable", 1, Some(1), make_variable),
    ("make-undefined-variable", 0, Some(0), make_undefined_variable),
    ("variable-ref", 1, Some(1), variable_ref),
    ("variable-set!", 2, Some(2), variable_set),
    ("variable-unset!", 1, Some(1), variable_unset),
    ("variable-bound?", 1, Some(1), variable_is_bound),
    ("module-set!", 3, Some(3), module_set),
    ("%module-own-variables", 1, Some(1), module_own_variables),
    ("module-local-variable", 2, Some(2), module_local_variable),
    ("module-add!", 3, Some(3), module_add),
    ("module-remove!", 2, Some(2), module_remove),
    ("module-export!", 2, Some(2), module_export),
    ("module-re-export!", 2, Some(2), module_re_export),
];
