use std::alloc::{GlobalAlloc, Layout};
use std::sync::Once;

/// mimalloc, told before its first allocation to commit memory as it is
/// used rather than a whole arena up front (with transparent huge pages
/// that alone costs 6 MB of RSS for `guix0 -c 1`).
struct Allocator;

static CONFIGURE: Once = Once::new();

fn configure() {
    // SAFETY: setting an option is always allowed; 4 is
    // mi_option_arena_eager_commit in mimalloc 2's option enum.
    CONFIGURE.call_once(|| unsafe { libmimalloc_sys::mi_option_set(4, 0) });
}

/// Every mimalloc block is aligned to 8 bytes, so a layout asking no more
/// takes the plain entry points: the aligned ones that `MiMalloc` always
/// calls cost twice the instructions, and most of guix0's allocations are
/// small (the reader's and expander's trees).
const PLAIN_ALIGN: usize = 8;

// SAFETY: a layout aligned to at most PLAIN_ALIGN is served by mimalloc's
// plain functions, which return blocks aligned that much; any other layout
// goes to mimalloc's GlobalAlloc implementation.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        configure();
        if layout.align() <= PLAIN_ALIGN {
            libmimalloc_sys::mi_malloc(layout.size()).cast()
        } else {
            mimalloc::MiMalloc.alloc(layout)
        }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        configure();
        if layout.align() <= PLAIN_ALIGN {
            libmimalloc_sys::mi_zalloc(layout.size()).cast()
        } else {
            mimalloc::MiMalloc.alloc_zeroed(layout)
        }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        mimalloc::MiMalloc.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast()
        } else {
            mimalloc::MiMalloc.realloc(ptr, layout, new_size)
        }
    }
}

#[global_allocator]
static GLOBAL: Allocator = Allocator;

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    std::process::exit(guix0::cli::main(args));
}
