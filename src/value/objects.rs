//! Heap object types other than numbers and compiled code.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use compact_str::CompactString;

use super::{packed, pair_pool, Gc, Symbol, Trace, Tracer, Value};
use crate::vm::code::Code;

/// A pair: two packed values (`packed.rs`), 16 bytes.
pub struct Pair {
    car: Cell<u64>,
    cdr: Cell<u64>,
}

impl Pair {
    /// A pair of the packed words `car` and `cdr` (`PairPool::alloc`).
    pub(super) fn from_words(car: u64, cdr: u64) -> Pair {
        Pair { car: Cell::new(car), cdr: Cell::new(cdr) }
    }
    #[inline]
    pub fn car(&self) -> Value {
        packed::unpack(self.car.get())
    }
    #[inline]
    pub fn cdr(&self) -> Value {
        packed::unpack(self.cdr.get())
    }
    /// The car, if it is a pair (quicker than matching on `car()`).
    #[inline]
    pub fn car_pair(&self) -> Option<Gc<Pair>> {
        packed::as_pair(self.car.get())
    }
    /// The cdr, if it is a pair (quicker than matching on `cdr()`).
    #[inline]
    pub fn cdr_pair(&self) -> Option<Gc<Pair>> {
        packed::as_pair(self.cdr.get())
    }
    /// Whether the car is `eq?` to the probe's value.
    #[inline]
    pub fn car_is(&self, probe: &packed::EqProbe) -> bool {
        probe.matches(self.car.get())
    }
    pub fn set_car(&self, v: Value) {
        packed::release(self.car.replace(packed::pack(v, || pair_pool::note_boxed(self))));
    }
    pub fn set_cdr(&self, v: Value) {
        packed::release(self.cdr.replace(packed::pack(v, || pair_pool::note_boxed(self))));
    }
    /// Free the boxes the pair holds (it is dead, or the heap is going).
    pub(super) fn release(&self) {
        packed::release(self.car.get());
        packed::release(self.cdr.get());
    }
}

impl Trace for Pair {
    fn trace(&self, t: &mut Tracer) {
        t.value(self.car());
        t.value(self.cdr());
    }
}

/// A mutable Unicode string. `string-ref` is O(1) while the text is ASCII
/// (the common case); other strings index by walking characters. Text of
/// up to 24 bytes (names, versions, hashes) is kept in the object itself.
pub struct SString {
    text: RefCell<CompactString>,
    ascii: Cell<bool>,
}

impl SString {
    pub fn new(text: String) -> SString {
        let ascii = text.is_ascii();
        SString { text: RefCell::new(CompactString::from(text)), ascii: Cell::new(ascii) }
    }
    pub fn borrow(&self) -> std::cell::Ref<'_, str> {
        std::cell::Ref::map(self.text.borrow(), |t| t.as_str())
    }
    pub fn char_len(&self) -> usize {
        if self.ascii.get() {
            self.text.borrow().len()
        } else {
            self.text.borrow().chars().count()
        }
    }
    pub fn char_at(&self, k: usize) -> Option<char> {
        let text = self.text.borrow();
        if self.ascii.get() {
            text.as_bytes().get(k).map(|&b| b as char)
        } else {
            text.chars().nth(k)
        }
    }
    /// Byte offset of character index `k` (k may equal the length).
    pub fn byte_offset(&self, k: usize) -> Option<usize> {
        let text = self.text.borrow();
        if self.ascii.get() {
            return (k <= text.len()).then_some(k);
        }
        if k == 0 {
            return Some(0);
        }
        let mut count = 0;
        for (i, _) in text.char_indices() {
            if count == k {
                return Some(i);
            }
            count += 1;
        }
        (count == k).then_some(text.len())
    }
    pub fn set_char(&self, k: usize, c: char) -> bool {
        let mut text = self.text.borrow_mut();
        if self.ascii.get() && c.is_ascii() {
            if k >= text.len() {
                return false;
            }
            // SAFETY: replacing one ASCII byte with another keeps UTF-8 valid.
            unsafe { text.as_mut_str().as_bytes_mut()[k] = c as u8 };
            return true;
        }
        let mut chars: Vec<char> = text.chars().collect();
        if k >= chars.len() {
            return false;
        }
        chars[k] = c;
        *text = chars.into_iter().collect();
        self.ascii.set(text.is_ascii());
        true
    }
    pub fn replace(&self, new: String) {
        self.ascii.set(new.is_ascii());
        *self.text.borrow_mut() = CompactString::from(new);
    }
}

impl std::fmt::Display for SString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text.borrow())
    }
}

impl Trace for SString {
    fn trace(&self, _: &mut Tracer) {}
    fn payload_bytes(&self) -> usize {
        self.text.try_borrow().map_or(0, |t| if t.is_heap_allocated() { t.capacity() } else { 0 })
    }
}

pub struct Vector {
    pub items: RefCell<Vec<Value>>,
}

impl Trace for Vector {
    fn trace(&self, t: &mut Tracer) {
        t.values(&self.items.borrow());
    }
    fn payload_bytes(&self) -> usize {
        self.items.try_borrow().map_or(0, |items| items.capacity() * std::mem::size_of::<Value>())
    }
}

pub struct Bytevector {
    pub bytes: RefCell<Vec<u8>>,
}

impl Trace for Bytevector {
    fn trace(&self, _: &mut Tracer) {}
    fn payload_bytes(&self) -> usize {
        self.bytes.try_borrow().map_or(0, |b| b.capacity())
    }
}

/// A procedure: compiled code plus the values of its free variables
/// (captured variables that are assigned are shared through `Variable` boxes).
pub struct Closure {
    /// A cell: a procedure whose body is compiled on its first call gets
    /// its compiled code then (see `expand/deferred.rs`).
    pub code: Cell<Gc<Code>>,
    pub free: Box<[Value]>,
    pub name: Cell<Option<Symbol>>,
}

impl Closure {
    #[inline(always)]
    pub fn code(&self) -> Gc<Code> {
        self.code.get()
    }

    /// The name the procedure goes by: the one a definition gave it, else
    /// its code's (`(define (f) ...)`), or none.
    pub fn known_name(&self) -> Option<Symbol> {
        self.name.get().or(self.code().name)
    }
}

impl Trace for Closure {
    fn trace(&self, t: &mut Tracer) {
        t.gc(self.code.get());
        t.values(&self.free);
    }
}

/// A mutable cell: a top-level binding, or a local variable that is both
/// captured by a closure and assigned.
pub struct Variable {
    pub value: Cell<Value>,
    pub name: Symbol,
}

/// Set once a global that held a primitive the VM inlines (`+`, `car`,
/// ...) is given another value; until then inline operations skip
/// checking that their global still holds the primitive.
pub static INLINED_PRIMITIVE_REPLACED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

impl Variable {
    /// Give a global variable a new value.
    pub fn assign(&self, v: Value) {
        if let Value::Prim(p) = self.value.get() {
            if crate::vm::code::InlineOp::is_inlined(p.name) && !matches!(v, Value::Prim(q) if std::ptr::eq(p, q)) {
                INLINED_PRIMITIVE_REPLACED.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
        self.value.set(v);
    }
}

impl Trace for Variable {
    fn trace(&self, t: &mut Tracer) {
        t.value(self.value.get());
    }
}

pub struct MultipleValues {
    pub items: Box<[Value]>,
}

impl Trace for MultipleValues {
    fn trace(&self, t: &mut Tracer) {
        t.values(&self.items);
    }
}

pub struct RecordType {
    /// Cell: Guile's `set-struct-vtable-name!` renames a type.
    pub name: Cell<Symbol>,
    pub fields: Vec<Symbol>,
    /// A procedure `(record port)` used by `display`/`write`, or #f.
    pub printer: Cell<Value>,
    /// Extra data a library attaches to the type (e.g. SRFI-35 parents).
    pub properties: Cell<Value>,
}

impl Trace for RecordType {
    fn trace(&self, t: &mut Tracer) {
        t.value(self.printer.get());
        t.value(self.properties.get());
    }
}

pub struct Record {
    pub rtype: Gc<RecordType>,
    pub fields: Box<[Cell<Value>]>,
}

impl Trace for Record {
    fn trace(&self, t: &mut Tracer) {
        t.gc(self.rtype);
        for f in self.fields.iter() {
            t.value(f.get());
        }
    }
}

pub use crate::runtime::hashtable::HashTable;
pub use crate::runtime::ports::Port;
pub use crate::vm::continuation::Continuation;

pub struct Promise {
    pub done: Cell<bool>,
    pub value: Cell<Value>,
}

impl Trace for Promise {
    fn trace(&self, t: &mut Tracer) {
        t.value(self.value.get());
    }
}

pub struct Parameter {
    pub value: Cell<Value>,
    pub converter: Value,
}

impl Trace for Parameter {
    fn trace(&self, t: &mut Tracer) {
        t.value(self.value.get());
        t.value(self.converter);
    }
}

/// A raised error: Guile's `(key . args)` throw shape, plus what the
/// diagnostics need (message, irritants, where it happened).
pub struct Condition {
    pub key: Symbol,
    pub args: Value,
    /// The procedure that raised it, if known (`car`, `vector-ref`, ...).
    pub who: Option<String>,
    pub message: String,
    pub irritants: Value,
    /// R7RS/SRFI-35 payload (a record for `&message`-style conditions), or #f.
    pub payload: Value,
    pub help: Option<String>,
    pub context: RefCell<Option<Rc<crate::diag::ErrorContext>>>,
}

impl Trace for Condition {
    fn trace(&self, t: &mut Tracer) {
        t.value(self.args);
        t.value(self.irritants);
        t.value(self.payload);
    }
}

/// Rust-side data exposed to Scheme as an opaque object (regexps, modules,
/// source readers, ...).
pub trait OpaqueData: Any {
    fn type_name(&self) -> &'static str;
    fn trace_data(&self, _t: &mut Tracer) {}
}

pub struct Opaque {
    pub data: Box<dyn OpaqueData>,
}

impl Opaque {
    pub fn downcast<T: 'static>(&self) -> Option<&T> {
        let data: &dyn Any = &*self.data;
        data.downcast_ref::<T>()
    }
}

impl Trace for Opaque {
    fn trace(&self, t: &mut Tracer) {
        self.data.trace_data(t);
    }
}
