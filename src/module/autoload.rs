//! Names the root module takes from library modules on first use. Guile's
//! default environment has SRFI-13 strings, char-sets and `format` without
//! an import, and Mes loads SRFI-1, SRFI-13 and SRFI-14 before a program starts; loading those
//! modules only when a program names one of their exports keeps start-up
//! fast. The index is made by build.rs from the modules' export lists.

use super::Binding;
use crate::value::Symbol;
use crate::vm::Vm;

include!(concat!(env!("OUT_DIR"), "/autoloads.rs"));

impl Vm {
    /// The root module's binding for `name`, loading the library module
    /// that exports it if `name` is one of the autoloaded names.
    pub fn autoload(&mut self, name: Symbol) -> Option<Binding> {
        let i = AUTOLOADS.binary_search_by(|(n, _)| (*n).cmp(name.name())).ok()?;
        let module: Vec<Symbol> = AUTOLOADS[i].1.split(' ').map(Symbol::intern).collect();
        let module = self.resolve_module_name(&module, true).ok()?;
        let binding = module.public_binding(name)?;
        self.root_module.table.borrow_mut().insert(name, binding.clone());
        Some(binding)
    }
}
