//! Procedures, bodies with internal definitions, and definitions.

use std::rc::Rc;

use super::forms::{seq, SpecialForm};
use super::{
    new_scope, syntax_error, Core, Env, ExpandResult, Expander, Ident, Lambda, LexBinding, Macro, SyntaxRules, VarId,
};
use crate::diag::Span;
use crate::reader::{Datum, Syntax};
use crate::value::{Symbol, Value};

enum BodyItem {
    Define(VarId, Syntax, Option<Symbol>),
    Expr(Syntax),
}

#[derive(PartialEq, Clone, Copy)]
enum FormalsMode {
    Required,
    Optional,
    Key,
    Rest,
}

impl Expander<'_> {
    /// `(lambda formals body ...)` and `lambda*` formals with `#:optional`,
    /// `#:key`, `#:rest` and `#:allow-other-keys`.
    pub fn lambda(
        &mut self,
        name: Option<Symbol>,
        formals: &Syntax,
        body: &[Syntax],
        span: Span,
        env: &Env,
    ) -> ExpandResult<Core> {
        let scope = new_scope(env);
        let inner: Env = Some(scope.clone());
        let mut lambda = Lambda {
            name,
            required: vec![],
            optional: vec![],
            rest: None,
            keys: vec![],
            allow_other_keys: false,
            body: Core::Unspecified,
            span,
            doc: None,
        };
        let (items, tail): (&[Syntax], Option<&Syntax>) = match &formals.datum {
            Datum::List(items, tail) => (items, tail.as_deref()),
            Datum::Symbol(_) | Datum::Alias(_) => (&[], Some(formals)),
            _ => {
                return Err(syntax_error(
                    formals.span,
                    "bad parameter list",
                    Some("write (lambda (a b . rest) ...) or (lambda args ...)"),
                ))
            }
        };
        let mut mode = FormalsMode::Required;
        for item in items {
            if let Datum::Keyword(k) = &item.datum {
                mode = match k.name() {
                    "optional" => FormalsMode::Optional,
                    "key" => FormalsMode::Key,
                    "rest" => FormalsMode::Rest,
                    "allow-other-keys" => {
                        lambda.allow_other_keys = true;
                        continue;
                    }
                    other => {
                        return Err(syntax_error(
                            item.span,
                            format!("unknown lambda* marker #:{other}"),
                            Some("use #:optional, #:key, #:rest or #:allow-other-keys"),
                        ))
                    }
                };
                continue;
            }
            let (id, default) = match (&item.datum, item.list()) {
                (_, Some([n, d])) if mode == FormalsMode::Optional || mode == FormalsMode::Key => {
                    (Ident::of(n), Some(d.clone()))
                }
                _ => (Ident::of(item), None),
            };
            let id = id.ok_or_else(|| syntax_error(item.span, "a parameter must be an identifier", None))?;
            // Defaults see the parameters before them.
            let default = match default {
                Some(d) => Some(self.expand(&d, &inner)?),
                None => None,
            };
            let v = self.bind_var(&scope, &id);
            match mode {
                FormalsMode::Required => lambda.required.push(v),
                FormalsMode::Optional => lambda.optional.push((v, default)),
                FormalsMode::Key => lambda.keys.push((id.base(), v, default)),
                FormalsMode::Rest => lambda.rest = Some(v),
            }
        }
        if let Some(t) = tail {
            let id =
                Ident::of(t).ok_or_else(|| syntax_error(t.span, "the rest parameter must be an identifier", None))?;
            lambda.rest = Some(self.bind_var(&scope, &id));
        }
        lambda.doc = docstring(body);
        lambda.body = self.body(body, &inner, span)?;
        Ok(Core::Lambda(Rc::new(lambda)))
    }

    /// A body: internal definitions (also those that macros produce, and
    /// inside `begin`, included files and `cond-expand`) become a
    /// `letrec*` around the expressions.
    pub fn body(&mut self, forms: &[Syntax], env: &Env, span: Span) -> ExpandResult<Core> {
        let scope = new_scope(env);
        let inner: Env = Some(scope.clone());
        let mut items = Vec::new();
        let mut pending: Vec<Syntax> = forms.iter().rev().cloned().collect();
        // Macro uses expanded in a row while looking for definitions: a
        // macro that expands into its own use would go on for ever.
        let mut expansions = 0;
        while let Some(form) = pending.pop() {
            let Some(mac) = self.macro_of(&form, &inner) else {
                items.push(BodyItem::Expr(form));
                expansions = 0;
                continue;
            };
            match &*mac {
                Macro::Special(SpecialForm::Begin) => {
                    if let Datum::List(parts, None) = &form.datum {
                        pending.extend(parts[1..].iter().rev().cloned());
                    }
                    continue;
                }
                // Included files and the chosen clause of a cond-expand are
                // part of the body, as a begin's forms are.
                Macro::Special(SpecialForm::Include | SpecialForm::IncludeCi) if includes_files(&form) => {
                    let mut forms = vec![];
                    for file in form.list().unwrap_or_default().iter().skip(1) {
                        forms.extend(self.included_forms(file)?);
                    }
                    pending.extend(forms.into_iter().rev());
                    continue;
                }
                Macro::Special(SpecialForm::CondExpand) => {
                    let clauses = form.list().unwrap_or_default();
                    let chosen = self.cond_expand_select(clauses.get(1..).unwrap_or_default())?;
                    pending.extend(chosen.into_iter().rev());
                    continue;
                }
                Macro::Special(SpecialForm::Define | SpecialForm::DefineStar | SpecialForm::DefinePublic) => {
                    let (id, init) = self.definition_parts(&form)?;
                    let v = self.bind_var(&scope, &id);
                    items.push(BodyItem::Define(v, init, Some(id.base())));
                }
                Macro::Special(
                    f
                    @ (SpecialForm::DefineSyntax | SpecialForm::DefineSyntaxRule | SpecialForm::DefineSyntaxParameter),
                ) => {
                    let (name, m) = self.syntax_definition(*f, &form, &inner)?;
                    scope.bind(name.key(), LexBinding::Macro(Rc::new(m)));
                }
                Macro::Special(SpecialForm::DefineMacro | SpecialForm::Defmacro) => {
                    let (name, m) = self.macro_definition(&form, &inner)?;
                    scope.bind(name.key(), LexBinding::Macro(Rc::new(m)));
                }
                Macro::Special(_) => items.push(BodyItem::Expr(form)),
                other => {
                    expansions += 1;
                    if expansions > MAX_BODY_EXPANSIONS {
                        return Err(syntax_error(
                            form.span,
                            format!("this form is still a macro use after {MAX_BODY_EXPANSIONS} expansions"),
                            Some("does a macro expand into a use of itself without end?"),
                        ));
                    }
                    let expanded = self.expand_macro_once(other, &form, &inner)?;
                    pending.push(expanded);
                    continue;
                }
            }
            // The form is settled: a definition or an expression.
            expansions = 0;
        }
        let has_defines = items.iter().any(|i| matches!(i, BodyItem::Define(..)));
        if !has_defines {
            let exprs = items
                .iter()
                .map(|i| match i {
                    BodyItem::Expr(e) => self.expand(e, &inner),
                    BodyItem::Define(..) => Ok(Core::Unspecified),
                })
                .collect::<Result<Vec<_>, _>>()?;
            return Ok(seq(exprs));
        }
        // Expressions before the last definition run in order with the
        // definitions (Mes allows mixing them).
        let last_define = items.iter().rposition(|i| matches!(i, BodyItem::Define(..))).unwrap_or(0);
        let mut bindings = Vec::new();
        let mut tail = Vec::new();
        for (n, item) in items.iter().enumerate() {
            match item {
                BodyItem::Define(v, init, name) => bindings.push((*v, self.expand_named(init, *name, &inner)?)),
                BodyItem::Expr(e) if n < last_define => {
                    let dummy = self.fresh_var(Symbol::intern("_"));
                    bindings.push((dummy, self.expand(e, &inner)?));
                }
                BodyItem::Expr(e) => tail.push(self.expand(e, &inner)?),
            }
        }
        let _ = span;
        Ok(Core::Letrec(bindings, Box::new(seq(tail))))
    }

    /// `(define name value)`, `(define (name . formals) body ...)` and the
    /// curried `(define ((name a) b) ...)`: the name and the value's syntax.
    pub fn definition_parts(&mut self, x: &Syntax) -> ExpandResult<(Ident, Syntax)> {
        let Datum::List(items, None) = &x.datum else {
            return Err(syntax_error(x.span, "bad definition", None));
        };
        if items.len() < 2 {
            return Err(syntax_error(
                x.span,
                "define needs a name",
                Some("write (define name value) or (define (name args ...) body ...)"),
            ));
        }
        let head_kw = Syntax::new(
            Datum::Symbol(Symbol::intern(if is_define_star(items) { "lambda*" } else { "lambda" })),
            items[0].span,
        );
        let lambda_kw = self.root_syntax_ident(&head_kw);
        let mut target = items[1].clone();
        let mut body: Vec<Syntax> = items[2..].to_vec();
        loop {
            match &target.datum {
                Datum::Symbol(_) | Datum::Alias(_) => {
                    let id = Ident::of(&target).unwrap_or(Ident::Sym(Symbol::intern("?")));
                    let value = match body.len() {
                        0 => Syntax::new(Datum::Value(Value::Unspecified), x.span),
                        1 => body.remove(0),
                        _ => return Err(syntax_error(x.span, "define takes one value: (define name value)", None)),
                    };
                    return Ok((id, value));
                }
                Datum::List(parts, tail) if !parts.is_empty() => {
                    let formals = Syntax::new(Datum::List(parts[1..].into(), tail.clone()), target.span);
                    let mut lambda = vec![lambda_kw.clone(), formals];
                    lambda.extend(body);
                    body = vec![Syntax::new(Datum::List(lambda.into(), None), x.span)];
                    target = parts[0].clone();
                }
                _ => {
                    return Err(syntax_error(target.span, "cannot define this", Some("the name must be an identifier")))
                }
            }
        }
    }

    /// An identifier that refers to the root module's binding of a core
    /// keyword, whatever the user's module binds under that name.
    fn root_syntax_ident(&mut self, kw: &Syntax) -> Syntax {
        let alias = super::Alias {
            inner: Ident::of(kw).unwrap_or(Ident::Sym(Symbol::intern("lambda"))),
            id: self.vm.fresh_alias_id(),
            env: None,
            module: self.vm.root_module.clone(),
        };
        Syntax::new(Datum::Alias(Rc::new(alias)), kw.span)
    }

    pub fn define_toplevel(&mut self, form: SpecialForm, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        let (id, init) = self.definition_parts(x)?;
        if env.is_some() {
            return Err(syntax_error(
                x.span,
                format!("definition of `{}` in expression context", id.base()),
                Some("definitions go at the start of a body or at top level"),
            ));
        }
        let name = id.base();
        if self.vm.in_mes_mode()
            && crate::module::mes::MES_NO_FLONUM_SHIMS.contains(&name.name())
            && is_identity_procedure(&init)
        {
            return Ok(Core::Unspecified);
        }
        let module = self.module();
        let var = module.define_variable(&mut self.vm.heap, name);
        if form == SpecialForm::DefinePublic {
            module.exports.borrow_mut().insert(name, name);
        }
        let value = match self.defer_procedure(Some(name), &init) {
            Some(procedure) => Core::Const(procedure),
            None => self.expand_named(&init, Some(name), env)?,
        };
        Ok(Core::DefineGlobal(var, Box::new(value)))
    }

    /// A `define-macro` or `defmacro`: its transformer is expanded and run
    /// now, with variables of its own (those of the code around it stay).
    fn macro_definition(&mut self, x: &Syntax, env: &Env) -> ExpandResult<(Ident, Macro)> {
        let saved_vars = std::mem::take(&mut self.vars);
        let result = self.macro_transformer(x, env);
        self.vars = saved_vars;
        result
    }

    fn macro_transformer(&mut self, x: &Syntax, env: &Env) -> ExpandResult<(Ident, Macro)> {
        let Datum::List(items, None) = &x.datum else {
            return Err(syntax_error(x.span, "bad define-macro", None));
        };
        let env = &super::transformer_scope(env);
        // (defmacro name formals body ...) → (define-macro (name . formals) body ...)
        let is_defmacro = matches!(items.first().map(|h| &h.datum), Some(Datum::Symbol(s)) if s.name() == "defmacro");
        let (id, transformer) = if is_defmacro {
            if items.len() < 4 {
                return Err(syntax_error(x.span, "defmacro needs a name, formals and a body", None));
            }
            let id = Ident::of(&items[1])
                .ok_or_else(|| syntax_error(items[1].span, "macro name must be an identifier", None))?;
            let core = self.lambda(Some(id.base()), &items[2], &items[3..], x.span, env)?;
            (id, core)
        } else {
            let (id, init) = self.definition_parts(x)?;
            (id.clone(), self.expand_named(&init, Some(id.base()), env)?)
        };
        let proc = self.vm.eval_core(transformer, std::mem::take(&mut self.vars), x.span)?;
        Ok((id, Macro::Procedure(proc)))
    }

    pub fn define_macro(&mut self, _form: SpecialForm, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        let (id, mac) = self.macro_definition(x, env)?;
        if id.base().name() == super::portable::SIGNAL_MACRO {
            self.vm.portable_expander = true;
        }
        match env {
            None => self.module().define_syntax(id.base(), Rc::new(mac)),
            Some(scope) => scope.bind(id.key(), LexBinding::Macro(Rc::new(mac))),
        }
        Ok(Core::Unspecified)
    }

    /// `(define-syntax name transformer)` / `(define-syntax-rule (name . pattern) template)`
    /// / `(define-syntax-parameter name transformer)`.
    pub fn syntax_definition(&mut self, form: SpecialForm, x: &Syntax, env: &Env) -> ExpandResult<(Ident, Macro)> {
        let Datum::List(items, None) = &x.datum else {
            return Err(syntax_error(x.span, "bad syntax definition", None));
        };
        let is_rule = form == SpecialForm::DefineSyntaxRule
            || matches!(items.first().map(|h| &h.datum), Some(Datum::Symbol(s)) if s.name() == "define-syntax-rule");
        if is_rule {
            let (Some(Datum::List(pattern, ptail)), Some(template)) = (items.get(1).map(|p| &p.datum), items.last())
            else {
                return Err(syntax_error(x.span, "expected (define-syntax-rule (name . pattern) template)", None));
            };
            let name = pattern
                .first()
                .and_then(Ident::of)
                .ok_or_else(|| syntax_error(x.span, "macro name must be an identifier", None))?;
            let rule_pattern = Syntax::new(Datum::List(pattern.clone(), ptail.clone()), items[1].span);
            let rules = SyntaxRules::new(self, vec![], None, vec![(rule_pattern, template.clone())], env)?;
            return Ok((name, Macro::Rules(rules)));
        }
        if items.len() != 3 {
            return Err(syntax_error(x.span, "expected (define-syntax name transformer)", None));
        }
        let name = Ident::of(&items[1])
            .ok_or_else(|| syntax_error(items[1].span, "macro name must be an identifier", None))?;
        let mac = self.transformer(&items[2], env)?;
        if form == SpecialForm::DefineSyntaxParameter {
            // The key under which `syntax-parameterize` binds it: an alias
            // number, so no identifier can have it.
            let key = super::IdentKey::Alias(self.vm.fresh_alias_id());
            return Ok((name, Macro::Parameter { key, default: Rc::new(mac) }));
        }
        Ok((name, mac))
    }

    /// A transformer expression: `(syntax-rules ...)`, or an expression that
    /// evaluates to a procedure from a syntax object to a syntax object
    /// (a `syntax-case` transformer).
    pub fn transformer(&mut self, spec: &Syntax, env: &Env) -> ExpandResult<Macro> {
        if self.special_of(spec, env) == Some(SpecialForm::SyntaxRules) {
            return SyntaxRules::parse(self, spec, env).map(Macro::Rules);
        }
        self.procedure_transformer(spec, env)
    }
}

/// How many times in a row a body form may be a macro use that expands
/// into another (no real program comes near).
const MAX_BODY_EXPANSIONS: usize = 100_000;

fn is_define_star(items: &[Syntax]) -> bool {
    matches!(items.first().map(|h| &h.datum), Some(Datum::Symbol(s)) if s.name() == "define*")
}

/// The documentation string of a procedure body: a string that is not
/// the body's only form.
pub fn docstring(body: &[Syntax]) -> Option<String> {
    match body {
        [first, _, ..] => match &first.datum {
            Datum::Str(doc) => Some(doc.to_string()),
            // Code made from data (`eval` of a quoted lambda) holds its
            // strings as values.
            Datum::Value(Value::Str(doc)) => Some(doc.to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `init` is `identity` or `(lambda (x) x)`: how Mes's own code
/// writes the exactness procedures it has no flonums for.
fn is_identity_procedure(init: &Syntax) -> bool {
    let name_of = Ident::base_of;
    match &init.datum {
        Datum::List(items, None) => match &items[..] {
            [head, formals, body] => {
                let param = formals.list().and_then(|f| match f {
                    [p] => name_of(p),
                    _ => None,
                });
                name_of(head).is_some_and(|h| h.name() == "lambda") && param.is_some() && param == name_of(body)
            }
            _ => false,
        },
        _ => name_of(init).is_some_and(|n| n.name() == "identity"),
    }
}

/// Whether an `include` names its files by string literals (Mes's takes an
/// expression, a file to load at run time).
fn includes_files(form: &Syntax) -> bool {
    form.list()
        .is_some_and(|items| items.len() > 1 && items[1..].iter().all(|f| super::modules::literal_string(f).is_some()))
}
