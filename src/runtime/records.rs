//! Record types and records (the machinery under SRFI-9 `define-record-type`).

use std::cell::Cell;

use super::{expect_index, expect_list, expect_symbol};
use crate::prims;
use crate::value::{Gc, Record, RecordType, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

/// `(make-record-type name fields)`.
fn make_record_type(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let name = match a[0] {
        Value::Symbol(s) => s,
        Value::Str(s) => crate::value::Symbol::intern(&s.borrow()),
        v => return Err(Throw::wrong_type("make-record-type", 1, "symbol", v)),
    };
    let fields = expect_list("make-record-type", 2, a[1])?
        .into_iter()
        .map(|f| match f {
            // Guile accepts (mutable name) / (immutable name) field specs.
            Value::Pair(p) => expect_symbol("make-record-type", 2, p.cdr().car().unwrap_or(p.car())),
            other => expect_symbol("make-record-type", 2, other),
        })
        .collect::<PResult<Vec<_>>>()?;
    let t = RecordType {
        name: Cell::new(name),
        fields,
        printer: Cell::new(Value::FALSE),
        properties: Cell::new(Value::Null),
    };
    Ok(Value::RecordType(vm.heap.alloc(t)))
}

fn rtype(who: &str, v: Value) -> PResult<Gc<RecordType>> {
    match v {
        Value::RecordType(t) => Ok(t),
        _ => Err(Throw::wrong_type(who, 1, "record type", v)),
    }
}

/// `(%make-record type field-values...)`.
fn make_record(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let t = rtype("make-record", a[0])?;
    let values = &a[1..];
    if values.len() != t.fields.len() {
        return Err(Throw::misc(
            "make-record",
            format!("record type {} has {} fields, got {} values", t.name.get(), t.fields.len(), values.len()),
            vec![],
        ));
    }
    let fields = values.iter().map(|v| Cell::new(*v)).collect();
    Ok(Value::Record(vm.heap.alloc(Record { rtype: t, fields })))
}

fn record_of_type(who: &str, t: Value, r: Value) -> PResult<Gc<Record>> {
    let t = rtype(who, t)?;
    match r {
        Value::Record(rec) if Gc::ptr_eq(rec.rtype, t) => Ok(rec),
        _ => Err(Throw::wrong_type(who, 1, &format!("record of type {}", t.name.get()), r)),
    }
}

/// `(%record-ref type record index who)`.
fn record_ref(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    if let (Value::RecordType(t), Value::Record(r), Value::Int(k)) = (a[0], a[1], a[2]) {
        if let Some(field) = usize::try_from(k).ok().and_then(|k| r.fields.get(k)).filter(|_| Gc::ptr_eq(r.rtype, t)) {
            return Ok(field.get());
        }
    }
    // The error path: name the accessor.
    let who = super::text_of("record-ref", 4, a[3]).unwrap_or_else(|_| "record-ref".into());
    let rec = record_of_type(&who, a[0], a[1])?;
    let k = expect_index(&who, 2, a[2])?;
    rec.fields.get(k).map(|c| c.get()).ok_or_else(|| Throw::out_of_range(&who, 2, a[2]))
}

/// `(%record-set! type record index value who)`.
fn record_set(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    if let (Value::RecordType(t), Value::Record(r), Value::Int(k)) = (a[0], a[1], a[2]) {
        if let Some(field) = usize::try_from(k).ok().and_then(|k| r.fields.get(k)).filter(|_| Gc::ptr_eq(r.rtype, t)) {
            field.set(a[3]);
            return Ok(Value::Unspecified);
        }
    }
    let who = super::text_of("record-set!", 5, a[4]).unwrap_or_else(|_| "record-set!".into());
    let rec = record_of_type(&who, a[0], a[1])?;
    let k = expect_index(&who, 2, a[2])?;
    rec.fields.get(k).map(|c| c.set(a[3])).ok_or_else(|| Throw::out_of_range(&who, 2, a[2]))?;
    Ok(Value::Unspecified)
}

/// `(%record-is-a? type value)`.
fn record_is_a(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let t = rtype("record predicate", a[0])?;
    Ok(Value::boolean(matches!(a[1], Value::Record(r) if Gc::ptr_eq(r.rtype, t))))
}

/// `(%record-copy record)`: a fresh record with the same fields.
fn record_copy(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let Value::Record(r) = a[0] else { return Err(Throw::wrong_type("%record-copy", 1, "record", a[0])) };
    let fields = r.fields.iter().map(|c| Cell::new(c.get())).collect();
    Ok(Value::Record(vm.heap.alloc(Record { rtype: r.rtype, fields })))
}

/// Guile's struct procedures over records, as Guix's `define-record-type*`
/// uses them: a record is a struct whose vtable is its type, and a type's
/// first user field (`vtable-offset-user`) is its name.
const VTABLE_OFFSET_USER: i64 = 8;

fn struct_vtable(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    match a[0] {
        Value::Record(r) => Ok(Value::RecordType(r.rtype)),
        v => Err(Throw::wrong_type("struct-vtable", 1, "struct", v)),
    }
}

fn struct_ref(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    match (a[0], a[1]) {
        (Value::Record(r), _) => {
            let k = expect_index("struct-ref", 2, a[1])?;
            r.fields.get(k).map(Cell::get).ok_or_else(|| Throw::out_of_range("struct-ref", 2, a[1]))
        }
        (Value::RecordType(t), Value::Int(VTABLE_OFFSET_USER)) => Ok(Value::Symbol(t.name.get())),
        (Value::RecordType(_), _) => Err(Throw::out_of_range("struct-ref", 2, a[1])),
        (v, _) => Err(Throw::wrong_type("struct-ref", 1, "struct", v)),
    }
}

fn struct_set(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    match (a[0], a[1]) {
        (Value::Record(r), _) => {
            let k = expect_index("struct-set!", 2, a[1])?;
            r.fields.get(k).map(|c| c.set(a[2])).ok_or_else(|| Throw::out_of_range("struct-set!", 2, a[1]))?;
        }
        (Value::RecordType(t), Value::Int(VTABLE_OFFSET_USER)) => t.name.set(expect_symbol("struct-set!", 3, a[2])?),
        (Value::RecordType(_), _) => return Err(Throw::out_of_range("struct-set!", 2, a[1])),
        (v, _) => return Err(Throw::wrong_type("struct-set!", 1, "struct", v)),
    }
    Ok(Value::Unspecified)
}

/// The name of a struct type as such, which a record type does not show:
/// as in Guile, it changes neither `record-type-name` nor printing.
fn set_struct_vtable_name(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    rtype("set-struct-vtable-name!", a[0])?;
    expect_symbol("set-struct-vtable-name!", 2, a[1])?;
    Ok(Value::Unspecified)
}

fn is_record_type(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::RecordType(_))))
}

fn is_record(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Record(_))))
}

fn record_type_descriptor(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    match a[0] {
        Value::Record(r) => Ok(Value::RecordType(r.rtype)),
        v => Err(Throw::wrong_type("record-type-descriptor", 1, "record", v)),
    }
}

fn record_type_name(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Symbol(rtype("record-type-name", a[0])?.name.get()))
}

fn record_type_fields(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let fields: Vec<Value> = rtype("record-type-fields", a[0])?.fields.iter().map(|f| Value::Symbol(*f)).collect();
    Ok(vm.list(&fields))
}

fn set_record_type_printer(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    rtype("set-record-type-printer!", a[0])?.printer.set(a[1]);
    Ok(Value::Unspecified)
}

fn record_type_properties(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(rtype("%record-type-properties", a[0])?.properties.get())
}

fn set_record_type_properties(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    rtype("%set-record-type-properties!", a[0])?.properties.set(a[1]);
    Ok(Value::Unspecified)
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("make-record-type", 2, Some(3), make_record_type),
    ("%make-record", 1, None, make_record),
    ("%record-ref", 4, Some(4), record_ref),
    ("%record-set!", 5, Some(5), record_set),
    ("%record-is-a?", 2, Some(2), record_is_a),
    ("%record-copy", 1, Some(1), record_copy),
    ("record?", 1, Some(1), is_record),
    ("struct-vtable", 1, Some(1), struct_vtable),
    ("struct-ref", 2, Some(2), struct_ref),
    ("struct-set!", 3, Some(3), struct_set),
    ("set-struct-vtable-name!", 2, Some(2), set_struct_vtable_name),
    ("make-struct/no-tail", 1, None, make_record),
    ("struct-vtable?", 1, Some(1), is_record_type),
    ("record-type?", 1, Some(1), is_record_type),
    ("record-type-descriptor", 1, Some(1), record_type_descriptor),
    ("record-type-name", 1, Some(1), record_type_name),
    ("record-type-fields", 1, Some(1), record_type_fields),
    ("set-record-type-printer!", 2, Some(2), set_record_type_printer),
    ("%record-type-properties", 1, Some(1), record_type_properties),
    ("%set-record-type-properties!", 2, Some(2), set_record_type_properties),
];
