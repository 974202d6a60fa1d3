//! Names the root module gets on first use. Guile's default environment
//! has SRFI-13 strings, char-sets and `format` without an import, and Mes
//! loads SRFI-1, SRFI-13 and SRFI-14 before a program starts; loading those
//! modules only when a program names one of their exports keeps start-up
//! fast. So does running the root library's files (lists, collections,
//! records, the file system, Mes's globals: all but boot.scm) when a
//! program first names something they define; a program that uses none
//! of them starts sooner. The POSIX constants (`ENOENT`, `O_CREAT`, ...)
//! are bound on first use too. Both indexes are made by build.rs: the
//! first from the modules' export lists, the second from the files' top-level
//! definitions.

use std::io::Write as _;

use super::Binding;
use crate::runtime::constants::POSIX_CONSTANTS;
use crate::value::{Symbol, Value};
use crate::vm::Vm;

include!(concat!(env!("OUT_DIR"), "/autoloads.rs"));
include!(concat!(env!("OUT_DIR"), "/root_on_demand.rs"));

impl Vm {
    /// The root module's binding for `name`, running the library code that
    /// defines it if `name` is one of the names defined on first use.
    pub fn root_binding(&mut self, name: Symbol) -> Option<Binding> {
        self.root_module.lookup_local(name).or_else(|| self.autoload(name))
    }

    /// The binding for `name` that the library code defining it on first
    /// use gives the root module, if `name` is one of those.
    fn autoload(&mut self, name: Symbol) -> Option<Binding> {
        if let Ok(i) = ROOT_NAMES_ON_DEMAND.binary_search_by(|(n, _)| (*n).cmp(name.name())) {
            self.run_root_file(ROOT_NAMES_ON_DEMAND[i].1);
            return self.root_module.lookup_local(name);
        }
        if let Some(&(_, value)) = POSIX_CONSTANTS.iter().find(|(n, _)| *n == name.name()) {
            self.define_root(name.name(), Value::Int(value));
            return self.root_module.lookup_local(name);
        }
        let i = AUTOLOADS.binary_search_by(|(n, _)| (*n).cmp(name.name())).ok()?;
        let module: Vec<Symbol> = AUTOLOADS[i].1.split(' ').map(Symbol::intern).collect();
        let module = self.resolve_module_name(&module, true).ok()?;
        let binding = module.public_binding(name)?;
        self.root_module.table.borrow_mut().insert(name, binding.clone());
        Some(binding)
    }

    /// Run every root library file left for first use (for listings of
    /// all the root module's names).
    pub fn run_all_root_files(&mut self) {
        for file in 0..ROOT_FILES_ON_DEMAND.len() {
            self.run_root_file(file);
        }
        for (name, _) in POSIX_CONSTANTS {
            self.root_binding(Symbol::intern(name));
        }
    }

    /// Every name the root module binds on first use: those the root
    /// library files left for then define, and the POSIX constants.
    pub fn root_names_on_demand() -> impl Iterator<Item = &'static str> {
        ROOT_NAMES_ON_DEMAND.iter().map(|(name, _)| *name).chain(POSIX_CONSTANTS.iter().map(|(name, _)| *name))
    }

    /// Run `ROOT_FILES_ON_DEMAND[file]` in the root module, once, as if it
    /// had run at start-up: a name the program has given the root module
    /// a value of its own since keeps that value.
    fn run_root_file(&mut self, file: usize) {
        if std::mem::replace(&mut self.root_files_run[file], true) {
            return;
        }
        let own: Vec<(Symbol, Value)> = ROOT_NAMES_ON_DEMAND
            .iter()
            .filter(|(_, f)| *f == file)
            .filter_map(|(name, _)| match self.root_module.lookup_local(Symbol::intern(name)) {
                Some(Binding::Var(v)) if !matches!(v.value.get(), Value::Undefined) => Some((v.name, v.value.get())),
                _ => None,
            })
            .collect();
        if let Err(e) = self.run_root_file_now(ROOT_FILES_ON_DEMAND[file]) {
            // A bug in guix0's library: the name stays unbound, and says so.
            let _ = writeln!(std::io::stderr(), "guix0: internal error in the root library: {e}");
        }
        for (name, value) in own {
            self.root_module.define_variable(&mut self.heap, name).assign(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names the root module has a value or a macro for.
    fn root_names(vm: &Vm) -> std::collections::BTreeSet<String> {
        let table = vm.root_module.table.borrow();
        let bound =
            table.iter().filter(|(_, b)| !matches!(b, Binding::Var(v) if matches!(v.value.get(), Value::Undefined)));
        bound.map(|(s, _)| s.name().to_string()).collect()
    }

    /// build.rs reads the definitions of the files run on first use by
    /// itself: what it found must be what running them defines.
    #[test]
    fn the_index_of_names_defined_on_first_use_is_what_the_files_define() -> Result<(), String> {
        let mut vm = Vm::new()?;
        let before = root_names(&vm);
        let indexed: std::collections::BTreeSet<String> = Vm::root_names_on_demand().map(str::to_string).collect();
        let early: Vec<&String> = indexed.intersection(&before).collect();
        assert!(early.is_empty(), "defined at start-up already: {early:?}");
        vm.run_all_root_files();
        let defined: std::collections::BTreeSet<String> = root_names(&vm).difference(&before).cloned().collect();
        let imported: std::collections::BTreeSet<String> = AUTOLOADS.iter().map(|(n, _)| n.to_string()).collect();
        let missing: Vec<&String> = indexed.difference(&defined).collect();
        assert!(missing.is_empty(), "indexed but not defined: {missing:?}");
        let unindexed: Vec<&String> = defined.difference(&indexed).filter(|n| !imported.contains(*n)).collect();
        assert!(unindexed.is_empty(), "defined but not indexed: {unindexed:?}");
        Ok(())
    }

    #[test]
    fn a_name_defined_on_first_use_runs_its_file_once_and_keeps_the_programs_own_values() -> Result<(), String> {
        let mut vm = Vm::new()?;
        let file_of = |name: &str| ROOT_NAMES_ON_DEMAND.iter().find(|(n, _)| *n == name).map(|(_, f)| *f).unwrap_or(0);
        assert!(vm.root_files_run.iter().all(|ran| !ran));
        // A value the root module got before its file ran stays.
        vm.define_root("pk", Value::Int(7));
        assert!(matches!(vm.root_binding(Symbol::intern("receive")), Some(Binding::Syntax(_))));
        assert!(vm.root_files_run[file_of("receive")]);
        assert!(!vm.root_files_run[file_of("mes?")]);
        assert!(matches!(vm.root_binding(Symbol::intern("stat:size")), Some(Binding::Var(_))));
        assert!(vm.root_files_run[file_of("stat:size")]);
        assert!(
            matches!(vm.root_binding(Symbol::intern("pk")), Some(Binding::Var(v)) if matches!(v.value.get(), Value::Int(7)))
        );
        Ok(())
    }
}
