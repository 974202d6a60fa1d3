//! Mes's portable `syntax-case`: its port of psyntax (`(mes psyntax)`).
//!
//! Mes has no `syntax-case` of its own. A program that wants it loads
//! psyntax, which records every keyword it defines in the global
//! `*sc-expander-alist*` and then defines the macro `portable-macro-expand`
//! as a signal. From then on Mes's evaluator hands each form whose head is a
//! symbol in that list to the global `macro-expand` (psyntax's `sc-expand`)
//! and evaluates what it returns. guix0 does the same, for heads that name
//! global variables: psyntax rebinds `define-syntax`, `syntax-case`,
//! `syntax-rules` and its other keywords as globals when it loads.

use rustc_hash::FxHashMap as HashMap;

use super::{Env, ExpandResult, Expander, Ident, Resolved};
use crate::expand::core::Core;
use crate::module::Binding;
use crate::reader::Syntax;
use crate::value::{Symbol, Value};

/// The macro whose definition switches portable expansion on.
pub const SIGNAL_MACRO: &str = "portable-macro-expand";

impl Expander<'_> {
    /// If `x` is a use of a psyntax keyword, expand it as Mes would: run
    /// psyntax on it, then expand its output (which psyntax has already
    /// expanded, so it is not handed back).
    pub(super) fn portable_expansion(&mut self, head: &Syntax, x: &Syntax, env: &Env) -> ExpandResult<Option<Core>> {
        let Some(Ident::Sym(name)) = Ident::of(head) else { return Ok(None) };
        if !matches!(self.resolve(&Ident::Sym(name), env), Resolved::Global(_)) || !self.is_psyntax_keyword(name) {
            return Ok(None);
        }
        let Some(sc_expand) = self.global_value("macro-expand").filter(|f| f.is_procedure()) else {
            return Ok(None);
        };
        let mut spans = HashMap::default();
        let form = self.vm.syntax_to_value_spans(x, &mut spans);
        let expanded = self.run_transformer(sc_expand, &[form], x, &spans)?;
        self.vm.portable_expander = false;
        let core = self.expand(&expanded, env);
        self.vm.portable_expander = true;
        core.map(Some)
    }

    fn is_psyntax_keyword(&mut self, name: Symbol) -> bool {
        let alist = self.global_value("*sc-expander-alist*").unwrap_or(Value::Null);
        alist.iter().any(|entry| entry.car().and_then(Value::as_symbol) == Some(name))
    }

    /// The value of a global of the current module (or the root's).
    fn global_value(&mut self, name: &str) -> Option<Value> {
        let name = Symbol::intern(name);
        let module = self.module();
        match module.lookup_local(name).or_else(|| self.vm.root_binding(name))? {
            Binding::Var(v) => Some(v.value.get()),
            Binding::Syntax(_) => None,
        }
    }
}
