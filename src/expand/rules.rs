//! `syntax-rules`: R7RS pattern matching (literals, nested ellipses, a
//! custom ellipsis, vector and dotted patterns) and template instantiation
//! that renames introduced identifiers (see `Alias` in mod.rs).

use std::rc::Rc;

use super::core::VarId;
use super::ident_map::IdentMap;
use super::{syntax_error, Alias, Env, ExpandResult, Expander, Ident, IdentKey, LexBinding, Macro};
use crate::module::Module;
use crate::number::Num;
use crate::reader::{Datum, Syntax};
use crate::value::{Symbol, Value};

pub struct SyntaxRules {
    ellipsis: Symbol,
    literals: Vec<Symbol>,
    rules: Vec<(Syntax, Syntax)>,
    env: Env,
    module: Rc<Module>,
}

/// What a pattern variable matched: one form, or (under an ellipsis) a
/// sequence of matches.
pub enum Match {
    One(Syntax),
    Many(Vec<Match>),
}

pub type Bindings = IdentMap<Match>;

/// The alias each identifier a template introduces is renamed to.
pub type Renames = IdentMap<Rc<Alias>>;

impl SyntaxRules {
    pub fn new(
        exp: &Expander,
        literals: Vec<Symbol>,
        ellipsis: Option<Symbol>,
        rules: Vec<(Syntax, Syntax)>,
        env: &Env,
    ) -> ExpandResult<SyntaxRules> {
        Ok(SyntaxRules {
            ellipsis: ellipsis.unwrap_or_else(|| Symbol::intern("...")),
            literals,
            rules,
            env: env.clone(),
            module: exp.module(),
        })
    }

    /// A matcher and template instantiator with no rules of its own, for
    /// `syntax-case` (see syntax_case.rs): introduced identifiers are
    /// renamed into `env` and `module`.
    pub fn for_syntax_case(literals: Vec<Symbol>, ellipsis: Symbol, env: Env, module: Rc<Module>) -> SyntaxRules {
        SyntaxRules { ellipsis, literals, rules: vec![], env, module }
    }

    /// Match the whole form `f` against `pattern` (unlike a `syntax-rules`
    /// rule, whose keyword position is skipped).
    pub fn match_whole(&self, pattern: &Syntax, f: &Syntax, site: &Env) -> Option<Bindings> {
        let mut binds = Bindings::default();
        self.match_pattern(pattern, f, &mut binds, site).then_some(binds)
    }

    /// Instantiate `template` with `binds`, renaming each identifier it
    /// introduces to its alias in `renames` (made there if new).
    pub fn instantiate_template(
        &self,
        exp: &mut Expander,
        template: &Syntax,
        binds: &Bindings,
        renames: &mut Renames,
    ) -> ExpandResult<Syntax> {
        self.instantiate(exp, template, binds, renames, template)
    }

    /// Where the identifiers this instantiates resolve, as a key: the
    /// environment's and the module's addresses.
    pub fn origin(&self) -> (usize, usize) {
        (self.env.as_ref().map_or(0, |e| Rc::as_ptr(e) as usize), Rc::as_ptr(&self.module) as usize)
    }

    /// The pattern variables of `pattern`.
    pub fn variables_of(&self, pattern: &Syntax) -> Vec<IdentKey> {
        self.pattern_vars(pattern)
    }

    /// `(syntax-rules (literal ...) (pattern template) ...)`, optionally
    /// with a custom ellipsis before the literals.
    pub fn parse(exp: &Expander, spec: &Syntax, env: &Env) -> ExpandResult<SyntaxRules> {
        let items = spec.list().ok_or_else(|| syntax_error(spec.span, "bad syntax-rules", None))?;
        let (ellipsis, rest) = match items.get(1).and_then(Ident::of) {
            Some(id) => (Some(id.base()), &items[2..]),
            None => (None, &items[1..]),
        };
        let Some((lits, rules)) = rest.split_first() else {
            return Err(syntax_error(
                spec.span,
                "syntax-rules needs a literals list",
                Some("write (syntax-rules () ((_ x) x))"),
            ));
        };
        let literals = literal_names(lits, "syntax-rules")?;
        // Guile takes a docstring before the rules.
        let rules = match rules.split_first() {
            Some((doc, rest)) if matches!(doc.datum, Datum::Str(_)) && !rest.is_empty() => rest,
            _ => rules,
        };
        let rules = rules
            .iter()
            .map(|r| match r.list() {
                Some([pattern, template]) => Ok((pattern.clone(), template.clone())),
                _ => Err(syntax_error(r.span, "a syntax-rules clause is (pattern template)", None)),
            })
            .collect::<Result<Vec<_>, _>>()?;
        SyntaxRules::new(exp, literals, ellipsis, rules, env)
    }

    /// Expand the use `x`, made where `site` is the environment.
    pub fn expand(&self, exp: &mut Expander, x: &Syntax, site: &Env) -> ExpandResult<Syntax> {
        // One set of bindings for all the rules tried, emptied between them.
        let mut binds = Bindings::default();
        for (pattern, template) in &self.rules {
            binds.clear();
            // The keyword position is not matched.
            let matched = match (&pattern.datum, &x.datum) {
                (Datum::List(p, pt), Datum::List(f, ft)) if !p.is_empty() && !f.is_empty() => {
                    self.match_list((&p[1..], pt.as_deref()), (&f[1..], ft.as_deref()), x, &mut binds, site)
                }
                _ => false,
            };
            if matched {
                let mut renames = Renames::default();
                return self.instantiate(exp, template, &binds, &mut renames, x);
            }
        }
        let name = match &x.datum {
            Datum::List(items, _) => items.first().and_then(Ident::base_of).map(|s| s.to_string()).unwrap_or_default(),
            _ => String::new(),
        };
        Err(syntax_error(
            x.span,
            format!("no syntax-rules pattern of `{name}` matches this form"),
            Some(&format!("the patterns are: {}", self.describe_patterns())),
        ))
    }

    fn describe_patterns(&self) -> String {
        self.rules.iter().map(|(p, _)| crate::value::print::syntax_to_string(p)).collect::<Vec<_>>().join("  ")
    }

    fn is_ellipsis(&self, x: &Syntax) -> bool {
        Ident::base_of(x) == Some(self.ellipsis) && !self.literals.contains(&self.ellipsis)
    }

    /// Whether the form's identifier `f`, at the use site, is bound as the
    /// pattern's literal `p` is where the macro was defined: to the same
    /// local, or neither to a local (R7RS: a locally bound `=>` is no `=>`).
    fn same_local_meaning(&self, p: &Syntax, f: &Syntax, site: &Env) -> bool {
        match (Ident::of(p), Ident::of(f)) {
            (Some(p), Some(f)) => local_meaning(&p, &self.env) == local_meaning(&f, site),
            _ => false,
        }
    }

    fn match_pattern(&self, p: &Syntax, f: &Syntax, binds: &mut Bindings, site: &Env) -> bool {
        match &p.datum {
            Datum::Symbol(_) | Datum::Alias(_) => {
                let (Some(key), Some(base)) = (Ident::key_of(p), Ident::base_of(p)) else { return false };
                if self.literals.contains(&base) {
                    return Ident::base_of(f) == Some(base) && self.same_local_meaning(p, f, site);
                }
                if base == crate::sym!("_") {
                    return true;
                }
                binds.insert(key, Match::One(f.clone()));
                true
            }
            Datum::List(pitems, ptail) => match &f.datum {
                Datum::List(fitems, ftail) => {
                    self.match_list((pitems, ptail.as_deref()), (fitems, ftail.as_deref()), f, binds, site)
                }
                _ => pitems.is_empty() && ptail.as_ref().is_some_and(|t| self.match_pattern(t, f, binds, site)),
            },
            Datum::Vector(pitems) => match &f.datum {
                Datum::Vector(fitems) => self.match_list((pitems, None), (fitems, None), f, binds, site),
                _ => false,
            },
            _ => literal_equal(p, f),
        }
    }

    /// Match the list pattern `(pitems . ptail)` against the form's list
    /// `(fitems . ftail)`, which is `whole`.
    fn match_list(
        &self,
        (pitems, ptail): (&[Syntax], Option<&Syntax>),
        (fitems, ftail): (&[Syntax], Option<&Syntax>),
        whole: &Syntax,
        binds: &mut Bindings,
        site: &Env,
    ) -> bool {
        let ellipsis_at = pitems.iter().position(|p| self.is_ellipsis(p));
        let (before, repeated, after) = match ellipsis_at {
            Some(e) if e > 0 => (&pitems[..e - 1], Some(&pitems[e - 1]), &pitems[e + 1..]),
            _ => (pitems, None, &pitems[0..0]),
        };
        let fixed = before.len() + after.len();
        if fitems.len() < fixed {
            return false;
        }
        for (p, f) in before.iter().zip(fitems) {
            if !self.match_pattern(p, f, binds, site) {
                return false;
            }
        }
        let Some(rep) = repeated else {
            let rest = &fitems[before.len()..];
            return match ptail {
                None => rest.is_empty() && ftail.is_none(),
                Some(t) => {
                    let remainder = rest_syntax(rest, ftail, whole);
                    self.match_pattern(t, &remainder, binds, site)
                }
            };
        };
        if ptail.is_none() && ftail.is_some() {
            return false;
        }
        let middle_end = fitems.len() - after.len();
        let mut seqs: Vec<Bindings> = Vec::new();
        for f in &fitems[before.len()..middle_end] {
            let mut b = Bindings::default();
            if !self.match_pattern(rep, f, &mut b, site) {
                return false;
            }
            seqs.push(b);
        }
        for var in self.pattern_vars(rep) {
            let items = seqs.iter_mut().map(|b| b.remove(&var).unwrap_or(Match::Many(vec![]))).collect();
            binds.insert(var, Match::Many(items));
        }
        for (p, f) in after.iter().zip(&fitems[middle_end..]) {
            if !self.match_pattern(p, f, binds, site) {
                return false;
            }
        }
        match (ptail, ftail) {
            (Some(t), Some(ft)) => self.match_pattern(t, ft, binds, site),
            (Some(t), None) => {
                self.match_pattern(t, &Syntax::new(Datum::List(Rc::new([]), None), whole.span), binds, site)
            }
            _ => true,
        }
    }

    fn pattern_vars(&self, p: &Syntax) -> Vec<IdentKey> {
        let mut out = Vec::new();
        self.collect_vars(p, &mut out);
        out
    }

    fn collect_vars(&self, p: &Syntax, out: &mut Vec<IdentKey>) {
        match &p.datum {
            Datum::Symbol(_) | Datum::Alias(_) => {
                if let (Some(key), Some(base)) = (Ident::key_of(p), Ident::base_of(p)) {
                    if !self.literals.contains(&base) && base != self.ellipsis && base != crate::sym!("_") {
                        out.push(key);
                    }
                }
            }
            Datum::List(items, tail) => {
                for i in items.iter() {
                    self.collect_vars(i, out);
                }
                if let Some(t) = tail {
                    self.collect_vars(t, out);
                }
            }
            Datum::Vector(items) => {
                for i in items.iter() {
                    self.collect_vars(i, out);
                }
            }
            _ => {}
        }
    }

    fn instantiate(
        &self,
        exp: &mut Expander,
        t: &Syntax,
        binds: &Bindings,
        renames: &mut Renames,
        site: &Syntax,
    ) -> ExpandResult<Syntax> {
        match &t.datum {
            Datum::Symbol(_) | Datum::Alias(_) => {
                let Some(key) = Ident::key_of(t) else { return Ok(t.clone()) };
                match binds.get(&key) {
                    Some(Match::One(s)) => Ok(s.clone()),
                    Some(Match::Many(_)) => Err(syntax_error(
                        t.span,
                        format!(
                            "pattern variable `{}` is used without enough `...`",
                            Ident::base_of(t).map(Symbol::name).unwrap_or_default()
                        ),
                        Some("a variable matched under an ellipsis must be followed by an ellipsis in the template"),
                    )),
                    None => {
                        let Some(inner) = Ident::of(t) else { return Ok(t.clone()) };
                        let alias = renames
                            .get_or_insert_with(key, || {
                                Rc::new(Alias {
                                    inner,
                                    id: exp.vm.fresh_alias_id(),
                                    env: self.env.clone(),
                                    module: self.module.clone(),
                                })
                            })
                            .clone();
                        Ok(Syntax::new(Datum::Alias(alias), site.span))
                    }
                }
            }
            Datum::List(items, tail) => {
                // (... template) escapes the ellipsis.
                if items.len() == 2 && tail.is_none() && self.is_ellipsis(&items[0]) {
                    let inner = SyntaxRules {
                        ellipsis: Symbol::gensym(" no-ellipsis"),
                        literals: self.literals.clone(),
                        rules: vec![],
                        env: self.env.clone(),
                        module: self.module.clone(),
                    };
                    return inner.instantiate(exp, &items[1], binds, renames, site);
                }
                let out = self.instantiate_items(exp, items, binds, renames, site)?;
                let tail = match tail {
                    Some(tl) => Some(Rc::new(self.instantiate(exp, tl, binds, renames, site)?)),
                    None => None,
                };
                Ok(Syntax::new(normalize_list(out, tail), t.span))
            }
            Datum::Vector(items) => {
                let out = self.instantiate_items(exp, items, binds, renames, site)?;
                Ok(Syntax::new(Datum::Vector(out.into()), t.span))
            }
            _ => Ok(t.clone()),
        }
    }

    fn instantiate_items(
        &self,
        exp: &mut Expander,
        items: &[Syntax],
        binds: &Bindings,
        renames: &mut Renames,
        site: &Syntax,
    ) -> ExpandResult<Vec<Syntax>> {
        let mut out = Vec::with_capacity(items.len());
        let mut i = 0;
        while i < items.len() {
            let item = &items[i];
            let mut depth = 0;
            while i + 1 + depth < items.len() && self.is_ellipsis(&items[i + 1 + depth]) {
                depth += 1;
            }
            if depth == 0 {
                out.push(self.instantiate(exp, item, binds, renames, site)?);
                i += 1;
                continue;
            }
            // `x ...` with `x` matched under one ellipsis: its forms as they are.
            if let Some(forms) = (depth == 1).then(|| self.repeated_forms(item, binds)).flatten() {
                out.extend(forms.cloned());
                i += 1 + depth;
                continue;
            }
            self.expand_ellipsis(exp, item, binds, depth, renames, site, &mut out)?;
            i += 1 + depth;
        }
        Ok(out)
    }

    /// The forms a pattern variable `item` matched under one ellipsis, if
    /// that is what it is.
    fn repeated_forms<'b>(&self, item: &Syntax, binds: &'b Bindings) -> Option<impl Iterator<Item = &'b Syntax>> {
        let Some(Match::Many(matches)) = Ident::key_of(item).and_then(|key| binds.get(&key)) else { return None };
        let form = |m: &'b Match| match m {
            Match::One(form) => Some(form),
            Match::Many(_) => None,
        };
        matches.iter().all(|m| form(m).is_some()).then(|| matches.iter().filter_map(form))
    }

    #[allow(clippy::too_many_arguments)]
    fn expand_ellipsis(
        &self,
        exp: &mut Expander,
        item: &Syntax,
        binds: &Bindings,
        depth: usize,
        renames: &mut Renames,
        site: &Syntax,
        out: &mut Vec<Syntax>,
    ) -> ExpandResult<()> {
        // Only the pattern variables `item` uses are bound in each repetition.
        let mut used: Vec<IdentKey> = Vec::new();
        for v in self.pattern_vars(item) {
            if binds.contains_key(&v) && !used.contains(&v) {
                used.push(v);
            }
        }
        let vars: Vec<IdentKey> =
            used.iter().copied().filter(|v| matches!(binds.get(v), Some(Match::Many(_)))).collect();
        if vars.is_empty() {
            return Err(syntax_error(item.span, "no pattern variable to repeat before `...`", None));
        }
        let lengths: Vec<usize> = vars
            .iter()
            .filter_map(|v| match binds.get(v) {
                Some(Match::Many(items)) => Some(items.len()),
                _ => None,
            })
            .collect();
        let len = lengths.iter().copied().max().unwrap_or(0);
        if lengths.iter().any(|&l| l != len) {
            let counts: Vec<String> = lengths.iter().map(usize::to_string).collect();
            return Err(syntax_error(
                site.span,
                format!(
                    "the pattern variables repeated together by `...` here matched different numbers of forms ({})",
                    counts.join(", ")
                ),
                Some("each repetition of the template takes one form from each of them"),
            ));
        }
        for k in 0..len {
            let mut local = Bindings::with_capacity(used.len());
            for (key, m) in used.iter().filter_map(|k| binds.get_key_value(k)) {
                if vars.contains(key) {
                    if let Match::Many(items) = m {
                        if let Some(elem) = items.get(k) {
                            local.insert(*key, clone_match(elem));
                        }
                    }
                } else {
                    local.insert(*key, clone_match(m));
                }
            }
            if depth > 1 {
                self.expand_ellipsis(exp, item, &local, depth - 1, renames, site, out)?;
            } else {
                out.push(self.instantiate(exp, item, &local, renames, site)?);
            }
        }
        Ok(())
    }
}

/// What a local binding of an identifier is, to compare two of them.
#[derive(PartialEq)]
enum LocalMeaning {
    Var(VarId),
    Macro(*const Macro),
    OutOfContext,
}

/// The innermost local binding of `id` in `env` (or, for an identifier a
/// macro introduced, where it was introduced); `None` when it has none.
fn local_meaning(id: &Ident, env: &Env) -> Option<LocalMeaning> {
    let found = env.as_deref().and_then(|scope| {
        scope.lookup(id.key(), |b| match b {
            LexBinding::Var(v) | LexBinding::PatternVar(v) => LocalMeaning::Var(*v),
            LexBinding::Macro(m) => LocalMeaning::Macro(Rc::as_ptr(m)),
            LexBinding::OutOfContext => LocalMeaning::OutOfContext,
        })
    });
    match (found, id) {
        (Some(meaning), _) => Some(meaning),
        (None, Ident::Alias(alias)) => local_meaning(&alias.inner, &alias.env),
        (None, Ident::Sym(_)) => None,
    }
}

/// The names of a literals list `(literal ...)` of `form`.
pub fn literal_names(lits: &Syntax, form: &str) -> ExpandResult<Vec<Symbol>> {
    lits.list()
        .ok_or_else(|| syntax_error(lits.span, format!("the literals of {form} must be a list"), None))?
        .iter()
        .map(|l| Ident::base_of(l).ok_or_else(|| syntax_error(l.span, "a literal must be an identifier", None)))
        .collect()
}

pub fn clone_match(m: &Match) -> Match {
    match m {
        Match::One(s) => Match::One(s.clone()),
        Match::Many(items) => Match::Many(items.iter().map(clone_match).collect()),
    }
}

/// `(a b . (c d))` → `(a b c d)`, `(a . ())` → `(a)`.
fn normalize_list(mut items: Vec<Syntax>, tail: Option<Rc<Syntax>>) -> Datum {
    match tail {
        None => Datum::List(items.into(), None),
        Some(t) => match &t.datum {
            Datum::List(more, more_tail) => {
                items.extend(more.iter().cloned());
                normalize_list(items, more_tail.clone())
            }
            _ => Datum::List(items.into(), Some(t)),
        },
    }
}

fn rest_syntax(rest: &[Syntax], tail: Option<&Syntax>, whole: &Syntax) -> Syntax {
    if rest.is_empty() {
        if let Some(t) = tail {
            return t.clone();
        }
    }
    let span = rest.first().map(|s| s.span).unwrap_or(whole.span);
    Syntax::new(Datum::List(rest.into(), tail.map(|t| Rc::new(t.clone()))), span)
}

/// Whether a literal datum of a pattern is `equal?` to a form's datum,
/// which a `define-macro` transformer may have inserted as a value.
fn literal_equal(p: &Syntax, f: &Syntax) -> bool {
    match (&p.datum, &f.datum) {
        (Datum::Int(a), Datum::Int(b)) => a == b,
        (Datum::Number(a), Datum::Number(b)) => a == b,
        (Datum::Str(a), Datum::Str(b)) => a == b,
        (Datum::Char(a), Datum::Char(b)) => a == b,
        (Datum::Bool(a), Datum::Bool(b)) => a == b,
        (Datum::Keyword(a), Datum::Keyword(b)) => a == b,
        (Datum::Int(a), Datum::Value(v)) => Num::from_value(*v) == Some(Num::Int(*a)),
        (Datum::Number(a), Datum::Value(v)) => Num::from_value(*v).as_ref() == Some(&**a),
        (Datum::Str(a), Datum::Value(Value::Str(b))) => **a == *b.borrow(),
        (Datum::Char(a), Datum::Value(Value::Char(b))) => a == b,
        (Datum::Bool(a), Datum::Value(Value::Bool(b))) => a == b,
        _ => false,
    }
}
