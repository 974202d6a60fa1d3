//! Hygiene across `define-macro` transformers. A transformer sees plain
//! data, so the identifiers a `syntax-rules` template introduced would
//! lose their renaming on the way through: in
//! `(let ((k 'local)) (match x (_ k)))` written by a template, `match`'s
//! output would mention a plain `k`, the user's global. An introduced
//! identifier that is bound, and to something other than what its plain
//! name means at the use, goes through as a stand-in symbol, which becomes
//! the identifier again in the transformer's output.
//!
//! Introduced identifiers that are keywords (`?`, `...`, `else`), free
//! (binding occurrences) or mean the same as their plain name go through
//! as their plain name, as before: a transformer may compare them with
//! `eq?` or make names from them.

use std::rc::Rc;

use rustc_hash::FxHashMap as HashMap;

use super::{Alias, Env, Expander, Ident, LexBinding, VarId};
use crate::module::Binding;
use crate::reader::{Datum, Syntax};
use crate::value::{Gc, Symbol, Variable};

/// What an identifier is bound to, found without defining anything.
#[derive(Clone, Copy)]
enum Target {
    Local(VarId),
    Global(Gc<Variable>),
    Syntax,
}

impl Target {
    fn same(self, other: Target) -> bool {
        match (self, other) {
            (Target::Local(a), Target::Local(b)) => a == b,
            (Target::Global(a), Target::Global(b)) => Gc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// The stand-in symbols of one transformer call and the identifiers they
/// stand for.
#[derive(Default)]
pub struct StandIns {
    aliases: HashMap<Symbol, Rc<Alias>>,
    by_id: HashMap<usize, Symbol>,
}

impl StandIns {
    /// The transformer's output with the identifiers put back.
    pub fn restore(&self, out: &Syntax) -> Syntax {
        if self.aliases.is_empty() {
            return out.clone();
        }
        out.map_leaves(&mut |leaf| match &leaf.datum {
            Datum::Symbol(s) => self.aliases.get(s).map(|a| Datum::Alias(a.clone())),
            _ => None,
        })
    }
}

impl Expander<'_> {
    /// A macro use as a transformer is to see it: bound introduced
    /// identifiers replaced by stand-ins (see the module's comment).
    pub fn with_stand_ins(&mut self, x: &Syntax, env: &Env, stand_ins: &mut StandIns) -> Syntax {
        x.map_leaves(&mut |leaf| match &leaf.datum {
            Datum::Alias(a) => self.stand_in(a, env, stand_ins).map(Datum::Symbol),
            _ => None,
        })
    }

    fn stand_in(&mut self, alias: &Rc<Alias>, env: &Env, stand_ins: &mut StandIns) -> Option<Symbol> {
        let target = self.target(&Ident::Alias(alias.clone()), env)?;
        if matches!(target, Target::Syntax) {
            return None;
        }
        let base = alias.inner.base();
        if self.target(&Ident::Sym(base), env).is_some_and(|plain| plain.same(target)) {
            return None;
        }
        // Uninterned: no symbol the program reads or makes is it, yet it
        // prints and converts to a string as the name it stands for.
        let s = *stand_ins.by_id.entry(alias.id).or_insert_with(|| Symbol::uninterned(base.name()));
        stand_ins.aliases.insert(s, alias.clone());
        Some(s)
    }

    /// `resolve_binding` without its side effect of defining a free name.
    fn target(&mut self, id: &Ident, env: &Env) -> Option<Target> {
        let local = env.as_deref().and_then(|s| {
            s.lookup(id.key(), |b| match b {
                LexBinding::Var(v) => Target::Local(*v),
                _ => Target::Syntax,
            })
        });
        if local.is_some() {
            return local;
        }
        match id {
            Ident::Alias(a) => {
                let (inner, env, module) = (a.inner.clone(), a.env.clone(), a.module.clone());
                let saved = std::mem::replace(&mut self.vm.current_module, module);
                let found = self.target(&inner, &env);
                self.vm.current_module = saved;
                found
            }
            Ident::Sym(s) => {
                let module = self.module();
                let found =
                    module.lookup_local(*s).or_else(|| if module.pure { None } else { self.vm.root_binding(*s) });
                match found? {
                    Binding::Var(v) => Some(Target::Global(v)),
                    Binding::Syntax(_) => Some(Target::Syntax),
                }
            }
        }
    }
}
