//! Building a VM: the root module with primitives, core syntax and the boot
//! library, and the `(guile-user)` module programs start in.

use std::cell::Cell;
use std::rc::Rc;

use super::code::InlineOp;
use super::Vm;
use crate::expand::{forms::SPECIAL_FORMS, Macro};
use crate::module::{Binding, Module, Modules};
use crate::reader::TopLevel;
use crate::runtime::ports::{Output, Port};
use crate::value::{Heap, Symbol, Value, Variable};

const INLINE_OPS: &[(InlineOp, &str)] = &[
    (InlineOp::Add, "+"),
    (InlineOp::Sub, "-"),
    (InlineOp::Lt, "<"),
    (InlineOp::Gt, ">"),
    (InlineOp::Le, "<="),
    (InlineOp::Ge, ">="),
    (InlineOp::NumEq, "="),
    (InlineOp::Car, "car"),
    (InlineOp::Cdr, "cdr"),
    (InlineOp::Cons, "cons"),
    (InlineOp::Eq, "eq?"),
    (InlineOp::NullP, "null?"),
    (InlineOp::PairP, "pair?"),
    (InlineOp::Not, "not"),
    (InlineOp::ZeroP, "zero?"),
    (InlineOp::VectorRef, "vector-ref"),
    (InlineOp::Mul, "*"),
    (InlineOp::Quotient, "quotient"),
    (InlineOp::Remainder, "remainder"),
    (InlineOp::Modulo, "modulo"),
    (InlineOp::Eqv, "eqv?"),
    (InlineOp::VectorLength, "vector-length"),
    (InlineOp::VectorSet, "vector-set!"),
];

/// The boot library, run in the root module at start-up: the loader,
/// errors and the core procedures. The rest of the root library runs when
/// a program first names something it defines (`module::autoload`).
const BOOT_FILE: &str = "guix0/boot.scm";

impl Vm {
    /// A VM with the boot library loaded. Fails only if the built-in
    /// library itself fails to load (a bug in guix0, reported as text).
    pub fn new() -> Result<Vm, String> {
        let mut heap = Heap::default();
        let root = Rc::new(Module::new(vec![Symbol::intern("guile")], true));
        let mut inline_prims = vec![std::ptr::null(); InlineOp::COUNT];
        for table in crate::runtime::all() {
            for p in table.iter() {
                let name = Symbol::intern(p.name);
                let var = heap.alloc(Variable { value: Cell::new(Value::Prim(p)), name });
                root.table.borrow_mut().insert(name, Binding::Var(var));
                if let Some((op, _)) = INLINE_OPS.iter().find(|(_, n)| *n == p.name) {
                    inline_prims[*op as usize] = p as *const _;
                }
            }
        }
        for (name, form) in SPECIAL_FORMS {
            root.define_syntax(Symbol::intern(name), Rc::new(Macro::Special(*form)));
        }
        let user = Rc::new(Module::new(vec![Symbol::intern("guile-user")], false));
        let mut modules = Modules::default();
        modules.by_name.insert(root.name.clone(), root.clone());
        modules.by_name.insert(user.name.clone(), user.clone());
        let stdout = Value::Port(heap.alloc(Port::output("standard output", Output::Stdout)));
        let stderr = Value::Port(heap.alloc(Port::output("standard error", Output::Stderr)));
        let stdin = Value::Port(heap.alloc(Port::stdin()));
        let stack_limit = super::stack::limit_items();
        let mut vm = Vm {
            heap,
            stack: Default::default(),
            frames: Default::default(),
            handlers: Value::Null,
            winders: Value::Null,
            modules,
            root_module: root.clone(),
            current_module: root,
            current_input: stdin,
            current_output: stdout,
            current_error: stderr,
            pinned: Vec::new(),
            run_depth: 0,
            next_alias: 0,
            inline_prims,
            trampoline: None,
            load_path: Vec::new(),
            argv: Vec::new(),
            loading_files: Vec::new(),
            library_outer: Vec::new(),
            file_definitions: None,
            running_form: crate::diag::Span::NONE,
            expansion_site: None,
            last_error: None,
            mes_datadir: crate::module::mes::find_datadir(),
            syntax_renames: None,
            portable_expander: false,
            mes_mode_depth: 0,
            mes_program: false,
            root_files_run: vec![false; crate::module::autoload::ROOT_FILES_ON_DEMAND.len()],
            trace_hook: None,
            stack_limit_normal: stack_limit,
            stack_limit,
            record_locals: false,
            last_segment: None,
        };
        vm.define_mes_globals();
        // The loader itself (`primitive-load`) is defined there, so its
        // forms are run directly.
        vm.load_boot_file(BOOT_FILE)?;
        vm.current_module = user;
        Ok(vm)
    }

    /// Run a root library file now, in the middle of a program: in the
    /// root module, as library code (not Mes code, not part of the file
    /// being loaded), as it would have run at start-up. Rust code that
    /// looks a name up may hold values the collector does not see, so
    /// there is no collection meanwhile (the files are small).
    pub(crate) fn run_root_file_now(&mut self, file: &str) -> Result<(), String> {
        let module = std::mem::replace(&mut self.current_module, self.root_module.clone());
        let definitions = self.file_definitions.take();
        let renames = self.syntax_renames.take();
        let mes = (std::mem::take(&mut self.mes_mode_depth), std::mem::take(&mut self.mes_program));
        let running = self.running_form;
        self.heap.inhibit += 1;
        let result = self.load_boot_file(file);
        self.heap.inhibit -= 1;
        self.current_module = module;
        self.file_definitions = definitions;
        self.syntax_renames = renames;
        (self.mes_mode_depth, self.mes_program) = mes;
        self.running_form = running;
        result
    }

    fn load_boot_file(&mut self, file: &str) -> Result<(), String> {
        let path = std::path::PathBuf::from(format!("{}/{file}", crate::EMBEDDED_PREFIX));
        let (id, text) = self.read_source_text(&path).map_err(|t| t.message.clone())?;
        // As in a program's files, procedure bodies are read on first call
        // (reader/split.rs): a run calls few of the library's procedures.
        let mut constants = Vec::new();
        let forms =
            crate::reader::split_top_level(id, &text, &mut self.heap, &mut constants).map_err(boot_read_error)?;
        // The stack roots the values read into the forms until they ran.
        let base = self.stack.len();
        self.stack.extend_from_slice(&constants);
        self.loading_files.push(path);
        let result = self.run_boot_forms(id, &text, forms);
        self.loading_files.pop();
        self.stack.truncate(base);
        result
    }

    fn run_boot_forms(&mut self, file: u32, text: &str, forms: Vec<TopLevel>) -> Result<(), String> {
        for form in forms {
            let (thunk, span) = match form {
                TopLevel::Definition { start, end, procedure } => {
                    let span = crate::diag::Span::new(file, start, end);
                    if self.define_from_text(file, text, &procedure, span) {
                        continue;
                    }
                    match crate::reader::read_one(file, text, start) {
                        Ok((Some(form), _)) => (self.compile_boot_form(&form)?, span),
                        Ok((None, _)) => continue,
                        Err(e) => return Err(boot_read_error(e)),
                    }
                }
                TopLevel::Read(form) => (self.compile_boot_form(&form)?, form.span),
            };
            if let Err(e) = self.apply(thunk, &[]) {
                let msg = match e {
                    super::RunError::Uncaught(v) => crate::value::print::to_write(v),
                    super::RunError::Exit(c) => format!("exit {c}"),
                };
                return Err(format!("{}: {msg}", span.location()));
            }
        }
        Ok(())
    }

    fn compile_boot_form(&mut self, form: &crate::reader::Syntax) -> Result<Value, String> {
        self.compile_form(form).map_err(|t| format!("{}: {}", form.span.location(), t.message))
    }
}

impl Vm {
    /// Bind `name` in the root module.
    pub fn define_root(&mut self, name: &str, value: Value) {
        let var = self.root_module.define_variable(&mut self.heap, Symbol::intern(name));
        var.assign(value);
    }

    /// The globals Mes's C core defines: its cell types, where its module
    /// tree is, and the machine (and Guile's name for the machine).
    fn define_mes_globals(&mut self) {
        for (name, code) in crate::runtime::mes::CELL_TYPES {
            self.define_root(name, Value::Int(*code));
        }
        let datadir = self.mes_datadir.as_ref().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
        let datadir = self.make_string(&datadir);
        self.define_root("%datadir", datadir);
        let moduledir = self.mes_moduledir().map(|d| format!("{}/", d.display())).unwrap_or_default();
        let moduledir = self.make_string(&moduledir);
        self.define_root("%moduledir", moduledir);
        let arch = self.make_string(std::env::consts::ARCH);
        self.define_root("%arch", arch);
        // Guile's: the GNU triplet of the machine guix0 runs on.
        let host = match std::env::consts::ARCH {
            "x86" => "i686-pc-linux-gnu".to_string(),
            "x86_64" => "x86_64-pc-linux-gnu".to_string(),
            arch => format!("{arch}-unknown-linux-gnu"),
        };
        let host = self.make_string(&host);
        self.define_root("%host-type", host);
        // Guile's variable. (guix0's reader, as Mes's, reads the name as the
        // value itself: Mes's tests quote it. Guile reads a symbol.)
        self.define_root("*unspecified*", Value::Unspecified);
    }

    /// Set the program's command line: `(command-line)` and Mes's `%argv`.
    pub fn set_argv(&mut self, argv: Vec<String>) {
        let items: Vec<Value> = argv.iter().map(|a| self.make_string(a)).collect();
        let list = self.list(&items);
        self.define_root("%argv", list);
        self.argv = argv;
    }
}

/// A reading error in the boot library (a bug in guix0), as text.
fn boot_read_error(e: crate::diag::ReadError) -> String {
    format!("{}: {}", e.span.location(), e.message)
}
