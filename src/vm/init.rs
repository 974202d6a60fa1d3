//! Building a VM: the root module with primitives, core syntax and the boot
//! library, and the `(guile-user)` module programs start in.

use std::cell::Cell;
use std::rc::Rc;

use super::code::InlineOp;
use super::Vm;
use crate::expand::{forms::SPECIAL_FORMS, Macro};
use crate::module::{Binding, Module, Modules};
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
];

impl Vm {
    /// A VM with the boot library loaded. Fails only if the built-in
    /// library itself fails to load (a bug in guix0, reported as text).
    pub fn new() -> Result<Vm, String> {
        let mut heap = Heap::default();
        let root = Rc::new(Module::new(vec![Symbol::intern("guile")], true));
        let mut inline_prims = vec![std::ptr::null(); INLINE_OPS.len()];
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
        let mut vm = Vm {
            heap,
            stack: Vec::with_capacity(1 << 12),
            frames: Vec::with_capacity(1 << 10),
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
            last_error: None,
            mes_prefix: std::env::var_os("MES_PREFIX").map(Into::into),
        };
        vm.load_boot()?;
        vm.current_module = user;
        Ok(vm)
    }

    /// Run `scheme/guix0/boot.scm` in the root module. The loader itself
    /// (`primitive-load`) is defined there, so the forms are run directly.
    fn load_boot(&mut self) -> Result<(), String> {
        let path = std::path::PathBuf::from(format!("{}/guix0/boot.scm", crate::EMBEDDED_PREFIX));
        let forms = self.read_file_forms(&path).map_err(|t| t.message.clone())?;
        for form in forms {
            let thunk = self.compile_form(&form).map_err(|t| format!("{}: {}", form.span.location(), t.message))?;
            if let Err(e) = self.apply(thunk, &[]) {
                let msg = match e {
                    super::RunError::Uncaught(v) => crate::value::print::to_write(v),
                    super::RunError::Exit(c) => format!("exit {c}"),
                };
                return Err(format!("{}: {msg}", form.span.location()));
            }
        }
        Ok(())
    }
}
