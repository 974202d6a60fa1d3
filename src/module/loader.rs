//! Finding, loading and importing modules; reading source files.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::{module_name_string, Module};
use crate::diag::Span;
use crate::reader::{Datum, Syntax};
use crate::runtime::io::read_error;
use crate::value::{OpaqueData, Symbol, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::Vm;

/// Library files shipped inside the binary, by load-path-relative name.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("guix0/boot.scm", include_str!("../../scheme/guix0/boot.scm")),
    ("guix0/lists.scm", include_str!("../../scheme/guix0/lists.scm")),
    ("guix0/collections.scm", include_str!("../../scheme/guix0/collections.scm")),
    ("guix0/forms.scm", include_str!("../../scheme/guix0/forms.scm")),
    ("guix0/system.scm", include_str!("../../scheme/guix0/system.scm")),
    ("guix0/mes.scm", include_str!("../../scheme/guix0/mes.scm")),
    ("guix0/guile-core.scm", include_str!("../../scheme/guix0/guile-core.scm")),
    ("srfi/srfi-64.scm", include_str!("../../scheme/srfi/srfi-64.scm")),
    ("srfi/srfi-1.scm", include_str!("../../scheme/srfi/srfi-1.scm")),
    ("srfi/srfi-13.scm", include_str!("../../scheme/srfi/srfi-13.scm")),
    ("srfi/srfi-14.scm", include_str!("../../scheme/srfi/srfi-14.scm")),
    ("srfi/srfi-26.scm", include_str!("../../scheme/srfi/srfi-26.scm")),
    ("srfi/srfi-35.scm", include_str!("../../scheme/srfi/srfi-35.scm")),
    ("srfi/srfi-43.scm", include_str!("../../scheme/srfi/srfi-43.scm")),
    ("srfi/srfi-31.scm", include_str!("../../scheme/srfi/srfi-31.scm")),
    ("web/uri.scm", include_str!("../../scheme/web/uri.scm")),
    ("sxml/simple.scm", include_str!("../../scheme/sxml/simple.scm")),
    ("ice-9/atomic.scm", include_str!("../../scheme/ice-9/atomic.scm")),
    ("system/base/target.scm", include_str!("../../scheme/system/base/target.scm")),
    ("ice-9/eval-string.scm", include_str!("../../scheme/ice-9/eval-string.scm")),
    ("srfi/srfi-45.scm", include_str!("../../scheme/srfi/srfi-45.scm")),
    ("srfi/srfi-19.scm", include_str!("../../scheme/srfi/srfi-19.scm")),
    ("srfi/srfi-71.scm", include_str!("../../scheme/srfi/srfi-71.scm")),
    ("srfi/srfi-27.scm", include_str!("../../scheme/srfi/srfi-27.scm")),
    ("srfi/srfi-37.scm", include_str!("../../scheme/srfi/srfi-37.scm")),
    ("ice-9/string-fun.scm", include_str!("../../scheme/ice-9/string-fun.scm")),
    ("ice-9/format.scm", include_str!("../../scheme/ice-9/format.scm")),
    ("ice-9/getopt-long.scm", include_str!("../../scheme/ice-9/getopt-long.scm")),
    ("ice-9/match.scm", include_str!("../../scheme/ice-9/match.scm")),
    ("ice-9/peg.scm", include_str!("../../scheme/ice-9/peg.scm")),
    ("ice-9/pretty-print.scm", include_str!("../../scheme/ice-9/pretty-print.scm")),
    ("ice-9/threads.scm", include_str!("../../scheme/ice-9/threads.scm")),
    ("guix0/ports.scm", include_str!("../../scheme/guix0/ports.scm")),
    ("guix0/bytevectors.scm", include_str!("../../scheme/guix0/bytevectors.scm")),
    ("guix0/bits.scm", include_str!("../../scheme/guix0/bits.scm")),
    ("guix0/rnrs.scm", include_str!("../../scheme/guix0/rnrs.scm")),
    ("guix0/queues.scm", include_str!("../../scheme/guix0/queues.scm")),
    ("guix0/ftw.scm", include_str!("../../scheme/guix0/ftw.scm")),
    ("guix0/prompts.scm", include_str!("../../scheme/guix0/prompts.scm")),
    ("ice-9/vlist.scm", include_str!("../../scheme/ice-9/vlist.scm")),
    ("ice-9/exceptions.scm", include_str!("../../scheme/ice-9/exceptions.scm")),
    ("scheme/base.scm", include_str!("../../scheme/scheme/base.scm")),
    ("guix0.scm", include_str!("../../scheme/guix0.scm")),
    ("guix0/hash-command.scm", include_str!("../../scheme/guix0/hash-command.scm")),
    // The Guix-0 prelude.
    ("guix/records.scm", include_str!("../../prelude/guix/records.scm")),
    ("guix/base32.scm", include_str!("../../prelude/guix/base32.scm")),
    ("guix/packages.scm", include_str!("../../prelude/guix/packages.scm")),
    ("guix/utils.scm", include_str!("../../prelude/guix/utils.scm")),
    ("guix/gexp.scm", include_str!("../../prelude/guix/gexp.scm")),
    ("guix/download.scm", include_str!("../../prelude/guix/download.scm")),
    ("guix/git-download.scm", include_str!("../../prelude/guix/git-download.scm")),
    ("guix/search-paths.scm", include_str!("../../prelude/guix/search-paths.scm")),
    ("guix/licenses.scm", include_str!("../../prelude/guix/licenses.scm")),
    ("guix/build-system.scm", include_str!("../../prelude/guix/build-system.scm")),
    ("guix/build-system/trivial.scm", include_str!("../../prelude/guix/build-system/trivial.scm")),
    ("guix/build-system/gnu.scm", include_str!("../../prelude/guix/build-system/gnu.scm")),
    ("guix/build/utils.scm", include_str!("../../prelude/guix/build/utils.scm")),
    ("guix/build/gnu-build-system.scm", include_str!("../../prelude/guix/build/gnu-build-system.scm")),
    ("guix0/store.scm", include_str!("../../prelude/guix0/store.scm")),
    ("guix0/builder.scm", include_str!("../../prelude/guix0/builder.scm")),
    ("guix0/main.scm", include_str!("../../prelude/guix0/main.scm")),
    ("guix0/host.scm", include_str!("../../prelude/guix0/host.scm")),
];

/// Modules whose bindings guix0 keeps in the root module: importing them
/// adds nothing, `#:select` finds the names there, and no file on the load
/// path replaces them.
pub const BUILTIN_MODULES: &[&str] = &[
    "guile",
    "srfi srfi-2",
    "srfi srfi-6",
    "srfi srfi-8",
    "srfi srfi-9",
    "srfi srfi-9 gnu",
    "srfi srfi-11",
    "srfi srfi-16",
    "srfi srfi-23",
    "srfi srfi-28",
    "srfi srfi-30",
    "srfi srfi-34",
    "srfi srfi-39",
    "srfi srfi-69",
    "srfi srfi-87",
    "srfi srfi-88",
    "ice-9 rdelim",
    "ice-9 receive",
    "ice-9 and-let-star",
    "ice-9 optargs",
    "ice-9 hash-table",
    "ice-9 control",
    "ice-9 regex",
    "ice-9 ftw",
    "ice-9 popen",
    "ice-9 textual-ports",
    "ice-9 binary-ports",
    "scheme write",
    "scheme read",
    "scheme char",
    "scheme cxr",
    "scheme lazy",
    "scheme case-lambda",
    "scheme inexact",
    "scheme complex",
    "scheme eval",
    "scheme file",
    "scheme process-context",
    "scheme time",
    "scheme r5rs",
    "scheme load",
    "scheme repl",
    "ice-9 curried-definitions",
    "srfi srfi-111",
    "srfi srfi-60",
    "ice-9 q",
    "ice-9 common-list",
    "rnrs arithmetic bitwise",
    "scheme bytevector",
    "rnrs base",
    "rnrs bytevectors",
    "rnrs io ports",
    "rnrs",
    "ice-9 ports",
    "ice-9 iconv",
    "srfi srfi-98",
    "srfi srfi-17",
];

/// Whether `name` is one of the module files built into guix0.
pub(super) fn is_embedded_module(name: &[Symbol]) -> bool {
    let file = name.iter().map(|s| s.name()).collect::<Vec<_>>().join("/") + ".scm";
    EMBEDDED.iter().any(|(n, _)| *n == file)
}

/// A module as a Scheme value.
struct ModuleRef {
    name: Vec<Symbol>,
}

impl OpaqueData for ModuleRef {
    fn type_name(&self) -> &'static str {
        "module"
    }
}

/// Whether `v` is a module (as `resolve-module` and `current-module` give).
pub fn is_module_value(v: Value) -> bool {
    matches!(v, Value::Opaque(o) if o.downcast::<ModuleRef>().is_some())
}

pub(super) fn name_of_value(who: &str, v: Value) -> PResult<Vec<Symbol>> {
    v.list_to_vec()
        .and_then(|items| items.into_iter().map(|i| i.as_symbol()).collect::<Option<Vec<_>>>())
        .ok_or_else(|| Throw::wrong_type(who, 1, "module name (a list of symbols)", v))
}

fn name_key(name: &[Symbol]) -> String {
    name.iter().map(|s| s.name()).collect::<Vec<_>>().join(" ")
}

/// Whether guix0 provides `name` itself in the root module.
pub(super) fn is_builtin_module(name: &[Symbol]) -> bool {
    let key = name_key(name);
    BUILTIN_MODULES.contains(&key.as_str())
        || super::mes::MES_NATIVE.iter().any(|(m, alias)| *m == key && alias.is_none())
}

impl Vm {
    pub fn module_value(&mut self, name: &[Symbol]) -> Value {
        if let Some(v) = self.modules.values.get(name) {
            return *v;
        }
        let v = self.make_opaque(ModuleRef { name: name.to_vec() });
        self.modules.values.insert(name.to_vec(), v);
        v
    }

    pub fn module_of_value(&mut self, v: Value) -> PResult<Rc<Module>> {
        if let Value::Opaque(o) = v {
            if let Some(r) = o.downcast::<ModuleRef>() {
                // A module value never loads a file: its module exists, or
                // it was dropped because its file failed to load.
                let name = r.name.clone();
                return self.resolve_module_name(&name, false);
            }
        }
        self.resolve_module(v, true)
    }

    fn get_or_create_module(&mut self, name: &[Symbol]) -> Rc<Module> {
        if let Some(m) = self.modules.by_name.get(name) {
            return m.clone();
        }
        let m = Rc::new(Module::new(name.to_vec(), false));
        self.modules.by_name.insert(name.to_vec(), m.clone());
        m
    }

    /// `(define-module name option ...)`.
    pub fn define_module(&mut self, name: Value, options: Value) -> PResult<()> {
        let name = name_of_value("define-module", name)?;
        let module = self.get_or_create_module(&name);
        self.current_module = module.clone();
        let opts = options.list_to_vec().unwrap_or_default();
        let mut i = 0;
        while i < opts.len() {
            let Value::Keyword(k) = opts[i] else {
                return Err(Throw::misc("define-module", "expected a keyword option, got ~S", vec![opts[i]]));
            };
            let arg = opts.get(i + 1).copied().unwrap_or(Value::Null);
            match k.name() {
                "use-module" | "autoload" => {
                    let result = self.use_module_spec(arg);
                    if k.name() == "use-module" {
                        result?;
                    }
                    i += if k.name() == "autoload" { 3 } else { 2 };
                    continue;
                }
                "export" | "export-syntax" | "replace" => {
                    for n in arg.iter() {
                        let (internal, public) = export_names(n);
                        self.export_name(&module, internal, public);
                    }
                }
                "re-export" | "re-export-syntax" => {
                    for n in arg.iter() {
                        let (internal, public) = export_names(n);
                        self.re_export_name(&module, internal, public);
                    }
                }
                "pure" => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            i += 2;
        }
        Ok(())
    }

    /// Export the module's `internal` as `public` (`#:export`, `export`,
    /// `module-export!`). A name the module neither defines nor imports
    /// becomes an unbound variable of its own, for a later definition.
    pub fn export_name(&mut self, module: &Module, internal: Symbol, public: Symbol) {
        if module.lookup_local(internal).is_none() {
            module.define_variable(&mut self.heap, internal);
        }
        module.exports.borrow_mut().insert(public, internal);
    }

    /// Re-export what `internal` means in the module (its own binding, an
    /// import or the root module's) as `public`; false if it means nothing.
    pub fn re_export_name(&mut self, module: &Module, internal: Symbol, public: Symbol) -> bool {
        match module.lookup_local(internal).or_else(|| self.root_binding(internal)) {
            Some(binding) => {
                module.reexports.borrow_mut().insert(public, binding);
                true
            }
            None => false,
        }
    }

    /// Import one `use-modules` spec into the current module.
    pub fn use_module_spec(&mut self, spec: Value) -> PResult<()> {
        let target = self.current_module.clone();
        self.import_spec(spec, &target)
    }

    /// `(resolve-interface name option ...)`: what `use-modules` would
    /// import for `(name option ...)`, as a module of its own that offers
    /// those bindings and nothing else.
    pub fn resolve_interface(&mut self, spec: Value) -> PResult<Rc<Module>> {
        let mut name = vec![Symbol::intern(super::INTERFACE_MARK)];
        name.extend(name_of_value("resolve-interface", spec.car().unwrap_or(Value::Null))?);
        // Told apart by a serial number: each call chooses its own names.
        name.push(Symbol::intern(&self.modules.by_name.len().to_string()));
        let mut interface = Module::new(name.clone(), false);
        interface.pure = true;
        let interface = Rc::new(interface);
        self.import_spec(spec, &interface)?;
        interface.reexports.borrow_mut().clone_from(&interface.imported.borrow());
        self.modules.by_name.insert(name, interface.clone());
        Ok(interface)
    }

    /// `(module-use! module interface)`: MODULE imports the bindings
    /// INTERFACE exports now (Guile's also sees those it exports later).
    pub fn module_use(&mut self, module: &Module, interface: &Module) {
        for name in interface.public_names() {
            if let Some(binding) = interface.public_binding(name) {
                module.imported.borrow_mut().insert(name, binding);
            }
        }
    }

    pub fn resolve_module(&mut self, name: Value, load: bool) -> PResult<Rc<Module>> {
        let name = name_of_value("resolve-module", name)?;
        self.resolve_module_name(&name, load)
    }

    pub fn module_available(&mut self, name: Value) -> bool {
        let Ok(name) = super::imports::library_name("library", name) else { return false };
        self.modules.by_name.contains_key(&name) || is_builtin_module(&name) || self.module_source(&name).is_some()
    }

    fn module_source(&self, name: &[Symbol]) -> Option<PathBuf> {
        // `.sld` is where R7RS implementations keep library definitions.
        let rel = name.iter().map(|s| s.name()).collect::<Vec<_>>().join("/");
        self.search_load_path(&(rel.clone() + ".scm")).or_else(|| self.search_load_path(&(rel + ".sld")))
    }

    pub fn resolve_module_name(&mut self, name: &[Symbol], load: bool) -> PResult<Rc<Module>> {
        if let Some(m) = self.modules.by_name.get(name) {
            return Ok(m.clone());
        }
        if let Some(native) = super::mes::native_alias(name) {
            return self.resolve_module_name(&native, load);
        }
        // guix0's own modules win over files on the load path: Mes's tree
        // has Guile shims such as (mes mes-0) that must not replace them.
        if is_builtin_module(name) {
            let m = Rc::new(Module::new(name.to_vec(), false));
            self.modules.by_name.insert(name.to_vec(), m.clone());
            return Ok(m);
        }
        if self.modules.loading.iter().any(|n| n == name) {
            let chain: Vec<String> = self.modules.loading.iter().map(|n| module_name_string(n)).collect();
            return Err(Throw::misc(
                "use-modules",
                format!("module import cycle: {} -> {}", chain.join(" -> "), module_name_string(name)),
                vec![],
            ));
        }
        // A Mes module guix0 does not carry (`(mes test)`) loads from Mes's
        // tree into the current module, as Mes would load it; for modules
        // named (mes ...) the load path has only Guile shims of them.
        if load && (name.first().is_some_and(|n| n.name() == "mes") || self.module_source(name).is_none()) {
            if let Some(path) = self.mes_module_file(name) {
                return self.load_mes_module(name, &path);
            }
        }
        let Some(path) = (if load { self.module_source(name) } else { None }) else {
            let mut t = Throw::misc("use-modules", format!("no code for module {}", module_name_string(name)), vec![]);
            let dirs: Vec<String> = self.load_path.iter().map(|d| d.display().to_string()).collect();
            let chain: Vec<String> = self.modules.loading.iter().map(|n| module_name_string(n)).collect();
            t.help = Some(format!(
                "looked for {}.scm (and .sld) in: {} and the modules built into guix0{}",
                name.iter().map(|s| s.name()).collect::<Vec<_>>().join("/"),
                if dirs.is_empty() { "(no -L directories)".to_string() } else { dirs.join(", ") },
                if chain.is_empty() { String::new() } else { format!("; needed by {}", chain.join(" -> ")) }
            ));
            return Err(t);
        };
        let module = self.get_or_create_module(name);
        self.modules.loading.push(name.to_vec());
        let saved = std::mem::replace(&mut self.current_module, module.clone());
        // A module file is Guile code even when Mes code asked for it.
        let mes_mode = std::mem::replace(&mut self.mes_mode_depth, 0);
        let winders = self.winders;
        let result = self.load_file(&path);
        if result.is_err() {
            // The failed load's dynamic-wind `after` thunks run now, while
            // its module is still current; left for the top level, they
            // would make it current again after this restores the caller's.
            self.rewind_to(winders);
        }
        self.mes_mode_depth = mes_mode;
        self.current_module = saved;
        self.modules.loading.pop();
        if let Err(e) = result {
            self.modules.by_name.remove(name);
            return Err(e);
        }
        Ok(self.modules.by_name.get(name).cloned().unwrap_or(module))
    }

    /// Leave the dynamic-winds entered since `winders`, running their
    /// `after` thunks. What one of them raises is dropped: it ran because
    /// of an error, which is the one reported. `%rewind` pops each winder
    /// before running its thunk, so this ends.
    fn rewind_to(&mut self, winders: Value) {
        while !self.winders.is_null() && !crate::value::equality::eq(self.winders, winders) {
            let rewind = self.root_value("%rewind");
            if let Err(crate::vm::RunError::Exit(_)) = self.apply(rewind, &[winders]) {
                break;
            }
        }
    }

    /// Run every form of a file (in the current module).
    pub fn load_file(&mut self, path: &Path) -> PResult<()> {
        let load = self.root_value("primitive-load");
        let p = self.make_string(&path.to_string_lossy());
        self.apply_nested(load, &[p], Span::NONE).map(|_| ())
    }

    /// A file on the load path: `-L` directories and `GUIX0_LOAD_PATH`
    /// first, then the libraries built into guix0.
    pub fn search_load_path(&self, name: &str) -> Option<PathBuf> {
        if Path::new(name).is_absolute() {
            return Path::new(name).is_file().then(|| PathBuf::from(name));
        }
        for dir in &self.load_path {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        EMBEDDED.iter().find(|(n, _)| *n == name).map(|(n, _)| PathBuf::from(format!("{}/{n}", crate::EMBEDDED_PREFIX)))
    }

    /// A path relative to the file being loaded (or the working directory).
    pub fn resolve_relative(&self, name: &str, _span: Span) -> Option<PathBuf> {
        let direct = PathBuf::from(name);
        if direct.is_absolute() || direct.is_file() {
            return Some(direct);
        }
        let dir = self.loading_files.last().and_then(|f| f.parent().map(Path::to_path_buf))?;
        let p = dir.join(name);
        p.is_file().then_some(p)
    }

    /// Read all forms of a source file (or of an embedded library file).
    pub fn read_file_forms(&mut self, path: &Path) -> PResult<Vec<Syntax>> {
        let (id, text) = self.read_source_text(path)?;
        crate::reader::read_all(id, &text).map_err(read_error)
    }

    /// The text of a source file (or of an embedded library file), kept
    /// for diagnostics under the returned number.
    pub fn read_source_text(&mut self, path: &Path) -> PResult<(u32, Rc<str>)> {
        let shown = path.to_string_lossy().to_string();
        let text: Rc<str> = match shown.strip_prefix(&format!("{}/", crate::EMBEDDED_PREFIX)) {
            Some(rel) => match EMBEDDED.iter().find(|(n, _)| *n == rel) {
                Some((_, text)) => Rc::from(*text),
                None => return Err(Throw::misc("load", format!("no built-in file {rel}"), vec![])),
            },
            None => {
                let bytes = std::fs::read(path).map_err(|e| {
                    let mut t = Throw::system("load", &e, vec![]);
                    t.message = format!("cannot read {shown}: {}", t.message);
                    t
                })?;
                // Valid UTF-8 (the usual case) is checked fast and moved in whole.
                match String::from_utf8(bytes) {
                    Ok(text) => Rc::from(text),
                    Err(e) => Rc::from(String::from_utf8_lossy(e.as_bytes()).as_ref()),
                }
            }
        };
        let id = crate::diag::add_source(&shown, text.clone());
        Ok((id, text))
    }

    /// The forms of a top-level `(begin ...)`, `cond-expand` or
    /// `define-library`, to be run one by one.
    pub fn toplevel_begin_parts(&mut self, form: &Syntax) -> Option<Vec<Syntax>> {
        let Datum::List(items, None) = &form.datum else { return None };
        let mut ex = crate::expand::Expander::new(self);
        match ex.special_of(form, &None)? {
            crate::expand::SpecialForm::Begin => Some(items[1..].to_vec()),
            crate::expand::SpecialForm::CondExpand => ex.cond_expand_select(&items[1..]).ok(),
            // A malformed one is reported when it is expanded.
            crate::expand::SpecialForm::DefineLibrary => ex.library_parts(form).ok(),
            _ => None,
        }
    }
}

pub(super) fn export_names(v: Value) -> (Symbol, Symbol) {
    match v {
        Value::Pair(p) => {
            let a = p.car().as_symbol().unwrap_or(Symbol::intern("?"));
            let b = p.cdr().as_symbol().unwrap_or(a);
            (a, b)
        }
        other => {
            let s = other.as_symbol().unwrap_or(Symbol::intern("?"));
            (s, s)
        }
    }
}
