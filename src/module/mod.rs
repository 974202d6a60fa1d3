//! Guile-style modules: each module has its own top level, imports other
//! modules' public interfaces, and implicitly sees the root module `(guile)`,
//! which holds the primitives, the core syntax and the boot library.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::rc::Rc;

pub mod autoload;
pub mod forward;
mod imports;
mod loader;
pub mod mes;

pub use imports::library_name;
pub use loader::{is_module_value, BUILTIN_MODULES, EMBEDDED};

use crate::expand::Macro;
use crate::value::{Gc, Heap, Symbol, Tracer, Value, Variable};

/// What a name means at top level.
#[derive(Clone)]
pub enum Binding {
    Var(Gc<Variable>),
    Syntax(Rc<Macro>),
}

/// The first part of the name an interface module is registered under.
pub const INTERFACE_MARK: &str = "%interface";

pub struct Module {
    pub name: Vec<Symbol>,
    /// Bindings made in this module.
    pub table: RefCell<HashMap<Symbol, Binding>>,
    /// Bindings imported with `use-modules` / `#:use-module`.
    pub imported: RefCell<HashMap<Symbol, Binding>>,
    /// Public name → name inside the module.
    pub exports: RefCell<HashMap<Symbol, Symbol>>,
    /// Bindings re-exported from other modules.
    pub reexports: RefCell<HashMap<Symbol, Binding>>,
    /// Names defined here, in the order of their first definition.
    pub defined: RefCell<Vec<Symbol>>,
    /// A pure module does not see the root module.
    pub pure: bool,
    pub is_root: bool,
}

impl Module {
    pub fn new(name: Vec<Symbol>, is_root: bool) -> Module {
        Module {
            name,
            table: RefCell::default(),
            imported: RefCell::default(),
            exports: RefCell::default(),
            reexports: RefCell::default(),
            defined: RefCell::default(),
            pure: false,
            is_root,
        }
    }

    /// The name `module-name` gives: an interface (`resolve-interface`),
    /// registered as `(%interface NAME... SERIAL)`, goes by the name of
    /// the module it offers, as in Guile.
    pub fn public_name(&self) -> &[Symbol] {
        match &self.name[..] {
            [first, name @ .., _serial] if first.name() == INTERFACE_MARK => name,
            name => name,
        }
    }

    pub fn display_name(&self) -> String {
        let parts: Vec<&str> = self.public_name().iter().map(|s| s.name()).collect();
        format!("({})", parts.join(" "))
    }

    /// Look a name up in this module, then its imports (not the root).
    pub fn lookup_local(&self, name: Symbol) -> Option<Binding> {
        if let Some(b) = self.table.borrow().get(&name) {
            return Some(b.clone());
        }
        self.imported.borrow().get(&name).cloned()
    }

    /// The variables this module defines itself, in the order they were
    /// first defined.
    pub fn own_variables(&self) -> Vec<(Symbol, Gc<Variable>)> {
        let table = self.table.borrow();
        let defined = self.defined.borrow();
        let variable = |name: &Symbol| match table.get(name) {
            Some(Binding::Var(v)) => Some((*name, *v)),
            _ => None,
        };
        let mut own: Vec<_> = defined.iter().filter_map(variable).collect();
        // Then those bound otherwise (by module-add!), and an interface's
        // (`resolve-interface`) bindings, in name order.
        let seen: std::collections::HashSet<&Symbol> = defined.iter().collect();
        let mut others: Vec<_> = table.keys().filter(|name| !seen.contains(name)).filter_map(variable).collect();
        if self.name.first().is_some_and(|mark| mark.name() == INTERFACE_MARK) {
            others.extend(self.reexports.borrow().iter().filter_map(|(name, binding)| match binding {
                Binding::Var(v) => Some((*name, *v)),
                _ => None,
            }));
        }
        others.sort_by(|(a, _), (b, _)| a.name().cmp(b.name()));
        own.extend(others);
        own
    }

    /// The variable for a top-level `define`: this module's own binding,
    /// created when absent (shadowing an imported one).
    pub fn define_variable(&self, heap: &mut Heap, name: Symbol) -> Gc<Variable> {
        if let Some(Binding::Var(v)) = self.table.borrow().get(&name) {
            return *v;
        }
        let var = heap.alloc(Variable { value: std::cell::Cell::new(Value::Undefined), name });
        self.table.borrow_mut().insert(name, Binding::Var(var));
        self.defined.borrow_mut().push(name);
        var
    }

    /// Bind `name` to a variable made elsewhere (`module-add!`).
    pub fn bind_variable(&self, name: Symbol, var: Gc<Variable>) {
        if self.table.borrow_mut().insert(name, Binding::Var(var)).is_none() {
            self.defined.borrow_mut().push(name);
        }
    }

    /// Forget the module's own binding of `name` (`module-remove!`).
    pub fn unbind(&self, name: Symbol) {
        if self.table.borrow_mut().remove(&name).is_some() {
            self.defined.borrow_mut().retain(|n| *n != name);
        }
    }

    pub fn define_syntax(&self, name: Symbol, mac: Rc<Macro>) {
        self.table.borrow_mut().insert(name, Binding::Syntax(mac));
    }

    /// The binding a public name refers to, as other modules import it.
    pub fn public_binding(&self, public: Symbol) -> Option<Binding> {
        if let Some(b) = self.reexports.borrow().get(&public) {
            return Some(b.clone());
        }
        let internal = *self.exports.borrow().get(&public)?;
        self.lookup_local(internal)
    }

    pub fn public_names(&self) -> Vec<Symbol> {
        let mut names: Vec<Symbol> = self.exports.borrow().keys().copied().collect();
        names.extend(self.reexports.borrow().keys().copied());
        names
    }

    pub fn trace(&self, t: &mut Tracer) {
        for map in [&self.table, &self.imported, &self.reexports] {
            for b in map.borrow().values() {
                match b {
                    Binding::Var(v) => t.gc(*v),
                    Binding::Syntax(m) => m.trace(t),
                }
            }
        }
    }
}

/// All modules by name.
#[derive(Default)]
pub struct Modules {
    pub by_name: HashMap<Vec<Symbol>, Rc<Module>>,
    /// Modules being loaded, to report import cycles.
    pub loading: Vec<Vec<Symbol>>,
    /// Each module's value as Scheme sees it, made once so that `eq?`
    /// tells modules apart.
    pub values: HashMap<Vec<Symbol>, Value>,
}

impl Modules {
    pub fn trace(&self, t: &mut Tracer) {
        for m in self.by_name.values() {
            m.trace(t);
        }
        for v in self.values.values() {
            t.value(*v);
        }
    }
}

pub fn module_name_string(name: &[Symbol]) -> String {
    let parts: Vec<&str> = name.iter().map(|s| s.name()).collect();
    format!("({})", parts.join(" "))
}
