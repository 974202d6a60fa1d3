//! Pairs and lists.

use super::{expect_index, expect_length, expect_list};
use crate::prims;
use crate::value::equality::{eq, equal, eqv};
use crate::value::{EqProbe, Pair, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

fn pair(who: &str, v: Value) -> PResult<crate::value::Gc<crate::value::Pair>> {
    v.as_pair().ok_or_else(|| Throw::wrong_type(who, 1, "pair", v))
}

fn cons(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(vm.cons(a[0], a[1]))
}
fn car(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(pair("car", a[0])?.car())
}
fn cdr(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(pair("cdr", a[0])?.cdr())
}
fn set_car(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    pair("set-car!", a[0])?.set_car(a[1]);
    Ok(Value::Unspecified)
}
fn set_cdr(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    pair("set-cdr!", a[0])?.set_cdr(a[1]);
    Ok(Value::Unspecified)
}

/// `c[ad]+r` by its path, applied right to left.
fn cxr(name: &'static str, v: Value) -> PResult<Value> {
    let path = &name[1..name.len() - 1];
    let mut x = v;
    for op in path.chars().rev() {
        let p = x.as_pair().ok_or_else(|| Throw::wrong_type(name, 1, "pair", v))?;
        x = if op == 'a' { p.car() } else { p.cdr() };
    }
    Ok(x)
}

macro_rules! cxrs {
    ($($f:ident = $name:expr),*) => {
        $(fn $f(_: &mut Vm, a: &[Value]) -> PResult<Value> { cxr($name, a[0]) })*
    };
}
cxrs!(
    caar = "caar",
    cadr = "cadr",
    cdar = "cdar",
    cddr = "cddr",
    caaar = "caaar",
    caadr = "caadr",
    cadar = "cadar",
    caddr = "caddr",
    cdaar = "cdaar",
    cdadr = "cdadr",
    cddar = "cddar",
    cdddr = "cdddr",
    cadddr = "cadddr",
    cddddr = "cddddr"
);

fn list(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(vm.list(a))
}

/// `(cons* a b ... tail)`.
fn cons_star(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let (tail, items) = a.split_last().map(|(t, i)| (*t, i)).unwrap_or((Value::Null, &[]));
    Ok(vm.list_with_tail(items, tail))
}

fn length(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    match a[0].list_length() {
        Some(n) => Ok(Value::Int(n as i64)),
        None => Err(Throw::wrong_type("length", 1, "list", a[0])),
    }
}

fn is_list(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(a[0].list_length().is_some()))
}

fn append(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let Some((&last, init)) = a.split_last() else { return Ok(Value::Null) };
    let mut acc = last;
    for (i, l) in init.iter().enumerate().rev() {
        let items = expect_list("append", i + 1, *l)?;
        acc = vm.list_with_tail(&items, acc);
    }
    Ok(acc)
}

fn append_bang(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let mut result = Value::Null;
    let mut last_pair: Option<crate::value::Gc<crate::value::Pair>> = None;
    for (i, &l) in a.iter().enumerate() {
        if l.is_null() {
            continue;
        }
        match last_pair {
            Some(p) => p.set_cdr(l),
            None => result = l,
        }
        let mut x = l;
        let mut circularity = crate::value::Circularity::new(x);
        while let Value::Pair(p) = x {
            last_pair = Some(p);
            x = p.cdr();
            if circularity.looped_at(x) {
                return Err(Throw::wrong_type("append!", i + 1, "list", l));
            }
        }
    }
    let _ = vm;
    Ok(result)
}

fn reverse(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let mut acc = Value::Null;
    let mut rest = a[0];
    let mut circularity = crate::value::Circularity::new(rest);
    while let Value::Pair(p) = rest {
        acc = vm.cons(p.car(), acc);
        rest = p.cdr();
        if circularity.looped_at(rest) {
            break;
        }
    }
    if !rest.is_null() {
        return Err(Throw::wrong_type("reverse", 1, "list", a[0]));
    }
    Ok(acc)
}

fn reverse_bang(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let mut acc = a.get(1).copied().unwrap_or(Value::Null);
    let mut rest = a[0];
    while let Value::Pair(p) = rest {
        let next = p.cdr();
        p.set_cdr(acc);
        acc = Value::Pair(p);
        rest = next;
    }
    Ok(acc)
}

fn list_tail(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let k = expect_index("list-tail", 2, a[1])?;
    let mut x = a[0];
    for _ in 0..k {
        x = x.cdr().ok_or_else(|| Throw::out_of_range("list-tail", 2, a[1]))?;
    }
    Ok(x)
}

fn list_ref(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let k = expect_index("list-ref", 2, a[1])?;
    let mut x = a[0];
    for _ in 0..k {
        x = x.cdr().ok_or_else(|| Throw::out_of_range("list-ref", 2, a[1]))?;
    }
    x.car().ok_or_else(|| Throw::out_of_range("list-ref", 2, a[1]))
}

fn list_head(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let k = expect_index("list-head", 2, a[1])?;
    let mut items = Vec::new();
    let mut x = a[0];
    for _ in 0..k {
        let p = x.as_pair().ok_or_else(|| Throw::out_of_range("list-head", 2, a[1]))?;
        items.push(p.car());
        x = p.cdr();
    }
    Ok(vm.list(&items))
}

fn list_copy(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let mut items = Vec::new();
    let mut x = a[0];
    let mut circularity = crate::value::Circularity::new(x);
    while let Value::Pair(p) = x {
        items.push(p.car());
        x = p.cdr();
        if circularity.looped_at(x) {
            return Err(Throw::wrong_type("list-copy", 1, "list", a[0]));
        }
    }
    Ok(vm.list_with_tail(&items, x))
}

fn last_pair(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let mut x = a[0];
    let mut circularity = crate::value::Circularity::new(x);
    while let Value::Pair(p) = x {
        match p.cdr() {
            Value::Pair(_) => x = p.cdr(),
            _ => return Ok(x),
        }
        if circularity.looped_at(x) {
            return Err(Throw::wrong_type("last-pair", 1, "list", a[0]));
        }
    }
    Ok(x)
}

/// The first tail of `a[1]` whose car passes `same` (`memq` and company),
/// or #f; a circular list without it is an error rather than a walk
/// without end.
fn member_by(who: &str, a: &[Value], same: impl Fn(&Pair) -> bool) -> PResult<Value> {
    let mut x = a[1];
    let mut circularity = crate::value::Circularity::new(x);
    while let Value::Pair(p) = x {
        if same(&p) {
            return Ok(x);
        }
        x = p.cdr();
        if circularity.looped_at(x) {
            return Err(Throw::wrong_type(who, 2, "list", a[1]));
        }
    }
    Ok(Value::FALSE)
}

/// The first entry of `alist` whose car passes `same`, or #f.
fn assoc_by(alist: Value, same: impl Fn(&Pair) -> bool) -> Value {
    let mut x = alist.as_pair();
    while let Some(p) = x {
        if let Some(entry) = p.car_pair() {
            if same(&entry) {
                return Value::Pair(entry);
            }
        }
        x = p.cdr_pair();
    }
    Value::FALSE
}

/// A test of a car against `key` by `eqv?`, which is `eq?` but on
/// bignums and fractions.
fn eqv_test(key: Value) -> impl Fn(&Pair) -> bool {
    let probe = (!matches!(key, Value::Big(_) | Value::Rat(_))).then(|| EqProbe::new(key));
    move |p: &Pair| match &probe {
        Some(probe) => p.car_is(probe),
        None => eqv(key, p.car()),
    }
}

fn memq(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let probe = EqProbe::new(a[0]);
    member_by("memq", a, |p| p.car_is(&probe))
}
fn memv(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    member_by("memv", a, eqv_test(a[0]))
}
fn member2(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    member_by("member", a, |p| equal(a[0], p.car()))
}
fn assq_in(key: Value, alist: Value) -> Value {
    let probe = EqProbe::new(key);
    assoc_by(alist, |entry| entry.car_is(&probe))
}
fn assv_in(key: Value, alist: Value) -> Value {
    assoc_by(alist, eqv_test(key))
}
fn assoc_in(key: Value, alist: Value) -> Value {
    assoc_by(alist, |entry| equal(key, entry.car()))
}
fn assq(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(assq_in(a[0], a[1]))
}
fn assv(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(assv_in(a[0], a[1]))
}
fn assoc2(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(assoc_in(a[0], a[1]))
}

/// An entry's value, or #f for no entry.
fn entry_value(entry: Value) -> Value {
    entry.cdr().unwrap_or(Value::FALSE)
}
fn assq_ref(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(entry_value(assq_in(a[1], a[0])))
}
fn assv_ref(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(entry_value(assv_in(a[1], a[0])))
}
fn assoc_ref(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(entry_value(assoc_in(a[1], a[0])))
}

fn acons(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let entry = vm.cons(a[0], a[1]);
    Ok(vm.cons(entry, a[2]))
}

fn delete_by(vm: &mut Vm, who: &str, a: &[Value], same: fn(Value, Value) -> bool) -> PResult<Value> {
    let mut items = Vec::new();
    let mut x = a[1];
    let mut circularity = crate::value::Circularity::new(x);
    while let Value::Pair(p) = x {
        if !same(a[0], p.car()) {
            items.push(p.car());
        }
        x = p.cdr();
        if circularity.looped_at(x) {
            return Err(Throw::wrong_type(who, 2, "list", a[1]));
        }
    }
    Ok(vm.list(&items))
}
fn delq(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    delete_by(vm, "delq", a, eq)
}
fn delv(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    delete_by(vm, "delv", a, eqv)
}
fn delete2(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    delete_by(vm, "delete", a, equal)
}

fn is_pair(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Pair(_))))
}
fn is_null(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(a[0].is_null()))
}

fn make_list(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let n = expect_length("make-list", 1, a[0], std::mem::size_of::<Value>() * 3)?;
    let fill = a.get(1).copied().unwrap_or(Value::Unspecified);
    let mut list = Value::Null;
    for _ in 0..n {
        list = vm.cons(fill, list);
    }
    Ok(list)
}

/// `(iota count [start [step]])`.
fn iota(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    // A negative count gives the empty list, as in Mes.
    let n = match a[0] {
        Value::Int(i) if i < 0 => 0,
        v => expect_length("iota", 1, v, std::mem::size_of::<Value>() * 3)?,
    };
    let start = a.get(1).copied().unwrap_or(Value::Int(0));
    let step = a.get(2).copied().unwrap_or(Value::Int(1));
    // start + i * step, as SRFI-1 and Guile compute it (so a flonum step
    // makes every element a flonum, the first too).
    let mut items = Vec::new();
    for i in 0..n {
        let offset = crate::number::mul(&mut vm.heap, Value::Int(i as i64), step)
            .map_err(|_| Throw::wrong_type("iota", 3, "number", step))?;
        let x = crate::number::add(&mut vm.heap, start, offset)
            .map_err(|_| Throw::wrong_type("iota", 2, "number", start))?;
        items.push(x);
    }
    Ok(vm.list(&items))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("cons", 2, Some(2), cons),
    ("car", 1, Some(1), car),
    ("cdr", 1, Some(1), cdr),
    ("set-car!", 2, Some(2), set_car),
    ("set-cdr!", 2, Some(2), set_cdr),
    ("caar", 1, Some(1), caar),
    ("cadr", 1, Some(1), cadr),
    ("cdar", 1, Some(1), cdar),
    ("cddr", 1, Some(1), cddr),
    ("caaar", 1, Some(1), caaar),
    ("caadr", 1, Some(1), caadr),
    ("cadar", 1, Some(1), cadar),
    ("caddr", 1, Some(1), caddr),
    ("cdaar", 1, Some(1), cdaar),
    ("cdadr", 1, Some(1), cdadr),
    ("cddar", 1, Some(1), cddar),
    ("cdddr", 1, Some(1), cdddr),
    ("cadddr", 1, Some(1), cadddr),
    ("cddddr", 1, Some(1), cddddr),
    ("list", 0, None, list),
    ("cons*", 1, None, cons_star),
    ("length", 1, Some(1), length),
    ("list?", 1, Some(1), is_list),
    ("pair?", 1, Some(1), is_pair),
    ("null?", 1, Some(1), is_null),
    ("append", 0, None, append),
    ("append!", 0, None, append_bang),
    ("reverse", 1, Some(1), reverse),
    ("reverse!", 1, Some(2), reverse_bang),
    ("list-tail", 2, Some(2), list_tail),
    ("list-ref", 2, Some(2), list_ref),
    ("list-head", 2, Some(2), list_head),
    ("list-copy", 1, Some(1), list_copy),
    ("last-pair", 1, Some(1), last_pair),
    ("memq", 2, Some(2), memq),
    ("memv", 2, Some(2), memv),
    ("%member", 2, Some(2), member2),
    ("assq", 2, Some(2), assq),
    ("assv", 2, Some(2), assv),
    ("%assoc", 2, Some(2), assoc2),
    ("assq-ref", 2, Some(2), assq_ref),
    ("assv-ref", 2, Some(2), assv_ref),
    ("assoc-ref", 2, Some(2), assoc_ref),
    ("acons", 3, Some(3), acons),
    ("delq", 2, Some(2), delq),
    ("delv", 2, Some(2), delv),
    ("%delete", 2, Some(2), delete2),
    ("make-list", 1, Some(2), make_list),
    ("iota", 1, Some(3), iota),
];
