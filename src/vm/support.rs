//! Helpers the rest of the system uses on the VM: building values,
//! converting between syntax and data, conditions and backtraces,
//! compiling and evaluating forms.

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

use super::code::{Arity, Code, Op};
use super::error::Throw;
use super::interp::{RunError, Unwind};
use super::{Frame, Vm};
use crate::compile::Compiler;
use crate::diag::{ErrorContext, FrameInfo, FrameLocals, Span};
use crate::expand::{Core, Expander, VarInfo};
use crate::module::Binding;
use crate::reader::{Datum, Syntax, MAX_NESTING};
use crate::value::{Condition, Gc, SString, Symbol, Truth, Value, Vector};

/// Backtraces keep this many frames at each end of a deep stack.
const BACKTRACE_EDGE: usize = 12;

/// The procedures of guix0's library that raise a condition on behalf of
/// their caller.
const RAISE_MACHINERY: &[&str] =
    &["raise", "raise-continuable", "error", "throw", "scm-error", "call-with-values", "%raise-diagnostic"];

impl Vm {
    pub fn cons(&mut self, car: Value, cdr: Value) -> Value {
        Value::Pair(self.heap.alloc_pair(car, cdr))
    }

    pub fn list(&mut self, items: &[Value]) -> Value {
        self.list_with_tail(items, Value::Null)
    }

    pub fn list_with_tail(&mut self, items: &[Value], tail: Value) -> Value {
        items.iter().rev().fold(tail, |acc, &v| self.cons(v, acc))
    }

    pub fn make_string(&mut self, s: &str) -> Value {
        Value::Str(self.heap.alloc(SString::new(s.to_owned())))
    }

    pub fn make_opaque(&mut self, data: impl crate::value::OpaqueData) -> Value {
        Value::Opaque(self.heap.alloc(crate::value::Opaque { data: Box::new(data) }))
    }

    pub fn make_vector(&mut self, items: Vec<Value>) -> Value {
        Value::Vector(self.heap.alloc(Vector { items: std::cell::RefCell::new(items) }))
    }

    /// The value of a root-module global (`Unspecified` if unbound).
    pub fn root_value(&mut self, name: &str) -> Value {
        match self.root_binding(Symbol::intern(name)) {
            Some(Binding::Var(v)) => v.value.get(),
            _ => Value::Unspecified,
        }
    }

    /// `(current-source-location)`: where the form is, as Guile's source
    /// properties say it: `((filename . F) (line . L) (column . C))`,
    /// line and column counted from 0; `()` for code read from no file.
    pub fn source_location(&mut self, span: Span) -> Value {
        if span.is_none() {
            return Value::Null;
        }
        let (line, column) = crate::diag::line_col(span.file, span.start as usize);
        let file = self.make_string(&crate::diag::source_name(span.file));
        let entries =
            [("filename", file), ("line", Value::Int(line as i64 - 1)), ("column", Value::Int(column as i64 - 1))];
        let pairs: Vec<Value> = entries.into_iter().map(|(key, v)| self.cons(Value::sym(key), v)).collect();
        self.list(&pairs)
    }

    pub fn syntax_to_value(&mut self, x: &Syntax) -> Value {
        self.syntax_to_data(x, None)
    }

    /// Convert syntax to data, remembering the span of each pair made (so a
    /// macro's output can point back into the source).
    pub fn syntax_to_value_spans(&mut self, x: &Syntax, spans: &mut HashMap<usize, Span>) -> Value {
        self.syntax_to_data(x, Some(spans))
    }

    fn syntax_to_data(&mut self, x: &Syntax, mut spans: Option<&mut HashMap<usize, Span>>) -> Value {
        match &x.datum {
            Datum::List(items, tail) => {
                let mut acc = match tail {
                    Some(t) => self.syntax_to_data(t, spans.as_deref_mut()),
                    None => Value::Null,
                };
                for item in items.iter().rev() {
                    let v = self.syntax_to_data(item, spans.as_deref_mut());
                    acc = self.cons(v, acc);
                }
                if let (Value::Pair(p), Some(spans)) = (acc, spans) {
                    spans.insert(p.addr(), x.span);
                }
                acc
            }
            Datum::Vector(items) => {
                let vals = items.iter().map(|i| self.syntax_to_data(i, spans.as_deref_mut())).collect();
                self.make_vector(vals)
            }
            Datum::Bytevector(b) => Value::Bytevector(
                self.heap.alloc(crate::value::Bytevector { bytes: std::cell::RefCell::new(b.clone()) }),
            ),
            Datum::Alias(a) => Value::Symbol(crate::expand::Ident::Alias(a.clone()).base()),
            atom => atom.atom_value(&mut self.heap).unwrap_or(Value::Unspecified),
        }
    }

    /// A value as code. Lists and vectors nested deeper than the reader
    /// allows are an error, not a constant that would quietly go unrun.
    pub fn value_to_syntax(
        &mut self,
        v: Value,
        span: Span,
        spans: &HashMap<usize, Span>,
    ) -> Result<Syntax, Box<Throw>> {
        let mut too_deep = false;
        let syntax = self.value_to_syntax_depth(v, span, spans, 0, &mut too_deep);
        if too_deep {
            return Err(crate::expand::syntax_error(
                span,
                format!("the code nests more than {MAX_NESTING} lists deep"),
                Some("was this datum meant to be evaluated? quote it, or build shallower code"),
            ));
        }
        Ok(syntax)
    }

    fn value_to_syntax_depth(
        &mut self,
        v: Value,
        span: Span,
        spans: &HashMap<usize, Span>,
        depth: usize,
        too_deep: &mut bool,
    ) -> Syntax {
        if depth >= MAX_NESTING && matches!(v, Value::Pair(_) | Value::Vector(_)) {
            *too_deep = true;
        }
        let datum = match v {
            Value::Pair(p) if depth < MAX_NESTING => {
                let span = spans.get(&p.addr()).copied().unwrap_or(span);
                let mut items = Vec::new();
                let mut rest = Value::Pair(p);
                // A circular list stops where it comes round (`slow` goes
                // half as fast), its rest kept as a constant.
                let mut slow = rest;
                let mut circular = false;
                while let Value::Pair(q) = rest {
                    items.push(self.value_to_syntax_depth(q.car(), span, spans, depth + 1, too_deep));
                    rest = q.cdr();
                    if items.len() % 2 == 0 {
                        slow = slow.cdr().unwrap_or(Value::Null);
                    }
                    if matches!(rest, Value::Pair(_)) && crate::value::equality::eq(rest, slow) {
                        circular = true;
                        break;
                    }
                }
                let tail = if circular {
                    Some(Rc::new(Syntax::new(Datum::Value(rest), span)))
                } else {
                    (!rest.is_null())
                        .then(|| Rc::new(self.value_to_syntax_depth(rest, span, spans, depth + 1, too_deep)))
                };
                return Syntax::new(Datum::List(items.into(), tail), span);
            }
            Value::Null => Datum::List(Rc::new([]), None),
            Value::Symbol(s) => Datum::Symbol(s),
            Value::Keyword(k) => Datum::Keyword(k),
            Value::Bool(b) => Datum::Bool(b),
            Value::Char(c) => Datum::Char(c),
            Value::Vector(vec) if depth < MAX_NESTING => {
                let items: Vec<Value> = vec.items.borrow().clone();
                Datum::Vector(
                    items
                        .into_iter()
                        .map(|i| self.value_to_syntax_depth(i, span, spans, depth + 1, too_deep))
                        .collect(),
                )
            }
            // A syntax object (from a syntax-case transformer) is the form
            // it holds, aliases and spans included.
            Value::Opaque(o) if o.downcast::<crate::expand::syntax_case::SyntaxObject>().is_some() => {
                return crate::expand::syntax_case::syntax_object(v)
                    .unwrap_or_else(|| Syntax::new(Datum::Value(v), span));
            }
            // Strings and numbers stay the same objects (a macro may rely
            // on their identity); everything else is inserted as a constant.
            other => Datum::Value(other),
        };
        Syntax::new(datum, span)
    }

    /// The suspended frames, then the running one.
    fn all_frames(&self, regs: Option<&Frame>) -> Vec<Frame> {
        self.frames.iter().filter_map(|saved| self.resumed(*saved)).chain(regs.copied()).collect()
    }

    /// Where the VM is: the current call site and the Scheme frames.
    pub fn context(&self, regs: Option<&Frame>) -> ErrorContext {
        self.context_of(&self.all_frames(regs), regs)
    }

    /// `context`, given `all_frames(regs)`.
    fn context_of(&self, frames: &[Frame], regs: Option<&Frame>) -> ErrorContext {
        let describe = |f: &Frame| FrameInfo {
            name: procedure_name(f),
            span: f.closure.code().span_at(f.pc.saturating_sub(1) as usize),
        };
        let span = self.user_site(regs.and_then(|r| r.closure.code().span_at(r.pc.saturating_sub(1) as usize)), frames);
        let n = frames.len();
        let (backtrace, elided) = if n > 2 * BACKTRACE_EDGE {
            let mut bt: Vec<FrameInfo> = frames[..BACKTRACE_EDGE].iter().map(describe).collect();
            bt.extend(frames[n - BACKTRACE_EDGE..].iter().map(describe));
            (bt, n - 2 * BACKTRACE_EDGE)
        } else {
            (frames.iter().map(describe).collect(), 0)
        };
        // Frames up to the running top-level form are the loader's own.
        let in_loader = |f: &FrameInfo| f.span.is_some_and(|s| s.in_builtin_library());
        let start = backtrace
            .iter()
            .rposition(|f| f.name == "#<top-level>")
            .map(|i| i + 1)
            .unwrap_or_else(|| backtrace.iter().take_while(|f| in_loader(f)).count());
        let mut backtrace: Vec<FrameInfo> = backtrace.into_iter().skip(start).collect();
        // The library's own raising (`error` calling `raise`, ...) and the
        // helper a negated comparison falls back on are not where anything
        // went wrong.
        let machinery = |name: &str| RAISE_MACHINERY.contains(&name) || super::code::InlineOp::is_negation_helper(name);
        while backtrace.last().is_some_and(|f| in_loader(f) && machinery(&f.name)) {
            backtrace.pop();
        }
        let locals = if self.record_locals { self.frame_locals(frames) } else { None };
        ErrorContext { span, backtrace, elided, locals }
    }

    /// `(%stack-frames)`: the calls in progress for `make-stack`, innermost
    /// (the caller of `%stack-frames`) first, each `#(name file line column
    /// arguments)` with a 1-based line and 0-based column, as Guile counts
    /// them; `name` and `file` are #f when unknown. Frames of the loader
    /// below the running top-level form are left out, as in backtraces.
    pub(super) fn stack_frames(&mut self, regs: &Frame) -> Value {
        let frames = self.all_frames(Some(regs));
        let in_loader = |f: &Frame| {
            f.closure.code().span_at(f.pc.saturating_sub(1) as usize).is_some_and(|s| s.in_builtin_library())
        };
        let start = frames
            .iter()
            .rposition(|f| procedure_name(f) == "#<top-level>")
            .unwrap_or_else(|| frames.iter().take_while(|f| in_loader(f)).count());
        let mut items = Vec::with_capacity(frames.len() - start);
        for f in frames[start..].iter().rev() {
            let code = f.closure.code();
            let name = match f.closure.known_name() {
                Some(n) if n.name() != "#<top-level>" => Value::Symbol(n),
                _ => Value::FALSE,
            };
            let (file, line, column) = match code.span_at(f.pc.saturating_sub(1) as usize) {
                Some(span) if !span.is_none() => {
                    let (line, column) = crate::diag::line_col(span.file, span.start as usize);
                    let file = self.make_string(&crate::diag::source_name(span.file));
                    (file, Value::Int(line as i64), Value::Int(column as i64 - 1))
                }
                _ => (Value::FALSE, Value::FALSE, Value::FALSE),
            };
            let slot = |i: usize| match self.stack.get(f.fp as usize + i).copied() {
                Some(Value::Variable(b)) => b.value.get(),
                Some(v) => v,
                None => Value::Unspecified,
            };
            let mut args: Vec<Value> = (0..code.params.len()).map(slot).collect();
            if code.rest_name.is_some() {
                args.extend(slot(code.params.len()).list_to_vec().unwrap_or_default());
            }
            let args = self.list(&args);
            items.push(self.make_vector(vec![name, file, line, column, args]));
        }
        self.list(&items)
    }

    /// Where an error at `span` is reported: there, or, when that is inside
    /// guix0's own library, the innermost call site in the user's code that
    /// led there, else the top-level form being run.
    fn user_site(&self, span: Option<Span>, frames: &[Frame]) -> Option<Span> {
        let running_form =
            (!self.running_form.is_none() && !self.running_form.in_builtin_library()).then_some(self.running_form);
        match span {
            Some(s) if s.in_builtin_library() => frames
                .iter()
                .rev()
                .filter_map(|f| f.closure.code().span_at(f.pc.saturating_sub(1) as usize))
                .find(|s| !s.in_builtin_library())
                .or(running_form)
                .or(Some(s)),
            other => other,
        }
    }

    /// The arguments of the innermost frame not in guix0's own library.
    fn frame_locals(&self, frames: &[Frame]) -> Option<FrameLocals> {
        const VALUE_WIDTH: usize = 200;
        let f = frames.iter().rev().find(|f| !f.closure.code().span.in_builtin_library())?;
        let code = &f.closure.code();
        let slot = |i: usize| match self.stack.get(f.fp as usize + i).copied() {
            Some(Value::Variable(b)) => b.value.get(),
            Some(v) => v,
            None => Value::Undefined,
        };
        let show = |v: Value| match v {
            Value::Default => "#<not given>".to_string(),
            v => crate::value::print::to_write_bounded(v, VALUE_WIDTH),
        };
        let mut args: Vec<(String, String)> =
            code.params.iter().enumerate().map(|(i, p)| (p.to_string(), show(slot(i)))).collect();
        if let Some(rest) = code.rest_name {
            args.push((rest.to_string(), show(slot(code.params.len()))));
        }
        for (key, s) in &code.arity.keys {
            args.push((format!("#:{key}"), show(slot(*s as usize))));
        }
        Some(FrameLocals {
            name: procedure_name(f),
            defined: (!code.span.is_none()).then_some(code.span),
            at: code.span_at(f.pc.saturating_sub(1) as usize),
            args,
        })
    }

    /// Make the Scheme condition object for a primitive's error.
    pub fn condition_value(&mut self, t: &Throw, regs: Option<&Frame>) -> Value {
        let frames = self.all_frames(regs);
        let mut ctx = self.context_of(&frames, regs);
        if t.span.is_some() {
            ctx.span = self.user_site(t.span, &frames);
        }
        let who = match &t.who {
            Some(w) => self.make_string(w),
            None => Value::FALSE,
        };
        let message = self.make_string(&t.message);
        let irritants = self.list(&t.irritants);
        let args = match t.rest {
            // Guile's shape for system errors, which Guix code takes apart:
            // (subr "~A: ~S" ("No such file or directory" irritant ...) (errno)),
            // the text being strerror's (with the path, if one was added).
            Value::Int(errno) if t.key == crate::sym!("system-error") => {
                let format = "~A".to_string() + &": ~S".repeat(t.irritants.len());
                let format = self.make_string(&format);
                let text = self.make_string(&t.message);
                let with_text = self.cons(text, irritants);
                let errno = self.list(&[Value::Int(errno)]);
                self.list(&[who, format, with_text, errno])
            }
            // Guile's data for these is the list of the bad values.
            Value::Bool(Truth::False) if matches!(t.key.name(), "wrong-type-arg" | "out-of-range") => {
                self.list(&[who, message, irritants, irritants])
            }
            _ => self.list(&[who, message, irritants, t.rest]),
        };
        let cond = Condition {
            key: t.key,
            args,
            who: t.who.clone(),
            message: t.message.clone(),
            irritants,
            payload: Value::FALSE,
            help: t.help.clone(),
            context: std::cell::RefCell::new(Some(Rc::new(ctx))),
        };
        Value::Condition(self.heap.alloc(cond))
    }

    pub fn unbound_variable(&self, name: Symbol) -> Box<Throw> {
        let mut t = Throw::new("unbound-variable", None, "Unbound variable: ~S", vec![Value::Symbol(name)]);
        let suggestions = self.similar_names(name);
        if !suggestions.is_empty() {
            t.help = Some(format!("did you mean {}?", suggestions.join(", ")));
        }
        t
    }

    /// Bound names close to `name` (for "did you mean").
    pub fn similar_names(&self, name: Symbol) -> Vec<String> {
        let target = name.name();
        let mut scored: Vec<(f64, String)> = Vec::new();
        let mut consider = |s: Symbol| {
            let score = strsim::jaro_winkler(target, s.name());
            if score > 0.85 && s != name {
                scored.push((score, s.name().to_string()));
            }
        };
        let bound = |b: &Binding| !matches!(b, Binding::Var(v) if matches!(v.value.get(), Value::Undefined));
        for module in [&self.current_module, &self.root_module] {
            for (s, b) in module.table.borrow().iter().chain(module.imported.borrow().iter()) {
                if bound(b) {
                    consider(*s);
                }
            }
        }
        // And what the root library defines when first used.
        Vm::root_names_on_demand().map(Symbol::intern).for_each(consider);
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.dedup_by(|a, b| a.1 == b.1);
        scored.into_iter().take(3).map(|(_, s)| format!("`{s}`")).collect()
    }

    /// Code of the closure that applies its free variable to its arguments.
    pub(super) fn trampoline_code(&mut self) -> Gc<Code> {
        if let Some(c) = self.trampoline {
            return c;
        }
        let apply = self.root_value("apply");
        let code = self.heap.alloc(Code {
            name: None,
            arity: Arity { required: 0, optional: 0, rest: true, keys: vec![], allow_other_keys: false },
            simple_argc: crate::vm::code::NOT_SIMPLE,
            frame_size: 1,
            ops: crate::vm::code::Ops::new(vec![Op::Const(0), Op::Free(0), Op::Local(0), Op::TailCall(2)]),
            consts: vec![apply],
            spans: vec![],
            span: Span::NONE,
            params: vec![],
            rest_name: Some(Symbol::intern("args")),
            doc: None,
            deferred: None,
        });
        self.trampoline = Some(code);
        code
    }

    /// Expand and compile one form into a procedure of no arguments.
    pub fn compile_form(&mut self, form: &Syntax) -> Result<Value, Box<Throw>> {
        self.heap.inhibit += 1;
        let result = (|| {
            let mut ex = Expander::new(self);
            let core = ex.expand_toplevel(form)?;
            let vars = std::mem::take(&mut ex.vars);
            Ok(self.close_toplevel(&core, vars, form.span))
        })();
        self.heap.inhibit -= 1;
        result
    }

    /// Run a top-level procedure definition still in text: define a
    /// procedure compiled on its first call. False if the definition must
    /// be read and compiled as usual (see `Expander::defer_definition_text`).
    pub fn define_from_text(&mut self, file: u32, text: &str, p: &crate::reader::ProcedureText, span: Span) -> bool {
        self.heap.inhibit += 1;
        let definition = Expander::new(self).defer_definition_text(file, text, p, span);
        self.heap.inhibit -= 1;
        match definition {
            Some((var, procedure)) => {
                var.assign(procedure);
                true
            }
            None => false,
        }
    }

    fn close_toplevel(&mut self, core: &Core, vars: Vec<VarInfo>, span: Span) -> Value {
        let code = Compiler::compile_toplevel(self, core, vars, span);
        let closure = self.heap.alloc(crate::value::Closure {
            code: code.into(),
            free: Box::new([]),
            name: std::cell::Cell::new(Some(Symbol::intern("#<top-level>"))),
        });
        Value::Closure(closure)
    }

    /// Evaluate expanded code now (macro transformers at expansion time).
    pub fn eval_core(&mut self, core: Core, vars: Vec<VarInfo>, span: Span) -> Result<Value, Box<Throw>> {
        let thunk = self.close_toplevel(&core, vars, span);
        self.apply_nested(thunk, &[], span)
    }

    /// An error escaping a nested evaluation, as an error of the outer one.
    pub(super) fn unwind_to_throw(&mut self, e: Unwind, span: Span) -> Box<Throw> {
        match e {
            Unwind::Stop(RunError::Exit(code)) => {
                let mut t = Throw::new("%exit", None, "exit", vec![]);
                t.rest = Value::Int(code as i64);
                t
            }
            Unwind::Escape(k, args) => {
                let mut t = Throw::new(super::interp::ESCAPE_KEY, None, "", vec![]);
                t.raised = Some(Value::Continuation(k));
                t.rest = self.list(&args);
                t
            }
            Unwind::Stop(RunError::Uncaught(obj)) => {
                let mut t = Throw::new("%reraise", None, "", vec![]);
                t.raised = Some(obj);
                t.span = Some(span);
                t
            }
        }
    }
}

fn procedure_name(f: &Frame) -> String {
    match f.closure.known_name() {
        Some(n) => n.to_string(),
        None => {
            let span = f.closure.code().span;
            if span.is_none() {
                "#<procedure>".into()
            } else {
                format!("#<procedure at {}>", span.location())
            }
        }
    }
}

/// The C library's text for an errno value ("No such file or directory").
pub fn strerror(errno: i32) -> String {
    crate::vm::error::strip_os_error(&std::io::Error::from_raw_os_error(errno))
}
