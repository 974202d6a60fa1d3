//! Looking at names and values: `,describe` (docstring, parameters, arity,
//! where a procedure is defined, which module a name comes from),
//! `,apropos` (bound names matching a regex) and `,expand` (macro
//! expansion of a form's head, as Guile's `macroexpand` does one level at
//! a time, repeated until the head is no macro: subforms are not expanded).

use std::collections::HashMap;
use std::rc::Rc;

use super::commands::{call, exported, note, usage_error};
use super::eval::{self, Failed};
use super::Session;
use crate::expand::{Expander, Macro};
use crate::module::{Binding, Module};
use crate::runtime::ports::write_stdout;
use crate::value::print::to_write_bounded;
use crate::value::{Symbol, Value};
use crate::vm::Vm;

/// Longest chain of macro uses `,expand` follows.
const EXPANSION_LIMIT: usize = 1000;

/// The binding `name` has in the current module (its own, imported, or
/// the root module's).
fn binding_of(vm: &Vm, name: Symbol) -> Option<Binding> {
    let module = &vm.current_module;
    module.lookup_local(name).or_else(|| if module.pure { None } else { vm.root_module.lookup_local(name) })
}

/// An identity for a binding, to find which module defines it.
fn binding_key(b: &Binding) -> usize {
    match b {
        Binding::Var(v) => v.addr(),
        Binding::Syntax(m) => Rc::as_ptr(m) as usize,
    }
}

/// For every binding some module defines, that module's name.
fn defining_modules(vm: &Vm) -> HashMap<usize, String> {
    // In a fixed order, the root module last: the first module holding a
    // binding is the one named.
    let mut modules: Vec<&Rc<Module>> = vm.modules.by_name.values().collect();
    modules.sort_by_key(|m| (m.is_root, m.display_name()));
    let mut found = HashMap::new();
    for m in modules {
        for b in m.table.borrow().values() {
            found.entry(binding_key(b)).or_insert_with(|| m.display_name());
        }
    }
    found
}

fn kind_of_macro(m: &Macro) -> &'static str {
    match m {
        Macro::Special(_) => "a special form (core syntax)",
        Macro::Rules(_) => "a syntax-rules macro",
        Macro::Procedure(_) => "a define-macro macro",
        Macro::SyntaxCase(_) => "a syntax-case macro",
        Macro::Parameter { .. } => "a syntax parameter (define-syntax-parameter)",
    }
}

/// `,describe EXPR`: a name bound to syntax is described as syntax;
/// anything else is evaluated and its value described.
pub fn describe(vm: &mut Vm, session: &mut Session, arg: &str) -> Result<(), Failed> {
    let is_name = !arg.contains(|c: char| c.is_whitespace() || "()[]\"';`,".contains(c));
    let binding = if is_name { binding_of(vm, Symbol::intern(arg)) } else { None };
    let origin = binding.as_ref().and_then(|b| defining_modules(vm).get(&binding_key(b)).cloned());
    if let Some(Binding::Syntax(m)) = &binding {
        let from = origin.map(|m| format!(", from {m}")).unwrap_or_default();
        write_stdout(format!("`{arg}` is {}{from}.\n", kind_of_macro(m)).as_bytes());
        if !matches!(**m, Macro::Special(_)) {
            note(session, &format!(";; ,expand ({arg} ...) shows what a use of it becomes"));
        }
        return Ok(());
    }
    let v = eval::eval_value(vm, arg)?;
    let mut out = describe_value(v);
    if let Some(module) = origin {
        out.push_str(&format!("`{arg}` is bound in {module}.\n"));
    }
    write_stdout(out.as_bytes());
    Ok(())
}

fn describe_value(v: Value) -> String {
    match v {
        Value::Closure(c) => {
            let code = &c.code();
            let mut out = format!("{}\n", to_write_bounded(v, 200));
            out.push_str(&format!("A procedure taking {} argument(s).\n", code.arity.describe()));
            if !code.span.is_none() {
                out.push_str(&format!("Defined at {}.\n", code.span.location()));
            }
            match &code.doc {
                Some(doc) => out.push_str(&format!("\n{doc}\n\n")),
                None => out.push_str("It has no docstring.\n"),
            }
            out
        }
        Value::Prim(p) => format!(
            "{}\nA primitive procedure (built into guix0) taking {} argument(s).\n",
            to_write_bounded(v, 200),
            p.describe_arity()
        ),
        Value::Record(r) => {
            let mut out = format!("{}\nA record of type {}. Fields:\n", eval::show_value(v), r.rtype.name.get());
            for (field, value) in r.rtype.fields.iter().zip(r.fields.iter()) {
                out.push_str(&format!("  {field}: {}\n", to_write_bounded(value.get(), 100)));
            }
            out
        }
        other => format!("{}\nA {}.\n", to_write_bounded(other, 1000), type_name(other)),
    }
}

fn type_name(v: Value) -> &'static str {
    match v {
        Value::Null => "empty list",
        Value::Bool(_) => "boolean",
        Value::Unspecified | Value::Undefined | Value::Default => "unspecified value",
        Value::Eof => "end-of-file object",
        Value::Int(_) | Value::Big(_) => "exact integer",
        Value::Rat(_) => "exact rational number",
        Value::Float(_) => "real number (a flonum)",
        Value::Char(_) => "character",
        Value::Symbol(_) => "symbol",
        Value::Keyword(_) => "keyword",
        Value::Pair(_) => "pair (a list if it ends in ())",
        Value::Str(_) => "string",
        Value::Vector(_) => "vector",
        Value::Bytevector(_) => "bytevector",
        Value::Values(_) => "multiple values",
        Value::RecordType(_) => "record type",
        Value::HashTable(_) => "hash table",
        Value::Port(_) => "port",
        Value::Promise(_) => "promise",
        Value::Parameter(_) => "parameter object (call it to get its value)",
        Value::Continuation(_) => "continuation",
        Value::Condition(_) => "condition (an error object)",
        Value::Variable(_) => "variable",
        Value::Prim(_) | Value::Closure(_) | Value::Code(_) => "procedure",
        Value::Record(_) => "record",
        Value::Opaque(_) => "built-in object",
    }
}

/// `,apropos REGEX`: bound names matching, with their module and value.
pub fn apropos(vm: &mut Vm, session: &mut Session, arg: &str) -> Result<(), Failed> {
    let re = match regex::Regex::new(arg) {
        Ok(re) => re,
        Err(e) => return usage_error(session, &format!("bad regular expression: {e}")),
    };
    let origins = defining_modules(vm);
    let mut out = String::new();
    let mut count = 0;
    for name in super::helper::bound_names(vm).iter().filter(|n| re.is_match(n)) {
        let Some(b) = binding_of(vm, Symbol::intern(name)) else { continue };
        let module = origins.get(&binding_key(&b)).cloned().unwrap_or_else(|| "(imported)".into());
        let what = match &b {
            Binding::Var(v) => eval::show_value(v.value.get()),
            Binding::Syntax(m) => format!("<{}>", kind_of_macro(m)),
        };
        let what: String =
            if what.chars().count() > 70 { what.chars().take(67).collect::<String>() + "..." } else { what };
        out.push_str(&format!("{module}: {name}\t{what}\n"));
        count += 1;
    }
    write_stdout(out.as_bytes());
    if count == 0 {
        note(session, &format!(";; no bound name matches {arg}"));
    }
    Ok(())
}

/// `,expand EXPR`: expand the macro use at the head of EXPR repeatedly
/// (special forms and procedure calls stop it) and pretty-print the result.
pub fn expand(vm: &mut Vm, session: &mut Session, arg: &str) -> Result<(), Failed> {
    let pretty = exported(vm, &["ice-9", "pretty-print"], "pretty-print", false)?;
    let id = crate::diag::add_source("<repl>", Rc::from(arg));
    let forms = match crate::reader::read_all(id, arg) {
        Ok(forms) => forms,
        Err(e) => {
            crate::runtime::ports::write_stderr(&crate::diag::render_read_error(&e));
            return Err(Failed::Error);
        }
    };
    let Some(first) = forms.first() else { return usage_error(session, "usage: ,expand EXPR") };
    // Syntax holds values the collector cannot see: no collection until
    // the expansion is data again.
    vm.heap.inhibit += 1;
    let mut form = first.clone();
    let mut result = Ok(());
    // Why the form came back as written, if it did.
    let mut unexpanded = None;
    for step in 0..EXPANSION_LIMIT {
        let mut ex = Expander::new(vm);
        let Some(m) = ex.macro_of(&form, &None) else {
            if step == 0 {
                unexpanded = Some("not a macro use: nothing to expand");
            }
            break;
        };
        if matches!(*m, Macro::Special(_)) {
            if step == 0 {
                unexpanded = Some("a form built into guix0's expander (written in Rust): it has no expansion to show");
            }
            break;
        }
        match ex.expand_macro_once(&m, &form, &None) {
            Ok(out) => form = out,
            Err(t) => {
                result = Err(t);
                break;
            }
        }
    }
    let datum = vm.syntax_to_value(&form);
    vm.heap.inhibit -= 1;
    if let Err(t) = result {
        eval::report_throw(vm, &t);
        return Err(Failed::Error);
    }
    call(vm, pretty, &[datum])?;
    if let Some(why) = unexpanded {
        note(session, &format!(";;; {why}"));
    }
    Ok(())
}
