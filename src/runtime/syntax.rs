//! Syntax objects at run time (see expand/syntax_case.rs): matching and
//! templates for `syntax-case`, and `syntax->datum`, `datum->syntax`,
//! `identifier?`, `syntax-source`, `bound-identifier=?`, `free-identifier=?`,
//! `generate-temporaries`, `syntax-violation`.

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

use crate::diag::Span;
use crate::expand::rules::{clone_match, Bindings, Renames};
use crate::expand::syntax_case::{syntax_object, MatchSet, PatternMatcher, SyntaxObject, Template};
use crate::expand::{Alias, Expander, Ident};
use crate::prims;
use crate::reader::{Datum, Syntax};
use crate::value::{Symbol, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

/// Any value as syntax: syntax objects are unwrapped, wherever they are in
/// lists and vectors; other data are themselves.
fn as_syntax(vm: &mut Vm, v: Value) -> Syntax {
    // Data too deep to be code stays data.
    vm.value_to_syntax(v, Span::NONE, &HashMap::default()).unwrap_or_else(|_| Syntax::new(Datum::Value(v), Span::NONE))
}

/// Syntax as a value, as Guile gives it: a list is a list (of syntax
/// objects), an identifier or a vector is a syntax object, other data are
/// themselves.
fn syntax_value(vm: &mut Vm, x: Syntax) -> Value {
    match &x.datum {
        Datum::List(items, tail) => {
            let mut list = match tail {
                Some(t) => syntax_value(vm, Syntax::clone(t)),
                None => Value::Null,
            };
            for item in items.iter().rev() {
                let v = syntax_value(vm, item.clone());
                list = vm.cons(v, list);
            }
            list
        }
        Datum::Symbol(_) | Datum::Alias(_) | Datum::Vector(_) => vm.make_opaque(SyntaxObject(x)),
        _ => vm.syntax_to_value(&x),
    }
}

fn identifier(who: &str, position: usize, v: Value) -> PResult<Ident> {
    syntax_object(v).and_then(|x| Ident::of(&x)).ok_or_else(|| Throw::wrong_type(who, position, "identifier", v))
}

/// `(%syntax-match matcher value)`: the match set, or #f.
fn syntax_match(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let Value::Opaque(m) = a[0] else { return Err(Throw::wrong_type("%syntax-match", 1, "pattern", a[0])) };
    let Some(matcher) = m.downcast::<PatternMatcher>() else {
        return Err(Throw::wrong_type("%syntax-match", 1, "pattern", a[0]));
    };
    let form = as_syntax(vm, a[1]);
    // The use site's scopes are gone once the transformer runs: a literal
    // matches by name and by where an introduced identifier is bound.
    Ok(match matcher.rules.match_whole(&matcher.pattern, &form, &None) {
        Some(binds) => vm.make_opaque(MatchSet(binds)),
        None => Value::FALSE,
    })
}

/// `(%syntax-template template match-set ...)`: the template instantiated.
fn syntax_template(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let Value::Opaque(t) = a[0] else { return Err(Throw::wrong_type("syntax", 1, "template", a[0])) };
    let Some(template) = t.downcast::<Template>() else {
        return Err(Throw::wrong_type("syntax", 1, "template", a[0]));
    };
    let mut binds = Bindings::default();
    for (key, set) in template.keys.iter().zip(&a[1..]) {
        let found = match set {
            Value::Opaque(s) => s.downcast::<MatchSet>().and_then(|s| s.0.get(key)).map(clone_match),
            _ => None,
        };
        if let Some(m) = found {
            binds.insert(*key, m);
        }
    }
    // In a transformer, introduced identifiers are renamed as in
    // `syntax-rules`, the same way for every template of one expansion.
    // Elsewhere a template's identifiers are the symbols it was written with.
    // Templates written in different places keep apart (`origin`).
    let origin = template.rules.origin();
    let (mut renames, in_transformer) = match vm.syntax_renames.as_mut().and_then(|r| r.remove(&origin)) {
        Some(r) => (r, true),
        None => (Renames::default(), vm.syntax_renames.is_some()),
    };
    let out = template.rules.instantiate_template(&mut Expander::new(vm), &template.template, &binds, &mut renames);
    if in_transformer {
        if let Some(all) = vm.syntax_renames.as_mut() {
            all.insert(origin, renames);
        }
        return Ok(syntax_value(vm, out?));
    }
    let introduced: Vec<usize> = renames.values().map(|a| a.id).collect();
    Ok(syntax_value(vm, unrename(&out?, &introduced)))
}

/// `x` with the aliases in `ids` back to the identifiers they rename.
fn unrename(x: &Syntax, ids: &[usize]) -> Syntax {
    x.map_leaves(&mut |leaf| match &leaf.datum {
        Datum::Alias(a) if ids.contains(&a.id) => Some(match &a.inner {
            Ident::Sym(s) => Datum::Symbol(*s),
            Ident::Alias(inner) => Datum::Alias(inner.clone()),
        }),
        _ => None,
    })
}

/// `(syntax->datum x)`: the data, identifiers as their symbols.
fn syntax_to_datum(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let x = as_syntax(vm, a[0]);
    Ok(vm.syntax_to_value(&x))
}

/// `(datum->syntax context datum)`: the datum's symbols become
/// identifiers that resolve as if they had appeared where `context` did.
/// The context is usually an identifier; any syntax (the whole form, say)
/// stands for its first identifier.
fn datum_to_syntax(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    if !matches!(a[0], Value::Pair(_)) && syntax_object(a[0]).is_none() {
        return Err(Throw::wrong_type("datum->syntax", 1, "syntax object", a[0]));
    }
    let context = first_identifier(&as_syntax(vm, a[0]));
    let datum = as_syntax(vm, a[1]);
    let out = match context {
        Some(Ident::Alias(alias)) => rename(vm, &datum, &alias),
        _ => datum,
    };
    Ok(syntax_value(vm, out))
}

fn first_identifier(x: &Syntax) -> Option<Ident> {
    let mut first = None;
    x.for_each_leaf(&mut |leaf| {
        if first.is_none() {
            first = Ident::of(leaf);
        }
    });
    first
}

/// `x` with each symbol renamed as `like` is (one alias per symbol).
fn rename(vm: &mut Vm, x: &Syntax, like: &Alias) -> Syntax {
    let mut renamed: HashMap<Symbol, Rc<Alias>> = HashMap::default();
    x.map_leaves(&mut |leaf| {
        let s = leaf.symbol()?;
        let alias = renamed.entry(s).or_insert_with(|| {
            Rc::new(Alias {
                inner: Ident::Sym(s),
                id: vm.fresh_alias_id(),
                env: like.env.clone(),
                module: like.module.clone(),
            })
        });
        Some(Datum::Alias(alias.clone()))
    })
}

fn is_identifier(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(syntax_object(a[0]).and_then(|x| Ident::of(&x)).is_some()))
}

/// `(syntax-source x)`: where the code `x` was read, as Guile's source
/// properties say it, or #f. A form given to a transformer is a list
/// here, not a syntax object: its place is the macro use being expanded.
fn syntax_source(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let span = match syntax_object(a[0]) {
        Some(x) if !x.span.is_none() => Some(x.span),
        Some(_) => vm.expansion_site,
        None if matches!(a[0], Value::Pair(_)) => vm.expansion_site,
        None => None,
    };
    Ok(match span.map(|span| vm.source_location(span)) {
        Some(location) if !location.is_null() => location,
        _ => Value::FALSE,
    })
}

/// Whether a binding of one would bind the other: the same identifier,
/// renamed the same way.
fn bound_identifier_eq(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let (x, y) = (identifier("bound-identifier=?", 1, a[0])?, identifier("bound-identifier=?", 2, a[1])?);
    Ok(Value::boolean(x.key() == y.key()))
}

/// Whether both refer to the same binding. guix0 compares the names under
/// the renamings, which is that unless one of them is shadowed.
fn free_identifier_eq(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let (x, y) = (identifier("free-identifier=?", 1, a[0])?, identifier("free-identifier=?", 2, a[1])?);
    Ok(Value::boolean(x.base() == y.base()))
}

/// `(generate-temporaries list)`: as many fresh identifiers.
fn generate_temporaries(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let n = as_syntax(vm, a[0])
        .list()
        .map(<[Syntax]>::len)
        .ok_or_else(|| Throw::wrong_type("generate-temporaries", 1, "list", a[0]))?;
    let mut out = Value::Null;
    for _ in 0..n {
        let alias = Alias {
            inner: Ident::Sym(Symbol::intern("t")),
            id: vm.fresh_alias_id(),
            env: None,
            module: vm.current_module.clone(),
        };
        let temp = vm.make_opaque(SyntaxObject(Syntax::new(Datum::Alias(Rc::new(alias)), Span::NONE)));
        out = vm.cons(temp, out);
    }
    Ok(out)
}

/// `(syntax-violation who message form [subform])`: a syntax error at the
/// form (or the subform) when it is syntax from the source.
fn syntax_violation(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let who = match a[0] {
        Value::Symbol(s) => Some(s.to_string()),
        Value::Str(s) => Some(s.borrow().to_string()),
        _ => None,
    };
    let message = match a[1] {
        Value::Str(s) => s.borrow().to_string(),
        other => return Err(Throw::wrong_type("syntax-violation", 2, "string", other)),
    };
    let culprit = a.get(3).copied().unwrap_or(a[2]);
    let form = as_syntax(vm, culprit);
    let text = crate::value::print::syntax_to_string(&form);
    let full = match who {
        Some(who) => format!("{who}: {message} in {text}"),
        None => format!("{message} in {text}"),
    };
    let mut t = Throw::new("syntax-error", None, full, vec![]);
    t.span = (form.span != Span::NONE).then_some(form.span);
    Err(t)
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("%syntax-match", 2, Some(2), syntax_match),
    ("%syntax-template", 1, None, syntax_template),
    ("syntax->datum", 1, Some(1), syntax_to_datum),
    ("datum->syntax", 2, Some(2), datum_to_syntax),
    ("identifier?", 1, Some(1), is_identifier),
    ("syntax-source", 1, Some(1), syntax_source),
    ("bound-identifier=?", 2, Some(2), bound_identifier_eq),
    ("free-identifier=?", 2, Some(2), free_identifier_eq),
    ("generate-temporaries", 1, Some(1), generate_temporaries),
    ("syntax-violation", 3, Some(4), syntax_violation),
];
