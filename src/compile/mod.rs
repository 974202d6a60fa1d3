//! Code generation: `Core` → `Code` (one per lambda), using the analysis
//! in `analyze.rs`. An expression compiled for its value leaves exactly one
//! value on the stack; one compiled for effect (all but the last of a
//! `begin`) leaves none, so `set!` in a loop body costs no push and pop.

mod analyze;
mod blocks;
mod branch;
mod copies;
mod inline;

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

use analyze::{lambda_key, Analysis};
use inline::inline_op;

use crate::diag::Span;
use crate::expand::{Core, Lambda, VarId, VarInfo};
use crate::module::Binding;
use crate::value::{Gc, Symbol, Value};
use crate::vm::code::{Arity, Code, Op, Ops};
use crate::vm::Vm;

/// What the code of an expression does with its value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// Leaves it on the stack.
    Value,
    /// Returns it.
    Tail,
    /// Drops it: the expression runs for its effects only.
    Effect,
}

/// Where a variable lives, seen from the function being compiled.
enum Place {
    Local(u16),
    Free(u16),
    SelfRef,
}

struct Function {
    ops: Vec<Op>,
    consts: Vec<Value>,
    spans: Vec<(u32, Span)>,
    slots: HashMap<VarId, u16>,
    free: Vec<VarId>,
    self_var: Option<VarId>,
    /// Required-argument count when the function takes exactly that many.
    simple_arity: Option<u16>,
    next_slot: u16,
    max_slot: u16,
    var_consts: HashMap<usize, u32>,
    /// Contified lambdas whose `let` body is being compiled.
    conts: HashMap<VarId, Cont>,
    /// What made the procedure too large for its instructions' 16-bit
    /// operands (slots, arguments, free variables), if anything did.
    too_large: Option<&'static str>,
}

/// A `let`-bound lambda compiled as a block of the enclosing procedure:
/// a call stores the arguments in its parameters' slots and jumps.
struct Cont {
    params: Vec<u16>,
    /// A loop's start, jumped back to; `None` for a block placed after
    /// the calls, whose jumps are patched then.
    start: Option<u32>,
    /// The jumps to patch with the block's start.
    jumps: Vec<usize>,
}

impl Function {
    fn new(free: Vec<VarId>, self_var: Option<VarId>) -> Function {
        Function {
            ops: Vec::new(),
            consts: Vec::new(),
            spans: Vec::new(),
            slots: HashMap::default(),
            free,
            self_var,
            simple_arity: None,
            next_slot: 0,
            max_slot: 0,
            var_consts: HashMap::default(),
            conts: HashMap::default(),
            too_large: None,
        }
    }

    /// `n` as an instruction operand; past 65,535 the procedure is marked
    /// too large (`finish` then makes it raise an error) and 0 stands in.
    fn operand(&mut self, n: usize, what: &'static str) -> u16 {
        u16::try_from(n).unwrap_or_else(|_| {
            self.too_large.get_or_insert(what);
            0
        })
    }

    fn emit(&mut self, op: Op) -> usize {
        self.ops.push(op);
        self.ops.len() - 1
    }

    fn mark_span(&mut self, span: Span) {
        if !span.is_none() {
            let pc = self.ops.len() as u32;
            if self.spans.last().is_some_and(|(p, _)| *p == pc) {
                self.spans.pop();
            }
            self.spans.push((pc, span));
        }
    }

    fn constant(&mut self, v: Value) -> u32 {
        if let Value::Variable(var) = v {
            if let Some(&k) = self.var_consts.get(&var.addr()) {
                return k;
            }
            let k = self.consts.len() as u32;
            self.var_consts.insert(var.addr(), k);
            self.consts.push(v);
            return k;
        }
        self.consts.push(v);
        (self.consts.len() - 1) as u32
    }

    fn alloc_slot(&mut self, v: VarId) -> u16 {
        let slot = self.alloc_temp();
        self.slots.insert(v, slot);
        slot
    }

    /// A slot for an intermediate value, free again when `next_slot` is
    /// restored.
    fn alloc_temp(&mut self) -> u16 {
        let slot = self.next_slot;
        self.next_slot = self.operand(usize::from(slot) + 1, "local variables");
        self.max_slot = self.max_slot.max(self.next_slot);
        slot
    }

    fn place(&self, v: VarId) -> Place {
        if let Some(&s) = self.slots.get(&v) {
            Place::Local(s)
        } else if self.self_var == Some(v) {
            Place::SelfRef
        } else {
            let idx = self.free.iter().position(|f| *f == v).unwrap_or(0);
            Place::Free(idx as u16)
        }
    }

    fn patch(&mut self, at: usize, target: usize) {
        let t = target as u32;
        self.ops[at] = match self.ops[at] {
            Op::Jump(_) => Op::Jump(t),
            Op::JumpIfFalse(_) => Op::JumpIfFalse(t),
            Op::JumpIfPassed(s, _) => Op::JumpIfPassed(s, t),
            other => other,
        };
    }
}

pub struct Compiler<'a> {
    vm: &'a mut Vm,
    analysis: Analysis,
    vars: Vec<VarInfo>,
}

impl<'a> Compiler<'a> {
    /// Compile a top-level form into a procedure of no arguments.
    pub fn compile_toplevel(vm: &'a mut Vm, core: &Core, vars: Vec<VarInfo>, span: Span) -> Gc<Code> {
        let propagated = copies::propagate(core, vars.len());
        let core = propagated.as_ref().unwrap_or(core);
        let analysis = analyze::analyze(core, vars.len(), &|g, argc| inline_op(vm, g, argc).is_some());
        let mut c = Compiler { vm, analysis, vars };
        let mut f = Function::new(vec![], None);
        c.expr(&mut f, core, Ctx::Tail);
        c.finish(f, None, Arity::default(), span, vec![], None, None)
    }

    /// Compile a top-level `Core::Lambda` (a procedure with no free
    /// variables) into its code.
    pub fn compile_procedure(vm: &'a mut Vm, core: &Core, vars: Vec<VarInfo>) -> Option<Gc<Code>> {
        let propagated = copies::propagate(core, vars.len());
        let core = propagated.as_ref().unwrap_or(core);
        let Core::Lambda(l) = core else { return None };
        let analysis = analyze::analyze(core, vars.len(), &|g, argc| inline_op(vm, g, argc).is_some());
        let key = lambda_key(l);
        if analysis.free.get(&key).is_some_and(|free| !free.is_empty()) {
            return None;
        }
        let self_var = analysis.self_var.get(&key).copied();
        let mut c = Compiler { vm, analysis, vars };
        Some(c.lambda_code(l, vec![], self_var))
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &mut self,
        mut f: Function,
        name: Option<Symbol>,
        arity: Arity,
        span: Span,
        params: Vec<Symbol>,
        rest_name: Option<Symbol>,
        doc: Option<String>,
    ) -> Gc<Code> {
        // Code that cannot run as compiled raises an error instead.
        let failure = if let Some(what) = f.too_large {
            Some(format!("procedure too large to compile: more than 65535 {what}; split it into smaller procedures"))
        } else if reads_past_free_variables(&f.ops, f.free.len()) {
            // A compiler bug: the instruction loop would index the closure's
            // variables out of bounds.
            Some("internal error: a procedure was compiled wrong (guix0 bug)".to_string())
        } else {
            None
        };
        let ops = match failure {
            Some(message) => {
                let error = match self.vm.root_module.lookup_local(Symbol::intern("error")) {
                    Some(Binding::Var(var)) => Value::Variable(var),
                    _ => Value::Unspecified,
                };
                let message = self.vm.make_string(&message);
                vec![Op::Global(f.constant(error)), Op::Const(f.constant(message)), Op::TailCall(1)]
            }
            None => thread_jumps(f.ops),
        };
        let ops = Ops::new(ops);
        self.vm.heap.alloc(Code {
            name,
            simple_argc: arity.simple_argc(),
            arity,
            frame_size: f.max_slot,
            ops,
            consts: f.consts,
            spans: f.spans,
            span,
            params,
            rest_name,
            doc,
            deferred: None,
        })
    }

    fn is_boxed(&self, v: VarId) -> bool {
        self.analysis.boxed.get(v).copied().unwrap_or(false)
    }

    fn load_var(&mut self, f: &mut Function, v: VarId) {
        let boxed = self.is_boxed(v);
        let op = match (f.place(v), boxed) {
            (Place::Local(s), false) => Op::Local(s),
            (Place::Local(s), true) => Op::LocalBox(s),
            (Place::Free(i), false) => Op::Free(i),
            (Place::Free(i), true) => Op::FreeBox(i),
            (Place::SelfRef, _) => Op::SelfRef,
        };
        f.emit(op);
    }

    /// Push the variable's storage itself (the box, for boxed variables),
    /// for capture by a closure.
    fn load_raw(&mut self, f: &mut Function, v: VarId) {
        let op = match f.place(v) {
            Place::Local(s) => Op::Local(s),
            Place::Free(i) => Op::Free(i),
            Place::SelfRef => Op::SelfRef,
        };
        f.emit(op);
    }

    fn store_var(&mut self, f: &mut Function, v: VarId) {
        let op = match f.place(v) {
            Place::Local(s) if self.is_boxed(v) => Op::SetLocalBox(s),
            Place::Local(s) => Op::SetLocal(s),
            Place::Free(i) => Op::SetFreeBox(i),
            // Self-referring letrec variables are never assigned.
            Place::SelfRef => Op::Pop,
        };
        f.emit(op);
    }

    /// Return or drop the value just pushed, as `ctx` asks.
    fn ret(f: &mut Function, ctx: Ctx) {
        match ctx {
            Ctx::Value => {}
            Ctx::Tail => {
                f.emit(Op::Return);
            }
            Ctx::Effect => {
                f.emit(Op::Pop);
            }
        }
    }

    /// The value of an expression that has none worth pushing (a `set!`),
    /// unless it is dropped anyway.
    fn unspecified(f: &mut Function, ctx: Ctx) {
        if ctx != Ctx::Effect {
            f.emit(Op::Unspecified);
            Self::ret(f, ctx);
        }
    }

    fn expr(&mut self, f: &mut Function, core: &Core, ctx: Ctx) {
        match core {
            // Nothing to do for a value without effects that is dropped.
            Core::Const(_) | Core::Unspecified | Core::Local(_) | Core::Lambda(_) if ctx == Ctx::Effect => {}
            Core::Const(v) => {
                let k = f.constant(*v);
                f.emit(Op::Const(k));
                Self::ret(f, ctx);
            }
            Core::Unspecified => Self::unspecified(f, ctx),
            Core::Local(v) => match f.place(*v) {
                Place::Local(s) if ctx == Ctx::Tail && !self.is_boxed(*v) => {
                    f.emit(Op::ReturnLocal(s));
                }
                _ => {
                    self.load_var(f, *v);
                    Self::ret(f, ctx);
                }
            },
            Core::SetLocal(v, e) => {
                self.expr(f, e, Ctx::Value);
                self.store_var(f, *v);
                Self::unspecified(f, ctx);
            }
            Core::Global(var, span) => {
                // Kept even for effect: reading an unbound global is an error.
                let k = f.constant(Value::Variable(*var));
                f.mark_span(*span);
                f.emit(Op::Global(k));
                Self::ret(f, ctx);
            }
            Core::SetGlobal(var, e, span) => {
                self.expr(f, e, Ctx::Value);
                let k = f.constant(Value::Variable(*var));
                f.mark_span(*span);
                f.emit(Op::SetGlobal(k));
                Self::unspecified(f, ctx);
            }
            Core::DefineGlobal(var, e) => {
                self.expr(f, e, Ctx::Value);
                let k = f.constant(Value::Variable(*var));
                f.emit(Op::DefineGlobal(k));
                Self::unspecified(f, ctx);
            }
            Core::If(c, t, e) => self.if_expr(f, c, t, e, ctx),
            Core::Seq(items) => {
                let n = items.len();
                for (i, item) in items.iter().enumerate() {
                    self.expr(f, item, if i + 1 == n { ctx } else { Ctx::Effect });
                }
                if n == 0 {
                    Self::unspecified(f, ctx);
                }
            }
            Core::Lambda(l) => {
                self.closure(f, l);
                Self::ret(f, ctx);
            }
            Core::Call(g, args, span) => self.call(f, g, args, *span, ctx),
            Core::Let(bindings, body) => match self.predicate_or(core) {
                Some((a, b)) => self.if_expr(f, a, &Core::Const(Value::TRUE), b, ctx),
                None => self.let_expr(f, bindings, body, ctx),
            },
            Core::Letrec(bindings, body) => {
                let saved = f.next_slot;
                let undefined = f.constant(Value::Undefined);
                for (v, _) in bindings {
                    let s = f.alloc_slot(*v);
                    f.emit(Op::Const(undefined));
                    f.emit(Op::SetLocal(s));
                    if self.is_boxed(*v) {
                        f.emit(Op::MakeBox(s));
                    }
                }
                for (v, init) in bindings {
                    match init {
                        Core::Lambda(l) => self.closure(f, l),
                        other => self.expr(f, other, Ctx::Value),
                    }
                    self.store_var(f, *v);
                }
                self.expr(f, body, ctx);
                f.next_slot = saved;
            }
        }
    }

    fn let_expr(&mut self, f: &mut Function, bindings: &[(VarId, Core)], body: &Core, ctx: Ctx) {
        let saved = f.next_slot;
        let (blocks, values): (Vec<_>, Vec<_>) =
            bindings.iter().partition(|(v, _)| self.analysis.contified.contains(v));
        let slots = self.bind_fresh(f, values.iter().map(|(v, init)| (*v, init)));
        for ((v, _), &s) in values.iter().zip(&slots) {
            if self.is_boxed(*v) {
                f.emit(Op::MakeBox(s));
            }
        }
        for (v, init) in &blocks {
            if let Core::Lambda(l) = init {
                let params = l.required.iter().map(|p| f.alloc_slot(*p)).collect();
                f.conts.insert(*v, Cont { params, start: None, jumps: vec![] });
            }
        }
        self.expr(f, body, ctx);
        self.blocks(f, &blocks, ctx);
        f.next_slot = saved;
    }

    /// Slots for new variables, each given the value of its init as soon
    /// as that is computed (an inline `car` goes straight into its slot).
    /// The slots are taken first, so the inits' temporaries lie above them;
    /// the inits cannot see these variables, so none of them notices.
    fn bind_fresh<'c>(&mut self, f: &mut Function, bindings: impl Iterator<Item = (VarId, &'c Core)>) -> Vec<u16> {
        let bindings: Vec<_> = bindings.collect();
        let slots: Vec<u16> = bindings.iter().map(|(v, _)| f.alloc_slot(*v)).collect();
        for ((_, init), &s) in bindings.iter().zip(&slots) {
            self.expr(f, init, Ctx::Value);
            f.emit(Op::SetLocal(s));
        }
        slots
    }

    /// `(if c t e)`, the test compiled as a branch.
    fn if_expr(&mut self, f: &mut Function, c: &Core, t: &Core, e: &Core, ctx: Ctx) {
        let mut to_else = vec![];
        self.branch(f, c, &mut to_else);
        self.expr(f, t, ctx);
        let jend = if ctx == Ctx::Tail { None } else { Some(f.emit(Op::Jump(0))) };
        let else_at = f.ops.len();
        for jf in to_else {
            f.patch(jf, else_at);
        }
        self.expr(f, e, ctx);
        if let Some(j) = jend {
            let end = f.ops.len();
            f.patch(j, end);
        }
    }

    fn call(&mut self, f: &mut Function, g: &Core, args: &[Core], span: Span, ctx: Ctx) {
        self.call_op(f, g, args, span, ctx, false)
    }

    /// A call (`Op::Call`, `Op::TailCall`, or with `keep_values`
    /// `Op::CallKeepValues`) unless it is inlined, a jump to a contified
    /// lambda or a self tail call.
    fn call_op(&mut self, f: &mut Function, g: &Core, args: &[Core], span: Span, ctx: Ctx, keep_values: bool) {
        let tail = ctx == Ctx::Tail;
        let inline = self.negated_inline(g, args).or_else(|| {
            let (var, op) = self.inline_op(g, args.len())?;
            Some((var, op, args, span))
        });
        if let Some((var, op, args, span)) = inline {
            self.emit_inline(f, var, op, args, span);
            Self::ret(f, ctx);
            return;
        }
        if let Some((v, l)) = analyze::named_let(g).filter(|(v, _)| self.analysis.contified.contains(v)) {
            self.loop_block(f, v, l, args, ctx);
            return;
        }
        let n = f.operand(args.len(), "arguments in a call");
        if let Core::Local(v) = g {
            if let Some((params, start)) = f.conts.get(v).map(|c| (c.params.clone(), c.start)) {
                // A contified lambda: arguments into its slots, then jump.
                self.jump_args(f, &params, args);
                match start {
                    Some(start) => {
                        f.mark_span(span);
                        f.emit(Op::Loop(start));
                    }
                    None => {
                        let jump = f.emit(Op::Jump(0));
                        if let Some(cont) = f.conts.get_mut(v) {
                            cont.jumps.push(jump);
                        }
                    }
                }
                return;
            }
            if tail && matches!(f.place(*v), Place::SelfRef) && f.simple_arity == Some(n) {
                for a in args {
                    self.expr(f, a, Ctx::Value);
                }
                f.mark_span(span);
                f.emit(Op::TailSelf(n));
                return;
            }
        }
        self.expr(f, g, Ctx::Value);
        if self.is_root_global(g, "%apply-values") && args.len() == 2 {
            // (%apply-values consumer (producer)): the producer's values
            // must reach the consumer untruncated.
            self.expr(f, &args[0], Ctx::Value);
            match &args[1] {
                Core::Call(pg, pargs, pspan) => self.call_op(f, pg, pargs, *pspan, Ctx::Value, true),
                other => self.expr(f, other, Ctx::Value),
            }
        } else {
            for a in args {
                self.expr(f, a, Ctx::Value);
            }
        }
        f.mark_span(span);
        f.emit(match ctx {
            Ctx::Tail => Op::TailCall(n),
            _ if keep_values => Op::CallKeepValues(n),
            _ => Op::Call(n),
        });
        if ctx == Ctx::Effect {
            f.emit(Op::Pop);
        }
    }

    fn is_root_global(&self, g: &Core, name: &str) -> bool {
        let Core::Global(var, _) = g else { return false };
        var.name.name() == name
            && matches!(self.vm.root_module.lookup_local(var.name), Some(Binding::Var(root_var)) if Gc::ptr_eq(root_var, *var))
    }

    fn closure(&mut self, f: &mut Function, l: &Rc<Lambda>) {
        let key = lambda_key(l);
        let free = self.analysis.free.get(&key).cloned().unwrap_or_default();
        let self_var = self.analysis.self_var.get(&key).copied();
        let code = self.lambda_code(l, free.clone(), self_var);
        for v in &free {
            self.load_raw(f, *v);
        }
        let k = f.constant(Value::Code(code));
        let n = f.operand(free.len(), "variables captured by a lambda");
        f.emit(Op::MakeClosure(k, n));
    }

    fn lambda_code(&mut self, l: &Lambda, free: Vec<VarId>, self_var: Option<VarId>) -> Gc<Code> {
        let mut f = Function::new(free, self_var);
        let mut arity = Arity {
            required: f.operand(l.required.len(), "parameters"),
            optional: f.operand(l.optional.len(), "parameters"),
            rest: l.rest.is_some(),
            keys: vec![],
            allow_other_keys: l.allow_other_keys,
        };
        for &v in &l.required {
            f.alloc_slot(v);
        }
        if arity.is_simple() {
            f.simple_arity = Some(arity.required);
        }
        for (v, _) in &l.optional {
            f.alloc_slot(*v);
        }
        if let Some(r) = l.rest {
            f.alloc_slot(r);
        }
        for (k, v, _) in &l.keys {
            let s = f.alloc_slot(*v);
            arity.keys.push((*k, s));
        }
        for &v in &l.required {
            self.box_param(&mut f, v);
        }
        let defaults = l.optional.iter().map(|(v, d)| (*v, d)).chain(l.keys.iter().map(|(_, v, d)| (*v, d)));
        let mut with_defaults: Vec<(VarId, Option<&Core>)> = defaults.map(|(v, d)| (v, d.as_ref())).collect();
        // The rest parameter comes between optionals and keys in the frame,
        // and needs no default.
        let n_opt = l.optional.len();
        for (i, (v, default)) in with_defaults.drain(..).enumerate() {
            if i == n_opt {
                if let Some(r) = l.rest {
                    self.box_param(&mut f, r);
                }
            }
            let slot = f.slots.get(&v).copied().unwrap_or(0);
            let jump = f.emit(Op::JumpIfPassed(slot, 0));
            match default {
                Some(d) => self.expr(&mut f, d, Ctx::Value),
                None => {
                    let k = f.constant(Value::FALSE);
                    f.emit(Op::Const(k));
                }
            }
            f.emit(Op::SetLocal(slot));
            let here = f.ops.len();
            f.patch(jump, here);
            self.box_param(&mut f, v);
        }
        if l.keys.is_empty() {
            if let Some(r) = l.rest {
                self.box_param(&mut f, r);
            }
        }
        self.expr(&mut f, &l.body, Ctx::Tail);
        let params: Vec<Symbol> =
            l.required.iter().chain(l.optional.iter().map(|(v, _)| v)).map(|v| self.vars[*v].name).collect();
        let rest_name = l.rest.map(|v| self.vars[v].name);
        self.finish(f, l.name, arity, l.span, params, rest_name, l.doc.clone())
    }

    fn box_param(&mut self, f: &mut Function, v: VarId) {
        if self.is_boxed(v) {
            if let Some(&s) = f.slots.get(&v) {
                f.emit(Op::MakeBox(s));
            }
        }
    }
}

/// Whether an instruction reads a free variable beyond the `free` a
/// closure of the code has.
fn reads_past_free_variables(ops: &[Op], free: usize) -> bool {
    ops.iter().any(|op| matches!(op, Op::Free(i) | Op::FreeBox(i) | Op::SetFreeBox(i) if *i as usize >= free))
}

/// `ops` with each jump that lands on an unconditional jump sent straight
/// to where that one goes (an `if` for effect ending a loop body lands on
/// the jump that ends the enclosing `if`).
fn thread_jumps(mut ops: Vec<Op>) -> Vec<Op> {
    let final_target = |ops: &[Op], mut t: u32| {
        // A few hops at most; the bound only guards against a cycle.
        for _ in 0..8 {
            match ops.get(t as usize) {
                Some(&Op::Jump(next)) if next != t => t = next,
                _ => break,
            }
        }
        t
    };
    for i in 0..ops.len() {
        ops[i] = match ops[i] {
            Op::Jump(t) => Op::Jump(final_target(&ops, t)),
            Op::JumpIfFalse(t) => Op::JumpIfFalse(final_target(&ops, t)),
            other => other,
        };
    }
    ops
}

#[cfg(test)]
mod tests;
