//! Copy propagation before analysis: `(let ((a b)) body)`, where neither
//! `a` nor `b` is ever assigned and `b` is not a `letrec` variable, binds
//! no slot of its own: `body` reads `b`. `match` expands every clause into
//! such copies (the subject into a temporary, each part of it into a
//! pattern variable), and each copy was a load and a store at run time.
//!
//! The values cannot differ: neither variable changes after the copy, and
//! `b` already had its value when the copy was made (a `letrec` variable
//! might not have, so those are left alone).

use std::rc::Rc;

use super::analyze::for_each_child;
use crate::expand::{Core, Lambda, VarId};

/// `core` with its copies propagated, or `None` when it has none.
pub fn propagate(core: &Core, nvars: usize) -> Option<Core> {
    let mut changing = vec![false; nvars];
    mark_changing(core, &mut changing);
    let mut copies = Copies { changing, replacement: vec![None; nvars], found: false };
    copies.find(core);
    copies.found.then(|| copies.rewrite(core))
}

struct Copies {
    /// Per variable: assigned somewhere or bound by `letrec`, so it may
    /// change after a copy is made.
    changing: Vec<bool>,
    /// Per copy variable: the variable it reads instead.
    replacement: Vec<Option<VarId>>,
    found: bool,
}

/// Mark the variables that are assigned or `letrec`-bound.
fn mark_changing(core: &Core, changing: &mut Vec<bool>) {
    let mut mark = |v: VarId| {
        if let Some(slot) = changing.get_mut(v) {
            *slot = true;
        }
    };
    match core {
        Core::SetLocal(v, e) => {
            mark(*v);
            mark_changing(e, changing);
        }
        Core::Letrec(bindings, body) => {
            for (v, _) in bindings {
                mark(*v);
            }
            for (_, e) in bindings {
                mark_changing(e, changing);
            }
            mark_changing(body, changing);
        }
        _ => for_each_child(core, &mut |child| mark_changing(child, changing)),
    }
}

impl Copies {
    fn is_copy(&self, v: VarId, init: &Core) -> bool {
        let fixed = |x: VarId| !self.changing.get(x).copied().unwrap_or(true);
        matches!(init, Core::Local(u) if fixed(v) && fixed(*u))
    }

    /// Record every copy, with chains of copies resolved to their source.
    fn find(&mut self, core: &Core) {
        if let Core::Let(bindings, _) = core {
            for (v, init) in bindings {
                if let (true, Core::Local(u)) = (self.is_copy(*v, init), init) {
                    self.replacement[*v] = Some(self.replacement[*u].unwrap_or(*u));
                    self.found = true;
                }
            }
        }
        for_each_child(core, &mut |child| self.find(child));
    }

    fn var(&self, v: VarId) -> VarId {
        self.replacement.get(v).copied().flatten().unwrap_or(v)
    }

    fn rewrite(&self, core: &Core) -> Core {
        let re = |e: &Core| Box::new(self.rewrite(e));
        match core {
            Core::Const(v) => Core::Const(*v),
            Core::Unspecified => Core::Unspecified,
            Core::Local(v) => Core::Local(self.var(*v)),
            Core::SetLocal(v, e) => Core::SetLocal(*v, re(e)),
            Core::Global(g, span) => Core::Global(*g, *span),
            Core::SetGlobal(g, e, span) => Core::SetGlobal(*g, re(e), *span),
            Core::DefineGlobal(g, e) => Core::DefineGlobal(*g, re(e)),
            Core::If(c, t, e) => Core::If(re(c), re(t), re(e)),
            Core::Seq(items) => Core::Seq(items.iter().map(|e| self.rewrite(e)).collect()),
            Core::Lambda(l) => Core::Lambda(Rc::new(Lambda {
                name: l.name,
                required: l.required.clone(),
                optional: l.optional.iter().map(|(v, d)| (*v, d.as_ref().map(|d| self.rewrite(d)))).collect(),
                rest: l.rest,
                keys: l.keys.iter().map(|(k, v, d)| (*k, *v, d.as_ref().map(|d| self.rewrite(d)))).collect(),
                allow_other_keys: l.allow_other_keys,
                body: self.rewrite(&l.body),
                span: l.span,
                doc: l.doc.clone(),
            })),
            Core::Call(callee, args, span) => {
                Core::Call(re(callee), args.iter().map(|e| self.rewrite(e)).collect(), *span)
            }
            Core::Let(bindings, body) => {
                let kept: Vec<(VarId, Core)> = bindings
                    .iter()
                    .filter(|(v, init)| !self.is_copy(*v, init))
                    .map(|(v, init)| (*v, self.rewrite(init)))
                    .collect();
                let body = self.rewrite(body);
                if kept.is_empty() {
                    body
                } else {
                    Core::Let(kept, Box::new(body))
                }
            }
            Core::Letrec(bindings, body) => {
                Core::Letrec(bindings.iter().map(|(v, init)| (*v, self.rewrite(init))).collect(), re(body))
            }
        }
    }
}
