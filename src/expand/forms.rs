//! The special forms: core syntax and the derived forms that are expanded
//! straight into `Core` (no user-visible names are introduced, so these
//! expansions are hygienic by construction).

use std::rc::Rc;

use super::{new_scope, syntax_error, Core, Env, ExpandResult, Expander, Ident, LexBinding, Macro, Resolved};
use crate::diag::Span;
use crate::reader::{Datum, Syntax};
use crate::value::{Symbol, Value};

macro_rules! special_forms {
    ($($variant:ident => $name:expr),* $(,)?) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum SpecialForm { $($variant),* }
        pub const SPECIAL_FORMS: &[(&str, SpecialForm)] = &[$(($name, SpecialForm::$variant)),*];
    };
}

special_forms! {
    Quote => "quote",
    Quasiquote => "quasiquote",
    Unquote => "unquote",
    UnquoteSplicing => "unquote-splicing",
    Lambda => "lambda",
    LambdaStar => "lambda*",
    Define => "define",
    DefineStar => "define*",
    DefinePublic => "define-public",
    Set => "set!",
    If => "if",
    Begin => "begin",
    Let => "let",
    LetStar => "let*",
    Letrec => "letrec",
    LetrecStar => "letrec*",
    DefineMacro => "define-macro",
    Defmacro => "defmacro",
    DefineSyntax => "define-syntax",
    DefineSyntaxRule => "define-syntax-rule",
    DefineSyntaxParameter => "define-syntax-parameter",
    SyntaxParameterize => "syntax-parameterize",
    SyntaxError => "syntax-error",
    LetSyntax => "let-syntax",
    LetrecSyntax => "letrec-syntax",
    SyntaxRules => "syntax-rules",
    Cond => "cond",
    Case => "case",
    And => "and",
    Or => "or",
    When => "when",
    Unless => "unless",
    Do => "do",
    CaseLambda => "case-lambda",
    Delay => "delay",
    DelayForce => "delay-force",
    LazyAlias => "lazy",
    Parameterize => "parameterize",
    CondExpand => "cond-expand",
    Include => "include",
    IncludeFromPath => "include-from-path",
    IncludeCi => "include-ci",
    DefineModule => "define-module",
    UseModules => "use-modules",
    Import => "import",
    DefineLibrary => "define-library",
    CurrentSourceLocation => "current-source-location",
    SyntaxCase => "syntax-case",
    SyntaxTemplate => "syntax",
    WithSyntax => "with-syntax",
    WithEllipsis => "with-ellipsis",
    Quasisyntax => "quasisyntax",
    Export => "export",
    ReExport => "re-export",
    ReExportSyntax => "re-export-syntax",
    ExportReplace => "export!",
    ExportSyntax => "export-syntax",
    At => "@",
    AtAt => "@@",
    EvalWhen => "eval-when",
    MesUseModule => "mes-use-module",
    Else => "else",
    Arrow => "=>",
}

pub(super) fn items_of<'a>(x: &'a Syntax, min: usize, usage: &str) -> ExpandResult<&'a [Syntax]> {
    match &x.datum {
        Datum::List(items, None) if items.len() >= min => Ok(items),
        _ => Err(syntax_error(x.span, format!("bad syntax: expected {usage}"), None)),
    }
}

impl Expander<'_> {
    pub fn expand_special(&mut self, form: SpecialForm, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        use SpecialForm as F;
        match form {
            F::Quote => {
                let items = items_of(x, 2, "(quote datum)")?;
                Ok(Core::Const(self.vm.syntax_to_value(&items[1])))
            }
            F::Quasiquote => {
                let items = items_of(x, 2, "(quasiquote template)")?;
                self.quasiquote(&items[1], 1, env)
            }
            F::Unquote | F::UnquoteSplicing => Err(syntax_error(x.span, "unquote outside of quasiquote", None)),
            F::Lambda | F::LambdaStar => {
                let items = items_of(x, 3, "(lambda formals body ...)")?;
                match env.is_none().then(|| self.defer_procedure(None, x)).flatten() {
                    Some(procedure) => Ok(Core::Const(procedure)),
                    None => self.lambda(None, &items[1], &items[2..], x.span, env),
                }
            }
            F::Define | F::DefineStar | F::DefinePublic => self.define_toplevel(form, x, env),
            F::Set => {
                let items = items_of(x, 3, "(set! variable value)")?;
                if let Some([getter, args @ ..]) = items[1].list() {
                    // Guile's (set! (f arg ...) value): ((setter f) arg ... value).
                    let getter = self.expand(getter, env)?;
                    let setter = self.call_root("setter", vec![getter], items[1].span);
                    let mut operands = args.iter().map(|a| self.expand(a, env)).collect::<Result<Vec<_>, _>>()?;
                    operands.push(self.expand(&items[2], env)?);
                    return Ok(Core::Call(Box::new(setter), operands, x.span));
                }
                let id = Ident::of(&items[1])
                    .ok_or_else(|| syntax_error(items[1].span, "set! needs a variable name", None))?;
                let value = self.expand(&items[2], env)?;
                match self.resolve(&id, env) {
                    Resolved::Local(v) => Ok(Core::SetLocal(v, Box::new(value))),
                    Resolved::Global(var) => Ok(Core::SetGlobal(var, Box::new(value), x.span)),
                    Resolved::Macro(_) => {
                        Err(syntax_error(x.span, format!("cannot set! the syntax `{}`", id.base()), None))
                    }
                    Resolved::PatternVar(_) => {
                        Err(super::syntax_case::pattern_variable_outside_template(items[1].span, id.base()))
                    }
                    Resolved::OutOfContext => Err(super::out_of_context(items[1].span, id.base())),
                }
            }
            F::If => {
                let items = items_of(x, 3, "(if test then [else])")?;
                // Mes ignores parts after the else branch; Guile refuses them.
                if items.len() > 4 && !self.vm.in_mes_mode() {
                    return Err(syntax_error(x.span, "if takes at most three parts: (if test then else)", None));
                }
                let test = self.expand(&items[1], env)?;
                let then = self.expand(&items[2], env)?;
                let alt = match items.get(3) {
                    Some(e) => self.expand(e, env)?,
                    None => Core::Unspecified,
                };
                Ok(Core::If(Box::new(test), Box::new(then), Box::new(alt)))
            }
            F::Begin => {
                let items = items_of(x, 1, "(begin form ...)")?;
                if env.is_none() {
                    // Top-level begin: definitions stay top-level.
                    let forms = items[1..].iter().map(|f| self.expand(f, env)).collect::<Result<Vec<_>, _>>()?;
                    return Ok(seq(forms));
                }
                self.sequence(&items[1..], env)
            }
            F::Let => self.let_form(x, env),
            F::LetStar => {
                let items = items_of(x, 3, "(let* ((var init) ...) body ...)")?;
                let bindings = items[1]
                    .list()
                    .ok_or_else(|| syntax_error(items[1].span, "let* needs a list of bindings", None))?;
                self.let_star(bindings, &items[2..], x.span, env)
            }
            F::Letrec | F::LetrecStar => {
                let items = items_of(x, 3, "(letrec ((var init) ...) body ...)")?;
                let scope = new_scope(env);
                let inner: Env = Some(scope.clone());
                let pairs = self.binding_pairs(&items[1])?;
                let vars: Vec<_> = pairs.iter().map(|(id, _)| self.bind_var(&scope, id)).collect();
                let mut bindings = Vec::new();
                for ((id, init), v) in pairs.iter().zip(vars) {
                    bindings.push((v, self.expand_named(init, Some(id.base()), &inner)?));
                }
                let body = self.body(&items[2..], &inner, x.span)?;
                Ok(Core::Letrec(bindings, Box::new(body)))
            }
            F::DefineMacro | F::Defmacro => self.define_macro(form, x, env),
            F::DefineSyntax | F::DefineSyntaxRule | F::DefineSyntaxParameter => {
                let (name, mac) = self.syntax_definition(form, x, env)?;
                match env {
                    None => self.module().define_syntax(name.base(), Rc::new(mac)),
                    Some(scope) => scope.bind(name.key(), LexBinding::Macro(Rc::new(mac))),
                }
                Ok(Core::Unspecified)
            }
            F::LetSyntax | F::LetrecSyntax => {
                let items = items_of(x, 3, "(let-syntax ((name transformer) ...) body ...)")?;
                let scope = new_scope(env);
                let inner: Env = Some(scope.clone());
                let defn_env = if form == F::LetrecSyntax { &inner } else { env };
                for (id, spec) in self.binding_pairs(&items[1])? {
                    let mac = self.transformer(&spec, defn_env)?;
                    scope.bind(id.key(), LexBinding::Macro(Rc::new(mac)));
                }
                self.body(&items[2..], &inner, x.span)
            }
            F::SyntaxParameterize => self.syntax_parameterize(x, env),
            F::SyntaxError => {
                // R7RS: a macro's way to reject a use, when the use expands.
                let items = items_of(x, 2, "(syntax-error message irritant ...)")?;
                if !matches!(items[0].datum, Datum::Alias(_)) {
                    // Not from a macro's template, where R7RS uses it: a
                    // call of a procedure `syntax-error`, as Mes's code
                    // defines one (mes/syntax.mes) and calls it on paths
                    // that may never run.
                    let var = self.module().define_variable(&mut self.vm.heap, Symbol::intern("syntax-error"));
                    let args = items[1..].iter().map(|a| self.expand(a, env)).collect::<Result<Vec<_>, _>>()?;
                    return Ok(Core::Call(Box::new(Core::Global(var, items[0].span)), args, x.span));
                }
                let mut message = match &items[1].datum {
                    Datum::Str(s) => s.to_string(),
                    _ => crate::value::print::to_display(self.vm.syntax_to_value(&items[1])),
                };
                for irritant in &items[2..] {
                    message.push(' ');
                    message.push_str(&crate::value::print::to_write(self.vm.syntax_to_value(irritant)));
                }
                Err(syntax_error(x.span, message, None))
            }
            F::SyntaxRules => Err(syntax_error(
                x.span,
                "syntax-rules is only valid as a macro transformer",
                Some("write (define-syntax name (syntax-rules ...))"),
            )),
            F::Cond => {
                let items = items_of(x, 1, "(cond clause ...)")?;
                self.cond_clauses(&items[1..], env)
            }
            F::Case => self.case_form(x, env),
            F::And => {
                let items = items_of(x, 1, "(and expr ...)")?;
                match items.len() {
                    1 => Ok(Core::Const(Value::TRUE)),
                    _ => {
                        let mut exprs = items[1..].iter().rev();
                        let mut acc = self.expand(exprs.next().unwrap_or(&items[0]), env)?;
                        for e in exprs {
                            let test = self.expand(e, env)?;
                            acc = Core::If(Box::new(test), Box::new(acc), Box::new(Core::Const(Value::FALSE)));
                        }
                        Ok(acc)
                    }
                }
            }
            F::Or => {
                let items = items_of(x, 1, "(or expr ...)")?;
                if items.len() == 1 {
                    return Ok(Core::Const(Value::FALSE));
                }
                let mut exprs = items[1..].iter().rev();
                let mut acc = self.expand(exprs.next().unwrap_or(&items[0]), env)?;
                for e in exprs {
                    let test = self.expand(e, env)?;
                    let tmp = self.fresh_var(Symbol::intern("or-tmp"));
                    acc = Core::Let(
                        vec![(tmp, test)],
                        Box::new(Core::If(Box::new(Core::Local(tmp)), Box::new(Core::Local(tmp)), Box::new(acc))),
                    );
                }
                Ok(acc)
            }
            F::When | F::Unless => {
                let items = items_of(x, 2, "(when test body ...)")?;
                let test = self.expand(&items[1], env)?;
                let body = self.sequence(&items[2..], env)?;
                let (then, alt) = if form == F::When { (body, Core::Unspecified) } else { (Core::Unspecified, body) };
                Ok(Core::If(Box::new(test), Box::new(then), Box::new(alt)))
            }
            F::Do => self.do_loop(x, env),
            F::CaseLambda => self.case_lambda(x, env),
            F::Delay | F::DelayForce | F::LazyAlias => {
                let items = items_of(x, 2, "(delay expr)")?;
                let thunk =
                    self.lambda(None, &Syntax::new(Datum::List(Rc::new([]), None), x.span), &items[1..], x.span, env)?;
                let is_delay = Core::Const(Value::boolean(form == F::Delay));
                Ok(self.call_root("%make-lazy-promise", vec![thunk, is_delay], x.span))
            }
            F::Parameterize => {
                let items = items_of(x, 2, "(parameterize ((param value) ...) body ...)")?;
                let pairs = items[1].list().ok_or_else(|| {
                    syntax_error(items[1].span, "parameterize needs a list of (parameter value)", None)
                })?;
                let mut params = Vec::new();
                let mut values = Vec::new();
                for p in pairs {
                    match p.list() {
                        Some([param, value]) => {
                            params.push(self.expand(param, env)?);
                            values.push(self.expand(value, env)?);
                        }
                        _ => return Err(syntax_error(p.span, "expected (parameter value)", None)),
                    }
                }
                let ps = self.call_root("list", params, x.span);
                let vs = self.call_root("list", values, x.span);
                let thunk =
                    self.lambda(None, &Syntax::new(Datum::List(Rc::new([]), None), x.span), &items[2..], x.span, env)?;
                Ok(self.call_root("%parameterize", vec![ps, vs, thunk], x.span))
            }
            F::CondExpand => {
                let items = items_of(x, 1, "(cond-expand clause ...)")?;
                let body = self.cond_expand_select(&items[1..])?;
                if env.is_none() {
                    let forms = body.iter().map(|f| self.expand(f, env)).collect::<Result<Vec<_>, _>>()?;
                    Ok(seq(forms))
                } else {
                    self.sequence(&body, env)
                }
            }
            // Case is not folded: guix0 reads symbols case-sensitively.
            F::Include | F::IncludeCi | F::IncludeFromPath => self.include(form, x, env),
            // Mes ignores these; so does guix0 in Mes code.
            F::DefineModule | F::UseModules if self.vm.in_mes_mode() => Ok(Core::Unspecified),
            F::DefineModule => self.define_module(x),
            F::UseModules => self.use_modules(x),
            F::Import => self.import(x),
            F::DefineLibrary => self.define_library(x, env),
            F::CurrentSourceLocation => Ok(Core::Const(self.vm.source_location(x.span))),
            F::MesUseModule => self.mes_use_module(x),
            F::SyntaxCase => self.syntax_case(x, env),
            F::SyntaxTemplate => self.syntax_template(x, env),
            F::WithSyntax => self.with_syntax(x, env),
            F::WithEllipsis => self.with_ellipsis(x, env),
            F::Quasisyntax => self.quasisyntax(x, env),
            F::Export | F::ExportSyntax | F::ExportReplace => self.export(x, false),
            F::ReExport | F::ReExportSyntax => self.export(x, true),
            F::At | F::AtAt => self.module_ref(form, x),
            F::EvalWhen => {
                let items = items_of(x, 2, "(eval-when (situation ...) body ...)")?;
                if env.is_none() {
                    let forms = items[2..].iter().map(|f| self.expand(f, env)).collect::<Result<Vec<_>, _>>()?;
                    Ok(seq(forms))
                } else {
                    self.sequence(&items[2..], env)
                }
            }
            F::Else | F::Arrow => {
                Err(syntax_error(x.span, "`else` and `=>` are only valid inside cond and case", None))
            }
        }
    }

    /// Expand an initialiser, naming a lambda after the variable it is bound to.
    pub fn expand_named(&mut self, x: &Syntax, name: Option<Symbol>, env: &Env) -> ExpandResult<Core> {
        if let Some(form @ (SpecialForm::Lambda | SpecialForm::LambdaStar)) = self.special_of(x, env) {
            let items = items_of(x, 3, "(lambda formals body ...)")?;
            let _ = form;
            return self.lambda(name, &items[1], &items[2..], x.span, env);
        }
        self.expand(x, env)
    }

    /// Expressions in sequence (no definitions allowed... but tolerated as a body).
    pub fn sequence(&mut self, forms: &[Syntax], env: &Env) -> ExpandResult<Core> {
        if forms.is_empty() {
            return Ok(Core::Unspecified);
        }
        let span = forms[0].span;
        self.body(forms, env, span)
    }

    /// `((name init) ...)` as identifier/init pairs.
    pub fn binding_pairs(&self, x: &Syntax) -> ExpandResult<Vec<(Ident, Syntax)>> {
        let list =
            x.list().ok_or_else(|| syntax_error(x.span, "expected a list of bindings ((name value) ...)", None))?;
        list.iter()
            .map(|b| match b.list() {
                Some([name, init]) => match Ident::of(name) {
                    Some(id) => Ok((id, init.clone())),
                    None => Err(syntax_error(name.span, "a binding name must be an identifier", None)),
                },
                Some([name]) => match Ident::of(name) {
                    // `(let ((x)) ...)`: Mes tolerates it; the value is unspecified.
                    Some(id) => Ok((id, Syntax::new(Datum::Value(Value::Unspecified), b.span))),
                    None => Err(syntax_error(name.span, "a binding name must be an identifier", None)),
                },
                _ => Err(syntax_error(b.span, "a binding must look like (name value)", None)),
            })
            .collect()
    }

    fn let_form(&mut self, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        let items = items_of(x, 3, "(let ((var init) ...) body ...)")?;
        if let Some(name) = Ident::of(&items[1]) {
            // Named let.
            if items.len() < 4 {
                return Err(syntax_error(x.span, "named let needs bindings and a body", None));
            }
            let pairs = self.binding_pairs(&items[2])?;
            let inits = pairs.iter().map(|(_, i)| self.expand(i, env)).collect::<Result<Vec<_>, _>>()?;
            let scope = new_scope(env);
            let loop_var = self.bind_var(&scope, &name);
            let inner: Env = Some(scope);
            let formals: Vec<Syntax> = pairs.iter().map(|(id, _)| ident_syntax(id, x.span)).collect();
            let formals = Syntax::new(Datum::List(formals.into(), None), items[2].span);
            let lambda = self.lambda(Some(name.base()), &formals, &items[3..], x.span, &inner)?;
            let proc = Core::Letrec(vec![(loop_var, lambda)], Box::new(Core::Local(loop_var)));
            return Ok(Core::Call(Box::new(proc), inits, x.span));
        }
        let pairs = self.binding_pairs(&items[1])?;
        let mut bindings = Vec::new();
        let scope = new_scope(env);
        let mut ids = Vec::new();
        for (id, init) in &pairs {
            bindings.push(self.expand_named(init, Some(id.base()), env)?);
            ids.push(id.clone());
        }
        let vars: Vec<_> = ids.iter().map(|id| self.bind_var(&scope, id)).collect();
        let body = self.body(&items[2..], &Some(scope), x.span)?;
        Ok(Core::Let(vars.into_iter().zip(bindings).collect(), Box::new(body)))
    }

    fn let_star(&mut self, bindings: &[Syntax], body: &[Syntax], span: Span, env: &Env) -> ExpandResult<Core> {
        let Some((first, rest)) = bindings.split_first() else {
            return self.body(body, env, span);
        };
        let wrapped = Syntax::new(Datum::List(Rc::new([first.clone()]), None), first.span);
        let (id, init) = self.binding_pairs(&wrapped)?.remove(0);
        let value = self.expand_named(&init, Some(id.base()), env)?;
        let scope = new_scope(env);
        let v = self.bind_var(&scope, &id);
        let inner = self.let_star(rest, body, span, &Some(scope))?;
        Ok(Core::Let(vec![(v, value)], Box::new(inner)))
    }

    /// `(syntax-parameterize ((param transformer) ...) body ...)`: within
    /// the body, each syntax parameter stands for its new macro, also
    /// where a macro's expansion uses it.
    fn syntax_parameterize(&mut self, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        let items = items_of(x, 3, "(syntax-parameterize ((parameter transformer) ...) body ...)")?;
        let scope = new_scope(env);
        for (id, spec) in self.binding_pairs(&items[1])? {
            let key = match self.resolve_binding(&id, env) {
                Resolved::Macro(m) => match &*m {
                    Macro::Parameter { key, .. } => Some(*key),
                    _ => None,
                },
                _ => None,
            };
            let key = key.ok_or_else(|| {
                syntax_error(
                    spec.span,
                    format!("`{}` is not a syntax parameter", id.base()),
                    Some("only names defined by define-syntax-parameter can be parameterized"),
                )
            })?;
            let mac = self.transformer(&spec, env)?;
            scope.bind(key, LexBinding::Macro(Rc::new(mac)));
        }
        self.body(&items[2..], &Some(scope), x.span)
    }

    fn is_special(&mut self, x: &Syntax, form: SpecialForm, env: &Env) -> bool {
        match Ident::of(x) {
            Some(id) => {
                matches!(self.resolve(&id, env), Resolved::Macro(m) if matches!(&*m, Macro::Special(f) if *f == form))
            }
            None => false,
        }
    }

    fn cond_clauses(&mut self, clauses: &[Syntax], env: &Env) -> ExpandResult<Core> {
        let Some((clause, rest)) = clauses.split_first() else {
            return Ok(Core::Unspecified);
        };
        let parts = clause
            .list()
            .filter(|p| !p.is_empty())
            .ok_or_else(|| syntax_error(clause.span, "a cond clause must be a list (test body ...)", None))?;
        if self.is_special(&parts[0], SpecialForm::Else, env) {
            return self.sequence(&parts[1..], env);
        }
        let test = self.expand(&parts[0], env)?;
        let alt = self.cond_clauses(rest, env)?;
        if parts.len() == 1 {
            let tmp = self.fresh_var(Symbol::intern("cond-tmp"));
            return Ok(Core::Let(
                vec![(tmp, test)],
                Box::new(Core::If(Box::new(Core::Local(tmp)), Box::new(Core::Local(tmp)), Box::new(alt))),
            ));
        }
        if parts.len() == 3 && self.is_special(&parts[1], SpecialForm::Arrow, env) {
            let receiver = self.expand(&parts[2], env)?;
            let tmp = self.fresh_var(Symbol::intern("cond-tmp"));
            let call = Core::Call(Box::new(receiver), vec![Core::Local(tmp)], clause.span);
            return Ok(Core::Let(
                vec![(tmp, test)],
                Box::new(Core::If(Box::new(Core::Local(tmp)), Box::new(call), Box::new(alt))),
            ));
        }
        let body = self.sequence(&parts[1..], env)?;
        Ok(Core::If(Box::new(test), Box::new(body), Box::new(alt)))
    }

    fn case_form(&mut self, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        let items = items_of(x, 2, "(case key clause ...)")?;
        let key = self.expand(&items[1], env)?;
        let tmp = self.fresh_var(Symbol::intern("case-key"));
        let mut acc = Core::Unspecified;
        for clause in items[2..].iter().rev() {
            let parts = clause
                .list()
                .filter(|p| !p.is_empty())
                .ok_or_else(|| syntax_error(clause.span, "a case clause must be ((datum ...) body ...)", None))?;
            let body = if parts.len() == 3 && self.is_special(&parts[1], SpecialForm::Arrow, env) {
                let receiver = self.expand(&parts[2], env)?;
                Core::Call(Box::new(receiver), vec![Core::Local(tmp)], clause.span)
            } else {
                self.sequence(&parts[1..], env)?
            };
            if self.is_special(&parts[0], SpecialForm::Else, env) {
                acc = body;
                continue;
            }
            let data = parts[0]
                .list()
                .ok_or_else(|| syntax_error(parts[0].span, "case data must be a list: ((a b) body ...)", None))?;
            let test = match data {
                [one] => {
                    let d = self.vm.syntax_to_value(one);
                    self.call_root("eqv?", vec![Core::Local(tmp), Core::Const(d)], clause.span)
                }
                _ => {
                    let d = self.vm.syntax_to_value(&parts[0]);
                    self.call_root("memv", vec![Core::Local(tmp), Core::Const(d)], clause.span)
                }
            };
            acc = Core::If(Box::new(test), Box::new(body), Box::new(acc));
        }
        Ok(Core::Let(vec![(tmp, key)], Box::new(acc)))
    }

    fn do_loop(&mut self, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        let items = items_of(x, 3, "(do ((var init step) ...) (test expr ...) body ...)")?;
        let specs =
            items[1].list().ok_or_else(|| syntax_error(items[1].span, "do needs a list of (var init [step])", None))?;
        let mut inits = Vec::new();
        let mut ids = Vec::new();
        let mut steps = Vec::new();
        for spec in specs {
            match spec.list() {
                Some([v, init, rest @ ..]) if rest.len() <= 1 => {
                    let id = Ident::of(v)
                        .ok_or_else(|| syntax_error(v.span, "a do variable must be an identifier", None))?;
                    inits.push(self.expand(init, env)?);
                    steps.push(rest.first().cloned().unwrap_or_else(|| v.clone()));
                    ids.push(id);
                }
                _ => return Err(syntax_error(spec.span, "expected (var init [step])", None)),
            }
        }
        let exit = items[2]
            .list()
            .filter(|e| !e.is_empty())
            .ok_or_else(|| syntax_error(items[2].span, "do needs an exit clause (test expr ...)", None))?;
        let scope = new_scope(env);
        let loop_var = self.fresh_var(Symbol::intern("do-loop"));
        let inner_scope = new_scope(&Some(scope.clone()));
        let vars: Vec<_> = ids.iter().map(|id| self.bind_var(&inner_scope, id)).collect();
        let inner: Env = Some(inner_scope);
        let test = self.expand(&exit[0], &inner)?;
        let result = self.sequence(&exit[1..], &inner)?;
        let body = self.sequence(&items[3..], &inner)?;
        let step_values = steps.iter().map(|s| self.expand(s, &inner)).collect::<Result<Vec<_>, _>>()?;
        let again = Core::Call(Box::new(Core::Local(loop_var)), step_values, x.span);
        let lambda = super::Lambda {
            name: Some(Symbol::intern("do-loop")),
            required: vars,
            optional: vec![],
            rest: None,
            keys: vec![],
            allow_other_keys: false,
            body: Core::If(Box::new(test), Box::new(result), Box::new(seq(vec![body, again]))),
            span: x.span,
            doc: None,
        };
        let proc = Core::Letrec(vec![(loop_var, Core::Lambda(Rc::new(lambda)))], Box::new(Core::Local(loop_var)));
        Ok(Core::Call(Box::new(proc), inits, x.span))
    }

    fn case_lambda(&mut self, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        let items = items_of(x, 1, "(case-lambda (formals body ...) ...)")?;
        let mut clauses = Vec::new();
        for clause in &items[1..] {
            match &clause.datum {
                Datum::List(parts, None) if parts.len() >= 2 => {
                    let (min, rest) = formals_shape(&parts[0]);
                    let proc = self.lambda(None, &parts[0], &parts[1..], clause.span, env)?;
                    clauses.push((min, rest, proc));
                }
                _ => return Err(syntax_error(clause.span, "a case-lambda clause is (formals body ...)", None)),
            }
        }
        // (lambda args (let ((n (length args))) (if (= n 2) (apply c1 args) ...)))
        let args = self.fresh_var(Symbol::intern("args"));
        let n = self.fresh_var(Symbol::intern("n"));
        let who = self.vm.make_string("case-lambda");
        let no_match = self.call_root("%no-clause-takes", vec![Core::Const(who), Core::Local(n)], x.span);
        let mut acc = no_match;
        for (min, rest, proc) in clauses.into_iter().rev() {
            let test = self.call_root(
                if rest { ">=" } else { "=" },
                vec![Core::Local(n), Core::Const(Value::Int(min as i64))],
                x.span,
            );
            let call = self.call_root("apply", vec![proc, Core::Local(args)], x.span);
            acc = Core::If(Box::new(test), Box::new(call), Box::new(acc));
        }
        let length = self.call_root("length", vec![Core::Local(args)], x.span);
        let body = Core::Let(vec![(n, length)], Box::new(acc));
        Ok(Core::Lambda(Rc::new(super::Lambda {
            name: None,
            required: vec![],
            optional: vec![],
            rest: Some(args),
            keys: vec![],
            allow_other_keys: false,
            body,
            span: x.span,
            doc: None,
        })))
    }
}

/// Number of required parameters and whether there is a rest parameter.
fn formals_shape(formals: &Syntax) -> (usize, bool) {
    match &formals.datum {
        Datum::List(items, tail) => (items.len(), tail.is_some()),
        _ => (0, true),
    }
}

pub fn ident_syntax(id: &Ident, span: Span) -> Syntax {
    match id {
        Ident::Sym(s) => Syntax::new(Datum::Symbol(*s), span),
        Ident::Alias(a) => Syntax::new(Datum::Alias(a.clone()), span),
    }
}

pub fn seq(mut forms: Vec<Core>) -> Core {
    match forms.len() {
        0 => Core::Unspecified,
        1 => forms.pop().unwrap_or(Core::Unspecified),
        _ => Core::Seq(forms),
    }
}
