//! Counts an environment's JavaScript heap as it is allocated, so every invoke can report
//! Max Memory Used without walking the heap (which cost about a tenth of a warm invoke).

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rquickjs::allocator::{Allocator, RustAllocator};

/// Bytes in use now and the most ever in use, shared between the allocator and the engine.
#[derive(Debug, Default)]
pub struct HeapCounters {
    in_use: Cell<usize>,
    peak: Cell<usize>,
}

impl HeapCounters {
    /// Bytes the heap holds now.
    pub fn in_use_bytes(&self) -> usize {
        self.in_use.get()
    }

    /// The most the heap has held since the last [`Self::start_peak`] (or since it was made).
    pub fn peak_bytes(&self) -> usize {
        self.peak.get()
    }

    /// Starts measuring a new peak from what the heap holds now (at the start of an invoke).
    pub fn start_peak(&self) {
        self.peak.set(self.in_use.get());
    }

    fn grew(&self, bytes: usize) {
        let in_use = self.in_use.get() + bytes;
        self.in_use.set(in_use);
        if in_use > self.peak.get() {
            self.peak.set(in_use);
        }
    }

    fn shrank(&self, bytes: usize) {
        self.in_use.set(self.in_use.get().saturating_sub(bytes));
    }
}

/// rquickjs's allocator on Rust's global allocator, counting what it hands out. QuickJS
/// still enforces the memory limit itself (it checks its own total before every
/// allocation), so this only watches.
pub struct CountingAllocator {
    counters: Rc<HeapCounters>,
    /// Set when the pool has abandoned the environment (its invoke ran past the deadline):
    /// large allocations then fail, so a handler allocating in a loop stops at once
    /// instead of running on.
    stop: Arc<AtomicBool>,
}

/// Below this an allocation is still served after a stop, so the engine can unwind.
const SMALL_ALLOCATION_BYTES: usize = 64 * 1024;

impl CountingAllocator {
    pub fn new(counters: Rc<HeapCounters>) -> Self {
        Self::stoppable(counters, Arc::new(AtomicBool::new(false)))
    }

    pub fn stoppable(counters: Rc<HeapCounters>, stop: Arc<AtomicBool>) -> Self {
        Self { counters, stop }
    }

    fn refuses(&self, size: usize) -> bool {
        size >= SMALL_ALLOCATION_BYTES && self.stop.load(Ordering::Relaxed)
    }
}

// SAFETY: every call is passed on unchanged to `RustAllocator`, which upholds the trait's
// contract; the wrapper only reads the usable size of blocks `RustAllocator` made (before
// freeing them, after making them) and never touches the memory itself.
#[allow(unsafe_code)]
unsafe impl Allocator for CountingAllocator {
    fn alloc(&mut self, size: usize) -> *mut u8 {
        if self.refuses(size) {
            return std::ptr::null_mut();
        }
        let block = RustAllocator.alloc(size);
        if !block.is_null() {
            // SAFETY: `block` was just made by `RustAllocator`.
            self.counters
                .grew(unsafe { RustAllocator::usable_size(block) });
        }
        block
    }

    fn calloc(&mut self, count: usize, size: usize) -> *mut u8 {
        if self.refuses(count.saturating_mul(size)) {
            return std::ptr::null_mut();
        }
        let block = RustAllocator.calloc(count, size);
        if !block.is_null() {
            // SAFETY: `block` was just made by `RustAllocator`.
            self.counters
                .grew(unsafe { RustAllocator::usable_size(block) });
        }
        block
    }

    unsafe fn dealloc(&mut self, block: *mut u8) {
        // SAFETY: the caller guarantees `block` came from this allocator, hence from
        // `RustAllocator`.
        unsafe {
            self.counters.shrank(RustAllocator::usable_size(block));
            RustAllocator.dealloc(block);
        }
    }

    unsafe fn realloc(&mut self, block: *mut u8, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `block` came from this allocator, hence from
        // `RustAllocator`; the new block is read only when the call succeeded.
        unsafe {
            let old_size = RustAllocator::usable_size(block);
            let moved = RustAllocator.realloc(block, new_size);
            if !moved.is_null() {
                self.counters.shrank(old_size);
                self.counters.grew(RustAllocator::usable_size(moved));
            }
            moved
        }
    }

    unsafe fn usable_size(block: *mut u8) -> usize {
        // SAFETY: as for `RustAllocator`, whose blocks these are.
        unsafe { RustAllocator::usable_size(block) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_javascript_allocates_and_keeps_the_peak() {
        let counters = Rc::new(HeapCounters::default());
        let runtime =
            rquickjs::Runtime::new_with_alloc(CountingAllocator::new(Rc::clone(&counters)))
                .unwrap_or_else(|error| panic!("{error}"));
        let context = rquickjs::Context::full(&runtime).unwrap_or_else(|error| panic!("{error}"));
        let at_start = counters.in_use_bytes();
        assert!(at_start > 0, "the context's own objects are counted");
        context.with(|ctx| {
            let _: () = ctx
                .eval("globalThis.big = 'x'.repeat(4 * 1024 * 1024); undefined")
                .unwrap_or_else(|error| panic!("{error}"));
        });
        assert!(counters.in_use_bytes() >= at_start + 4 * 1024 * 1024);
        context.with(|ctx| {
            let _: () = ctx
                .eval("globalThis.big = undefined")
                .unwrap_or_else(|error| panic!("{error}"));
        });
        runtime.run_gc();
        assert!(counters.in_use_bytes() < at_start + 1024 * 1024, "freed");
        assert!(
            counters.peak_bytes() >= at_start + 4 * 1024 * 1024,
            "the peak stays"
        );
    }
}
