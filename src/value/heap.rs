//! A precise mark-and-sweep heap.
//!
//! Every Scheme object that lives on the heap is a `GcBox<T>` allocated here.
//! Collection only ever happens at VM safe points (procedure calls), when every
//! live value is reachable from the VM's roots; Rust code running between two
//! safe points (primitives, the reader, the compiler) may therefore hold
//! `Value`s in local variables without registering them anywhere.

use std::cell::Cell;
use std::ptr::NonNull;

use std::mem::MaybeUninit;

use super::{Pair, Value};

/// Something the collector can walk: it reports every `Value` and `Gc` it holds.
pub trait Trace {
    fn trace(&self, tracer: &mut Tracer);
    /// What must happen before the process exits, when the heap is not
    /// freed object by object (see `Heap::finish`): ports flush.
    fn finish(&self) {}
}

pub struct GcBox<T: ?Sized> {
    marked: Cell<bool>,
    value: T,
}

/// A pointer to a heap object. Copyable; valid as long as it is reachable
/// from a root at every collection.
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
        unsafe { &self.ptr.as_ref().value }
    }
}

impl<T: ?Sized> Gc<T> {
    pub fn ptr_eq(a: Gc<T>, b: Gc<T>) -> bool {
        std::ptr::addr_eq(a.ptr.as_ptr(), b.ptr.as_ptr())
    }
    pub fn addr(self) -> usize {
        self.ptr.as_ptr() as *const u8 as usize
    }
}

type Erased = NonNull<GcBox<dyn Trace>>;

/// Marks reachable objects without recursion, so a million-element list
/// does not overflow the Rust stack.
pub struct Tracer {
    pending: Vec<Erased>,
}

impl Tracer {
    pub fn gc<T: Trace + 'static>(&mut self, gc: Gc<T>) {
        // SAFETY: the object is live (it was reached from a root).
        let header = unsafe { gc.ptr.as_ref() };
        if !header.marked.replace(true) {
            let erased: *mut GcBox<dyn Trace> = gc.ptr.as_ptr();
            // SAFETY: derived from a NonNull.
            self.pending.push(unsafe { NonNull::new_unchecked(erased) });
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

/// Pairs, the most common object by far, live in chunks of their own with
/// a bitmap of used slots: allocating one takes the next free slot from a
/// cursor, and a collection clears the bits of dead ones, with no call to
/// the allocator either way.
struct PairPool {
    chunks: Vec<PairChunk>,
    /// Where to look for a free slot next: every slot before this word of
    /// this chunk is in use. Reset by each collection.
    cursor: (usize, usize),
    live: usize,
}

const PAIR_CHUNK: usize = 4096;

struct PairChunk {
    slots: Box<[MaybeUninit<GcBox<Pair>>]>,
    /// One bit per slot: allocated (initialised) or free.
    used: Box<[u64]>,
}

impl PairPool {
    /// The next free slot at or after the cursor, as (chunk, index).
    fn free_slot(&mut self) -> Option<(usize, usize)> {
        let (mut c, mut w) = self.cursor;
        while let Some(chunk) = self.chunks.get(c) {
            while let Some(&word) = chunk.used.get(w) {
                if word != u64::MAX {
                    self.cursor = (c, w);
                    return Some((c, w * 64 + (!word).trailing_zeros() as usize));
                }
                w += 1;
            }
            c += 1;
            w = 0;
        }
        self.cursor = (c, 0);
        None
    }

    fn alloc(&mut self, car: Value, cdr: Value) -> Gc<Pair> {
        let (c, i) = self.free_slot().unwrap_or_else(|| {
            self.chunks.push(PairChunk {
                slots: (0..PAIR_CHUNK).map(|_| MaybeUninit::uninit()).collect(),
                used: vec![0; PAIR_CHUNK / 64].into_boxed_slice(),
            });
            self.cursor = (self.chunks.len() - 1, 0);
            (self.chunks.len() - 1, 0)
        });
        let chunk = &mut self.chunks[c];
        chunk.used[i / 64] |= 1u64 << (i % 64);
        // Field by field: building the whole box first and copying it in
        // makes overlapping stack copies that stall store forwarding.
        let slot = chunk.slots[i].as_mut_ptr();
        // SAFETY: the slot is free, in bounds and aligned for a GcBox<Pair>.
        unsafe {
            std::ptr::addr_of_mut!((*slot).marked).write(Cell::new(false));
            std::ptr::addr_of_mut!((*slot).value).write(Pair::new(car, cdr));
        }
        self.live += 1;
        // SAFETY: `slot` points into a live chunk.
        Gc { ptr: unsafe { NonNull::new_unchecked(slot) } }
    }

    /// Free every allocated, unmarked pair; unmark the rest.
    fn sweep(&mut self) {
        for chunk in &mut self.chunks {
            for (w, word) in chunk.used.iter_mut().enumerate() {
                let mut bits = *word;
                while bits != 0 {
                    let b = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    // SAFETY: a used slot is initialised.
                    let header = unsafe { chunk.slots[w * 64 + b].assume_init_ref() };
                    if !header.marked.replace(false) {
                        *word &= !(1u64 << b);
                        self.live -= 1;
                    }
                }
            }
        }
        self.cursor = (0, 0);
    }
}

pub struct Heap {
    objects: Vec<Erased>,
    pairs: PairPool,
    allocated_since_gc: usize,
    threshold: usize,
    /// Non-zero while Rust code that cannot be interrupted by a collection
    /// (macro expansion calling transformers) is running.
    pub inhibit: usize,
    pub collections: usize,
}

const MIN_THRESHOLD: usize = 20_000;

impl Default for Heap {
    fn default() -> Self {
        Heap {
            objects: Vec::with_capacity(1 << 16),
            pairs: PairPool { chunks: Vec::new(), cursor: (0, 0), live: 0 },
            allocated_since_gc: 0,
            threshold: MIN_THRESHOLD,
            inhibit: 0,
            collections: 0,
        }
    }
}

impl Heap {
    pub fn alloc<T: Trace + 'static>(&mut self, value: T) -> Gc<T> {
        // Written in place, field by field (see `PairPool::alloc`).
        let slot = Box::leak(Box::<GcBox<T>>::new_uninit()).as_mut_ptr();
        // SAFETY: `slot` is a fresh allocation sized and aligned for a GcBox<T>.
        unsafe {
            std::ptr::addr_of_mut!((*slot).marked).write(Cell::new(false));
            std::ptr::addr_of_mut!((*slot).value).write(value);
        }
        // SAFETY: Box::leak never returns null.
        let ptr = unsafe { NonNull::new_unchecked(slot) };
        let erased: *mut GcBox<dyn Trace> = ptr.as_ptr();
        // SAFETY: derived from a NonNull.
        self.objects.push(unsafe { NonNull::new_unchecked(erased) });
        self.allocated_since_gc += 1;
        Gc { ptr }
    }

    pub fn alloc_pair(&mut self, car: Value, cdr: Value) -> Gc<Pair> {
        self.allocated_since_gc += 1;
        self.pairs.alloc(car, cdr)
    }

    pub fn wants_collection(&self) -> bool {
        self.allocated_since_gc >= self.threshold && self.inhibit == 0
    }

    pub fn live_objects(&self) -> usize {
        self.objects.len() + self.pairs.live
    }

    /// Ready the heap for the end of the process, which will not free it
    /// (a walk over every object for nothing): each object does what its
    /// drop would have done that matters outside the process.
    pub fn finish(&self) {
        for obj in &self.objects {
            // SAFETY: every object in `objects` is live until the heap drops.
            unsafe { obj.as_ref().value.finish() };
        }
    }

    /// Mark everything `roots` reports, then free the rest.
    pub fn collect(&mut self, roots: impl FnOnce(&mut Tracer)) {
        let mut tracer = Tracer { pending: Vec::new() };
        roots(&mut tracer);
        while let Some(obj) = tracer.pending.pop() {
            // SAFETY: marked objects are live.
            unsafe { obj.as_ref().value.trace(&mut tracer) };
        }
        self.objects.retain(|obj| {
            // SAFETY: every pointer in `objects` came from Box::leak and is
            // freed at most once, here, when it was not marked.
            let header = unsafe { obj.as_ref() };
            if header.marked.replace(false) {
                true
            } else {
                unsafe { drop(Box::from_raw(obj.as_ptr())) };
                false
            }
        });
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
            unsafe { drop(Box::from_raw(obj.as_ptr())) };
        }
    }
}
