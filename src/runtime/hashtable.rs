//! Hash tables (Guile's `hash-ref` family, `hashq-`/`hashv-`, and the
//! SRFI-69 names). Entries keep insertion order, so iteration is
//! deterministic from run to run.

use std::cell::{Cell, RefCell};
use std::hash::Hasher;

use super::{expect_list, optional};
use crate::prims;
use crate::value::equality::{eq, equal, eqv, hash_equal, hash_eqv};
use crate::value::{Trace, Tracer, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum HashKind {
    Eq,
    Eqv,
    Equal,
}

pub struct HashTable {
    pub kind: HashKind,
    entries: RefCell<Vec<Option<Entry>>>,
    /// Each live entry's hash and position in `entries`: 16 bytes an
    /// entry, where a map from hash to a list of positions took about 100.
    index: RefCell<hashbrown::HashTable<(u64, usize)>>,
    live: Cell<usize>,
}

/// A key and its value. Once a program has asked for the entry's handle
/// (`hash-get-handle`, `hash-create-handle!`), the value lives in the
/// handle, a pair `(key . value)` shared with the program, so that
/// `set-cdr!` on it changes the table, as in Guile.
#[derive(Clone, Copy)]
struct Entry {
    key: Value,
    value: Value,
    in_handle: bool,
}

impl Entry {
    fn handle(&mut self, heap: &mut crate::value::Heap) -> Value {
        if !self.in_handle {
            self.value = Value::Pair(heap.alloc_pair(self.key, self.value));
            self.in_handle = true;
        }
        self.value
    }

    fn value(&self) -> Value {
        match self.value {
            Value::Pair(handle) if self.in_handle => handle.cdr(),
            v => v,
        }
    }

    fn set(&mut self, value: Value) {
        match self.value {
            Value::Pair(handle) if self.in_handle => handle.set_cdr(value),
            _ => self.value = value,
        }
    }
}

impl Trace for HashTable {
    fn trace(&self, t: &mut Tracer) {
        for e in self.entries.borrow().iter().flatten() {
            t.value(e.key);
            t.value(e.value);
        }
    }
}

fn hash_of(kind: HashKind, key: Value) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    match kind {
        HashKind::Eq | HashKind::Eqv => hash_eqv(key, &mut h),
        HashKind::Equal => hash_equal(key, &mut h, &mut 64),
    }
    h.finish()
}

fn same(kind: HashKind, a: Value, b: Value) -> bool {
    match kind {
        HashKind::Eq => eq(a, b),
        HashKind::Eqv => eqv(a, b),
        HashKind::Equal => equal(a, b),
    }
}

impl HashTable {
    pub fn new(kind: HashKind) -> HashTable {
        HashTable { kind, entries: RefCell::default(), index: RefCell::default(), live: Cell::new(0) }
    }
    pub fn len(&self) -> usize {
        self.live.get()
    }
    pub fn is_empty(&self) -> bool {
        self.live.get() == 0
    }
    pub fn capacity(&self) -> usize {
        self.entries.borrow().len().max(31)
    }

    /// The key's hash, and the position of its entry if it has one.
    fn locate(&self, kind: HashKind, key: Value) -> (u64, Option<usize>) {
        let h = hash_of(kind, key);
        let index = self.index.borrow();
        let entries = self.entries.borrow();
        let found = index
            .find(h, |&(entry_hash, i)| entry_hash == h && matches!(entries[i], Some(e) if same(kind, e.key, key)))
            .map(|&(_, i)| i);
        (h, found)
    }

    fn find(&self, kind: HashKind, key: Value) -> Option<usize> {
        self.locate(kind, key).1
    }

    pub fn get(&self, kind: HashKind, key: Value) -> Option<Value> {
        let i = self.find(kind, key)?;
        self.entries.borrow()[i].map(|e| e.value())
    }

    pub fn set(&self, kind: HashKind, key: Value, value: Value) {
        match self.locate(kind, key) {
            (_, Some(i)) => {
                if let Some(e) = &mut self.entries.borrow_mut()[i] {
                    e.set(value);
                }
            }
            (h, None) => self.push(h, Entry { key, value, in_handle: false }),
        }
    }

    /// Add an entry whose key hashes to `h`.
    fn push(&self, h: u64, entry: Entry) {
        let mut entries = self.entries.borrow_mut();
        entries.push(Some(entry));
        self.index.borrow_mut().insert_unique(h, (h, entries.len() - 1), |&(entry_hash, _)| entry_hash);
        self.live.set(self.live.get() + 1);
    }

    /// The entry's handle, made the home of its value on first request.
    pub fn handle(&self, kind: HashKind, key: Value, heap: &mut crate::value::Heap) -> Option<Value> {
        let i = self.find(kind, key)?;
        let mut entries = self.entries.borrow_mut();
        entries[i].as_mut().map(|e| e.handle(heap))
    }

    pub fn remove(&self, kind: HashKind, key: Value) -> Option<Value> {
        let (h, found) = self.locate(kind, key);
        let i = found?;
        let old = self.entries.borrow_mut()[i].take();
        if let Ok(slot) = self.index.borrow_mut().find_entry(h, |&(_, position)| position == i) {
            slot.remove();
        }
        self.live.set(self.live.get() - 1);
        // Compact when mostly tombstones.
        if self.entries.borrow().len() > 64 && self.live.get() * 4 < self.entries.borrow().len() {
            self.rebuild(kind);
        }
        old.map(|e| e.value())
    }

    fn rebuild(&self, kind: HashKind) {
        let live: Vec<Entry> = self.entries.borrow().iter().flatten().copied().collect();
        self.clear();
        for e in live {
            self.push(hash_of(kind, e.key), e);
        }
    }

    pub fn clear(&self) {
        self.entries.borrow_mut().clear();
        self.index.borrow_mut().clear();
        self.live.set(0);
    }

    /// Every entry's handle (see `handle`), in insertion order.
    fn handles(&self, heap: &mut crate::value::Heap) -> Vec<Value> {
        let mut entries = self.entries.borrow_mut();
        entries.iter_mut().flatten().map(|e| e.handle(heap)).collect()
    }

    pub fn entries(&self) -> Vec<(Value, Value)> {
        self.entries.borrow().iter().flatten().map(|e| (e.key, e.value())).collect()
    }
}

fn table(who: &str, v: Value) -> PResult<crate::value::Gc<HashTable>> {
    match v {
        Value::HashTable(h) => Ok(h),
        _ => Err(Throw::wrong_type(who, 1, "hash table", v)),
    }
}

fn new_table(vm: &mut Vm, kind: HashKind) -> Value {
    Value::HashTable(vm.heap.alloc(HashTable::new(kind)))
}

/// `(make-hash-table [size-or-equality])`: Guile's size argument, or an
/// SRFI-69 equality predicate choosing the table's kind.
fn make_hash_table(vm: &mut Vm, args: &[Value]) -> PResult<Value> {
    let kind = match args.first() {
        Some(Value::Prim(p)) => match p.name {
            "eq?" => HashKind::Eq,
            "eqv?" | "=" => HashKind::Eqv,
            _ => HashKind::Equal,
        },
        _ => HashKind::Equal,
    };
    Ok(new_table(vm, kind))
}

macro_rules! family {
    ($ref:ident, $set:ident, $remove:ident, $handle:ident, $kind:expr, $refname:expr, $setname:expr, $rmname:expr, $hname:expr) => {
        fn $ref(_: &mut Vm, args: &[Value]) -> PResult<Value> {
            let h = table($refname, args[0])?;
            Ok(h.get($kind, args[1]).unwrap_or_else(|| optional(args, 2).unwrap_or(Value::FALSE)))
        }
        fn $set(_: &mut Vm, args: &[Value]) -> PResult<Value> {
            table($setname, args[0])?.set($kind, args[1], args[2]);
            Ok(Value::Unspecified)
        }
        fn $remove(_: &mut Vm, args: &[Value]) -> PResult<Value> {
            Ok(table($rmname, args[0])?.remove($kind, args[1]).unwrap_or(Value::FALSE))
        }
        fn $handle(vm: &mut Vm, args: &[Value]) -> PResult<Value> {
            let h = table($hname, args[0])?;
            Ok(h.handle($kind, args[1], &mut vm.heap).unwrap_or(Value::FALSE))
        }
    };
}

family!(
    hash_ref,
    hash_set,
    hash_remove,
    hash_get_handle,
    HashKind::Equal,
    "hash-ref",
    "hash-set!",
    "hash-remove!",
    "hash-get-handle"
);
family!(
    hashq_ref,
    hashq_set,
    hashq_remove,
    hashq_get_handle,
    HashKind::Eq,
    "hashq-ref",
    "hashq-set!",
    "hashq-remove!",
    "hashq-get-handle"
);
family!(
    hashv_ref,
    hashv_set,
    hashv_remove,
    hashv_get_handle,
    HashKind::Eqv,
    "hashv-ref",
    "hashv-set!",
    "hashv-remove!",
    "hashv-get-handle"
);

/// SRFI-69 style access with the table's own equality.
fn table_ref(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    let h = table("hash-table-ref/default", args[0])?;
    Ok(h.get(h.kind, args[1]).unwrap_or_else(|| optional(args, 2).unwrap_or(Value::FALSE)))
}

fn table_set(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    let h = table("hash-table-set!", args[0])?;
    h.set(h.kind, args[1], args[2]);
    Ok(Value::Unspecified)
}

fn table_delete(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    let h = table("hash-table-delete!", args[0])?;
    h.remove(h.kind, args[1]);
    Ok(Value::Unspecified)
}

fn table_contains(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    let h = table("hash-table-contains?", args[0])?;
    Ok(Value::boolean(h.get(h.kind, args[1]).is_some()))
}

fn hash_count(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    Ok(Value::Int(table("hash-count", args[0])?.len() as i64))
}

fn hash_clear(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    table("hash-clear!", args[0])?.clear();
    Ok(Value::Unspecified)
}

/// `(%hash-table->alist table)`: the entries as an alist, in insertion order
/// (the higher-order `hash-fold`, `hash-for-each` ... are Scheme over this).
fn hash_to_alist(vm: &mut Vm, args: &[Value]) -> PResult<Value> {
    let entries = table("hash-table->alist", args[0])?.entries();
    let pairs: Vec<Value> = entries.into_iter().map(|(k, v)| vm.cons(k, v)).collect();
    Ok(vm.list(&pairs))
}

fn hash_table_handles(vm: &mut Vm, args: &[Value]) -> PResult<Value> {
    let handles = table("hash-for-each-handle", args[0])?.handles(&mut vm.heap);
    Ok(vm.list(&handles))
}

fn is_hash_table(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(args[0], Value::HashTable(_))))
}

fn alist_to_table(vm: &mut Vm, args: &[Value]) -> PResult<Value> {
    let kind = match args.get(1) {
        Some(Value::Prim(p)) if p.name == "eq?" => HashKind::Eq,
        Some(Value::Prim(p)) if p.name == "eqv?" => HashKind::Eqv,
        _ => HashKind::Equal,
    };
    let t = HashTable::new(kind);
    for pair in expect_list("alist->hash-table", 1, args[0])? {
        if let Value::Pair(p) = pair {
            if t.get(kind, p.car()).is_none() {
                t.set(kind, p.car(), p.cdr());
            }
        }
    }
    Ok(Value::HashTable(vm.heap.alloc(t)))
}

fn make_eqv_table(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(new_table(vm, HashKind::Eqv))
}

fn make_equal_table(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    Ok(new_table(vm, HashKind::Equal))
}

/// `(hash obj size)`, `(hashq obj size)`, `(hashv obj size)`: a number in
/// [0, size) that equal (resp. eq?, eqv?) objects share.
fn hash_into(kind: HashKind, who: &str, args: &[Value]) -> PResult<Value> {
    let size = match args.get(1) {
        Some(v) => super::expect_index(who, 2, *v)?,
        None => i64::MAX as usize,
    };
    if size == 0 {
        return Err(Throw::out_of_range(who, 2, args[1]));
    }
    Ok(Value::Int((hash_of(kind, args[0]) % size as u64) as i64))
}
fn hash_equal_prim(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    hash_into(HashKind::Equal, "hash", args)
}
fn hash_eq_prim(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    hash_into(HashKind::Eq, "hashq", args)
}
fn hash_eqv_prim(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    hash_into(HashKind::Eqv, "hashv", args)
}

/// `(object-address obj)`: a number that tells objects apart as `eq?`
/// does: a heap object's address, an immediate's hash.
fn object_address(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    Ok(Value::Int(match crate::value::equality::heap_addr(args[0]) {
        // User-space addresses are below 2^47.
        Some(address) => address as i64,
        None => (hash_of(HashKind::Eq, args[0]) >> 2) as i64,
    }))
}

fn symbol_hash(_: &mut Vm, args: &[Value]) -> PResult<Value> {
    super::expect_symbol("symbol-hash", 1, args[0])?;
    Ok(Value::Int((hash_of(HashKind::Equal, args[0]) >> 2) as i64))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("object-address", 1, Some(1), object_address),
    ("symbol-hash", 1, Some(1), symbol_hash),
    ("hash", 1, Some(2), hash_equal_prim),
    ("hashq", 1, Some(2), hash_eq_prim),
    ("hashv", 1, Some(2), hash_eqv_prim),
    ("make-hash-table", 0, Some(2), make_hash_table),
    ("make-strong-eqv-hash-table", 0, Some(1), make_eqv_table),
    ("make-weak-key-hash-table", 0, Some(1), make_equal_table),
    ("make-weak-value-hash-table", 0, Some(1), make_equal_table),
    ("hash-table?", 1, Some(1), is_hash_table),
    ("%hash-table-handles", 1, Some(1), hash_table_handles),
    ("hash-ref", 2, Some(3), hash_ref),
    ("hash-set!", 3, Some(3), hash_set),
    ("hash-remove!", 2, Some(2), hash_remove),
    ("hash-get-handle", 2, Some(2), hash_get_handle),
    ("hashq-ref", 2, Some(3), hashq_ref),
    ("hashq-set!", 3, Some(3), hashq_set),
    ("hashq-remove!", 2, Some(2), hashq_remove),
    ("hashq-get-handle", 2, Some(2), hashq_get_handle),
    ("hashv-ref", 2, Some(3), hashv_ref),
    ("hashv-set!", 3, Some(3), hashv_set),
    ("hashv-remove!", 2, Some(2), hashv_remove),
    ("hashv-get-handle", 2, Some(2), hashv_get_handle),
    ("hash-table-ref/default", 3, Some(3), table_ref),
    ("hash-table-set!", 3, Some(3), table_set),
    ("hash-table-delete!", 2, Some(2), table_delete),
    ("hash-table-contains?", 2, Some(2), table_contains),
    ("hash-table-exists?", 2, Some(2), table_contains),
    ("hash-table-count", 1, Some(1), hash_count),
    ("hash-table-size", 1, Some(1), hash_count),
    ("hash-clear!", 1, Some(1), hash_clear),
    ("hash-table-clear!", 1, Some(1), hash_clear),
    ("hash-table->alist", 1, Some(1), hash_to_alist),
    ("alist->hash-table", 1, Some(3), alist_to_table),
];
