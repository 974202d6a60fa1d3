//! `eq?`, `eqv?`, `equal?` and the matching hash functions.

use std::hash::{Hash, Hasher};

use super::{Gc, Value};

#[inline]
pub fn eq(a: Value, b: Value) -> bool {
    use Value::*;
    if std::mem::discriminant(&a) != std::mem::discriminant(&b) {
        return false;
    }
    match (a, b) {
        (Bool(x), Bool(y)) => x == y,
        (Int(x), Int(y)) => x == y,
        (Float(x), Float(y)) => x.to_bits() == y.to_bits(),
        (Char(x), Char(y)) => x == y,
        (Symbol(x), Symbol(y)) | (Keyword(x), Keyword(y)) => x == y,
        (Prim(x), Prim(y)) => std::ptr::eq(x, y),
        // Same kind: the same heap object, or both the one empty list,
        // unspecified value, ... (no address).
        _ => heap_addr(a) == heap_addr(b),
    }
}

/// The address of a heap object, or None for immediates.
#[inline]
pub fn heap_addr(v: Value) -> Option<usize> {
    use Value::*;
    Some(match v {
        Pair(g) => g.addr(),
        Str(g) => g.addr(),
        Vector(g) => g.addr(),
        Bytevector(g) => g.addr(),
        Big(g) => g.addr(),
        Rat(g) => g.addr(),
        Closure(g) => g.addr(),
        Code(g) => g.addr(),
        Variable(g) => g.addr(),
        Values(g) => g.addr(),
        Record(g) => g.addr(),
        RecordType(g) => g.addr(),
        HashTable(g) => g.addr(),
        Port(g) => g.addr(),
        Promise(g) => g.addr(),
        Parameter(g) => g.addr(),
        Continuation(g) => g.addr(),
        Condition(g) => g.addr(),
        Opaque(g) => g.addr(),
        _ => return None,
    })
}

pub fn eqv(a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Big(x), Value::Big(y)) => *x == *y,
        (Value::Rat(x), Value::Rat(y)) => *x == *y,
        _ => eq(a, b),
    }
}

pub fn equal(a: Value, b: Value) -> bool {
    // Only cars that are themselves compound wait here: comparing a list
    // of atoms (the common case) allocates nothing.
    let mut pending = Vec::new();
    let mut cycles = CycleCheck::default();
    let (mut x, mut y) = (a, b);
    loop {
        loop {
            match (x, y) {
                (Value::Pair(p), Value::Pair(q)) => {
                    if Gc::ptr_eq(p, q) || cycles.already_compared(p.addr(), q.addr()) {
                        break;
                    }
                    let (a, b) = (p.car(), q.car());
                    if is_compound(a) && is_compound(b) {
                        pending.push((a, b));
                    } else if !eqv(a, b) {
                        return false;
                    }
                    x = p.cdr();
                    y = q.cdr();
                }
                (Value::Str(s), Value::Str(t)) => {
                    if *s.borrow() != *t.borrow() {
                        return false;
                    }
                    break;
                }
                (Value::Vector(v), Value::Vector(w)) => {
                    if cycles.already_compared(v.addr(), w.addr()) {
                        break;
                    }
                    let (v, w) = (v.items.borrow(), w.items.borrow());
                    if v.len() != w.len() {
                        return false;
                    }
                    pending.extend(v.iter().copied().zip(w.iter().copied()));
                    break;
                }
                (Value::Bytevector(v), Value::Bytevector(w)) => {
                    if *v.bytes.borrow() != *w.bytes.borrow() {
                        return false;
                    }
                    break;
                }
                (Value::Record(r), Value::Record(s)) if !Gc::ptr_eq(r, s) => {
                    if cycles.already_compared(r.addr(), s.addr()) {
                        break;
                    }
                    if !Gc::ptr_eq(r.rtype, s.rtype) {
                        return false;
                    }
                    pending.extend(r.fields.iter().map(|f| f.get()).zip(s.fields.iter().map(|f| f.get())));
                    break;
                }
                _ => {
                    if !eqv(x, y) {
                        return false;
                    }
                    break;
                }
            }
        }
        match pending.pop() {
            Some((a, b)) => (x, y) = (a, b),
            None => return true,
        }
    }
}

/// Data that loops back on itself (a circular list, a vector holding
/// itself) would keep `equal?` going for ever. R7RS asks it to end, so
/// after many objects compared it starts merging each pair of objects it
/// compares into one class (union-find, after Adams and Dybvig): a pair met
/// again is taken as equal, the answer being false only if some
/// difference shows.
#[derive(Default)]
struct CycleCheck {
    compared: usize,
    /// Each object's parent in its class, once counting is over.
    classes: Option<rustc_hash::FxHashMap<usize, usize>>,
}

/// Objects compared before `CycleCheck` starts remembering them: more than
/// any acyclic datum of ordinary size, so those cost nothing extra.
const CYCLE_CHECK_AFTER: usize = 100_000;

impl CycleCheck {
    /// Whether the objects at `a` and `b` (pairs, vectors or records) were
    /// already put in one class; if not, they are now.
    #[inline]
    fn already_compared(&mut self, a: usize, b: usize) -> bool {
        let Some(classes) = &mut self.classes else {
            self.compared += 1;
            if self.compared > CYCLE_CHECK_AFTER {
                self.classes = Some(Default::default());
            }
            return false;
        };
        let (ra, rb) = (root(classes, a), root(classes, b));
        if ra == rb {
            return true;
        }
        classes.insert(ra, rb);
        false
    }
}

/// The representative of `x`'s class, halving the path on the way.
fn root(classes: &mut rustc_hash::FxHashMap<usize, usize>, mut x: usize) -> usize {
    while let Some(&parent) = classes.get(&x) {
        let grandparent = classes.get(&parent).copied().unwrap_or(parent);
        classes.insert(x, grandparent);
        if parent == x {
            break;
        }
        x = parent;
    }
    x
}

/// Whether `equal?` looks inside `v` rather than comparing it with `eqv?`.
fn is_compound(v: Value) -> bool {
    matches!(v, Value::Pair(_) | Value::Str(_) | Value::Vector(_) | Value::Bytevector(_) | Value::Record(_))
}

/// Hash consistent with `eqv?` (and so with `eq?`).
pub fn hash_eqv<H: Hasher>(v: Value, h: &mut H) {
    match v {
        Value::Int(i) => i.hash(h),
        Value::Float(f) => f.to_bits().hash(h),
        Value::Char(c) => c.hash(h),
        Value::Symbol(s) => s.hash(h),
        Value::Keyword(k) => (1u8, k).hash(h),
        Value::Bool(b) => b.hash(h),
        Value::Big(b) => b.hash(h),
        Value::Rat(r) => r.hash(h),
        Value::Prim(p) => (p as *const _ as usize).hash(h),
        other => match heap_addr(other) {
            Some(a) => a.hash(h),
            None => std::mem::discriminant(&other).hash(h),
        },
    }
}

/// Hash consistent with `equal?` (bounded work on large structures).
pub fn hash_equal<H: Hasher>(v: Value, h: &mut H, budget: &mut usize) {
    if *budget == 0 {
        return;
    }
    *budget -= 1;
    match v {
        Value::Pair(p) => {
            hash_equal(p.car(), h, budget);
            hash_equal(p.cdr(), h, budget);
        }
        Value::Str(s) => s.borrow().hash(h),
        Value::Vector(vec) => {
            for x in vec.items.borrow().iter() {
                hash_equal(*x, h, budget);
            }
        }
        Value::Bytevector(b) => b.bytes.borrow().hash(h),
        Value::Record(r) => {
            for f in r.fields.iter() {
                hash_equal(f.get(), h, budget);
            }
        }
        other => hash_eqv(other, h),
    }
}
