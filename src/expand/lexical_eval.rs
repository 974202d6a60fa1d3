//! Mes's `(eval x (current-module))`, which sees the local variables.
//!
//! In Mes, `current-module` is the environment of the code that calls it,
//! locals included: `(let ((foo 1)) (eval '(set! foo 2) (current-module)) foo)`
//! is 2. Mes's own tests rely on it (`psyntax.test`'s "manual swap!"). In
//! a Mes program (one that has called `mes-use-module`), guix0 expands that
//! call, written out as such, to
//!
//! ```scheme
//! (%eval-with-locals x (current-module) '(name ...) (list name ...)
//!                    (lambda (new ...) (set! name new) ...))
//! ```
//!
//! which evaluates `x` with the locals bound to their values and then
//! assigns back what `x` left in them (`scheme/guix0/mes.scm`). Elsewhere
//! `current-module` is the module, as in Guile.

use std::rc::Rc;

use super::{Env, ExpandResult, Expander, Ident, IdentKey, LexBinding, Resolved};
use crate::expand::core::{Core, Lambda, VarId};
use crate::reader::{Datum, Syntax};
use crate::value::{Gc, Symbol, Value, Variable};

impl Expander<'_> {
    /// `x` is a call of the global `f`: if it is `(eval expr
    /// (current-module))` with local variables in scope, its expansion.
    pub(super) fn mes_lexical_eval(&mut self, f: Gc<Variable>, x: &Syntax, env: &Env) -> ExpandResult<Option<Core>> {
        let Datum::List(items, None) = &x.datum else { return Ok(None) };
        if f.name.name() != "eval" || items.len() != 3 || !self.is_current_module_call(&items[2], env) {
            return Ok(None);
        }
        let locals = visible_locals(env);
        if locals.is_empty() {
            return Ok(None);
        }
        let expr = self.expand(&items[1], env)?;
        let module = self.expand(&items[2], env)?;
        let names: Vec<Value> = locals.iter().map(|(name, _)| Value::Symbol(*name)).collect();
        let names = self.vm.list(&names);
        let values = self.call_root("list", locals.iter().map(|(_, v)| Core::Local(*v)).collect(), x.span);
        let new: Vec<VarId> = locals.iter().map(|(name, _)| self.fresh_var(*name)).collect();
        let assign = locals.iter().zip(&new).map(|((_, v), n)| Core::SetLocal(*v, Box::new(Core::Local(*n))));
        let set_locals = Core::Lambda(Rc::new(Lambda {
            name: None,
            required: new.clone(),
            optional: vec![],
            rest: None,
            keys: vec![],
            allow_other_keys: false,
            body: Core::Seq(assign.collect()),
            span: x.span,
            doc: None,
        }));
        let args = vec![expr, module, Core::Const(names), values, set_locals];
        Ok(Some(self.call_root("%eval-with-locals", args, x.span)))
    }

    fn is_current_module_call(&mut self, x: &Syntax, env: &Env) -> bool {
        let Datum::List(items, None) = &x.datum else { return false };
        let [head] = &items[..] else { return false };
        match Ident::of(head).map(|id| self.resolve(&id, env)) {
            Some(Resolved::Global(var)) => var.name.name() == "current-module",
            _ => false,
        }
    }
}

/// The local variables the program's own names refer to at `env`,
/// innermost first (not those a macro introduced, which it cannot name).
fn visible_locals(env: &Env) -> Vec<(Symbol, VarId)> {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut locals = vec![];
    let mut scope = env.as_deref();
    while let Some(s) = scope {
        for (key, binding) in s.names.borrow().iter().rev() {
            // An inner binding of the name, of any kind, hides the outer ones.
            if let (IdentKey::Sym(name), true) = (key, seen.insert(*key)) {
                if let LexBinding::Var(v) = binding {
                    locals.push((*name, *v));
                }
            }
        }
        scope = s.parent.as_deref();
    }
    locals
}
