//! Procedures of Mes code (and of guix0's own library) compiled on their
//! first call.
//!
//! Loading MesCC reads some 740 KB of nyacc and MesCC source, and a
//! compilation calls under a quarter of the procedures it defines (the
//! other back ends, the unused grammar actions, ...). So a top-level
//! `(define (name . formals) body ...)` in Mes code (loaded by
//! `mes-use-module` or `include-from-path`) defines a procedure whose body
//! is expanded and compiled when it is first called, and so does a
//! `lambda` outside any other (nyacc's tables hold some 1,400 grammar
//! actions as such lambdas, a few of which a compilation runs). Until then
//! its code is a stub holding the source: the body's text, when the file
//! was split by `reader::split_top_level` (read on the first call too), or
//! the data the expander met. Mes itself expands macro uses at run
//! time, so this is also closer to Mes: a macro defined after a procedure
//! that uses it is still expanded as a macro. Guile-style code is compiled
//! whole when it is loaded, as before, so its syntax errors show at once.

use std::cell::Cell;
use std::path::PathBuf;
use std::rc::Rc;

use super::{Expander, SpecialForm};
use crate::compile::Compiler;
use crate::diag::Span;
use crate::module::Module;
use crate::reader::{Datum, ProcedureText, Syntax};
use crate::value::{Closure, Gc, Symbol, Value};
use crate::vm::code::{Arity, Code, Op, Ops};
use crate::vm::error::Throw;
use crate::vm::Vm;

/// The source of a procedure not compiled yet, and what its expansion
/// depends on besides the macros defined when it runs.
pub struct Deferred {
    name: Option<Symbol>,
    formals: Syntax,
    body: Body,
    span: Span,
    module: Rc<Module>,
    mes: bool,
    /// The file being loaded, for `(current-filename)` and relative includes.
    file: Option<PathBuf>,
}

/// A deferred procedure's body: read, or still text in a loaded file
/// (`reader::split_top_level`), from `start` to the definition's `)`.
enum Body {
    Read(Vec<Syntax>),
    Text { file: u32, start: usize, end: usize },
}

impl Expander<'_> {
    /// A procedure for `init`, a `lambda` outside any other (bound to
    /// `name` by a top-level definition, or an expression such as one of
    /// the hundreds of grammar actions in nyacc's tables), to be compiled
    /// when first called; `None` if `init` must be compiled now: not Mes
    /// code, not a plain `(lambda (a b . c) body ...)`, or holding data a
    /// macro inserted (the stub's source is not seen by the collector).
    /// Such a `lambda` is evaluated once, so the closure made here is the
    /// one it would have made.
    pub fn defer_procedure(&mut self, name: Option<Symbol>, init: &Syntax) -> Option<Value> {
        if !self.may_defer()
            || !matches!(self.special_of(init, &None), Some(SpecialForm::Lambda | SpecialForm::LambdaStar))
        {
            return None;
        }
        let [_, formals, body @ ..] = init.list()? else { return None };
        if body.is_empty() || !body.iter().all(is_plain) {
            return None;
        }
        let doc = super::lambda::docstring(body);
        self.deferred_stub(name, formals, Body::Read(body.to_vec()), init.span, doc)
    }

    /// The variable `(define (name . formals) body ...)` (or `define*`)
    /// defines, whose body is still text (`reader::split_top_level`), and
    /// the procedure to give it, compiled on its first call. `None` if the
    /// definition must be read and expanded as usual: not Mes code or
    /// guix0's library, `define` rebound, a curried or odd signature, or one
    /// of Mes's exactness shims.
    pub fn defer_definition_text(
        &mut self,
        file: u32,
        text: &str,
        p: &ProcedureText,
        span: Span,
    ) -> Option<(Gc<crate::value::Variable>, Value)> {
        let (keyword, form) =
            if p.star { ("define*", SpecialForm::DefineStar) } else { ("define", SpecialForm::Define) };
        let define = Syntax::new(Datum::Symbol(Symbol::intern(keyword)), span);
        let head = Syntax::new(Datum::List(Rc::new([define]), None), span);
        if !self.may_defer() || self.special_of(&head, &None) != Some(form) {
            return None;
        }
        let (Some(signature), _) = crate::reader::read_one(file, text, p.signature).ok()? else { return None };
        let Datum::List(parts, tail) = &signature.datum else { return None };
        let name = parts.first()?.symbol()?;
        if self.vm.in_mes_mode() && crate::module::mes::MES_NO_FLONUM_SHIMS.contains(&name.name()) {
            return None;
        }
        let formals = Syntax::new(Datum::List(parts[1..].into(), tail.clone()), signature.span);
        let doc = if p.starts_with_string { docstring_text(file, text, p) } else { None };
        let procedure =
            self.deferred_stub(Some(name), &formals, Body::Text { file, start: p.body, end: p.close }, span, doc)?;
        let var = self.module().define_variable(&mut self.vm.heap, name);
        Some((var, procedure))
    }

    /// Whether top-level procedures are compiled on first call here.
    fn may_defer(&self) -> bool {
        self.vm.defers_procedures_of(self.vm.loading_files.last())
    }

    fn deferred_stub(
        &mut self,
        name: Option<Symbol>,
        formals: &Syntax,
        body: Body,
        span: Span,
        doc: Option<String>,
    ) -> Option<Value> {
        let (arity, params, rest_name) = parse_formals(formals)?;
        if !is_plain(formals) {
            return None;
        }
        let frame_size = u16::try_from(params.len() + usize::from(arity.rest) + arity.keys.len()).ok()?;
        let deferred = Deferred {
            name,
            formals: formals.clone(),
            body,
            span,
            module: self.module(),
            mes: self.vm.in_mes_mode(),
            file: self.vm.loading_files.last().cloned(),
        };
        let code = self.vm.heap.alloc(Code {
            name,
            simple_argc: arity.simple_argc(),
            frame_size,
            arity,
            ops: Ops::new(vec![Op::CompileDeferred]),
            consts: vec![],
            // A backtrace through the first call points at the definition.
            spans: vec![(0, span)],
            span,
            params,
            rest_name,
            doc,
            deferred: Some(Box::new(deferred)),
        });
        let closure = self.vm.heap.alloc(Closure { code: Cell::new(code), free: Box::new([]), name: Cell::new(name) });
        Some(Value::Closure(closure))
    }
}

/// The docstring of a body still in text: its first datum, when that is a
/// string and more follows.
fn docstring_text(file: u32, text: &str, p: &ProcedureText) -> Option<String> {
    let (Some(first), after) = crate::reader::read_one(file, text, p.body).ok()? else { return None };
    let more = text.get(after..p.close).is_some_and(|rest| !rest.trim().is_empty());
    match first.datum {
        Datum::Str(doc) if more => Some(doc.to_string()),
        _ => None,
    }
}

impl Vm {
    /// Whether the top-level procedures of `file` (being loaded now) are
    /// compiled on their first call: in Mes code and guix0's library.
    pub fn defers_procedures_of(&self, file: Option<&PathBuf>) -> bool {
        // Compared as bytes: `Path::starts_with` walks components, and this
        // runs once per top-level definition.
        let embedded = |f: &PathBuf| {
            let f = f.as_os_str().as_encoded_bytes();
            f.starts_with(crate::EMBEDDED_PREFIX.as_bytes()) && f.get(crate::EMBEDDED_PREFIX.len()) == Some(&b'/')
        };
        self.in_mes_mode() || file.is_some_and(embedded)
    }

    /// Expand and compile a deferred procedure as it would have been
    /// where it was defined: in its module, as Mes code if it was.
    pub fn compile_deferred(&mut self, d: &Deferred) -> Result<Gc<Code>, Box<Throw>> {
        let module = std::mem::replace(&mut self.current_module, d.module.clone());
        self.mes_mode_depth += u32::from(d.mes);
        let file = d.file.is_some();
        self.loading_files.extend(d.file.clone());
        self.heap.inhibit += 1;
        let result = (|| {
            let mut ex = Expander::new(self);
            let text_body;
            let body = match &d.body {
                Body::Read(body) => body,
                Body::Text { file, start, end } => {
                    let text = crate::diag::source_text(*file).unwrap_or_default();
                    text_body = crate::reader::read_range(*file, &text, *start, *end)
                        .map_err(crate::runtime::io::read_error)?;
                    &text_body
                }
            };
            let core = ex.lambda(d.name, &d.formals, body, d.span, &None)?;
            let vars = std::mem::take(&mut ex.vars);
            Compiler::compile_procedure(self, &core, vars).ok_or_else(|| {
                let what = d.name.map_or_else(|| "a procedure".into(), |name| name.to_string());
                Throw::misc("define", format!("cannot compile {what}"), vec![])
            })
        })();
        self.heap.inhibit -= 1;
        if file {
            self.loading_files.pop();
        }
        self.mes_mode_depth -= u32::from(d.mes);
        self.current_module = module;
        result
    }
}

/// The arity, the names of the required and optional parameters and the
/// rest parameter of a `lambda` or `lambda*` parameter list, laid out in
/// frame slots as the compiler lays them out; `None` unless every
/// parameter is a distinct symbol.
fn parse_formals(formals: &Syntax) -> Option<(Arity, Vec<Symbol>, Option<Symbol>)> {
    let (items, tail) = match &formals.datum {
        Datum::List(items, tail) => (&items[..], tail.as_deref()),
        Datum::Symbol(_) => (&[][..], Some(formals)),
        _ => return None,
    };
    let mut arity = Arity::default();
    let (mut required, mut optional, mut keys) = (vec![], vec![], vec![]);
    let mut rest = match tail {
        Some(t) => Some(t.symbol()?),
        None => None,
    };
    let mut mode = "required";
    for item in items {
        if let Datum::Keyword(k) = &item.datum {
            match k.name() {
                "allow-other-keys" => arity.allow_other_keys = true,
                m @ ("optional" | "key" | "rest") => mode = m,
                _ => return None,
            }
            continue;
        }
        let name = match (mode, item.list()) {
            ("optional" | "key", Some([name, _default])) => name.symbol()?,
            _ => item.symbol()?,
        };
        match mode {
            "required" => required.push(name),
            "optional" => optional.push(name),
            "key" => keys.push(name),
            _ => rest = Some(name),
        }
    }
    let all: Vec<Symbol> = required.iter().chain(&optional).chain(&rest).chain(&keys).copied().collect();
    if all.iter().enumerate().any(|(i, p)| all[..i].contains(p)) {
        return None;
    }
    arity.required = u16::try_from(required.len()).ok()?;
    arity.optional = u16::try_from(optional.len()).ok()?;
    arity.rest = rest.is_some();
    let first_key = arity.required + arity.optional + u16::from(arity.rest);
    arity.keys = keys.iter().zip(first_key..).map(|(k, slot)| (*k, slot)).collect();
    let params = required.into_iter().chain(optional).collect();
    Some((arity, params, rest))
}

/// Whether `x` holds only what the reader makes: no identifiers renamed by
/// a macro and no heap values put in by a `define-macro` transformer.
fn is_plain(x: &Syntax) -> bool {
    match &x.datum {
        Datum::List(items, tail) => items.iter().all(is_plain) && tail.as_deref().is_none_or(is_plain),
        Datum::Vector(items) => items.iter().all(is_plain),
        Datum::Alias(_) => false,
        Datum::Value(v) => v.is_immediate(),
        _ => true,
    }
}
