//! Pairs, the most common object by far, live in aligned blocks of their
//! own, 16 bytes each, with three bitmaps per block: slots in use, slots
//! marked by the current collection, and slots whose pair holds a boxed
//! value (`packed.rs`). A pair has no header, so a list takes a third less
//! memory than it would in a `GcBox`; allocating takes the next free slot
//! from a cursor, and sweeping is a few word operations per 64 pairs, with
//! no call to the allocator either way (but for the rare boxes).
//!
//! A `Gc<Pair>` still points where a `GcBox<Pair>` header would start, just
//! before the pair, so that it dereferences like every other `Gc`; the
//! header is never touched for pairs (`Tracer::gc` sends pairs here), and
//! it lies inside the block.

use std::cell::Cell;
use std::mem::{offset_of, MaybeUninit};
use std::ptr::NonNull;

use super::heap::{Gc, GcBox};
use super::{packed, Pair, Value};

/// Blocks are aligned to their size, so a pair's block is its address
/// with the low bits cleared.
const BLOCK_BYTES: usize = 1 << 17;
const WORDS: usize = 125;
const SLOTS: usize = WORDS * 64;

#[repr(C)]
struct Block {
    used: [u64; WORDS],
    marked: [Cell<u64>; WORDS],
    boxed: [Cell<u64>; WORDS],
    slots: [MaybeUninit<Pair>; SLOTS],
}

const _: () = assert!(std::mem::size_of::<Block>() <= BLOCK_BYTES);
const _: () = assert!(offset_of!(Block, slots) >= offset_of!(GcBox<Pair>, value));

/// A fresh, zeroed block straight from the kernel: twice the size is
/// mapped and the ends are cut so that what stays is aligned. (An aligned
/// allocation from the allocator costs far more memory than it holds.)
fn map_block() -> NonNull<Block> {
    // SAFETY: an anonymous private mapping has no preconditions; the
    // unmapped ends are outside the block that is kept.
    unsafe {
        let flags = libc::MAP_PRIVATE | libc::MAP_ANONYMOUS;
        let raw = libc::mmap(std::ptr::null_mut(), 2 * BLOCK_BYTES, libc::PROT_READ | libc::PROT_WRITE, flags, -1, 0);
        if raw == libc::MAP_FAILED {
            crate::vm::out_of_memory(2 * BLOCK_BYTES);
        }
        let start = raw as usize;
        let aligned = (start + BLOCK_BYTES - 1) & !(BLOCK_BYTES - 1);
        if aligned > start {
            libc::munmap(raw, aligned - start);
        }
        let end = start + 2 * BLOCK_BYTES;
        if end > aligned + BLOCK_BYTES {
            libc::munmap((aligned + BLOCK_BYTES) as *mut libc::c_void, end - aligned - BLOCK_BYTES);
        }
        NonNull::new_unchecked(aligned as *mut Block)
    }
}

/// The block holding `pair`, and the pair's slot in it.
fn locate(pair: &Pair) -> (*const Block, usize) {
    let pair = pair as *const Pair as usize;
    let block = pair & !(BLOCK_BYTES - 1);
    (block as *const Block, (pair - block - offset_of!(Block, slots)) / std::mem::size_of::<Pair>())
}

/// Record that `pair` now holds a box, for the sweep that frees it.
pub fn note_boxed(pair: &Pair) {
    let (block, i) = locate(pair);
    // SAFETY: every pair lives in a live block (pairs are only made by
    // `PairPool::alloc`).
    let word = unsafe { &(*block).boxed[i / 64] };
    word.set(word.get() | 1u64 << (i % 64));
}

/// Mark a pair; true if it was not marked yet.
pub fn mark(gc: Gc<Pair>) -> bool {
    let (block, i) = locate(&gc);
    // SAFETY: every Gc<Pair> points into a live block (pairs are only made
    // by `PairPool::alloc`, and a reachable pair's block is never freed).
    let word = unsafe { &(*block).marked[i / 64] };
    let bit = 1u64 << (i % 64);
    let old = word.get();
    word.set(old | bit);
    old & bit == 0
}

#[derive(Default)]
pub struct PairPool {
    blocks: Vec<NonNull<Block>>,
    /// Where to look for a free slot next: every slot before this word of
    /// this block is in use. Reset by each collection.
    cursor: (usize, usize),
    pub live: usize,
}

impl PairPool {
    /// The next free slot at or after the cursor, as (block, index).
    fn free_slot(&mut self) -> Option<(usize, usize)> {
        let (mut b, mut w) = self.cursor;
        while let Some(block) = self.blocks.get(b) {
            // SAFETY: blocks stay allocated until the pool drops.
            let used = unsafe { &block.as_ref().used };
            while let Some(&word) = used.get(w) {
                if word != u64::MAX {
                    self.cursor = (b, w);
                    return Some((b, w * 64 + (!word).trailing_zeros() as usize));
                }
                w += 1;
            }
            b += 1;
            w = 0;
        }
        self.cursor = (b, 0);
        None
    }

    fn new_block(&mut self) -> (usize, usize) {
        self.blocks.push(map_block());
        self.cursor = (self.blocks.len() - 1, 0);
        (self.blocks.len() - 1, 0)
    }

    pub fn alloc(&mut self, car: Value, cdr: Value) -> Gc<Pair> {
        let (b, i) = self.free_slot().unwrap_or_else(|| self.new_block());
        let block = self.blocks[b].as_ptr();
        // SAFETY: the block is live and `i` is a free slot in it; the pair is
        // written in place, field by field (building it first and copying it
        // in makes overlapping stack copies that stall store forwarding).
        let slot = unsafe {
            let bit = 1u64 << (i % 64);
            (*block).used[i / 64] |= bit;
            let boxed = &(*block).boxed[i / 64];
            let note_boxed = || boxed.set(boxed.get() | bit);
            let slot = (*block).slots[i].as_mut_ptr();
            slot.write(Pair::from_words(packed::pack(car, note_boxed), packed::pack(cdr, note_boxed)));
            slot
        };
        self.live += 1;
        let header = (slot as usize - offset_of!(GcBox<Pair>, value)) as *mut GcBox<Pair>;
        // SAFETY: the header address lies inside the block (the const
        // assertion on `Block` above), so it is not null.
        Gc::from_ptr(unsafe { NonNull::new_unchecked(header) })
    }

    #[cfg(test)]
    pub fn blocks(&self) -> usize {
        self.blocks.len()
    }

    /// Free every allocated, unmarked pair; unmark the rest.
    pub fn sweep(&mut self) {
        for block in &self.blocks {
            // SAFETY: blocks stay allocated until the pool drops, and
            // nothing else borrows them during a collection.
            let block = unsafe { &mut *block.as_ptr() };
            for w in 0..WORDS {
                let used = block.used[w];
                let live = used & block.marked[w].get();
                let dead = used & !live;
                self.live -= dead.count_ones() as usize;
                release_boxes(block, w, dead);
                block.used[w] = live;
                block.marked[w].set(0);
            }
        }
        self.cursor = (0, 0);
    }
}

/// Free the boxes held by the pairs among `slots` (a bitmap of word `w`).
fn release_boxes(block: &Block, w: usize, slots: u64) {
    let mut boxed = block.boxed[w].get() & slots;
    block.boxed[w].set(block.boxed[w].get() & !slots);
    while boxed != 0 {
        let i = w * 64 + boxed.trailing_zeros() as usize;
        // SAFETY: a slot with its bit in `used` holds an initialised pair.
        unsafe { block.slots[i].assume_init_ref() }.release();
        boxed &= boxed - 1;
    }
}

impl Drop for PairPool {
    fn drop(&mut self) {
        for block in self.blocks.drain(..) {
            // SAFETY: mapped by `map_block`; a pair owns nothing but its
            // boxes, and nothing uses the pairs after this.
            unsafe {
                let b = block.as_ref();
                (0..WORDS).for_each(|w| release_boxes(b, w, b.used[w]));
                libc::munmap(block.as_ptr().cast(), BLOCK_BYTES);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::value::{Heap, Value};

    /// A list of `n` integers, `n - 1` first.
    fn list(heap: &mut Heap, n: i64) -> Value {
        (0..n).fold(Value::Null, |tail, i| Value::Pair(heap.alloc_pair(Value::Int(i), tail)))
    }

    fn sum(mut v: Value) -> i64 {
        let mut total = 0;
        while let Value::Pair(p) = v {
            if let Value::Int(i) = p.car() {
                total += i;
            }
            v = p.cdr();
        }
        total
    }

    #[test]
    fn pairs_across_blocks_survive_collection_and_dead_slots_are_reused() {
        let mut heap = Heap::default();
        let kept = list(&mut heap, 10_000); // several blocks
        list(&mut heap, 10_000); // garbage
        assert_eq!(heap.live_objects(), 20_000);
        heap.collect(|t| t.value(kept));
        assert_eq!(heap.live_objects(), 10_000);
        assert_eq!(sum(kept), 10_000 * 9_999 / 2);

        // The dead pairs' slots are taken again before any new block.
        let blocks = heap.pair_blocks();
        let again = list(&mut heap, 10_000);
        assert_eq!(heap.pair_blocks(), blocks);
        heap.collect(|t| {
            t.value(kept);
            t.value(again);
        });
        assert_eq!(heap.live_objects(), 20_000);
        assert_eq!(sum(kept), sum(again));
    }

    #[test]
    fn a_pair_reached_twice_or_in_a_cycle_is_marked_once() {
        let mut heap = Heap::default();
        let shared = heap.alloc_pair(Value::Int(1), Value::Null);
        let cycle = heap.alloc_pair(Value::Pair(shared), Value::Pair(shared));
        shared.set_cdr(Value::Pair(cycle));
        heap.collect(|t| {
            t.value(Value::Pair(cycle));
            t.value(Value::Pair(shared));
        });
        assert_eq!(heap.live_objects(), 2);
        heap.collect(|_| {});
        assert_eq!(heap.live_objects(), 0);
    }

    #[test]
    fn values_in_boxes_survive_collection_and_replacement() {
        let mut heap = Heap::default();
        let big = |i: i64| Value::Int((1 << 50) + i);
        let kept = (0..1000).fold(Value::Null, |tail, i| Value::Pair(heap.alloc_pair(big(i), tail)));
        (0..1000).for_each(|i| {
            heap.alloc_pair(big(i), big(-i));
        });
        heap.collect(|t| t.value(kept));
        assert_eq!(heap.live_objects(), 1000);
        let Value::Pair(first) = kept else { unreachable!("a list") };
        first.set_car(big(7));
        first.set_car(Value::Int(3));
        first.set_car(big(8));
        let total: i64 = kept.iter().map(|v| if let Value::Int(i) = v { i - (1 << 50) } else { 0 }).sum();
        assert_eq!(total, 999 * 998 / 2 + 8);
        heap.collect(|_| {});
        assert_eq!(heap.live_objects(), 0);
    }
}
