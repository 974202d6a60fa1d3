//! A precise mark-and-sweep heap.
//!
//! Every Scheme object that lives on the heap is a `GcBox<T>` allocated here.
//! Collection only ever happens at VM safe points (procedure calls), when every
//! live value is reachable from the VM's roots; Rust code running between two
//! safe points (primitives, the reader, the compiler) may therefore hold
//! `Value`s in local variables without registering them anywhere.

use std::any::TypeId;
use std::cell::Cell;
use std::ptr::NonNull;

use super::pair_pool::{self, PairPool};
use super::{Pair, Value};

/// Something the collector can walk: it reports every `Value` and `Gc` it holds.
pub trait Trace {
    fn trace(&self, tracer: &mut Tracer);
    /// What must happen before the process exits, when the heap is not
    /// freed object by object (see `Heap::finish`): ports flush.
    fn finish(&self) {}
    /// Bytes the object owns outside its box (a string's text, a vector's
    /// items), so that a few huge objects bring a collection as soon as
    /// many small ones would.
    fn payload_bytes(&self) -> usize {
        0
    }
}

/// An object on the heap: a one-word header, then the object. `repr(C)`
/// keeps the header first, where `pair_pool` expects it.
#[repr(C)]
pub struct GcBox<T: ?Sized> {
    /// The address of the object's `Kind`, with the mark in bit 0.
    header: Cell<usize>,
    pub(super) value: T,
}

/// What the collector does with objects of one type. Each type has one,
/// in static memory, and each object's header points to its type's: so
/// the heap's list of objects holds plain addresses, not trait objects.
struct Kind {
    trace: unsafe fn(Erased, &mut Tracer),
    finish: unsafe fn(Erased),
    payload_bytes: unsafe fn(Erased) -> usize,
    free: unsafe fn(Erased),
}

const MARK: usize = 1;

trait HasKind: Trace + Sized + 'static {
    // SAFETY (each entry): the heap calls them only on a live object whose
    // header points to this `Kind`, so an object of type `Self`.
    const KIND: Kind = Kind {
        trace: |obj, tracer| unsafe { value_of::<Self>(obj).trace(tracer) },
        finish: |obj| unsafe { value_of::<Self>(obj).finish() },
        payload_bytes: |obj| unsafe { value_of::<Self>(obj).payload_bytes() },
        free: |obj| unsafe { drop(Box::from_raw(obj.as_ptr().cast::<GcBox<Self>>())) },
    };
}
impl<T: Trace + 'static> HasKind for T {}

/// An object's address, its type forgotten (found again from its header).
type Erased = NonNull<Cell<usize>>;

/// # Safety
/// `obj` is a live object of type `T`.
unsafe fn value_of<'a, T>(obj: Erased) -> &'a T {
    unsafe { &(*obj.as_ptr().cast::<GcBox<T>>()).value }
}

/// # Safety
/// `obj` is a live object (its header is intact).
unsafe fn kind_of(obj: Erased) -> &'static Kind {
    unsafe { &*((obj.as_ref().get() & !MARK) as *const Kind) }
}

/// A pointer to a heap object. Copyable; valid as long as it is reachable
/// from a root at every collection. `repr(transparent)`: a packed value
/// (`packed.rs`) rebuilds one from its address.
#[repr(transparent)]
pub struct Gc<T: ?Sized + 'static> {
    ptr: NonNull<GcBox<T>>,
}

impl<T: ?Sized> Clone for Gc<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: ?Sized> Copy for Gc<T> {}

impl<T: ?Sized> std::ops::Deref for Gc<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: a Gc is only dereferenced while reachable, and reachable
        // objects are never freed (collection happens only at safe points).
        // Only the value is borrowed: a pair has no header of its own.
        unsafe { &*std::ptr::addr_of!((*self.ptr.as_ptr()).value) }
    }
}

impl<T: ?Sized> Gc<T> {
    pub(super) fn from_ptr(ptr: NonNull<GcBox<T>>) -> Gc<T> {
        Gc { ptr }
    }
    pub fn ptr_eq(a: Gc<T>, b: Gc<T>) -> bool {
        std::ptr::addr_eq(a.ptr.as_ptr(), b.ptr.as_ptr())
    }
    pub fn addr(self) -> usize {
        self.ptr.as_ptr() as *const u8 as usize
    }
}

/// Marks reachable objects without recursion, so a million-element list
/// does not overflow the Rust stack.
pub struct Tracer {
    pending: Vec<Erased>,
    pending_pairs: Vec<Gc<Pair>>,
}

impl Tracer {
    pub fn gc<T: Trace + 'static>(&mut self, gc: Gc<T>) {
        if TypeId::of::<T>() == TypeId::of::<Pair>() {
            // SAFETY: T is Pair, so this copies a Gc<Pair> as itself.
            let pair: Gc<Pair> = unsafe { std::mem::transmute_copy(&gc) };
            if pair_pool::mark(pair) {
                self.pending_pairs.push(pair);
            }
            return;
        }
        let erased: Erased = gc.ptr.cast();
        // SAFETY: the object is live (it was reached from a root).
        let header = unsafe { erased.as_ref() };
        if header.get() & MARK == 0 {
            header.set(header.get() | MARK);
            self.pending.push(erased);
        }
    }
    pub fn value(&mut self, v: Value) {
        v.trace_into(self);
    }
    pub fn values(&mut self, vs: &[Value]) {
        for v in vs {
            v.trace_into(self);
        }
    }
}

pub struct Heap {
    objects: Vec<Erased>,
    pairs: PairPool,
    allocated_since_gc: usize,
    threshold: usize,
    /// Payload bytes (`Trace::payload_bytes`) of the objects alive, as
    /// counted when they were made and freed (an estimate: strings grow).
    payload_live: usize,
    payload_since_gc: usize,
    payload_budget: usize,
    /// Non-zero while Rust code that cannot be interrupted by a collection
    /// (macro expansion calling transformers) is running.
    pub inhibit: usize,
    pub collections: usize,
}

/// Objects made between collections while the heap is small. Collecting a
/// small heap is cheap, and a lower floor keeps short-lived garbage (the
/// small vectors and strings of a loop) from inflating peak memory: 20,000
/// let a loop's dead vectors take 2.5 MB.
const MIN_THRESHOLD: usize = 10_000;

/// Payload bytes made between collections while little is alive: a loop
/// that makes long strings and drops them stays near this much.
const MIN_PAYLOAD_BUDGET: usize = 16 << 20;

impl Default for Heap {
    fn default() -> Self {
        Heap {
            objects: Vec::with_capacity(1 << 16),
            pairs: PairPool::default(),
            allocated_since_gc: 0,
            threshold: MIN_THRESHOLD,
            payload_live: 0,
            payload_since_gc: 0,
            payload_budget: MIN_PAYLOAD_BUDGET,
            inhibit: 0,
            collections: 0,
        }
    }
}

impl Heap {
    pub fn alloc<T: Trace + 'static>(&mut self, value: T) -> Gc<T> {
        // A pair outside the pair blocks would be marked at a wrong address.
        // The test is on types, so each instance of `alloc` folds it away.
        assert!(TypeId::of::<T>() != TypeId::of::<Pair>(), "pairs are made by alloc_pair");
        let payload = value.payload_bytes();
        if payload > 0 {
            self.note_payload(payload);
        }
        // Written in place, field by field (see `PairPool::alloc`).
        let slot = Box::leak(Box::<GcBox<T>>::new_uninit()).as_mut_ptr();
        let kind: &'static Kind = &T::KIND;
        // SAFETY: `slot` is a fresh allocation sized and aligned for a GcBox<T>.
        unsafe {
            std::ptr::addr_of_mut!((*slot).header).write(Cell::new(kind as *const Kind as usize));
            std::ptr::addr_of_mut!((*slot).value).write(value);
        }
        // SAFETY: Box::leak never returns null.
        let ptr = unsafe { NonNull::new_unchecked(slot) };
        self.objects.push(ptr.cast());
        self.allocated_since_gc += 1;
        Gc { ptr }
    }

    pub fn alloc_pair(&mut self, car: Value, cdr: Value) -> Gc<Pair> {
        self.allocated_since_gc += 1;
        self.pairs.alloc(car, cdr)
    }

    /// Count `bytes` of payload made (by a new object, or by one that
    /// grew); past the budget, the next safe point collects.
    pub fn note_payload(&mut self, bytes: usize) {
        self.payload_live = self.payload_live.saturating_add(bytes);
        self.payload_since_gc = self.payload_since_gc.saturating_add(bytes);
        if self.payload_since_gc > self.payload_budget {
            self.allocated_since_gc = self.allocated_since_gc.max(self.threshold);
        }
    }

    /// Whether too few objects were made since the last collection for one
    /// to be due: `wants_collection` without the test of `inhibit`, for the
    /// call path, which takes the slow path when this is false.
    #[inline(always)]
    pub fn under_threshold(&self) -> bool {
        self.allocated_since_gc < self.threshold
    }

    pub fn wants_collection(&self) -> bool {
        self.allocated_since_gc >= self.threshold && self.inhibit == 0
    }

    #[cfg(test)]
    pub fn pair_blocks(&self) -> usize {
        self.pairs.blocks()
    }

    pub fn live_objects(&self) -> usize {
        self.objects.len() + self.pairs.live
    }

    /// Ready the heap for the end of the process, which will not free it
    /// (a walk over every object for nothing): each object does what its
    /// drop would have done that matters outside the process.
    pub fn finish(&self) {
        for &obj in &self.objects {
            // SAFETY: every object in `objects` is live until the heap drops.
            unsafe { (kind_of(obj).finish)(obj) };
        }
    }

    /// Mark everything `roots` reports, then free the rest.
    pub fn collect(&mut self, roots: impl FnOnce(&mut Tracer)) {
        let mut tracer = Tracer { pending: Vec::new(), pending_pairs: Vec::new() };
        roots(&mut tracer);
        loop {
            if let Some(pair) = tracer.pending_pairs.pop() {
                tracer.value(pair.car());
                tracer.value(pair.cdr());
            } else if let Some(obj) = tracer.pending.pop() {
                // SAFETY: marked objects are live.
                unsafe { (kind_of(obj).trace)(obj, &mut tracer) };
            } else {
                break;
            }
        }
        let mut freed_payload = 0;
        self.objects.retain(|&obj| {
            // SAFETY: every pointer in `objects` is a live object, freed at
            // most once, here, when it was not marked.
            unsafe {
                let header = obj.as_ref();
                if header.get() & MARK != 0 {
                    header.set(header.get() & !MARK);
                    true
                } else {
                    let kind = kind_of(obj);
                    freed_payload += (kind.payload_bytes)(obj);
                    (kind.free)(obj);
                    false
                }
            }
        });
        self.payload_live = self.payload_live.saturating_sub(freed_payload);
        self.payload_since_gc = 0;
        self.payload_budget = (self.payload_live.saturating_mul(2)).max(MIN_PAYLOAD_BUDGET);
        self.pairs.sweep();
        self.collections += 1;
        self.allocated_since_gc = 0;
        // Collect again once twice as many objects were made as survived:
        // the heap peaks near three times the live data, and each
        // collection's work (proportional to the live data) is paid for by
        // twice as many allocations. Collecting at once the live data saves
        // a fifth of the peak on large heaps but costs MesCC 5-20% time.
        self.threshold = (self.live_objects() * 2).max(MIN_THRESHOLD);
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        for obj in self.objects.drain(..) {
            // SAFETY: the heap owns every object; nothing uses them after this.
            unsafe { (kind_of(obj).free)(obj) };
        }
    }
}
