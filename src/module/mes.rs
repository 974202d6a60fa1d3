//! GNU Mes's way of loading code. Mes has one namespace: `mes-use-module`
//! and `include-from-path` load files of Mes's module tree into the
//! current module, and Mes ignores `define-module` and `use-modules` in
//! them. guix0 loads such files the same way ("Mes mode"), so Mes's own
//! modules, its test suite and MesCC run unchanged; Mes modules that guix0
//! implements natively (`(mes guile)`, `(srfi srfi-1)`, ...) are not loaded.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::{module_name_string, Module};
use crate::value::{Symbol, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::Vm;

/// Mes modules guix0 provides itself. `None`: the bindings are in the
/// root module; `Some(m)`: they are guix0's module `m`.
pub const MES_NATIVE: &[(&str, Option<&str>)] = &[
    ("mes base", None),
    ("mes catch", None),
    ("mes display", None),
    ("mes fluids", None),
    ("mes guile", None),
    ("mes let", None),
    ("mes mes-0", None),
    ("mes module", None),
    ("mes optargs", None),
    ("mes posix", None),
    ("mes quasiquote", None),
    ("mes scm", None),
    ("mes simple-format", None),
    ("mes syntax", None),
    ("mes type-0", None),
    ("srfi srfi-0", None),
    ("mes getopt-long", Some("ice-9 getopt-long")),
    ("mes match", Some("ice-9 match")),
    ("mes pretty-print", Some("ice-9 pretty-print")),
];

/// Mes modules that bring Mes's Scheme `display` with them in Mes, which
/// prints nested vectors differently (`print_vectors_as_mes`). Modules
/// loaded from the Mes tree that need it load one of these themselves.
const MES_DISPLAY_MODULES: &[&str] = &["mes display", "mes guile", "mes pretty-print", "srfi srfi-26"];

/// Procedures Mes's own Scheme code redefines as `identity` because Mes has
/// no flonums (`(mes test)` does it for every test). On the exact numbers,
/// all that Mes has, guix0's real procedures are the identity too, and they
/// stay right on flonums, so a Mes file's definition of them is skipped:
/// otherwise `(inexact->exact 1.0)` would stay a flonum for the rest of the
/// program.
pub const MES_NO_FLONUM_SHIMS: &[&str] = &["inexact->exact", "exact->inexact"];

/// The guix0 module a Mes module name stands for, e.g. `(mes match)` →
/// `(ice-9 match)`.
pub fn native_alias(name: &[Symbol]) -> Option<Vec<Symbol>> {
    let key = module_key(name);
    let (_, alias) = MES_NATIVE.iter().find(|(m, _)| *m == key)?;
    Some(alias.as_ref()?.split(' ').map(Symbol::intern).collect())
}

/// A module name as the tables here spell it: `(mes guile)` → `mes guile`.
fn module_key(name: &[Symbol]) -> String {
    name.iter().map(|s| s.name()).collect::<Vec<_>>().join(" ")
}

/// Mes's data directory, found as Mes finds its boot file:
/// `$MES_PREFIX/mes/module/mes/`, `$MES_PREFIX/share/mes/module/mes/`, a
/// Mes source tree in the working directory (`mes/module/mes/`), and
/// finally an installed Mes (`/usr/share/mes`, as Debian's `mes` package
/// puts it). The directory holding `module/` is the data directory.
pub fn find_datadir() -> Option<PathBuf> {
    let mut candidates = vec![];
    if let Some(prefix) = std::env::var_os("MES_PREFIX").map(PathBuf::from) {
        candidates.push(prefix.join("mes"));
        candidates.push(prefix.join("share/mes"));
    }
    candidates.push(PathBuf::from("mes"));
    candidates.push(PathBuf::from("/usr/share/mes"));
    candidates.into_iter().find(|d| d.join("module/mes").is_dir())
}

impl Vm {
    /// `%moduledir`: where Mes modules live, if a Mes tree was found.
    pub fn mes_moduledir(&self) -> Option<PathBuf> {
        self.mes_datadir.as_ref().map(|d| d.join("module"))
    }

    /// Whether the code being loaded is Mes code (loaded by
    /// `mes-use-module` or `include-from-path` from Mes's tree).
    pub fn in_mes_mode(&self) -> bool {
        self.mes_mode_depth > 0
    }

    /// The file of a Mes module: `%moduledir/mes/test.mes` for `(mes
    /// test)`, or a module body Mes keeps without a `.mes` wrapper
    /// (`%moduledir/system/base/pmatch.scm`).
    pub fn mes_module_file(&self, name: &[Symbol]) -> Option<PathBuf> {
        let rel: Vec<&str> = name.iter().map(|s| s.name()).collect();
        let base = self.mes_moduledir()?.join(rel.join("/"));
        [".mes", ".scm"].iter().map(|ext| base.with_extension(&ext[1..])).find(|p| p.is_file())
    }

    /// `(mes-use-module (a b))`: load `%moduledir/a/b.mes` once, in Mes
    /// mode, unless guix0 provides the module itself.
    pub fn mes_use_module(&mut self, name: Value) -> PResult<()> {
        let name = super::loader::name_of_value("mes-use-module", name)?;
        self.mes_program = true;
        if MES_DISPLAY_MODULES.contains(&module_key(&name).as_str()) {
            crate::value::print::print_vectors_as_mes();
        }
        if super::loader::is_builtin_module(&name) {
            return Ok(());
        }
        // A module guix0 carries itself (`(srfi srfi-26)`, or `(mes match)`
        // standing for `(ice-9 match)`) is imported, not loaded from Mes.
        let native = native_alias(&name).or_else(|| super::loader::is_embedded_module(&name).then(|| name.clone()));
        if let Some(native) = native {
            let items: Vec<Value> = native.into_iter().map(Value::Symbol).collect();
            let spec = self.list(&items);
            return self.use_module_spec(spec);
        }
        if self.modules.by_name.contains_key(&name) {
            return Ok(());
        }
        let Some(path) = self.mes_module_file(&name) else {
            let mut t = Throw::misc("mes-use-module", format!("no Mes module {}", module_name_string(&name)), vec![]);
            t.help = Some(match self.mes_moduledir() {
                Some(dir) => format!("{} has no {}", dir.display(), module_file_name(&name)),
                None => "no Mes module tree was found: set MES_PREFIX to a Mes installation (MES_PREFIX=/usr) \
                         or run from a Mes source tree"
                    .into(),
            });
            return Err(t);
        };
        self.load_mes_module(&name, &path)?;
        Ok(())
    }

    /// Load a Mes module file into the current module and record the
    /// module as loaded (an empty module: its names live where it was
    /// loaded, as in Mes).
    pub fn load_mes_module(&mut self, name: &[Symbol], path: &Path) -> PResult<Rc<Module>> {
        let module = Rc::new(Module::new(name.to_vec(), false));
        self.modules.by_name.insert(name.to_vec(), module.clone());
        if let Err(e) = self.mes_load(path) {
            self.modules.by_name.remove(name);
            return Err(e);
        }
        Ok(module)
    }

    /// `(%mes-load path)`: run a file as Mes code, in the current module.
    pub fn mes_load(&mut self, path: &Path) -> PResult<()> {
        self.mes_mode_depth += 1;
        let module = self.current_module.clone();
        let result = self.load_file(path);
        self.current_module = module;
        self.mes_mode_depth -= 1;
        result
    }

    /// Where Mes's `include-from-path` finds a file: `%moduledir`, then
    /// `./module`, then each directory of `GUILE_LOAD_PATH`.
    pub fn mes_include_path(&self, file: &str) -> Option<PathBuf> {
        let mut dirs: Vec<PathBuf> = self.mes_moduledir().into_iter().collect();
        dirs.push(PathBuf::from("module"));
        if let Some(p) = std::env::var_os("GUILE_LOAD_PATH") {
            dirs.extend(std::env::split_paths(&p).filter(|d| !d.as_os_str().is_empty()));
        }
        dirs.into_iter().map(|d| d.join(file)).find(|p| p.is_file())
    }
}

fn module_file_name(name: &[Symbol]) -> String {
    name.iter().map(|s| s.name()).collect::<Vec<_>>().join("/") + ".mes"
}
