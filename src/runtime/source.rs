//! Reading source files for `load`: a file's forms, compiled and run one
//! at a time by the loader in Scheme.

use std::rc::Rc;

use super::io::read_error;
use super::text_of;
use crate::module::forward::FileDefinitions;
use crate::prims;
use crate::reader::{Syntax, TopLevel};
use crate::value::{OpaqueData, Tracer, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

/// The forms of a source file, compiled and run one at a time by index.
/// The loader's loop carries the index, so a continuation captured in one
/// form and resumed later goes on with the forms after that one, as when
/// Guile compiles a whole file.
pub struct Source {
    pub forms: std::cell::RefCell<Vec<SourceForm>>,
    pub path: Option<std::path::PathBuf>,
    /// The values in the forms (quoted data read straight into values):
    /// live until the file has run.
    constants: Vec<Value>,
    /// The names the forms define at top level (`module::forward`).
    defines: Rc<rustc_hash::FxHashSet<crate::value::Symbol>>,
    /// The form that opened this source (`load`, `use-modules`), running again after it.
    opened_by: crate::diag::Span,
}

#[derive(Clone)]
pub enum SourceForm {
    Read(Syntax),
    /// `(define (name . formals) body ...)` in Mes code or guix0's library,
    /// in the text of `file`, its body not read yet.
    Definition {
        file: u32,
        start: usize,
        end: usize,
        procedure: crate::reader::ProcedureText,
    },
}

impl OpaqueData for Source {
    fn type_name(&self) -> &'static str {
        "source"
    }
    fn trace_data(&self, t: &mut Tracer) {
        t.values(&self.constants);
    }
}

fn source_value(vm: &mut Vm, forms: Vec<SourceForm>, constants: Vec<Value>, path: Option<std::path::PathBuf>) -> Value {
    let read = forms.iter().filter_map(|f| match f {
        SourceForm::Read(syntax) => Some(syntax),
        SourceForm::Definition { .. } => None,
    });
    let defines = Rc::new(crate::module::forward::top_level_definitions(read));
    let src = Source { forms: std::cell::RefCell::new(forms), path, constants, defines, opened_by: vm.running_form };
    vm.make_opaque(src)
}

/// Mes's `%program`: the forms of the main program (the first source opened
/// after the boot library, not a module loaded on the way), as read.
fn define_program(vm: &mut Vm, forms: &[Syntax]) {
    if !vm.modules.loading.is_empty() {
        return;
    }
    let data: Vec<Value> = forms.iter().map(|f| vm.syntax_to_value(f)).collect();
    let program = vm.list(&data);
    vm.define_root("%program", program);
}

fn program_defined(vm: &Vm) -> bool {
    vm.root_module.table.borrow().contains_key(&crate::sym!("%program"))
}

/// `(%open-source path)`: read a whole file (a syntax error anywhere means
/// nothing runs, as in Mes). The bodies of Mes code's procedure definitions
/// are only lexed: they are read if the procedure is called.
fn open_source(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let path = std::path::PathBuf::from(text_of("load", 1, a[0])?);
    let mut constants = Vec::new();
    let forms = if vm.defers_procedures_of(Some(&path)) && program_defined(vm) {
        let (file, text) = vm.read_source_text(&path)?;
        let forms = crate::reader::split_top_level(file, &text, &mut vm.heap, &mut constants).map_err(read_error)?;
        forms
            .into_iter()
            .map(|form| match form {
                TopLevel::Read(syntax) => SourceForm::Read(syntax),
                TopLevel::Definition { start, end, procedure } => {
                    SourceForm::Definition { file, start, end, procedure }
                }
            })
            .collect()
    } else {
        let forms = vm.read_file_forms(&path)?;
        if !program_defined(vm) {
            define_program(vm, &forms);
        }
        forms.into_iter().map(SourceForm::Read).collect()
    };
    Ok(source_value(vm, forms, constants, Some(path)))
}

/// `(%open-source-string name text)`.
fn open_source_string(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let name = text_of("eval-string", 1, a[0])?;
    let text = text_of("eval-string", 2, a[1])?;
    let id = crate::diag::add_source(&name, Rc::from(text.as_str()));
    let forms = crate::reader::read_all(id, &text).map_err(read_error)?;
    if !program_defined(vm) {
        define_program(vm, &forms);
    }
    Ok(source_value(vm, forms.into_iter().map(SourceForm::Read).collect(), Vec::new(), None))
}

/// `(%source-form source i)`: compile the i-th top-level form into a
/// thunk; #t if it was a procedure definition, made already (the loader
/// runs a thunk per form, and a library defines hundreds of procedures);
/// #f past the end. A top-level `begin` is spliced in its place
/// first, so that each of its forms is expanded after the previous one ran.
fn source_form(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let Value::Opaque(o) = a[0] else { return Err(Throw::wrong_type("%source-form", 1, "source", a[0])) };
    let Some(src) = o.downcast::<Source>() else { return Err(Throw::wrong_type("%source-form", 1, "source", a[0])) };
    let i = super::expect_index("%source-form", 2, a[1])?;
    loop {
        let Some(form) = src.forms.borrow().get(i).cloned() else {
            vm.running_form = src.opened_by;
            return Ok(Value::FALSE);
        };
        let form = match form {
            SourceForm::Read(form) => form,
            SourceForm::Definition { file, start, end, procedure } => {
                let text = crate::diag::source_text(file).unwrap_or_default();
                let span = crate::diag::Span::new(file, start, end);
                if loading(vm, &src.path, |vm| vm.define_from_text(file, &text, &procedure, span)) {
                    return Ok(Value::TRUE);
                }
                // Not deferred after all (`define` rebound, ...): read it.
                let (syntax, _) = crate::reader::read_one(file, &text, start).map_err(read_error)?;
                let Some(syntax) = syntax else { return Ok(Value::FALSE) };
                src.forms.borrow_mut()[i] = SourceForm::Read(syntax.clone());
                syntax
            }
        };
        if let Some(parts) = vm.toplevel_begin_parts(&form) {
            src.forms.borrow_mut().splice(i..=i, parts.into_iter().map(SourceForm::Read));
            continue;
        }
        let definitions = FileDefinitions { module: vm.current_module.clone(), defines: src.defines.clone() };
        let outer = vm.file_definitions.replace(definitions);
        let result = loading(vm, &src.path, |vm| vm.compile_form(&form));
        vm.file_definitions = outer;
        // The loader runs the form next: errors can point at it when its
        // own frame is gone (a tail call out of it).
        vm.running_form = form.span;
        return result;
    }
}

/// `f` run with `path` as the file being loaded (for `current-filename`,
/// relative includes and deferred procedures).
fn loading<T>(vm: &mut Vm, path: &Option<std::path::PathBuf>, f: impl FnOnce(&mut Vm) -> T) -> T {
    vm.loading_files.extend(path.clone());
    let result = f(vm);
    if path.is_some() {
        vm.loading_files.pop();
    }
    result
}

/// `(%compile-datum datum)`: a thunk evaluating a datum (for `eval`).
fn compile_datum(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let syntax = vm.value_to_syntax(a[0], crate::diag::Span::NONE, &Default::default())?;
    vm.compile_form(&syntax)
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("%open-source", 1, Some(1), open_source),
    ("%open-source-string", 2, Some(2), open_source_string),
    ("%source-form", 2, Some(2), source_form),
    ("%compile-datum", 1, Some(1), compile_datum),
];
