//! Hygiene across `define-macro` transformers. A transformer sees plain
//! data, so the identifiers a `syntax-rules` template introduced would
//! lose their renaming on the way through: in
//! `(let ((k 'local)) (match x (_ k)))` written by a template, `match`'s
//! output would mention a plain `k`, the user's global. An introduced
//! identifier that is bound (to a variable or a macro), and to something
//! other than what its plain name means at the use, goes through as a
//! stand-in symbol, which becomes the identifier again in the
//! transformer's output.
//!
//! Introduced identifiers that mean the same as their plain name (`and`,
//! `quote`) go through plain. So do free ones (names the expansion binds,
//! keywords like `?` or `else`), which transformers compare with `eq?` and
//! make names from, unless the user's code in the same form has that name
//! too: the template's pattern variable `rest` would then bind the user's
//! `rest` (Guix's `substitute*`), so it gets a stand-in as well.

use std::rc::Rc;

use rustc_hash::FxHashMap as HashMap;

use super::{Alias, Env, Expander, Ident, IdentKey, LexBinding, Macro, VarId};
use crate::module::Binding;
use crate::reader::{Datum, Syntax};
use crate::value::{Gc, Symbol, Variable};

/// Free names that transformers compare with `eq?` (`match`'s `_` and
/// `...`, `cond`'s `else`, `cut`'s `<>`): they stay plain even where the
/// user's code has the same name.
const AUXILIARY_KEYWORDS: &[&str] =
    &["_", "...", "else", "=>", "?", "=", "$", "<>", "<...>", "unquote", "unquote-splicing"];

/// What an identifier is bound to, found without defining anything.
#[derive(Clone)]
enum Target {
    Local(VarId),
    Global(Gc<Variable>),
    Macro(Rc<Macro>),
    /// A pattern variable, or a local out of a transformer's reach.
    Other,
}

impl Target {
    fn same(&self, other: &Target) -> bool {
        match (self, other) {
            (Target::Local(a), Target::Local(b)) => a == b,
            (Target::Global(a), Target::Global(b)) => Gc::ptr_eq(*a, *b),
            (Target::Macro(a), Target::Macro(b)) => match (&**a, &**b) {
                (Macro::Special(f), Macro::Special(g)) => f == g,
                _ => Rc::ptr_eq(a, b),
            },
            (Target::Other, Target::Other) => true,
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
        // The identifiers of each name in the form, to see which free ones
        // would capture another of the same name once made plain.
        let mut names: HashMap<Symbol, Vec<IdentKey>> = HashMap::default();
        let mut introduced = false;
        x.for_each_leaf(&mut |leaf| {
            if let (Some(base), Some(key)) = (Ident::base_of(leaf), Ident::key_of(leaf)) {
                introduced |= matches!(key, IdentKey::Alias(_));
                let keys = names.entry(base).or_default();
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        });
        // Most uses (Mes code's among them) have no introduced identifier:
        // they go through as they are, without a copy.
        if !introduced {
            return x.clone();
        }
        x.map_leaves(&mut |leaf| match &leaf.datum {
            Datum::Alias(a) => {
                let clashes = names.get(&a.inner.base()).is_some_and(|keys| keys.len() > 1);
                self.stand_in(a, env, clashes, stand_ins).map(Datum::Symbol)
            }
            _ => None,
        })
    }

    /// The stand-in for `alias`, if it needs one: it is bound, to something
    /// its plain name is not bound to here, or it is free but its plain name
    /// would capture (or be captured by) another identifier of that name in
    /// the form (`clashes`).
    fn stand_in(&mut self, alias: &Rc<Alias>, env: &Env, clashes: bool, stand_ins: &mut StandIns) -> Option<Symbol> {
        let base = alias.inner.base();
        let needed = match self.target(&Ident::Alias(alias.clone()), env) {
            None => clashes && !AUXILIARY_KEYWORDS.contains(&base.name()),
            Some(Target::Other) => false,
            Some(target) => !self.target(&Ident::Sym(base), env).is_some_and(|plain| plain.same(&target)),
        };
        if !needed {
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
                LexBinding::Macro(m) => Target::Macro(m.clone()),
                _ => Target::Other,
            })
        });
        if local.is_some() {
            return local;
        }
        match id {
            Ident::Alias(a) => self.where_introduced(a, |ex, inner, env| ex.target(inner, env)),
            Ident::Sym(s) => {
                let module = self.module();
                let found =
                    module.lookup_local(*s).or_else(|| if module.pure { None } else { self.vm.root_binding(*s) });
                match found? {
                    Binding::Var(v) => Some(Target::Global(v)),
                    Binding::Syntax(m) => Some(Target::Macro(m)),
                }
            }
        }
    }
}
