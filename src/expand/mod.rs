//! The expander: `Syntax` → `Core`.
//!
//! Identifiers are resolved through a chain of lexical scopes, then the
//! current module, then the root module. `syntax-rules` templates rename the
//! identifiers they introduce to `Alias`es that remember the macro's
//! definition scope, which is what makes them hygienic: an introduced `temp`
//! cannot capture the user's `temp`, and an introduced `if` means `if` even
//! where the user has bound `if`.

pub mod core;
mod deferred;
pub mod forms;
pub mod ident_map;
mod lambda;
mod lexical_eval;
mod library;
mod modules;
mod portable;
mod quasi;
pub mod rules;
mod stand_ins;
pub mod syntax_case;

use rustc_hash::FxHashMap as HashMap;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub use self::core::{Core, Lambda, VarId, VarInfo};
pub use deferred::Deferred;
pub use forms::SpecialForm;
pub use rules::SyntaxRules;

use crate::diag::Span;
use crate::module::{Binding, Module};
use crate::reader::{Datum, Syntax};
use crate::value::{Gc, Symbol, Tracer, Value, Variable};
use crate::vm::error::Throw;
use crate::vm::Vm;

pub type ExpandResult<T> = Result<T, Box<Throw>>;

/// An identifier introduced by a macro template.
pub struct Alias {
    pub inner: Ident,
    pub id: usize,
    pub env: Env,
    pub module: Rc<Module>,
}

#[derive(Clone)]
pub enum Ident {
    Sym(Symbol),
    Alias(Rc<Alias>),
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdentKey {
    Sym(Symbol),
    Alias(usize),
}

impl Ident {
    pub fn key(&self) -> IdentKey {
        match self {
            Ident::Sym(s) => IdentKey::Sym(*s),
            Ident::Alias(a) => IdentKey::Alias(a.id),
        }
    }
    /// The symbol underneath all renamings.
    pub fn base(&self) -> Symbol {
        match self {
            Ident::Sym(s) => *s,
            Ident::Alias(a) => a.inner.base(),
        }
    }
    /// `Ident::of(x)`'s key, without taking a reference to an alias.
    pub fn key_of(x: &Syntax) -> Option<IdentKey> {
        match &x.datum {
            Datum::Symbol(s) => Some(IdentKey::Sym(*s)),
            Datum::Alias(a) => Some(IdentKey::Alias(a.id)),
            _ => None,
        }
    }
    /// `Ident::of(x)`'s base symbol, without taking a reference to an alias.
    pub fn base_of(x: &Syntax) -> Option<Symbol> {
        match &x.datum {
            Datum::Symbol(s) => Some(*s),
            Datum::Alias(a) => Some(a.inner.base()),
            _ => None,
        }
    }
    pub fn of(x: &Syntax) -> Option<Ident> {
        match &x.datum {
            Datum::Symbol(s) => Some(Ident::Sym(*s)),
            Datum::Alias(a) => Some(Ident::Alias(a.clone())),
            _ => None,
        }
    }
}

/// What a macro keyword stands for.
pub enum Macro {
    Special(SpecialForm),
    Rules(SyntaxRules),
    /// A `define-macro` transformer: a procedure from forms to a form.
    Procedure(Value),
    /// A `syntax-case` transformer: a procedure from a syntax object to a
    /// syntax object.
    SyntaxCase(Value),
    /// A syntax parameter (`define-syntax-parameter`): it stands for the
    /// macro that the innermost `syntax-parameterize` around its use binds
    /// under `key` in the use's scope, or else for `default`.
    Parameter {
        key: IdentKey,
        default: Rc<Macro>,
    },
}

impl Macro {
    pub fn trace(&self, t: &mut Tracer) {
        match self {
            Macro::Procedure(p) | Macro::SyntaxCase(p) => t.value(*p),
            Macro::Parameter { default, .. } => default.trace(t),
            Macro::Special(_) | Macro::Rules(_) => {}
        }
    }
}

#[derive(Clone)]
pub enum LexBinding {
    Var(VarId),
    Macro(Rc<Macro>),
    /// A `syntax-case` pattern variable: what it matched is in the match
    /// set held by this variable (see syntax_case.rs).
    PatternVar(VarId),
    /// A local variable seen from a macro transformer, which runs while the
    /// code is expanded, before the variable exists (`transformer_env`).
    OutOfContext,
}

pub struct Scope {
    parent: Env,
    names: RefCell<Vec<(IdentKey, LexBinding)>>,
    /// The nearest enclosing scope that bound a name when this one was
    /// made. Code like `pmatch`'s nests a hundred scopes that bind nothing
    /// (`(lambda () ...)`), and a lookup jumps over them. Valid while
    /// `late_binds()` is still `made_at`.
    skip: Env,
    made_at: u64,
    has_children: Cell<bool>,
}

pub type Env = Option<Rc<Scope>>;

thread_local! {
    /// How many names were bound into a scope that already had inner
    /// scopes (whose `skip` may then pass over the new name).
    static LATE_BINDS: Cell<u64> = const { Cell::new(0) };
}

fn late_binds() -> u64 {
    LATE_BINDS.with(Cell::get)
}

pub fn new_scope(parent: &Env) -> Rc<Scope> {
    let made_at = late_binds();
    let skip = parent.as_ref().and_then(|p| {
        p.has_children.set(true);
        if !p.names.borrow().is_empty() || p.made_at != made_at {
            Some(p.clone())
        } else {
            p.skip.clone()
        }
    });
    Rc::new(Scope {
        parent: parent.clone(),
        names: RefCell::new(Vec::new()),
        skip,
        made_at,
        has_children: Cell::new(false),
    })
}

impl Scope {
    pub fn bind(&self, key: IdentKey, b: LexBinding) {
        if self.has_children.get() {
            LATE_BINDS.with(|n| n.set(n.get() + 1));
        }
        self.names.borrow_mut().push((key, b));
    }

    /// The innermost binding of `key` here or in an enclosing scope, given to `f`.
    pub fn lookup<R>(&self, key: IdentKey, f: impl FnOnce(&LexBinding) -> R) -> Option<R> {
        let now = late_binds();
        let mut scope = self;
        loop {
            if let Some((_, b)) = scope.names.borrow().iter().rev().find(|(k, _)| *k == key) {
                return Some(f(b));
            }
            let next = if scope.made_at == now { &scope.skip } else { &scope.parent };
            scope = next.as_deref()?;
        }
    }
}

pub enum Resolved {
    Local(VarId),
    Macro(Rc<Macro>),
    Global(Gc<Variable>),
    PatternVar(VarId),
    OutOfContext,
}

pub struct Expander<'vm> {
    pub vm: &'vm mut Vm,
    pub vars: Vec<VarInfo>,
    /// While a transformer expression is expanded: the environment of its
    /// `define-syntax`, where identifiers its templates introduce resolve.
    transformer_env: Option<Env>,
    /// The ellipsis of `syntax-case` patterns and templates: `...`, or
    /// what an enclosing `with-ellipsis` names.
    ellipsis: Symbol,
}

/// The environment a macro transformer is expanded in: the macros `env`
/// can see, with its local variables out of context (a transformer runs
/// while the code around it is expanded, before they exist).
pub fn transformer_scope(env: &Env) -> Env {
    let mut scope = env.as_deref()?;
    let mut seen = rustc_hash::FxHashSet::default();
    let mut entries = vec![];
    loop {
        for (key, binding) in scope.names.borrow().iter().rev() {
            if seen.insert(*key) {
                let binding = match binding {
                    LexBinding::Macro(m) => LexBinding::Macro(m.clone()),
                    _ => LexBinding::OutOfContext,
                };
                entries.push((*key, binding));
            }
        }
        match scope.parent.as_deref() {
            Some(parent) => scope = parent,
            None => break,
        }
    }
    let flat = new_scope(&None);
    for (key, binding) in entries.into_iter().rev() {
        flat.bind(key, binding);
    }
    Some(flat)
}

pub fn out_of_context(span: Span, name: Symbol) -> Box<Throw> {
    syntax_error(
        span,
        format!("`{name}` is a local variable of the code around this macro, which does not exist yet when the macro's transformer runs"),
        Some("a transformer runs while the code is expanded: it can use global definitions, macros and its own arguments"),
    )
}

/// Build a syntax error.
pub fn syntax_error(span: Span, message: impl Into<String>, help: Option<&str>) -> Box<Throw> {
    let mut t = Throw::new("syntax-error", None, message, vec![]);
    t.span = Some(span);
    t.help = help.map(str::to_owned);
    t
}

impl<'vm> Expander<'vm> {
    pub fn new(vm: &'vm mut Vm) -> Self {
        Expander { vm, vars: Vec::new(), transformer_env: None, ellipsis: Symbol::intern("...") }
    }

    pub fn module(&self) -> Rc<Module> {
        self.vm.current_module.clone()
    }

    pub fn fresh_var(&mut self, name: Symbol) -> VarId {
        self.vars.push(VarInfo { name });
        self.vars.len() - 1
    }

    /// Bind `id` to a fresh variable in `scope`.
    pub fn bind_var(&mut self, scope: &Scope, id: &Ident) -> VarId {
        let v = self.fresh_var(id.base());
        scope.bind(id.key(), LexBinding::Var(v));
        v
    }

    /// What `id` stands for in `env`; a syntax parameter stands for the
    /// macro it is bound to there.
    pub fn resolve(&mut self, id: &Ident, env: &Env) -> Resolved {
        match self.resolve_binding(id, env) {
            Resolved::Macro(m) => match &*m {
                Macro::Parameter { key, default } => {
                    let bound = env.as_deref().and_then(|s| {
                        s.lookup(*key, |b| match b {
                            LexBinding::Macro(m) => Some(m.clone()),
                            _ => None,
                        })
                    });
                    Resolved::Macro(bound.flatten().unwrap_or_else(|| default.clone()))
                }
                _ => Resolved::Macro(m),
            },
            r => r,
        }
    }

    /// What `id` is bound to in `env`, syntax parameters as themselves.
    pub fn resolve_binding(&mut self, id: &Ident, env: &Env) -> Resolved {
        let key = id.key();
        let local = env.as_deref().and_then(|s| {
            s.lookup(key, |b| match b {
                LexBinding::Var(v) => Resolved::Local(*v),
                LexBinding::Macro(m) => Resolved::Macro(m.clone()),
                LexBinding::PatternVar(v) => Resolved::PatternVar(*v),
                LexBinding::OutOfContext => Resolved::OutOfContext,
            })
        });
        if let Some(r) = local {
            return r;
        }
        match id {
            Ident::Alias(a) => self.where_introduced(a, |ex, inner, env| ex.resolve_binding(inner, env)),
            Ident::Sym(s) => self.resolve_global(*s),
        }
    }

    /// `f` of the identifier `alias` renames, in the scope and module of
    /// the macro that introduced it.
    pub fn where_introduced<T>(&mut self, alias: &Alias, f: impl FnOnce(&mut Self, &Ident, &Env) -> T) -> T {
        let saved = std::mem::replace(&mut self.vm.current_module, alias.module.clone());
        let result = f(self, &alias.inner, &alias.env);
        self.vm.current_module = saved;
        result
    }

    fn resolve_global(&mut self, s: Symbol) -> Resolved {
        let module = self.module();
        let found = module.lookup_local(s).or_else(|| if module.pure { None } else { self.vm.root_binding(s) });
        let own = match (&found, &self.vm.file_definitions) {
            (Some(b), Some(definitions)) => definitions.claim(&mut self.vm.heap, &module, s, b),
            _ => None,
        };
        if let Some(v) = own {
            return Resolved::Global(v);
        }
        match found {
            Some(Binding::Var(v)) => Resolved::Global(v),
            Some(Binding::Syntax(m)) => Resolved::Macro(m),
            None => Resolved::Global(module.define_variable(&mut self.vm.heap, s)),
        }
    }

    /// Resolve a name in the root module (for expansions that call library
    /// procedures hygienically, whatever the user has rebound).
    pub fn root_global(&mut self, name: &str, span: Span) -> Core {
        let s = Symbol::intern(name);
        let var = match self.vm.root_binding(s) {
            Some(Binding::Var(v)) => v,
            _ => self.vm.root_module.define_variable(&mut self.vm.heap, s),
        };
        Core::Global(var, span)
    }

    pub fn call_root(&mut self, name: &str, args: Vec<Core>, span: Span) -> Core {
        let f = self.root_global(name, span);
        Core::Call(Box::new(f), args, span)
    }

    /// The special form or macro `x` is a use of, if any.
    pub fn macro_of(&mut self, x: &Syntax, env: &Env) -> Option<Rc<Macro>> {
        let Datum::List(items, _) = &x.datum else { return None };
        let head = Ident::of(items.first()?)?;
        match self.resolve(&head, env) {
            Resolved::Macro(m) => Some(m),
            _ => None,
        }
    }

    pub fn special_of(&mut self, x: &Syntax, env: &Env) -> Option<SpecialForm> {
        match self.macro_of(x, env).as_deref() {
            Some(Macro::Special(f)) => Some(*f),
            _ => None,
        }
    }

    pub fn expand(&mut self, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        if crate::vm::native_stack_used_over(50) {
            return Err(syntax_error(
                x.span,
                "the code nests too deeply to expand",
                Some("does a macro expand into a use of itself without end?"),
            ));
        }
        match &x.datum {
            Datum::Symbol(_) | Datum::Alias(_) => {
                let id = Ident::of(x).unwrap_or(Ident::Sym(Symbol::intern("?")));
                match self.resolve(&id, env) {
                    Resolved::Local(v) => Ok(Core::Local(v)),
                    Resolved::Global(var) => Ok(Core::Global(var, x.span)),
                    // An identifier macro (`identifier-syntax`): its
                    // transformer is given the identifier alone.
                    Resolved::Macro(m) if matches!(*m, Macro::SyntaxCase(_)) => self.expand_macro_use(&m, x, env),
                    Resolved::Macro(_) => Err(syntax_error(
                        x.span,
                        format!("`{}` is syntax, not a variable", id.base()),
                        Some("syntax keywords can only be used at the head of a form, like (if a b c)"),
                    )),
                    Resolved::PatternVar(_) => Err(syntax_case::pattern_variable_outside_template(x.span, id.base())),
                    Resolved::OutOfContext => Err(out_of_context(x.span, id.base())),
                }
            }
            Datum::List(items, tail) => {
                let Some(head) = items.first() else {
                    return Ok(Core::Const(Value::Null));
                };
                if self.vm.portable_expander {
                    if let Some(core) = self.portable_expansion(head, x, env)? {
                        return Ok(core);
                    }
                }
                if let Some(form @ (SpecialForm::At | SpecialForm::AtAt)) = self.special_of(head, env) {
                    if let Some(m) = self.module_macro(form, head)? {
                        return self.expand_macro_use(&m, x, env);
                    }
                }
                // The head is resolved once: a macro keyword, or the callee.
                let f = match Ident::of(head).map(|id| self.resolve(&id, env)) {
                    Some(Resolved::Macro(m)) => return self.expand_macro_use(&m, x, env),
                    Some(Resolved::PatternVar(_)) => {
                        let name = Ident::base_of(head).unwrap_or_else(|| Symbol::intern("?"));
                        return Err(syntax_case::pattern_variable_outside_template(head.span, name));
                    }
                    Some(Resolved::OutOfContext) => {
                        let name = Ident::base_of(head).unwrap_or_else(|| Symbol::intern("?"));
                        return Err(out_of_context(head.span, name));
                    }
                    _ if tail.is_some() => {
                        return Err(syntax_error(x.span, "a procedure call cannot be a dotted list", None))
                    }
                    Some(Resolved::Local(v)) => Core::Local(v),
                    Some(Resolved::Global(var)) => {
                        if self.vm.mes_program {
                            if let Some(core) = self.mes_lexical_eval(var, x, env)? {
                                return Ok(core);
                            }
                        }
                        Core::Global(var, head.span)
                    }
                    None => self.expand(head, env)?,
                };
                let args = items[1..].iter().map(|a| self.expand(a, env)).collect::<Result<Vec<_>, _>>()?;
                Ok(Core::Call(Box::new(f), args, x.span))
            }
            Datum::Value(v) => Ok(Core::Const(*v)),
            _ => Ok(Core::Const(self.vm.syntax_to_value(x))),
        }
    }

    pub fn expand_macro_use(&mut self, m: &Rc<Macro>, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        match &**m {
            Macro::Special(form) => self.expand_special(*form, x, env),
            _ => {
                let out = self.expand_macro_once(m, x, env)?;
                self.expand(&out, env)
            }
        }
    }

    /// Expand a (non-special) macro use one step, in `env`.
    pub fn expand_macro_once(&mut self, m: &Macro, x: &Syntax, env: &Env) -> ExpandResult<Syntax> {
        match m {
            Macro::Rules(rules) => rules.expand(self, x, env),
            Macro::Procedure(f) => self.call_transformer(*f, x, env),
            Macro::SyntaxCase(f) => self.call_syntax_transformer(*f, x),
            Macro::Parameter { default, .. } => self.expand_macro_once(default, x, env),
            Macro::Special(_) => Ok(x.clone()),
        }
    }

    /// Run a `define-macro` transformer on the form's arguments.
    fn call_transformer(&mut self, f: Value, x: &Syntax, env: &Env) -> ExpandResult<Syntax> {
        let mut stand_ins = stand_ins::StandIns::default();
        let seen = self.with_stand_ins(x, env, &mut stand_ins);
        let out = self.run_define_macro(f, &seen)?;
        Ok(stand_ins.restore(&out))
    }

    fn run_define_macro(&mut self, f: Value, x: &Syntax) -> ExpandResult<Syntax> {
        let Datum::List(items, tail) = &x.datum else { return Ok(x.clone()) };
        let mut spans = HashMap::default();
        let mut args: Vec<Value> = items[1..].iter().map(|a| self.vm.syntax_to_value_spans(a, &mut spans)).collect();
        if let Some(t) = tail {
            // A dotted use passes the tail as the last (rest) argument.
            args.push(self.vm.syntax_to_value_spans(t, &mut spans));
        }
        self.run_transformer(f, &args, x, &spans)
    }

    /// Apply a transformer procedure to `args` (data made from the form
    /// `x`) and turn its result back into syntax, with the spans of `x`.
    fn run_transformer(
        &mut self,
        f: Value,
        args: &[Value],
        x: &Syntax,
        spans: &HashMap<usize, Span>,
    ) -> ExpandResult<Syntax> {
        self.vm.heap.inhibit += 1;
        let outer_site = self.vm.expansion_site.replace(x.span);
        let result = self.vm.apply_nested(f, args, x.span);
        self.vm.expansion_site = outer_site;
        self.vm.heap.inhibit -= 1;
        match result {
            Ok(v) => self.vm.value_to_syntax(v, x.span, spans),
            // An error the transformer raised is about the form it was
            // expanding: report it there. Guix 0's own diagnostics (a
            // missing record field, a bad hash) carry that form already,
            // with their code and help: they pass unchanged.
            Err(t) => match t.raised {
                Some(Value::Condition(c)) if t.key.name() == "%reraise" && c.key.name() != "guix0-error" => {
                    let message = crate::runtime::conditions::condition_message(&c);
                    let mut t = Throw::new(c.key.name(), c.who.as_deref(), message, vec![]);
                    t.span = Some(x.span);
                    t.help = c.help.clone();
                    Err(t)
                }
                _ => Err(t),
            },
        }
    }

    /// A top-level form (or a form at the REPL).
    pub fn expand_toplevel(&mut self, x: &Syntax) -> ExpandResult<Core> {
        self.expand(x, &None)
    }
}
