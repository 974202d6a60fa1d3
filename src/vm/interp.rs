//! The instruction loop and procedure calls.

use std::sync::atomic::Ordering;

use super::arity::check_arity;
use super::code::{Code, Op};
use super::continuation::Continuation;
use super::error::Throw;
use super::out_of_line::{define_global, fell_off_the_end};
use super::primitive::{PrimKind, PrimResult, SimpleFn};
use super::{Frame, SavedFrame, TraceEvent, Vm};
use crate::value::{Closure, Gc, Symbol, Value};

/// How a run that Rust started ended, when it did not return a value.
pub enum RunError {
    /// An error (or any raised object) that no handler took.
    Uncaught(Value),
    Exit(i32),
}

/// How a run stops early: as a `RunError`, or to let an enclosing run
/// resume one of its continuations (a `catch` around `load` taking an
/// error raised while a macro was expanding).
pub(super) enum Unwind {
    Stop(RunError),
    Escape(Gc<Continuation>, Vec<Value>),
}

impl From<RunError> for Unwind {
    fn from(e: RunError) -> Unwind {
        Unwind::Stop(e)
    }
}

/// After a call: keep running, or the outermost frame of this run returned.
pub(super) type Step = Result<Option<Value>, Unwind>;

const SMALL_ARGS: usize = 8;

/// The throw key that carries an `Unwind::Escape` through Rust code
/// back into the run that captured the continuation.
pub(super) const ESCAPE_KEY: &str = "%escape";

impl Vm {
    /// Run the instruction loop from `regs` until the frame it started
    /// with returns (`base` frames lie below it).
    pub(super) fn run(&mut self, mut regs: Frame, base: usize) -> Result<Value, Unwind> {
        let mut code: Gc<Code> = regs.closure.code();
        // The running frame's pc and fp live in locals, which stay in
        // registers; `regs`, whose address the slow paths take, is brought
        // up to date (`synced!`) before any of them runs.
        let (mut pc, mut fp) = (regs.pc, regs.fp);
        macro_rules! synced {
            (mut) => {{
                regs.pc = pc;
                &mut regs
            }};
            () => {{
                regs.pc = pc;
                &regs
            }};
        }
        // SAFETY (for `ops`): the running closure is on the stack at fp - 1,
        // so its code outlives this borrow; it is re-read after every call.
        let mut ops: &[Op] = unsafe { &*(code.ops.all() as *const [Op]) };
        // Return a single value to a caller in this run (the common case,
        // inline); otherwise fall through to `do_return`.
        macro_rules! return_fast {
            ($v:expr) => {{
                let v = $v;
                if self.frames.len() > base && self.trace_hook.is_none() && !matches!(v, Value::Values(_)) {
                    if let Some(caller) = self.caller_frame() {
                        self.frames.pop();
                        self.stack.truncate(fp as usize - 1);
                        self.stack.push(v);
                        regs = caller;
                        (pc, fp) = (regs.pc, regs.fp);
                        code = regs.closure.code();
                        // SAFETY: as above, for the caller's closure.
                        ops = unsafe { &*(code.ops.all() as *const [Op]) };
                        continue;
                    }
                }
            }};
        }
        // The result of an inline operation: a test followed by a branch
        // branches directly, a value followed by a store into a local goes
        // straight there, one that is dropped (`vector-set!` for effect)
        // is never pushed; anything else is pushed.
        macro_rules! inline_result {
            ($r:expr) => {{
                let r = $r;
                // SAFETY: `pc` is just past an instruction, which `Ops`
                // keeps inside.
                match unsafe { ops.get_unchecked(pc as usize) } {
                    Op::JumpIfFalse(t) => pc = if r.is_false() { *t } else { pc + 1 },
                    Op::SetLocal(s) => {
                        self.stack.store(fp as usize + *s as usize, r);
                        pc += 1;
                    }
                    Op::Pop => pc += 1,
                    _ => self.stack.push(r),
                }
                continue;
            }};
        }
        loop {
            // SAFETY: `ops` is a procedure's `Ops::all`, which every pc
            // reachable here indexes (see `Ops`).
            let op = unsafe { *ops.get_unchecked(pc as usize) };
            pc += 1;
            let step: Step = match op {
                Op::Const(k) => {
                    self.stack.push(code.consts[k as usize]);
                    continue;
                }
                Op::Unspecified => {
                    self.stack.push(Value::Unspecified);
                    continue;
                }
                Op::Local(i) => {
                    let v = self.stack.load(fp as usize + i as usize);
                    self.stack.push(v);
                    continue;
                }
                Op::SetLocal(i) => {
                    let v = self.pop();
                    self.stack.store(fp as usize + i as usize, v);
                    continue;
                }
                Op::LocalBox(i) => {
                    let v = unbox(self.stack[fp as usize + i as usize]);
                    self.stack.push(v);
                    continue;
                }
                Op::SetLocalBox(i) => {
                    let v = self.pop();
                    set_box(self.stack[fp as usize + i as usize], v);
                    continue;
                }
                Op::MakeBox(i) => {
                    self.make_box(fp as usize + i as usize);
                    continue;
                }
                Op::Free(i) => {
                    self.stack.push(regs.closure.free[i as usize]);
                    continue;
                }
                Op::FreeBox(i) => {
                    self.stack.push(unbox(regs.closure.free[i as usize]));
                    continue;
                }
                Op::SetFreeBox(i) => {
                    let v = self.pop();
                    set_box(regs.closure.free[i as usize], v);
                    continue;
                }
                Op::SelfRef => {
                    self.stack.push(Value::Closure(regs.closure));
                    continue;
                }
                Op::Global(k) => {
                    if let Value::Variable(var) = code.consts[k as usize] {
                        let v = var.value.get();
                        if !matches!(v, Value::Undefined) {
                            self.stack.push(v);
                            continue;
                        }
                        let t = self.unbound_variable(var.name);
                        self.signal(synced!(mut), t, base)
                    } else {
                        continue;
                    }
                }
                Op::SetGlobal(k) => {
                    let v = self.pop();
                    match self.set_global(code.consts[k as usize], v) {
                        Ok(()) => continue,
                        Err(t) => self.signal(synced!(mut), t, base),
                    }
                }
                Op::DefineGlobal(k) => {
                    let v = self.pop();
                    define_global(code.consts[k as usize], v);
                    continue;
                }
                Op::Pop => {
                    self.stack.pop();
                    continue;
                }
                Op::Jump(t) => {
                    pc = t;
                    continue;
                }
                Op::Loop(t) => {
                    pc = t;
                    if self.safe_point_quiet() {
                        continue;
                    }
                    self.attend(synced!(mut), base)
                }
                Op::JumpIfFalse(t) => {
                    if self.pop().is_false() {
                        pc = t;
                    }
                    continue;
                }
                Op::JumpIfPassed(slot, t) => {
                    if !matches!(self.stack[fp as usize + slot as usize], Value::Default) {
                        pc = t;
                    }
                    continue;
                }
                Op::MakeClosure(k, n) => {
                    self.make_closure(code.consts[k as usize], n as usize);
                    continue;
                }
                Op::Call(argc) => {
                    // The common case inline: a closure taking exactly these
                    // arguments, with no collection, interrupt or trace due.
                    let argc = argc as usize;
                    let callee_idx = self.stack.len() - argc - 1;
                    if let Value::Closure(c) = self.stack[callee_idx] {
                        if c.code().simple_argc as usize == argc && self.quiet() {
                            // Built from registers: storing `pc` into `regs`
                            // and then copying `regs` stalls on the store.
                            self.frames.push(SavedFrame { pc, fp });
                            let frame_end = callee_idx + 1 + c.code().frame_size as usize;
                            if frame_end > self.stack.len() {
                                self.stack.resize(frame_end, Value::Undefined);
                            }
                            regs = Frame { closure: c, pc: 0, fp: (callee_idx + 1) as u32 };
                            (pc, fp) = (0, regs.fp);
                            code = c.code();
                            // SAFETY: as above, for the new running closure.
                            ops = unsafe { &*(code.ops.all() as *const [Op]) };
                            continue;
                        }
                    }
                    self.call_any(synced!(mut), argc, false, base)
                }
                Op::CallKeepValues(argc) => self.call_any(synced!(mut), argc as usize, false, base),
                Op::TailCall(argc) => {
                    // As `Call`: a closure taking exactly these arguments
                    // replaces the running frame, callee and arguments
                    // moved down to where the running closure sits.
                    let argc = argc as usize;
                    let callee_idx = self.stack.len() - argc - 1;
                    if let Value::Closure(c) = self.stack[callee_idx] {
                        if c.code().simple_argc as usize == argc && self.quiet() {
                            let fp_now = fp as usize;
                            self.stack.copy_down(callee_idx, fp_now - 1, argc + 1);
                            self.stack.truncate(fp_now + argc);
                            let frame_size = c.code().frame_size as usize;
                            if frame_size > argc {
                                self.stack.resize(fp_now + frame_size, Value::Undefined);
                            }
                            regs = Frame { closure: c, pc: 0, fp };
                            pc = 0;
                            code = c.code();
                            // SAFETY: as above, for the new running closure.
                            ops = unsafe { &*(code.ops.all() as *const [Op]) };
                            continue;
                        }
                    }
                    self.call_any(synced!(mut), argc, true, base)
                }
                Op::TailSelf(argc) => {
                    // A loop: the arguments become the slots, then jump to
                    // the start. This is a back edge, so a safe point.
                    self.restart_frame(fp as usize, argc as usize, code.frame_size as usize);
                    pc = 0;
                    if self.safe_point_quiet() {
                        continue;
                    }
                    self.attend(synced!(mut), base)
                }
                Op::Return => {
                    let v = self.pop();
                    return_fast!(v);
                    if self.trace_hook.is_some() {
                        self.trace_return(v);
                    }
                    self.do_return(synced!(mut), v, base)
                }
                Op::Inline(k, op) => match self.inline_on_stack(&code, k as usize, op) {
                    Some(r) => {
                        // SAFETY: as in `inline_result`.
                        if let Op::Return = unsafe { ops.get_unchecked(pc as usize) } {
                            return_fast!(r);
                        }
                        inline_result!(r)
                    }
                    // The global no longer holds the primitive, or the fast
                    // path does not apply: make a real call.
                    None => self.inline_call_on_stack(synced!(mut), code.consts[k as usize], op.arity(), base),
                },
                Op::InlineL(op, k, a) => {
                    let a = self.stack.load(fp as usize + a as usize);
                    match self.inline_fast(&code, k as usize, op, a, Value::Null, Value::Null) {
                        Some(r) => inline_result!(r),
                        None => self.inline_call(synced!(mut), code.consts[k as usize], 1, a, Value::Null, base),
                    }
                }
                Op::InlineLL(op, k, a, b) => {
                    let fp = fp as usize;
                    let (a, b) = (self.stack.load(fp + a as usize), self.stack.load(fp + b as usize));
                    if let (Value::Int(x), Value::Int(y)) = (a, b) {
                        if let Some(r) = Vm::fixnum_fast(op, x, y) {
                            inline_result!(r)
                        }
                    }
                    match self.inline_fast(&code, k as usize, op, a, b, Value::Null) {
                        Some(r) => inline_result!(r),
                        None => self.inline_call(synced!(mut), code.consts[k as usize], 2, a, b, base),
                    }
                }
                Op::InlineLI(op, k, a, i) => {
                    let (a, b) = (self.stack.load(fp as usize + a as usize), Value::Int(i as i64));
                    if let Value::Int(x) = a {
                        if let Some(r) = Vm::fixnum_fast(op, x, i as i64) {
                            inline_result!(r)
                        }
                    }
                    match self.inline_fast(&code, k as usize, op, a, b, Value::Null) {
                        Some(r) => inline_result!(r),
                        None => self.inline_call(synced!(mut), code.consts[k as usize], 2, a, b, base),
                    }
                }
                Op::CompileDeferred => self.compile_on_first_call(synced!(mut), base),
                Op::End => self.signal(synced!(mut), fell_off_the_end(), base),
                Op::ReturnLocal(s) => {
                    let v = self.stack.load(fp as usize + s as usize);
                    return_fast!(v);
                    if self.trace_hook.is_some() {
                        self.trace_return(v);
                    }
                    self.do_return(synced!(mut), v, base)
                }
            };
            match step {
                Ok(None) => {
                    (pc, fp) = (regs.pc, regs.fp);
                    code = regs.closure.code();
                    // SAFETY: as above, for the new running closure.
                    ops = unsafe { &*(code.ops.all() as *const [Op]) };
                }
                Ok(Some(v)) => return Ok(v),
                Err(e) => return Err(e),
            }
        }
    }

    /// The first call of a procedure whose body was not compiled yet:
    /// compile it, give the closure the code and start it, with the
    /// arguments already in place.
    #[cold]
    #[inline(never)]
    fn compile_on_first_call(&mut self, regs: &mut Frame, base: usize) -> Step {
        let stub = regs.closure.code();
        let Some(deferred) = stub.deferred.as_deref() else {
            return self.signal(regs, Throw::misc("apply", "a procedure has no code", vec![]), base);
        };
        let code = match self.compile_deferred(deferred) {
            Ok(code) if code.arity == stub.arity => code,
            Ok(_) => return self.signal(regs, Throw::misc("apply", "a procedure's arity changed", vec![]), base),
            Err(t) => return self.signal(regs, t, base),
        };
        regs.closure.code.set(code);
        self.stack.resize(regs.fp as usize + code.frame_size as usize, Value::Undefined);
        regs.pc = 0;
        Ok(None)
    }

    /// Nothing due at a call: no collection, interrupt, trace hook or full
    /// stack.
    #[inline(always)]
    fn quiet(&self) -> bool {
        self.heap.under_threshold()
            && self.trace_hook.is_none()
            && !super::ATTENTION.load(Ordering::Relaxed)
            && !self.stack_full()
    }

    /// Whether the stacks have reached `stack_limit`, so that one more
    /// non-tail call overflows.
    #[inline(always)]
    fn stack_full(&self) -> bool {
        self.stack_full_at(self.stack_limit)
    }

    #[inline(always)]
    pub(super) fn stack_full_at(&self, limit: usize) -> bool {
        self.stack.len() + self.frames.len() >= limit
    }

    /// A loop's back edge or a tail call: run a collection that is due;
    /// false when a signal wants `attend`.
    #[inline(always)]
    fn safe_point_quiet(&mut self) -> bool {
        if self.heap.wants_collection() {
            self.maybe_collect();
        }
        !super::ATTENTION.load(Ordering::Relaxed)
    }

    /// At a safe point after a signal: run the Scheme handlers of the
    /// signals caught (what a handler raises or throws is raised from
    /// here), then stop at Ctrl-C with an uncaught `interrupt`, past any
    /// handler.
    #[cold]
    #[inline(never)]
    fn attend(&mut self, regs: &mut Frame, base: usize) -> Step {
        super::ATTENTION.store(false, Ordering::Relaxed);
        let pending = crate::runtime::signals::take_pending();
        if pending != 0 {
            if let Err(e) = self.run_signal_handlers(pending) {
                let t = self.unwind_to_throw(e, self.running_form);
                return self.signal(regs, t, base);
            }
        }
        if super::take_interrupt() {
            return Err(RunError::Uncaught(self.condition_value(&Throw::interrupt(), Some(regs))).into());
        }
        Ok(None)
    }

    #[inline]
    pub(super) fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or(Value::Unspecified)
    }

    pub(super) fn do_return(&mut self, regs: &mut Frame, v: Value, base: usize) -> Step {
        self.stack.truncate(regs.fp as usize - 1);
        if self.frames.len() <= base {
            return Ok(Some(v));
        }
        match self.caller_frame() {
            Some(caller) => {
                self.frames.pop();
                *regs = caller;
            }
            None => {
                let t = Throw::misc("vm", "internal error: a caller's frame lost its procedure", vec![]);
                return self.signal(regs, t, base);
            }
        }
        self.stack.push(single_value_unless_kept(regs, v));
        Ok(None)
    }

    /// The registers of the innermost suspended caller, its closure read
    /// from its callee slot (see `SavedFrame`).
    #[inline(always)]
    fn caller_frame(&self) -> Option<Frame> {
        let saved = *self.frames.last()?;
        self.resumed(saved)
    }

    /// The registers `saved` resumes with.
    #[inline(always)]
    pub(super) fn resumed(&self, saved: SavedFrame) -> Option<Frame> {
        match self.stack.get((saved.fp as usize).checked_sub(1)?)? {
            &Value::Closure(closure) => Some(Frame { closure, pc: saved.pc, fp: saved.fp }),
            _ => None,
        }
    }

    pub(super) fn deliver(&mut self, regs: &mut Frame, v: Value, tail: bool, base: usize) -> Step {
        if tail {
            // The running closure returns what the primitive it tail-called gave.
            if self.trace_hook.is_some() {
                self.trace_return(v);
            }
            self.do_return(regs, v, base)
        } else {
            self.stack.push(single_value_unless_kept(regs, v));
            Ok(None)
        }
    }

    /// Tell the trace hook about a closure call (kept out of the call path).
    #[cold]
    #[inline(never)]
    fn trace_call(&mut self, c: Gc<Closure>, callee_idx: usize, tail: bool) {
        let depth = self.frames.len() + usize::from(!tail);
        if let Some(hook) = &mut self.trace_hook {
            hook(TraceEvent::Call { depth, procedure: Value::Closure(c), args: &self.stack[callee_idx + 1..] });
        }
    }

    /// Tell the trace hook that the running closure returns `value`.
    #[cold]
    #[inline(never)]
    fn trace_return(&mut self, value: Value) {
        let depth = self.frames.len();
        if let Some(hook) = &mut self.trace_hook {
            hook(TraceEvent::Return { depth, value });
        }
    }

    /// Call the procedure below the top `argc` stack values.
    pub(super) fn call(&mut self, regs: &mut Frame, mut argc: usize, tail: bool, base: usize) -> Step {
        loop {
            let callee_idx = self.stack.len() - argc - 1;
            let callee = self.stack[callee_idx];
            match callee {
                Value::Closure(c) if c.code().simple_argc as usize == argc => {
                    if self.trace_hook.is_some() {
                        self.trace_call(c, callee_idx, tail);
                    }
                    let callee_idx = if tail {
                        let dst = regs.fp as usize - 1;
                        self.stack.copy_within(callee_idx.., dst);
                        self.stack.truncate(dst + argc + 1);
                        dst
                    } else {
                        if self.stack_full() {
                            return self.overflow(regs, base);
                        }
                        self.frames.push(regs.saved());
                        callee_idx
                    };
                    let fp = callee_idx + 1;
                    let frame_size = c.code().frame_size as usize;
                    if frame_size > argc {
                        self.stack.resize(fp + frame_size, Value::Undefined);
                    }
                    *regs = Frame { closure: c, pc: 0, fp: fp as u32 };
                    return if self.safe_point_quiet() { Ok(None) } else { self.attend(regs, base) };
                }
                Value::Closure(c) => {
                    if let Err(t) = check_arity(&c.code(), argc) {
                        return self.signal(regs, t, base);
                    }
                    if self.trace_hook.is_some() {
                        self.trace_call(c, callee_idx, tail);
                    }
                    let callee_idx = if tail {
                        let dst = regs.fp as usize - 1;
                        self.stack.copy_within(callee_idx.., dst);
                        self.stack.truncate(dst + argc + 1);
                        dst
                    } else {
                        if self.stack_full() {
                            return self.overflow(regs, base);
                        }
                        self.frames.push(regs.saved());
                        callee_idx
                    };
                    let fp = callee_idx + 1;
                    if let Err(t) = self.bind_args(c.code(), fp, argc) {
                        return self.signal(regs, t, base);
                    }
                    *regs = Frame { closure: c, pc: 0, fp: fp as u32 };
                    return if self.safe_point_quiet() { Ok(None) } else { self.attend(regs, base) };
                }
                Value::Prim(p) => {
                    if !p.accepts(argc) {
                        let t = Throw::new(
                            "wrong-number-of-args",
                            Some(p.name),
                            format!(
                                "Wrong number of arguments to {}: expected {}, got {argc}",
                                p.name,
                                p.describe_arity()
                            ),
                            vec![],
                        );
                        return self.signal(regs, t, base);
                    }
                    match p.kind {
                        PrimKind::Simple(func) => {
                            return match self.apply_simple_prim(func, callee_idx, argc) {
                                Ok(v) => self.deliver(regs, v, tail, base),
                                Err(t) => self.signal(regs, t, base),
                            };
                        }
                        PrimKind::Special(s) => match self.special(regs, s, callee_idx, argc, tail, base) {
                            Ok(Some(n)) => argc = n,
                            Ok(None) => return Ok(None),
                            Err(step) => return step,
                        },
                    }
                }
                Value::Continuation(k) => {
                    let args: Vec<Value> = self.stack[callee_idx + 1..].to_vec();
                    if k.run_depth > self.run_depth {
                        self.stack.truncate(callee_idx);
                        let t = Throw::misc(
                            "call/cc",
                            "this continuation belongs to an evaluation that has finished (it was captured while expanding a macro or loading a file) and cannot be resumed",
                            vec![],
                        );
                        return self.signal(regs, t, base);
                    }
                    if !crate::value::equality::eq(k.winders, self.winders) {
                        // dynamic-wind thunks must run first: let Scheme do it.
                        let list = self.list(&args);
                        let rewind = self.root_value("%rewind-and-resume");
                        self.stack.truncate(callee_idx);
                        self.stack.push(rewind);
                        self.stack.push(Value::Continuation(k));
                        self.stack.push(list);
                        argc = 2;
                        continue;
                    }
                    return self.resume(regs, k, &args, base);
                }
                Value::Parameter(p) => {
                    if argc == 1 && !p.converter.is_false() {
                        // Guile converts a value given this way: Scheme
                        // calls the converter, then sets the parameter.
                        let setter = self.root_value("%parameter-convert-and-set!");
                        self.stack.insert(callee_idx, setter);
                        argc = 2;
                        continue;
                    }
                    let v = if argc == 0 {
                        p.value.get()
                    } else {
                        p.value.set(self.stack[callee_idx + 1]);
                        Value::Unspecified
                    };
                    self.stack.truncate(callee_idx);
                    return self.deliver(regs, v, tail, base);
                }
                // Mes applies a symbol as the procedure its top-level
                // variable holds (Mes's own make-fluid relies on it).
                Value::Symbol(name) if self.procedure_named(name).is_some() => {
                    self.stack[callee_idx] = self.procedure_named(name).unwrap_or(Value::Unspecified);
                }
                other => {
                    self.stack.truncate(callee_idx);
                    let t = Throw::new("wrong-type-arg", None, "Wrong type to apply: ~S", vec![other]);
                    return self.signal(regs, t, base);
                }
            }
        }
    }

    /// `call`, from the instruction loop once its inline case for closures
    /// did not apply: a simple primitive (`string-ref`, `char->integer`)
    /// is called from here, a function small enough to enter cheaply.
    #[inline(never)]
    pub(super) fn call_any(&mut self, regs: &mut Frame, argc: usize, tail: bool, base: usize) -> Step {
        let callee_idx = self.stack.len() - argc - 1;
        if let Value::Prim(p) = self.stack[callee_idx] {
            if let PrimKind::Simple(func) = p.kind {
                if p.accepts(argc) {
                    return match self.apply_simple_prim(func, callee_idx, argc) {
                        Ok(v) => self.deliver(regs, v, tail, base),
                        Err(t) => self.signal(regs, t, base),
                    };
                }
            }
        }
        self.call(regs, argc, tail, base)
    }

    /// Run a simple primitive on the `argc` values above `callee_idx`, then
    /// pop them and the callee.
    #[inline(always)]
    fn apply_simple_prim(&mut self, func: SimpleFn, callee_idx: usize, argc: usize) -> PrimResult {
        let at = callee_idx + 1;
        let result = if argc <= SMALL_ARGS {
            // Copied one by one: the common counts are 1 to 3, for which a
            // call of memcpy costs more than the copy.
            let mut buf = [Value::Null; SMALL_ARGS];
            for (i, slot) in buf.iter_mut().enumerate().take(argc) {
                *slot = self.stack.load(at + i);
            }
            func(self, &buf[..argc])
        } else {
            let args = self.stack[at..].to_vec();
            func(self, &args)
        };
        self.stack.truncate(callee_idx);
        result
    }

    /// Turn a primitive's error into a raise: straight out of the run when
    /// no handler is installed, otherwise a call of Scheme's `raise`.
    pub(super) fn signal(&mut self, regs: &mut Frame, t: Box<Throw>, base: usize) -> Step {
        if t.key.name() == "%exit" {
            let code = match t.rest {
                Value::Int(i) => i as i32,
                _ => 0,
            };
            return Err(RunError::Exit(code).into());
        }
        if let (ESCAPE_KEY, Some(Value::Continuation(k))) = (t.key.name(), t.raised) {
            let args = t.rest.list_to_vec().unwrap_or_default();
            return self.resume(regs, k, &args, base);
        }
        let obj = match t.raised {
            Some(v) => v,
            None => self.condition_value(&t, Some(regs)),
        };
        if self.handlers.is_null() {
            return Err(RunError::Uncaught(obj).into());
        }
        let raise = self.root_value("raise");
        self.stack.push(raise);
        self.stack.push(obj);
        self.call(regs, 1, false, base)
    }
}

impl Vm {
    /// The procedure a top-level variable named `name` holds, if any.
    fn procedure_named(&mut self, name: Symbol) -> Option<Value> {
        let binding = self.current_module.lookup_local(name).or_else(|| self.root_binding(name));
        match binding {
            Some(crate::module::Binding::Var(v)) if v.value.get().is_procedure() => Some(v.value.get()),
            _ => None,
        }
    }
}

/// Multiple values returned to a call site that takes one value: the
/// first of them (none: unspecified). `regs.pc` is just past the call.
pub(super) fn single_value_unless_kept(regs: &Frame, v: Value) -> Value {
    if !matches!(v, Value::Values(_)) {
        return v;
    }
    let code = regs.closure.code();
    let call = regs.pc.checked_sub(1).and_then(|pc| code.ops.compiled().get(pc as usize));
    if matches!(call, Some(Op::CallKeepValues(_))) {
        return v;
    }
    first_value(v)
}

/// What a call site that takes one value gets: the first of multiple
/// values (none: unspecified), any other value as it is.
fn first_value(v: Value) -> Value {
    match v {
        Value::Values(mv) => mv.items.first().copied().unwrap_or(Value::Unspecified),
        other => other,
    }
}

/// The value of a global, given its `Variable` constant.
pub(super) fn global_value(var: Value) -> Value {
    match var {
        Value::Variable(var) => var.value.get(),
        other => other,
    }
}

fn unbox(v: Value) -> Value {
    match v {
        Value::Variable(b) => b.value.get(),
        other => other,
    }
}

fn set_box(b: Value, v: Value) {
    if let Value::Variable(b) = b {
        b.value.set(v);
    }
}
