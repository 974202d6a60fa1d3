//! Procedures of Mes code (and of guix0's own library) compiled on their
//! first call.
//!
//! Loading MesCC reads some 740 KB of nyacc and MesCC source, and a
//! compilation calls under a quarter of the procedures it defines (the
//! other back ends, the unused grammar actions, ...). So a top-level
//! `(define (name . formals) body ...)` in Mes code (loaded by
//! `mes-use-module` or `include-from-path`) defines a procedure whose body
//! is expanded and compiled when it is first called; until then its code
//! is a stub holding the source. Mes itself expands macro uses at run
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
use crate::reader::{Datum, Syntax};
use crate::value::{Closure, Gc, Symbol, Value};
use crate::vm::code::{Arity, Code, Op};
use crate::vm::error::Throw;
use crate::vm::Vm;

/// The source of a procedure not compiled yet, and what its expansion
/// depends on besides the macros defined when it runs.
pub struct Deferred {
    name: Symbol,
    formals: Syntax,
    body: Vec<Syntax>,
    span: Span,
    module: Rc<Module>,
    mes: bool,
    /// The file being loaded, for `(current-filename)` and relative includes.
    file: Option<PathBuf>,
}

impl Expander<'_> {
    /// A procedure for the top-level definition of `name` as `init`, to be
    /// compiled when first called; `None` if `init` must be compiled now:
    /// not Mes code, not a plain `(lambda (a b . c) body ...)`, or holding
    /// data a macro inserted (the stub's source is not seen by the collector).
    pub fn defer_procedure(&mut self, name: Symbol, init: &Syntax) -> Option<Value> {
        let library = self.vm.loading_files.last().is_some_and(|f| f.starts_with(crate::EMBEDDED_PREFIX));
        if !(self.vm.in_mes_mode() || library)
            || !matches!(self.special_of(init, &None), Some(SpecialForm::Lambda | SpecialForm::LambdaStar))
        {
            return None;
        }
        let [_, formals, body @ ..] = init.list()? else { return None };
        let (arity, params, rest_name) = parse_formals(formals)?;
        if body.is_empty() || !is_plain(formals) || !body.iter().all(is_plain) {
            return None;
        }
        let frame_size = u16::try_from(params.len() + usize::from(arity.rest) + arity.keys.len()).ok()?;
        let deferred = Deferred {
            name,
            formals: formals.clone(),
            body: body.to_vec(),
            span: init.span,
            module: self.module(),
            mes: self.vm.in_mes_mode(),
            file: self.vm.loading_files.last().cloned(),
        };
        let code = self.vm.heap.alloc(Code {
            name: Some(name),
            simple_argc: arity.simple_argc(),
            frame_size,
            arity,
            ops: vec![Op::CompileDeferred],
            consts: vec![],
            // A backtrace through the first call points at the definition.
            spans: vec![(0, init.span)],
            span: init.span,
            params,
            rest_name,
            doc: super::lambda::docstring(body),
            deferred: Some(Box::new(deferred)),
        });
        let closure =
            self.vm.heap.alloc(Closure { code: Cell::new(code), free: Box::new([]), name: Cell::new(Some(name)) });
        Some(Value::Closure(closure))
    }
}

impl Vm {
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
            let core = ex.lambda(Some(d.name), &d.formals, &d.body, d.span, &None)?;
            let vars = std::mem::take(&mut ex.vars);
            Compiler::compile_procedure(self, &core, vars)
                .ok_or_else(|| Throw::misc("define", format!("cannot compile {}", d.name), vec![]))
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
