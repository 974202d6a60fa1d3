//! `syntax-case`, as R6RS and Guile have it: a macro whose transformer is a
//! procedure from a syntax object to a syntax object, taking the form apart
//! with `syntax-case` and building the result with templates (`syntax`,
//! written `#'`) and `with-syntax`. The procedures on syntax objects
//! (`syntax->datum`, `datum->syntax`, ...) are in runtime/syntax.rs.
//!
//! A syntax object is a `Syntax` (the form, its spans, and the aliases that
//! make it hygienic) in an opaque value. Matching and template
//! instantiation are those of `syntax-rules`. Each clause of a
//! `syntax-case` binds a hidden local to its match set, and its pattern
//! variables name that local; `(syntax t)` becomes a call of
//! `%syntax-template` with `t` and the match sets of the pattern variables
//! it uses.

use super::rules::{Bindings, Match, SyntaxRules};
use super::{new_scope, syntax_error, Core, Env, ExpandResult, Expander, Ident, IdentKey, LexBinding, Macro, VarId};
use crate::diag::Span;
use crate::reader::{Datum, Syntax};
use crate::value::{OpaqueData, Symbol, Tracer, Value};
use crate::vm::error::Throw;

/// A syntax object: the value a transformer receives and returns.
pub struct SyntaxObject(pub Syntax);

/// A `syntax-case` clause's pattern, with what the match needs to know.
pub struct PatternMatcher {
    pub rules: SyntaxRules,
    pub pattern: Syntax,
}

/// What a clause's pattern variables matched.
pub struct MatchSet(pub Bindings);

/// A `(syntax t)` template: `keys[i]` is a pattern variable whose match is
/// in the i-th match set `%syntax-template` is given.
pub struct Template {
    pub rules: SyntaxRules,
    pub template: Syntax,
    pub keys: Vec<IdentKey>,
}

/// Trace the values a `define-macro` transformer put into a form.
fn trace_syntax(x: &Syntax, t: &mut Tracer) {
    x.for_each_leaf(&mut |leaf| {
        if let Datum::Value(v) = leaf.datum {
            t.value(v);
        }
    });
}

fn trace_match(m: &Match, t: &mut Tracer) {
    match m {
        Match::One(x) => trace_syntax(x, t),
        Match::Many(ms) => ms.iter().for_each(|m| trace_match(m, t)),
    }
}

impl OpaqueData for SyntaxObject {
    fn type_name(&self) -> &'static str {
        "syntax"
    }
    fn trace_data(&self, t: &mut Tracer) {
        trace_syntax(&self.0, t);
    }
}

impl OpaqueData for PatternMatcher {
    fn type_name(&self) -> &'static str {
        "syntax-pattern"
    }
    fn trace_data(&self, t: &mut Tracer) {
        trace_syntax(&self.pattern, t);
    }
}

impl OpaqueData for MatchSet {
    fn type_name(&self) -> &'static str {
        "syntax-match"
    }
    fn trace_data(&self, t: &mut Tracer) {
        self.0.values().for_each(|m| trace_match(m, t));
    }
}

impl OpaqueData for Template {
    fn type_name(&self) -> &'static str {
        "syntax-template"
    }
    fn trace_data(&self, t: &mut Tracer) {
        trace_syntax(&self.template, t);
    }
}

pub fn pattern_variable_outside_template(span: Span, name: Symbol) -> Box<Throw> {
    syntax_error(
        span,
        format!("pattern variable `{name}` used outside a syntax template"),
        Some(&format!("a pattern variable stands for syntax: write #'{name} (that is, (syntax {name}))")),
    )
}

/// A clause: pattern, optional fender, and its output.
struct Clause<'x> {
    pattern: &'x Syntax,
    fender: Option<&'x Syntax>,
    output: Output<'x>,
}

enum Output<'x> {
    /// Forms, evaluated as a body.
    Body(&'x [Syntax]),
    /// A template (of `quasisyntax`).
    Template(Syntax),
}

impl Expander<'_> {
    /// Where the identifiers a template introduces resolve: the
    /// environment of the `define-syntax` whose transformer is being
    /// expanded, or the module's top level (never the transformer's own
    /// locals, which do not exist where the output is used).
    fn template_env(&self) -> Env {
        self.transformer_env.clone().unwrap_or(None)
    }

    /// Expand a transformer expression other than `syntax-rules`: it is
    /// evaluated now, and must give a procedure.
    pub(super) fn procedure_transformer(&mut self, spec: &Syntax, env: &Env) -> ExpandResult<Macro> {
        let saved_vars = std::mem::take(&mut self.vars);
        let saved_env = self.transformer_env.replace(env.clone());
        let core = self.expand(spec, &super::transformer_scope(env));
        self.transformer_env = saved_env;
        let vars = std::mem::replace(&mut self.vars, saved_vars);
        let proc = self.vm.eval_core(core?, vars, spec.span)?;
        if !proc.is_procedure() {
            return Err(syntax_error(
                spec.span,
                "a macro transformer must be syntax-rules or a procedure",
                Some("write (define-syntax name (lambda (x) (syntax-case x () ...)))"),
            ));
        }
        Ok(Macro::SyntaxCase(proc))
    }

    /// Run a `syntax-case` transformer on the form `x`.
    pub(super) fn call_syntax_transformer(&mut self, f: Value, x: &Syntax) -> ExpandResult<Syntax> {
        let form = self.vm.make_opaque(SyntaxObject(x.clone()));
        let outer = self.vm.syntax_renames.replace(Default::default());
        let result = self.run_transformer(f, &[form], x, &Default::default());
        self.vm.syntax_renames = outer;
        result
    }

    /// `(syntax-case e (literal ...) (pattern [fender] output) ...)`.
    pub(super) fn syntax_case(&mut self, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        let usage = "(syntax-case expression (literal ...) (pattern [fender] output) ...)";
        let items = super::forms::items_of(x, 3, usage)?;
        let subject = self.expand(&items[1], env)?;
        let literals = super::rules::literal_names(&items[2], "syntax-case")?;
        let clauses = items[3..]
            .iter()
            .map(|c| match c.list() {
                Some([pattern, fender @ .., output]) if fender.len() <= 1 => {
                    Ok(Clause { pattern, fender: fender.first(), output: Output::Body(std::slice::from_ref(output)) })
                }
                _ => Err(syntax_error(
                    c.span,
                    "a syntax-case clause is (pattern output) or (pattern fender output)",
                    None,
                )),
            })
            .collect::<Result<Vec<_>, _>>()?;
        self.match_clauses(subject, literals, &clauses, env, x.span, "no syntax-case pattern matches")
    }

    /// `(with-ellipsis e body ...)`: in the body, `syntax-case` patterns
    /// and templates take the identifier `e` as their ellipsis.
    pub(super) fn with_ellipsis(&mut self, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        let items = super::forms::items_of(x, 3, "(with-ellipsis identifier body ...)")?;
        let ellipsis = Ident::base_of(&items[1])
            .ok_or_else(|| syntax_error(items[1].span, "with-ellipsis needs an identifier", None))?;
        let outer = std::mem::replace(&mut self.ellipsis, ellipsis);
        let body = self.body(&items[2..], env, x.span);
        self.ellipsis = outer;
        body
    }

    /// `(with-syntax ((pattern e) ...) body ...)`: `syntax-case` on the
    /// list of the values, with one clause.
    pub(super) fn with_syntax(&mut self, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        let items = super::forms::items_of(x, 3, "(with-syntax ((pattern expression) ...) body ...)")?;
        let bindings = items[1]
            .list()
            .ok_or_else(|| syntax_error(items[1].span, "with-syntax needs a list of (pattern expression)", None))?;
        let mut patterns = vec![];
        let mut values = vec![];
        for b in bindings {
            let Some([pattern, value]) = b.list() else {
                return Err(syntax_error(b.span, "a with-syntax binding is (pattern expression)", None));
            };
            patterns.push(pattern.clone());
            values.push(self.expand(value, env)?);
        }
        let no_match = "with-syntax: a value does not match its pattern";
        self.bind_patterns(patterns, values, Output::Body(&items[2..]), env, x.span, no_match)
    }

    /// A one-clause `syntax-case` matching `patterns` against the values of
    /// `values` (`with-syntax`, `quasisyntax`).
    fn bind_patterns(
        &mut self,
        patterns: Vec<Syntax>,
        values: Vec<Core>,
        output: Output,
        env: &Env,
        span: Span,
        no_match: &str,
    ) -> ExpandResult<Core> {
        let subject = self.call_root("list", values, span);
        let pattern = Syntax::new(Datum::List(patterns.into(), None), span);
        let clause = Clause { pattern: &pattern, fender: None, output };
        self.match_clauses(subject, vec![], &[clause], env, span, no_match)
    }

    /// Try the clauses in order on the value of `subject`.
    fn match_clauses(
        &mut self,
        subject: Core,
        literals: Vec<Symbol>,
        clauses: &[Clause],
        env: &Env,
        span: Span,
        no_match: &str,
    ) -> ExpandResult<Core> {
        let value = self.fresh_var(Symbol::intern("syntax-case subject"));
        let message = self.vm.make_string(no_match);
        let mut chain = self.call_root(
            "syntax-violation",
            vec![Core::Const(Value::FALSE), Core::Const(message), Core::Local(value)],
            span,
        );
        for clause in clauses.iter().rev() {
            let rules = SyntaxRules::for_syntax_case(literals.clone(), self.ellipsis, None, self.module());
            let set = self.fresh_var(Symbol::intern("syntax-case match"));
            let scope = new_scope(env);
            for key in rules.variables_of(clause.pattern) {
                scope.bind(key, LexBinding::PatternVar(set));
            }
            let inner: Env = Some(scope);
            let fender = match clause.fender {
                Some(f) => self.expand(f, &inner)?,
                None => Core::Const(Value::TRUE),
            };
            let output = match &clause.output {
                Output::Body(forms) => self.body(forms, &inner, clause.pattern.span)?,
                Output::Template(t) => self.template(t, &inner, span),
            };
            let matcher = self.vm.make_opaque(PatternMatcher { rules, pattern: clause.pattern.clone() });
            let matched = self.call_root("%syntax-match", vec![Core::Const(matcher), Core::Local(value)], span);
            let test = Core::If(Box::new(Core::Local(set)), Box::new(fender), Box::new(Core::Const(Value::FALSE)));
            chain =
                Core::Let(vec![(set, matched)], Box::new(Core::If(Box::new(test), Box::new(output), Box::new(chain))));
        }
        Ok(Core::Let(vec![(value, subject)], Box::new(chain)))
    }

    /// `(syntax template)`, also written `#'template`.
    pub(super) fn syntax_template(&mut self, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        let Some([_, template]) = x.list() else {
            return Err(syntax_error(x.span, "bad syntax: expected (syntax template)", None));
        };
        Ok(self.template(template, env, x.span))
    }

    fn template(&mut self, template: &Syntax, env: &Env, span: Span) -> Core {
        let mut keys = vec![];
        let mut sets = vec![];
        pattern_references(template, env, &mut keys, &mut sets);
        let rules = SyntaxRules::for_syntax_case(vec![], self.ellipsis, self.template_env(), self.module());
        let t = self.vm.make_opaque(Template { rules, template: template.clone(), keys });
        let args = std::iter::once(Core::Const(t)).chain(sets.into_iter().map(Core::Local)).collect();
        self.call_root("%syntax-template", args, span)
    }

    /// `(quasisyntax template)`, also written `` #`template ``: a template
    /// in which `#,e` inserts the syntax `e` gives and `#,@e` splices the
    /// list it gives. Each insertion becomes a fresh pattern variable that
    /// a one-clause `syntax-case` (as `with-syntax`) binds to its value.
    /// A quasisyntax inside the template keeps its own insertions.
    pub(super) fn quasisyntax(&mut self, x: &Syntax, env: &Env) -> ExpandResult<Core> {
        let Some([_, template]) = x.list() else {
            return Err(syntax_error(x.span, "bad syntax: expected (quasisyntax template)", None));
        };
        let mut holes = Holes::default();
        let template = self.unsyntax_holes(template, env, 0, &mut holes)?;
        self.bind_patterns(holes.patterns, holes.values, Output::Template(template), env, x.span, "#,@ needs a list")
    }

    /// `t` with each insertion of quasisyntax level 0 replaced by a fresh
    /// pattern variable (followed by `...` for a splice).
    fn unsyntax_holes(&mut self, t: &Syntax, env: &Env, level: usize, holes: &mut Holes) -> ExpandResult<Syntax> {
        let Datum::List(items, tail) = &t.datum else {
            if let Datum::Vector(items) = &t.datum {
                let list = Syntax::new(Datum::List(items.clone(), None), t.span);
                if let Datum::List(items, None) = self.unsyntax_holes(&list, env, level, holes)?.datum {
                    return Ok(Syntax::new(Datum::Vector(items), t.span));
                }
            }
            return Ok(t.clone());
        };
        // (unsyntax e), (unsyntax-splicing e), (quasisyntax e)
        let rebuilt = |head: &Syntax, e: Syntax| Syntax::new(Datum::List(vec![head.clone(), e].into(), None), t.span);
        if let (Some(keyword), [head, e], None) = (keyword_of(t), &items[..], tail) {
            match (keyword.as_str(), level) {
                ("unsyntax", 0) => return self.hole(e, env, holes),
                ("unsyntax" | "unsyntax-splicing", _) => {
                    return Ok(rebuilt(head, self.unsyntax_holes(e, env, level.saturating_sub(1), holes)?))
                }
                ("quasisyntax", _) => return Ok(rebuilt(head, self.unsyntax_holes(e, env, level + 1, holes)?)),
                _ => {}
            }
        }
        let mut out = vec![];
        for (i, item) in items.iter().enumerate() {
            // `(a . #,e)` reads as `(a unsyntax e)`.
            let is_unsyntax = Ident::base_of(item).is_some_and(|s| s.name() == "unsyntax");
            if level == 0 && is_unsyntax && tail.is_none() && i + 2 == items.len() {
                let hole = self.hole(&items[i + 1], env, holes)?;
                return Ok(Syntax::new(Datum::List(out.into(), Some(std::rc::Rc::new(hole))), t.span));
            }
            match (keyword_of(item).as_deref(), item.list()) {
                (Some("unsyntax-splicing"), Some([_, e])) if level == 0 => {
                    let hole = self.hole(e, env, holes)?;
                    let ellipsis = Syntax::new(Datum::Symbol(self.ellipsis), e.span);
                    if let Some(var) = holes.patterns.pop() {
                        holes.patterns.push(Syntax::new(Datum::List(vec![var, ellipsis.clone()].into(), None), e.span));
                    }
                    out.push(hole);
                    out.push(ellipsis);
                }
                _ => out.push(self.unsyntax_holes(item, env, level, holes)?),
            }
        }
        let tail = match tail {
            Some(tl) => Some(std::rc::Rc::new(self.unsyntax_holes(tl, env, level, holes)?)),
            None => None,
        };
        Ok(Syntax::new(Datum::List(out.into(), tail), t.span))
    }

    /// A fresh pattern variable standing for the value of `e`.
    fn hole(&mut self, e: &Syntax, env: &Env, holes: &mut Holes) -> ExpandResult<Syntax> {
        holes.values.push(self.expand(e, env)?);
        let alias = super::Alias {
            inner: Ident::Sym(Symbol::intern("unsyntax")),
            id: self.vm.fresh_alias_id(),
            env: None,
            module: self.module(),
        };
        let var = Syntax::new(Datum::Alias(std::rc::Rc::new(alias)), e.span);
        holes.patterns.push(var.clone());
        Ok(var)
    }
}

/// The insertions of a quasisyntax template: a pattern variable for each,
/// and the expression whose value it stands for.
#[derive(Default)]
struct Holes {
    patterns: Vec<Syntax>,
    values: Vec<Core>,
}

/// The name at the head of a list form.
fn keyword_of(x: &Syntax) -> Option<String> {
    x.list().and_then(|l| l.first()).and_then(Ident::base_of).map(|s| s.to_string())
}

/// The pattern variables `t` uses, each with the match set it is in (the
/// innermost binding of its name).
fn pattern_references(t: &Syntax, env: &Env, keys: &mut Vec<IdentKey>, sets: &mut Vec<VarId>) {
    t.for_each_leaf(&mut |leaf| {
        let Some(key) = Ident::key_of(leaf) else { return };
        if keys.contains(&key) {
            return;
        }
        let binding = env.as_deref().and_then(|s| {
            s.lookup(key, |b| match b {
                LexBinding::PatternVar(set) => Some(*set),
                _ => None,
            })
        });
        if let Some(Some(set)) = binding {
            keys.push(key);
            sets.push(set);
        }
    });
}

/// The syntax object in `v`, if it is one.
pub fn syntax_object(v: Value) -> Option<Syntax> {
    match v {
        Value::Opaque(o) => o.downcast::<SyntaxObject>().map(|s| s.0.clone()),
        _ => None,
    }
}
