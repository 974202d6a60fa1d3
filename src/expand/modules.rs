//! Module forms, `cond-expand` and `include`.
//!
//! `define-module` and `use-modules` become calls of primitives that run
//! when the form runs; since top-level forms are expanded one at a time,
//! the forms after them are expanded with the new imports in place.

use super::forms::{items_of, seq, SpecialForm};
use super::{syntax_error, Core, Env, ExpandResult, Expander, Ident, Macro};
use crate::module::Binding;
use crate::reader::{Datum, Syntax};
use crate::value::Value;
use std::rc::Rc;

/// What `cond-expand` tests succeed for. guix0 claims to be Mes (so Mes
/// programs such as MesCC take their Mes branch) but not Guile: a
/// `(cond-expand (guile ...) (mes ...))` takes the `mes` clause. It does
/// claim Guile 3's version, `guile-3`, which Mes code does not test: Guix
/// code's Guile 3 branches are the API guix0 has (records.scm renames
/// record types there).
pub const FEATURES: &[&str] = &[
    "guix0",
    "mes",
    "guile-3",
    "guile-3.0",
    "r7rs",
    "exact-closed",
    "exact-complex-less",
    "ieee-float",
    "full-unicode",
    "ratios",
    "srfi-0",
    "srfi-1",
    "srfi-2",
    "srfi-6",
    "srfi-8",
    "srfi-9",
    "srfi-11",
    "srfi-13",
    "srfi-14",
    "srfi-16",
    "srfi-23",
    "srfi-26",
    "srfi-28",
    "srfi-30",
    "srfi-34",
    "srfi-35",
    "srfi-39",
    "srfi-43",
    "srfi-46",
    "srfi-62",
    "srfi-64",
    "srfi-69",
    "srfi-87",
    "x86_64",
    "linux",
    "posix",
    "unix",
];

impl Expander<'_> {
    fn feature_holds(&mut self, req: &Syntax) -> ExpandResult<bool> {
        if let Some(id) = Ident::of(req) {
            return Ok(FEATURES.contains(&id.base().name()));
        }
        let items = req.list().ok_or_else(|| syntax_error(req.span, "bad cond-expand requirement", None))?;
        let Some(head) = items.first().and_then(Ident::of) else {
            return Err(syntax_error(req.span, "bad cond-expand requirement", None));
        };
        match head.base().name() {
            "and" => {
                for r in &items[1..] {
                    if !self.feature_holds(r)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            "or" => {
                for r in &items[1..] {
                    if self.feature_holds(r)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            "not" => match items.get(1) {
                Some(r) => Ok(!self.feature_holds(r)?),
                None => Err(syntax_error(req.span, "(not requirement)", None)),
            },
            "library" => Ok(items.get(1).is_some_and(|name| {
                let name = self.vm.syntax_to_value(name);
                self.vm.module_available(name)
            })),
            _ => Ok(false),
        }
    }

    /// The body of the first `cond-expand` clause whose requirement holds.
    pub fn cond_expand_select(&mut self, clauses: &[Syntax]) -> ExpandResult<Vec<Syntax>> {
        for clause in clauses {
            let parts = clause
                .list()
                .filter(|p| !p.is_empty())
                .ok_or_else(|| syntax_error(clause.span, "a cond-expand clause is (requirement body ...)", None))?;
            let is_else = Ident::base_of(&parts[0]).is_some_and(|s| s.name() == "else");
            if is_else || self.feature_holds(&parts[0])? {
                return Ok(parts[1..].to_vec());
            }
        }
        Ok(vec![])
    }

    /// `(include "file" ...)`, `include-ci` and `(include-from-path "file")`:
    /// the files' forms, spliced in as Guile does. Mes's `include` is a run-time
    /// `load`, so an argument that is an expression is loaded at run time,
    /// and so is a file found only by Mes's search (see `mes_include_target`).
    pub fn include(&mut self, form: SpecialForm, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        let items = items_of(x, 2, "(include \"file\")")?;
        let Some(name) = literal_string(&items[1]) else {
            let file = self.expand(&items[1], env)?;
            return Ok(self.call_root("load", vec![file], x.span));
        };
        if form == SpecialForm::IncludeFromPath {
            if let Some(path) = self.mes_include_target(&name) {
                let path = self.vm.make_string(&path.to_string_lossy());
                return Ok(self.call_root("%mes-load", vec![Core::Const(path)], x.span));
            }
        }
        let forms = if form == SpecialForm::IncludeFromPath {
            let path = self.vm.search_load_path(&name);
            self.forms_of_file(path, &name, x)?
        } else {
            // R7RS: (include "file" ...), the files' forms one after another.
            let mut forms = vec![];
            for file in &items[1..] {
                forms.extend(self.included_forms(file)?);
            }
            forms
        };
        if env.is_none() {
            let cores = forms.iter().map(|f| self.expand(f, env)).collect::<Result<Vec<_>, _>>()?;
            Ok(seq(cores))
        } else {
            self.sequence(&forms, env)
        }
    }

    /// The forms of a file that `include` (or `include-library-declarations`)
    /// names by the string literal `file`, relative to the file being loaded.
    pub fn included_forms(&mut self, file: &Syntax) -> ExpandResult<Vec<Syntax>> {
        let Some(name) = literal_string(file) else {
            return Err(syntax_error(file.span, "expected a file name (a string)", None));
        };
        let path = self.vm.resolve_relative(&name, file.span);
        self.forms_of_file(path, &name, file)
    }

    fn forms_of_file(&mut self, path: Option<std::path::PathBuf>, name: &str, x: &Syntax) -> ExpandResult<Vec<Syntax>> {
        let Some(path) = path else {
            return Err(syntax_error(x.span, format!("cannot find file \"{name}\" to include"), None));
        };
        self.vm.read_file_forms(&path).map_err(|mut e| {
            if e.span.is_none() {
                e.span = Some(x.span);
            }
            e
        })
    }

    /// The file an `include-from-path` loads as Mes code: in Mes code,
    /// Mes's search (`%moduledir`, `./module`, `GUILE_LOAD_PATH`); elsewhere
    /// only a file that guix0's own load path does not have.
    fn mes_include_target(&mut self, name: &str) -> Option<std::path::PathBuf> {
        if !self.vm.in_mes_mode() && self.vm.search_load_path(name).is_some() {
            return None;
        }
        self.vm.mes_include_path(name)
    }

    pub fn define_module(&mut self, x: &Syntax) -> ExpandResult<Core> {
        let items = x
            .list()
            .filter(|i| i.len() >= 2)
            .ok_or_else(|| syntax_error(x.span, "expected (define-module (name ...) option ...)", None))?;
        let name = self.vm.syntax_to_value(&items[1]);
        let options = self.vm.syntax_to_value(&Syntax::new(Datum::List(items[2..].into(), None), x.span));
        Ok(self.call_root("%define-module!", vec![Core::Const(name), Core::Const(options)], x.span))
    }

    pub fn use_modules(&mut self, x: &Syntax) -> ExpandResult<Core> {
        let items = items_of(x, 1, "(use-modules (module name ...) ...)")?;
        let specs = self.vm.syntax_to_value(&Syntax::new(Datum::List(items[1..].into(), None), x.span));
        Ok(self.call_root("%use-modules", vec![Core::Const(specs)], x.span))
    }

    pub fn mes_use_module(&mut self, x: &Syntax) -> ExpandResult<Core> {
        let items = items_of(x, 1, "(mes-use-module (module name ...) ...)")?;
        let calls = items[1..]
            .iter()
            .map(|name| {
                let v = self.vm.syntax_to_value(name);
                self.call_root("%mes-use-module", vec![Core::Const(v)], x.span)
            })
            .collect();
        Ok(seq(calls))
    }

    pub fn export(&mut self, x: &Syntax, re_export: bool) -> ExpandResult<Core> {
        let module = self.module();
        let shape = if re_export { "(re-export name ...)" } else { "(export name ...)" };
        for item in items_of(x, 1, shape)?.iter().skip(1) {
            let (internal, public) = match (Ident::of(item), item.list()) {
                (Some(id), _) => (id.base(), id.base()),
                (None, Some([a, b])) => match (Ident::of(a), Ident::of(b)) {
                    (Some(a), Some(b)) => (a.base(), b.base()),
                    _ => return Err(syntax_error(item.span, "expected name or (name . public-name)", None)),
                },
                _ => return Err(syntax_error(item.span, "expected a name to export", None)),
            };
            if re_export {
                self.vm.re_export_name(&module, internal, public);
            } else {
                self.vm.export_name(&module, internal, public);
            }
        }
        Ok(Core::Unspecified)
    }

    /// `(@ (module name) var)` and `(@@ (module name) var)`.
    pub fn module_ref(&mut self, form: SpecialForm, x: &Syntax) -> ExpandResult<Core> {
        match self.module_binding(form, x)? {
            Binding::Var(v) => Ok(Core::Global(v, x.span)),
            Binding::Syntax(_) => {
                let name = x.list().and_then(|items| Ident::base_of(&items[2])).map_or("?", |s| s.name());
                Err(syntax_error(
                    x.span,
                    format!("`{name}` is syntax: it can only be used at the head of a form"),
                    Some("write ((@ (module name) macro) operand ...)"),
                ))
            }
        }
    }

    /// The macro `x`, an `@` or `@@` form at the head of a form, names, if
    /// it names one: `((@ (module) macro) operand ...)` is a use of it.
    pub fn module_macro(&mut self, form: SpecialForm, x: &Syntax) -> ExpandResult<Option<Rc<Macro>>> {
        Ok(match self.module_binding(form, x)? {
            Binding::Syntax(m) => Some(m),
            Binding::Var(_) => None,
        })
    }

    fn module_binding(&mut self, form: SpecialForm, x: &Syntax) -> ExpandResult<Binding> {
        let items = x
            .list()
            .filter(|i| i.len() == 3)
            .ok_or_else(|| syntax_error(x.span, "expected (@ (module name) variable)", None))?;
        let name = self.vm.syntax_to_value(&items[1]);
        let var =
            Ident::base_of(&items[2]).ok_or_else(|| syntax_error(items[2].span, "expected a variable name", None))?;
        let module = self.vm.resolve_module(name, true).map_err(|mut e| {
            e.span = Some(x.span);
            e
        })?;
        let binding = if form == SpecialForm::At { module.public_binding(var) } else { module.lookup_local(var) };
        binding.or_else(|| (!module.pure).then(|| self.vm.root_binding(var)).flatten()).ok_or_else(|| {
            syntax_error(
                x.span,
                format!(
                    "{} has no {}binding `{var}`",
                    module.display_name(),
                    if form == SpecialForm::At { "public " } else { "" }
                ),
                None,
            )
        })
    }
}

/// A string literal, as read or as a `define-macro` put it in code.
pub(super) fn literal_string(x: &Syntax) -> Option<String> {
    match &x.datum {
        Datum::Str(s) => Some(s.to_string()),
        Datum::Value(Value::Str(s)) => Some(s.borrow().to_string()),
        _ => None,
    }
}
