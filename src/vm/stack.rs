//! The VM's value and frame stacks: growable arrays of `Copy` items kept in
//! their own memory mapping.
//!
//! A `Vec` grows by copying into a new allocation, so a recursion a million
//! calls deep briefly holds the old and the new stack at once, and the
//! allocator keeps the old one afterwards. Here growth is `mremap`, which
//! moves pages instead of copying them, and `shrink` hands the pages of an
//! ended deep recursion back to the system.

use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;

pub struct Stack<T: Copy> {
    ptr: NonNull<T>,
    len: usize,
    /// Capacity in items; the mapping is `cap * size_of::<T>()` bytes.
    cap: usize,
    /// Collections in a row that found the stack using under a quarter.
    small_for: u32,
}

/// The first mapping: 256 KiB, which most programs never outgrow.
const INITIAL_BYTES: usize = 256 << 10;

impl<T: Copy> Stack<T> {
    pub fn new() -> Stack<T> {
        const { assert!(std::mem::size_of::<T>() > 0 && INITIAL_BYTES.is_multiple_of(std::mem::size_of::<T>())) };
        // SAFETY: a fresh private anonymous mapping; the result is checked.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                INITIAL_BYTES,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        let Some(ptr) = NonNull::new(p.cast::<T>()).filter(|_| p != libc::MAP_FAILED) else {
            out_of_memory(INITIAL_BYTES)
        };
        Stack { ptr, len: 0, cap: INITIAL_BYTES / std::mem::size_of::<T>(), small_for: 0 }
    }

    /// Resize the mapping to hold `cap` items (moving it if need be).
    fn remap(&mut self, cap: usize) {
        let size = std::mem::size_of::<T>();
        let new_bytes = cap.checked_mul(size).unwrap_or_else(|| out_of_memory(usize::MAX));
        // SAFETY: ptr/cap describe our own live mapping; items are Copy, so
        // moving their bytes moves them.
        let p = unsafe { libc::mremap(self.ptr.as_ptr().cast(), self.cap * size, new_bytes, libc::MREMAP_MAYMOVE) };
        match NonNull::new(p.cast::<T>()).filter(|_| p != libc::MAP_FAILED) {
            Some(ptr) => {
                self.ptr = ptr;
                self.cap = cap;
            }
            None => out_of_memory(new_bytes),
        }
    }

    #[inline]
    fn reserve(&mut self, extra: usize) {
        if extra > self.cap - self.len {
            self.grow(extra);
        }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self, extra: usize) {
        let needed = self.len.checked_add(extra).unwrap_or_else(|| out_of_memory(usize::MAX));
        self.remap(needed.max(self.cap * 2));
    }

    /// Called at each collection: give back the pages of a stack that once
    /// grew far beyond its use and has stayed small for a while (not just
    /// between two deep recursions, which would fault the pages in again).
    pub fn shrink(&mut self) {
        let initial = INITIAL_BYTES / std::mem::size_of::<T>();
        if self.cap <= initial || self.cap <= 4 * self.len {
            self.small_for = 0;
            return;
        }
        self.small_for += 1;
        if self.small_for >= 8 {
            self.small_for = 0;
            self.remap((2 * self.len).max(initial).next_power_of_two().min(self.cap));
        }
    }

    #[inline]
    pub fn push(&mut self, item: T) {
        if self.len == self.cap {
            self.grow(1);
        }
        // SAFETY: len < cap after reserve.
        unsafe { write_words(self.ptr.as_ptr().add(self.len), item) };
        self.len += 1;
    }

    #[inline]
    pub fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // SAFETY: the item at the old last index was initialised.
        Some(unsafe { read_words(self.ptr.as_ptr().add(self.len)) })
    }

    /// Copy `n` items from `from` down to `to` (a tail call's arguments
    /// into its frame), reading them as `read_words` does.
    #[inline(always)]
    pub fn copy_down(&mut self, from: usize, to: usize, n: usize) {
        assert!(to <= from && from + n <= self.len, "stack copy out of bounds");
        let p = self.ptr.as_ptr();
        for i in 0..n {
            // SAFETY: both indices are below len; to <= from, so copying
            // upwards never reads an item already overwritten.
            unsafe { write_words(p.add(to + i), read_words(p.add(from + i))) };
        }
    }

    /// Item `i` (which must be below `len`), read as `read_words` reads.
    #[inline(always)]
    pub fn load(&self, i: usize) -> T {
        if i >= self.len {
            index_out_of_bounds(i, self.len);
        }
        // SAFETY: i < len, so the item is initialised.
        unsafe { read_words(self.ptr.as_ptr().add(i)) }
    }

    /// Set item `i` (which must be below `len`), written as `write_words` writes.
    #[inline(always)]
    pub fn store(&mut self, i: usize, item: T) {
        if i >= self.len {
            index_out_of_bounds(i, self.len);
        }
        // SAFETY: i < len, inside the mapping.
        unsafe { write_words(self.ptr.as_ptr().add(i), item) }
    }

    #[inline]
    pub fn truncate(&mut self, len: usize) {
        self.len = self.len.min(len);
    }

    pub fn clear(&mut self) {
        self.len = 0;
    }

    pub fn extend_from_slice(&mut self, items: &[T]) {
        self.reserve(items.len());
        // SAFETY: room for items.len() more; `items` cannot overlap the
        // unused tail it is copied into.
        unsafe { std::ptr::copy_nonoverlapping(items.as_ptr(), self.ptr.as_ptr().add(self.len), items.len()) };
        self.len += items.len();
    }

    pub fn resize(&mut self, len: usize, fill: T) {
        if len <= self.len {
            self.len = len;
            return;
        }
        self.reserve(len - self.len);
        for i in self.len..len {
            // SAFETY: i < cap after reserve.
            unsafe { self.ptr.as_ptr().add(i).write(fill) };
        }
        self.len = len;
    }

    pub fn insert(&mut self, index: usize, item: T) {
        self.push(item);
        self[index..].rotate_right(1);
    }

    pub fn remove(&mut self, index: usize) -> T {
        let item = self[index];
        self.copy_within(index + 1.., index);
        self.len -= 1;
        item
    }
}

/// Write a 16-byte item as two 8-byte words, the way `read_words` reads it
/// back. The compiler otherwise may store a value it holds in pieces (a tag
/// word, a payload byte it tested, the payload's other bytes), and an
/// 8-byte load spanning several stores cannot be served from the store
/// buffer either.
///
/// # Safety
/// `p` must be valid for writing a `T`.
#[inline(always)]
unsafe fn write_words<T: Copy>(p: *mut T, item: T) {
    use std::mem::MaybeUninit;
    if std::mem::size_of::<T>() != 16 || std::mem::align_of::<T>() < 8 {
        return p.write(item);
    }
    // SAFETY: T is 16 bytes, so it reads as two words (padding stays
    // uninitialised, which MaybeUninit allows); p is 8-aligned.
    let words: [MaybeUninit<u64>; 2] = std::mem::transmute_copy(&item);
    let out = p.cast::<MaybeUninit<u64>>();
    out.write_volatile(words[0]);
    out.add(1).write_volatile(words[1]);
}

/// Read a 16-byte item as two 8-byte words. Values are usually stored as
/// two words (tag, payload) just before they are read back (pushed
/// arguments read as the callee's locals); a single 16-byte load of two
/// fresh 8-byte stores cannot be served from the store buffer and stalls
/// for a dozen cycles, two 8-byte loads can. The reads are volatile so
/// that they are not merged back into one.
///
/// # Safety
/// `p` must point to an initialised `T`.
#[inline(always)]
unsafe fn read_words<T: Copy>(p: *const T) -> T {
    use std::mem::MaybeUninit;
    if std::mem::size_of::<T>() != 16 || std::mem::align_of::<T>() < 8 {
        return p.read();
    }
    let words = p.cast::<MaybeUninit<u64>>();
    let mut item = MaybeUninit::<T>::uninit();
    let out = item.as_mut_ptr().cast::<MaybeUninit<u64>>();
    // SAFETY: p points to 16 initialised-or-padding bytes, 8-aligned; the
    // two words are copied as they are, padding included, which rebuilds
    // the item exactly.
    out.write(words.read_volatile());
    out.add(1).write(words.add(1).read_volatile());
    item.assume_init()
}

impl<T: Copy> Default for Stack<T> {
    fn default() -> Self {
        Stack::new()
    }
}

impl<T: Copy> Drop for Stack<T> {
    fn drop(&mut self) {
        // SAFETY: our own mapping, unmapped once.
        unsafe { libc::munmap(self.ptr.as_ptr().cast(), self.cap * std::mem::size_of::<T>()) };
    }
}

impl<T: Copy> Deref for Stack<T> {
    type Target = [T];
    #[inline]
    fn deref(&self) -> &[T] {
        // SAFETY: the first len items are initialised.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
}

impl<T: Copy> DerefMut for Stack<T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: the first len items are initialised and uniquely borrowed.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

/// How many 16-byte items (values and frames together) the stacks may
/// hold before a call fails with a stack overflow: a quarter of the
/// machine's memory from 256 MiB to 1 GiB (a recursion some 15 million
/// calls deep), or `GUIX0_STACK_LIMIT` megabytes (at least 16).
/// A recursion that never ends then stops with an error instead of
/// taking all memory.
pub fn limit_items() -> usize {
    // At least 16 MB: the boot library and an overflow's handlers need room.
    let megabytes =
        std::env::var("GUIX0_STACK_LIMIT").ok().and_then(|v| v.trim().parse::<usize>().ok()).map(|mb| mb.max(16));
    let bytes = match megabytes {
        Some(mb) => mb.saturating_mul(1 << 20),
        None => {
            // SAFETY: sysconf has no preconditions.
            let (pages, page) = unsafe { (libc::sysconf(libc::_SC_PHYS_PAGES), libc::sysconf(libc::_SC_PAGESIZE)) };
            let memory = usize::try_from(pages).unwrap_or(0).saturating_mul(usize::try_from(page).unwrap_or(0));
            (memory / 4).clamp(256 << 20, 1 << 30)
        }
    };
    bytes / 16
}

/// What `Vec` does when the system refuses memory: report and abort.
pub(crate) fn out_of_memory(bytes: usize) -> ! {
    std::alloc::handle_alloc_error(
        std::alloc::Layout::from_size_align(bytes.min(isize::MAX as usize), 8)
            .unwrap_or(std::alloc::Layout::new::<u8>()),
    )
}

/// The panic of `load` and `store`, kept out of line: formatting its
/// message in place made the instruction loop keep each index on its stack.
#[cold]
#[inline(never)]
fn index_out_of_bounds(i: usize, len: usize) -> ! {
    panic!("stack index {i} out of {len}")
}

#[cfg(test)]
mod tests {
    use super::Stack;

    #[test]
    fn grows_shrinks_and_edits_like_a_vec() {
        let mut s: Stack<u64> = Stack::new();
        let mut v: Vec<u64> = Vec::new();
        for i in 0..1_000_000 {
            s.push(i);
            v.push(i);
        }
        assert_eq!(&s[..], &v[..]);
        s.truncate(10);
        v.truncate(10);
        for _ in 0..8 {
            s.shrink();
        }
        assert!(s.cap < 1_000_000);
        assert_eq!(&s[..], &v[..]);
        s.insert(3, 99);
        v.insert(3, 99);
        assert_eq!(s.remove(0), v.remove(0));
        s.extend_from_slice(&[7, 8]);
        v.extend_from_slice(&[7, 8]);
        s.resize(20, 5);
        v.resize(20, 5);
        assert_eq!(s.pop(), v.pop());
        assert_eq!(&s[..], &v[..]);
    }

    #[test]
    fn sixteen_byte_items_read_as_words_are_whole() {
        let mut s: Stack<(u64, f64)> = Stack::new();
        for i in 0..10u64 {
            s.push((i, i as f64 / 2.0));
        }
        assert_eq!(s.load(7), (7, 3.5));
        s.copy_down(6, 1, 3);
        assert_eq!(&s[..4], &[(0, 0.0), (6, 3.0), (7, 3.5), (8, 4.0)]);
        assert_eq!(s.pop(), Some((9, 4.5)));
    }
}
