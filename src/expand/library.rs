//! R7RS libraries: `import` and `define-library`.
//!
//! A `define-library` becomes a sequence of top-level forms that the
//! loader runs one after the other, as it runs a top-level `begin`: enter
//! the library's module, its exports and imports, the body, and back to
//! the module it was defined from. So each body form is expanded after the
//! forms before it ran, in the library's own module.

use super::forms::items_of;
use super::{syntax_error, Core, Env, ExpandResult, Expander, Ident};
use crate::module::library_name;
use crate::reader::{Datum, Syntax};
use crate::value::Value;

impl Expander<'_> {
    /// `(import set ...)`: the sets, quoted, to `%import`.
    pub fn import(&mut self, x: &Syntax) -> ExpandResult<Core> {
        let items = items_of(x, 1, "(import import-set ...)")?;
        let sets = self.vm.syntax_to_value(&Syntax::new(Datum::List(items[1..].into(), None), x.span));
        Ok(self.call_root("%import", vec![Core::Const(sets)], x.span))
    }

    /// A `define-library` the loader did not split into top-level forms
    /// (one given to `eval`): its forms run now, one after the other.
    pub fn define_library(&mut self, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        if env.is_some() {
            return Err(syntax_error(x.span, "define-library is only allowed at top level", None));
        }
        for part in self.library_parts(x)? {
            let thunk = self.vm.compile_form(&part)?;
            self.vm.apply_nested(thunk, &[], part.span)?;
        }
        Ok(Core::Unspecified)
    }

    /// The top-level forms `(define-library name declaration ...)` runs.
    pub fn library_parts(&mut self, x: &Syntax) -> ExpandResult<Vec<Syntax>> {
        let items = items_of(x, 2, "(define-library (name ...) declaration ...)")?;
        let name = self.vm.syntax_to_value(&items[1]);
        let name = library_name("define-library", name).map_err(|mut t| {
            t.span = Some(items[1].span);
            t
        })?;
        let symbols = name.into_iter().map(Value::Symbol).collect();
        let mut parts = vec![self.call_of("%library-enter!", symbols, x)];
        self.library_declarations(&items[2..], &mut parts)?;
        parts.push(self.call_of("%library-leave!", vec![], x));
        Ok(parts)
    }

    fn library_declarations(&mut self, declarations: &[Syntax], parts: &mut Vec<Syntax>) -> ExpandResult<()> {
        for declaration in declarations {
            let parts_of = declaration.list().and_then(|d| d.split_first());
            let Some((head, args, keyword)) = parts_of.and_then(|(h, a)| Some((h, a, Ident::base_of(h)?))) else {
                return Err(syntax_error(declaration.span, "expected a library declaration", Some(DECLARATIONS)));
            };
            match keyword.name() {
                "export" => {
                    // (rename internal external) is (internal external) to `export`.
                    let mut items = vec![head.clone()];
                    for spec in args {
                        match spec.list() {
                            Some([rename, internal, external])
                                if Ident::base_of(rename).is_some_and(|r| r.name() == "rename") =>
                            {
                                items.push(list(vec![internal.clone(), external.clone()], spec));
                            }
                            _ => items.push(spec.clone()),
                        }
                    }
                    parts.push(list(items, declaration));
                }
                "import" | "include" | "include-ci" => parts.push(declaration.clone()),
                "begin" => parts.extend(args.iter().cloned()),
                "include-library-declarations" => {
                    for file in args {
                        let forms = self.included_forms(file)?;
                        self.library_declarations(&forms, parts)?;
                    }
                }
                "cond-expand" => {
                    let chosen = self.cond_expand_select(args)?;
                    self.library_declarations(&chosen, parts)?;
                }
                other => {
                    return Err(syntax_error(
                        declaration.span,
                        format!("`{other}` is not a library declaration"),
                        Some(DECLARATIONS),
                    ))
                }
            }
        }
        Ok(())
    }

    /// A call of the root module's primitive `name` on constants.
    fn call_of(&mut self, name: &str, args: Vec<Value>, at: &Syntax) -> Syntax {
        let f = self.vm.root_value(name);
        let items = std::iter::once(f).chain(args).map(|v| Syntax::new(Datum::Value(v), at.span)).collect();
        Syntax::new(Datum::List(items, None), at.span)
    }
}

const DECLARATIONS: &str = "a library declaration is (export ...), (import ...), (begin ...), (include \"file\" ...), \
                            (include-ci ...), (include-library-declarations ...) or (cond-expand ...)";

fn list(items: Vec<Syntax>, at: &Syntax) -> Syntax {
    Syntax::new(Datum::List(items.into(), None), at.span)
}
