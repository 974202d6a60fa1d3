//! The virtual machine: runs `Code` on an explicit value stack, so Scheme
//! recursion depth is bounded by memory rather than by the Rust stack, tail
//! calls reuse frames, and `call/cc` is a copy of the stack.
//!
//! Frame layout on the stack: `[callee] [slot 0] [slot 1] ... [temporaries]`;
//! `fp` indexes slot 0 and the callee sits at `fp - 1` (keeping it alive).

mod apply;
mod arity;
pub mod code;
pub mod continuation;
mod control;
pub mod error;
mod init;
mod inline;
mod interp;
mod out_of_line;
mod overflow;
pub use overflow::{mark_native_stack, native_stack_marked, native_stack_used_over};
pub mod primitive;
mod stack;
pub mod support;

pub(crate) use stack::out_of_memory;

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;
use std::sync::atomic::AtomicBool;

use crate::diag::ErrorContext;
use crate::module::{Module, Modules};
use crate::value::{Closure, Gc, Heap, Tracer, Value};

pub use interp::RunError;

/// Set by SIGINT in the REPL (Ctrl-C): stop the evaluation.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Set with `INTERRUPTED` or when a signal with a Scheme handler arrives;
/// checked at every procedure call and loop back edge, so that one flag
/// stands for everything a safe point may have to do about signals.
pub static ATTENTION: AtomicBool = AtomicBool::new(false);

/// Whether Ctrl-C was pressed since the last check (which it consumes).
pub fn take_interrupt() -> bool {
    INTERRUPTED.swap(false, std::sync::atomic::Ordering::Relaxed)
}

/// What `Vm::trace_hook` is told (the REPL's `,trace`). `depth` is the
/// number of frames below the procedure's own frame.
pub enum TraceEvent<'a> {
    /// A closure is about to run with these arguments.
    Call { depth: usize, procedure: Value, args: &'a [Value] },
    /// A closure returned.
    Return { depth: usize, value: Value },
}

pub type TraceHook = Box<dyn FnMut(TraceEvent<'_>)>;

/// The running procedure's registers.
#[derive(Clone, Copy)]
pub struct Frame {
    pub closure: Gc<Closure>,
    pub pc: u32,
    pub fp: u32,
}

/// A suspended caller: where it resumes and where its slots begin. Its
/// closure is not kept here but in its callee slot, `stack[fp - 1]`, which
/// holds the running closure for as long as the frame lives; that makes a
/// frame record 8 bytes, not 16, in a deep recursion.
#[derive(Clone, Copy)]
pub struct SavedFrame {
    pub pc: u32,
    pub fp: u32,
}

const _: () = assert!(std::mem::size_of::<SavedFrame>() == 8);

impl Frame {
    pub fn trace(&self, t: &mut Tracer) {
        t.gc(self.closure);
    }

    /// The record kept while this frame waits for a callee.
    pub fn saved(&self) -> SavedFrame {
        SavedFrame { pc: self.pc, fp: self.fp }
    }
}

pub struct Vm {
    pub heap: Heap,
    stack: stack::Stack<Value>,
    frames: continuation::Frames,
    /// Exception handlers, innermost first (a Scheme list).
    pub handlers: Value,
    /// `dynamic-wind` entries `(before . after)`, innermost first.
    pub winders: Value,
    pub modules: Modules,
    pub root_module: Rc<Module>,
    pub current_module: Rc<Module>,
    /// The modules `define-library` forms being run were defined from,
    /// innermost last: each one's module is current until it ends.
    pub library_outer: Vec<Rc<Module>>,
    pub current_input: Value,
    pub current_output: Value,
    pub current_error: Value,
    /// Values Rust code keeps alive across collections.
    pub pinned: Vec<Value>,
    run_depth: usize,
    next_alias: usize,
    /// The primitives `Op::Inline` stands for, by `InlineOp as usize`.
    inline_prims: Vec<*const primitive::Primitive>,
    /// Closure that applies a non-closure procedure (used by `Vm::apply`).
    trampoline: Option<Gc<code::Code>>,
    pub load_path: Vec<std::path::PathBuf>,
    pub argv: Vec<String>,
    /// The file being loaded, for `include` and diagnostics.
    pub loading_files: Vec<std::path::PathBuf>,
    /// The file whose top-level form is being compiled, for forward
    /// references to its later definitions (`module::forward`).
    pub file_definitions: Option<crate::module::forward::FileDefinitions>,
    /// The top-level form the loader compiled last (and so is running).
    pub running_form: crate::diag::Span,
    /// The form whose macro transformer is running, for errors about it.
    pub expansion_site: Option<crate::diag::Span>,
    /// Error context of the most recent uncaught error (for the REPL's `,bt`).
    pub last_error: Option<Rc<ErrorContext>>,
    /// Mes's data directory (`%datadir`), if a Mes tree was found.
    pub mes_datadir: Option<std::path::PathBuf>,
    /// While a `syntax-case` transformer runs: the aliases its templates
    /// have renamed introduced identifiers to, by where the templates were
    /// written (`SyntaxRules::origin`), so that the same identifier in two
    /// templates of one expansion is the same (`None` outside).
    pub syntax_renames: Option<HashMap<(usize, usize), crate::expand::rules::Renames>>,
    /// Mes's psyntax has been loaded: forms headed by its keywords go
    /// through its `sc-expand` (see `expand::portable`).
    pub portable_expander: bool,
    /// How many Mes-mode loads are in progress (see `module::mes`).
    pub mes_mode_depth: u32,
    /// The program has called `mes-use-module`: it is a Mes program, and
    /// `(eval x (current-module))` sees its local variables
    /// (`expand::lexical_eval`).
    pub mes_program: bool,
    /// Which of the root library files run on first use have run
    /// (`module::autoload`).
    pub root_files_run: Vec<bool>,
    /// Called at every closure call and return while set; `None` (one
    /// check per call) otherwise.
    pub trace_hook: Option<TraceHook>,
    /// `stack::limit_items()`: calls past it fail with `stack-overflow`.
    stack_limit_normal: usize,
    /// The limit now: `stack_limit_normal`, or more while handlers of a
    /// stack overflow run.
    stack_limit: usize,
    /// Record the arguments of the innermost user frame in each error's
    /// context (for the REPL's `,locals`).
    pub record_locals: bool,
    /// The segments the last `call/cc` saved, which the next one shares
    /// as far as the stack still holds them (`continuation.rs`).
    last_segment: Option<Gc<continuation::StackSegment>>,
}

impl Vm {
    /// Collect garbage if enough has been allocated. Called at safe points
    /// only: every live value is then on the stack, in a frame, a module or
    /// a register.
    fn maybe_collect(&mut self) {
        if !self.heap.wants_collection() {
            return;
        }
        self.forget_unshared_segments();
        let Vm {
            heap,
            stack,
            frames,
            handlers,
            winders,
            modules,
            current_input,
            current_output,
            current_error,
            pinned,
            trampoline,
            last_segment,
            ..
        } = self;
        heap.collect(|t| {
            // The suspended frames' closures are in their callee slots.
            t.values(stack);
            t.value(*handlers);
            t.value(*winders);
            t.value(*current_input);
            t.value(*current_output);
            t.value(*current_error);
            t.values(pinned);
            if let Some(tr) = trampoline {
                t.gc(*tr);
            }
            if let Some(s) = last_segment {
                t.gc(*s);
            }
            modules.trace(t);
        });
        stack.shrink();
        frames.shrink();
        self.restore_stack_limit();
    }

    pub fn fresh_alias_id(&mut self) -> usize {
        self.next_alias += 1;
        self.next_alias
    }

    /// End with the process: flush what must be flushed and leave the
    /// memory to the system instead of freeing it object by object.
    pub fn finish(self) {
        crate::runtime::ports::flush_stdout();
        self.heap.finish();
        std::mem::forget(self);
    }

    pub fn stack_depth(&self) -> usize {
        self.frames.len()
    }
}
