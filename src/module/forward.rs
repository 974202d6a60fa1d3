//! Forward references to a file's own later definitions.
//!
//! Guile looks a top-level name up when the code using it first runs. So in
//!
//! ```scheme
//! (define (main) (remove 2 '(1 2 3)))
//! (define (remove x l) ...)
//! (main)
//! ```
//!
//! `main` calls the file's `remove`, not SRFI-1's. guix0 resolves names
//! when it compiles a form, so it would bind `main` to SRFI-1's. To match
//! Guile, a name that the file being loaded defines at top level, and that
//! is now visible only through an import or the root module, gets the
//! module's own variable at its first use. Until the definition runs, that
//! variable holds what the name meant then (so code run before the
//! definition sees the built-in, as in Guile).

use rustc_hash::FxHashSet as HashSet;
use std::rc::Rc;

use super::{Binding, Module};
use crate::reader::{Datum, Syntax};
use crate::value::{Gc, Heap, Symbol, Variable};

/// The names a file defines at top level (`define`, `define*`,
/// `define-public`, also inside a top-level `begin`).
pub fn top_level_definitions<'a>(forms: impl IntoIterator<Item = &'a Syntax>) -> HashSet<Symbol> {
    let mut names = HashSet::default();
    for form in forms {
        collect(form, &mut names);
    }
    names
}

fn collect(form: &Syntax, names: &mut HashSet<Symbol>) {
    let Some([head, rest @ ..]) = form.list() else { return };
    match head.symbol().map(|s| s.name()) {
        Some("begin") => rest.iter().for_each(|f| collect(f, names)),
        Some("define" | "define*" | "define-public") => {
            // (define name ...), (define (name . formals) ...), and the
            // curried (define ((name a) b) ...).
            let mut target = rest.first();
            while let Some(t) = target {
                match &t.datum {
                    Datum::Symbol(s) => {
                        names.insert(*s);
                        break;
                    }
                    Datum::List(items, _) => target = items.first(),
                    _ => break,
                }
            }
        }
        _ => {}
    }
}

/// The file whose top-level form is being compiled: its module at that
/// form, and the names the file defines at top level.
pub struct FileDefinitions {
    pub module: Rc<Module>,
    pub defines: Rc<HashSet<Symbol>>,
}

impl FileDefinitions {
    /// `module`'s own variable for `name` when `found` (an imported or
    /// root binding) is about to be used in the file that will define
    /// `name` in `module`; `None` to use `found`.
    pub fn claim(&self, heap: &mut Heap, module: &Rc<Module>, name: Symbol, found: &Binding) -> Option<Gc<Variable>> {
        let Binding::Var(imported) = found else { return None };
        if !Rc::ptr_eq(&self.module, module) || !self.defines.contains(&name) {
            return None;
        }
        if module.table.borrow().contains_key(&name) {
            return None;
        }
        let own = module.define_variable(heap, name);
        own.value.set(imported.value.get());
        Some(own)
    }
}
