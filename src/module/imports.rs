//! Importing bindings: Guile's `use-modules` specs (`#:select`, `#:hide`,
//! `#:prefix`, `#:renamer`) and R7RS import sets (`only`, `except`,
//! `prefix`, `rename` around a library name), both reduced to one list of
//! public names and the local names they get.

use std::rc::Rc;

use super::loader::{export_names, is_builtin_module};
use super::{module_name_string, Module};
use crate::diag::Span;
use crate::value::{Symbol, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::Vm;

/// What an import offers: the module, and either every public name under
/// its own name but the excluded ones, or chosen names, each as (public
/// name, local name).
struct Offer {
    module: Rc<Module>,
    name: Vec<Symbol>,
    names: Option<Vec<(Symbol, Symbol)>>,
    excluded: Vec<Symbol>,
}

impl Vm {
    /// Import what `spec`, as in `use-modules`, names into `target`.
    pub(super) fn import_spec(&mut self, spec: Value, target: &Module) -> PResult<()> {
        let (name_v, opts) = match spec.car() {
            Some(Value::Pair(_)) => (spec.car().unwrap_or(Value::Null), spec.cdr().unwrap_or(Value::Null)),
            _ => (spec, Value::Null),
        };
        let name = super::loader::name_of_value("use-modules", name_v)?;
        let mut offer = self.offer_of(name)?;
        let opts = opts.list_to_vec().unwrap_or_default();
        // Guile applies #:select, then #:hide, then #:prefix and #:renamer.
        let option = |key: &str| {
            opts.chunks(2).find_map(|p| matches!(p, [Value::Keyword(k), _] if k.name() == key).then(|| p[1]))
        };
        if let Some(select) = option("select") {
            offer.names = Some(select.iter().map(export_names).collect());
        }
        if let Some(hide) = option("hide") {
            let hidden: Vec<Symbol> = hide.iter().filter_map(|v| v.as_symbol()).collect();
            exclude(&mut offer, &hidden, true);
        }
        if let Some(prefix) = option("prefix").and_then(|p| p.as_symbol()) {
            self.rename_names(&mut offer, |_, local| Ok(Symbol::intern(&format!("{prefix}{local}"))))?;
        }
        if let Some(renamer) = option("renamer") {
            // An expression, such as (symbol-prefix-proc 'r:), or its value.
            let renamer = if renamer.is_procedure() {
                renamer
            } else {
                let form = self.value_to_syntax(renamer, Span::NONE, &Default::default())?;
                let thunk = self.compile_form(&form)?;
                self.apply_nested(thunk, &[], Span::NONE)?
            };
            self.rename_names(&mut offer, |vm, local| {
                let renamed = vm.apply_nested(renamer, &[Value::Symbol(local)], Span::NONE)?;
                Ok(renamed.as_symbol().unwrap_or(local))
            })?;
        }
        self.bind_offer(offer, target, "use-modules")
    }

    /// R7RS `(import set ...)` into the current module.
    pub fn import_sets(&mut self, sets: Value) -> PResult<()> {
        let target = self.current_module.clone();
        for set in sets.iter() {
            let offer = self.import_set(set)?;
            self.bind_offer(offer, &target, "import")?;
        }
        Ok(())
    }

    /// One R7RS import set: `(only S id ...)`, `(except S id ...)`,
    /// `(prefix S p)`, `(rename S (from to) ...)`, or a library name.
    fn import_set(&mut self, set: Value) -> PResult<Offer> {
        let items = set.list_to_vec().unwrap_or_default();
        let modifier = match items.as_slice() {
            [Value::Symbol(m), inner @ Value::Pair(_), ..] => Some((m.name(), *inner)),
            _ => None,
        };
        let (kind, inner) = match modifier {
            Some((kind @ ("only" | "except" | "prefix" | "rename"), inner)) => (kind, inner),
            _ => return self.offer_of(library_name("import", set)?),
        };
        let mut offer = self.import_set(inner)?;
        let args = &items[2..];
        let symbols = |who: &str| -> PResult<Vec<Symbol>> {
            args.iter().map(|a| a.as_symbol().ok_or_else(|| Throw::wrong_type(who, 1, "identifier", *a))).collect()
        };
        match kind {
            "only" => {
                let wanted = symbols("import only")?;
                let names: Vec<(Symbol, Symbol)> = match offer.names {
                    // Picked from the root module's names without listing
                    // them all; bind_offer reports a name it lacks.
                    None if offers_root(&offer.name) => {
                        wanted.iter().filter(|w| !offer.excluded.contains(w)).map(|w| (*w, *w)).collect()
                    }
                    _ => {
                        let mut names = self.names_offered(&offer, true);
                        names.retain(|(_, local)| wanted.contains(local));
                        names
                    }
                };
                if let Some(missing) = wanted.iter().find(|w| !names.iter().any(|(_, l)| l == *w)) {
                    return Err(not_exported("import", &offer.name, *missing));
                }
                offer.names = Some(names);
            }
            "except" => {
                exclude(&mut offer, &symbols("import except")?, false);
            }
            "prefix" => {
                let [prefix] = symbols("import prefix")?[..] else {
                    return Err(Throw::misc("import", "expected (prefix import-set prefix), got ~S", vec![set]));
                };
                self.rename_names(&mut offer, |_, local| Ok(Symbol::intern(&format!("{prefix}{local}"))))?;
            }
            _ => {
                let mut renames = vec![];
                for pair in args {
                    match pair.list_to_vec().as_deref() {
                        Some([Value::Symbol(from), Value::Symbol(to)]) => renames.push((*from, *to)),
                        _ => return Err(Throw::misc("import", "expected (from to) in rename, got ~S", vec![*pair])),
                    }
                }
                self.rename_names(&mut offer, |_, local| {
                    Ok(renames.iter().find(|(from, _)| *from == local).map_or(local, |(_, to)| *to))
                })?;
            }
        }
        Ok(offer)
    }

    fn offer_of(&mut self, name: Vec<Symbol>) -> PResult<Offer> {
        let module = self.resolve_module_name(&name, true)?;
        Ok(Offer { module, name, names: None, excluded: vec![] })
    }

    /// Every (public, local) pair of an offer. A built-in module offers
    /// the whole root module besides its own names (left out unless
    /// `with_root`, where it is seen anyway).
    fn names_offered(&mut self, offer: &Offer, with_root: bool) -> Vec<(Symbol, Symbol)> {
        if let Some(names) = &offer.names {
            return names.clone();
        }
        let mut names: Vec<(Symbol, Symbol)> = vec![];
        if with_root && offers_root(&offer.name) {
            self.run_all_root_files();
            names.extend(self.root_module.table.borrow().keys().map(|k| (*k, *k)));
        }
        names.extend(offer.module.public_names().into_iter().map(|n| (n, n)));
        names.retain(|(public, _)| !offer.excluded.contains(public));
        names
    }

    fn rename_names(
        &mut self,
        offer: &mut Offer,
        mut rename: impl FnMut(&mut Vm, Symbol) -> PResult<Symbol>,
    ) -> PResult<()> {
        let mut names = self.names_offered(offer, true);
        for (_, local) in &mut names {
            *local = rename(self, *local)?;
        }
        offer.names = Some(names);
        Ok(())
    }

    /// Bind the offered names in `target`. Offering the root module's
    /// names whole adds nothing: they are seen anyway.
    fn bind_offer(&mut self, offer: Offer, target: &Module, who: &str) -> PResult<()> {
        let builtin = offers_root(&offer.name);
        let names = self.names_offered(&offer, false);
        for (public, local) in names {
            // An exported name the module never defined itself is the root
            // module's (e.g. a module re-exporting a primitive under #:export).
            let binding = match offer.module.public_binding(public) {
                Some(super::Binding::Var(v)) if matches!(v.value.get(), Value::Undefined) => {
                    self.root_binding(public).or(Some(super::Binding::Var(v)))
                }
                None if builtin => self.root_binding(public),
                other => other,
            };
            let binding = binding.ok_or_else(|| not_exported(who, &offer.name, public))?;
            target.imported.borrow_mut().insert(local, binding);
        }
        Ok(())
    }
}

/// Whether a module offers the root module's names besides its own: the
/// built-in ones, and `(scheme base)`, whose file only defines what
/// differs from Guile.
fn offers_root(name: &[Symbol]) -> bool {
    is_builtin_module(name) || matches!(name, [a, b] if a.name() == "scheme" && b.name() == "base")
}

/// Leave `names` out of an offer: public names (`#:hide`) or the local
/// names given so far (`except`), which are the same until a rename.
fn exclude(offer: &mut Offer, names: &[Symbol], by_public: bool) {
    match &mut offer.names {
        None => offer.excluded.extend_from_slice(names),
        Some(pairs) => pairs.retain(|(public, local)| !names.contains(if by_public { public } else { local })),
    }
}

fn not_exported(who: &str, module: &[Symbol], name: Symbol) -> Box<Throw> {
    Throw::misc(who, format!("module {} does not export `{name}`", module_name_string(module)), vec![])
}

/// An R7RS library name as a module name: `(srfi 1)` is `(srfi srfi-1)`,
/// as in Guile; other numbers become symbols of their digits.
pub fn library_name(who: &str, v: Value) -> PResult<Vec<Symbol>> {
    let parts = v.list_to_vec().filter(|p| !p.is_empty());
    let parts = parts.ok_or_else(|| Throw::wrong_type(who, 1, "library name (a list of identifiers)", v))?;
    let srfi = matches!(parts.first(), Some(Value::Symbol(s)) if s.name() == "srfi");
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| match part {
            Value::Symbol(s) => Ok(*s),
            Value::Int(n) if *n >= 0 && srfi && i == 1 => Ok(Symbol::intern(&format!("srfi-{n}"))),
            Value::Int(n) if *n >= 0 => Ok(Symbol::intern(&n.to_string())),
            _ => Err(Throw::wrong_type(who, 1, "library name (identifiers and exact integers)", v)),
        })
        .collect()
}
