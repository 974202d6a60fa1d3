//! The line editor's helper: completion (see `completion.rs`), multi-line
//! input that waits for balanced brackets and strings, and colour for the
//! prompt and matching brackets.

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::PathBuf;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter, MatchingBracketHighlighter};
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};

use super::completion::{self, Target};
use super::style::Style;
use crate::module::Binding;
use crate::value::Value;
use crate::vm::Vm;

pub struct ReplHelper {
    style: Style,
    brackets: MatchingBracketHighlighter,
    /// Bound names in the current module (sorted), refreshed before each prompt.
    names: Vec<String>,
    /// Modules built in or loaded, as words (`srfi srfi-1`).
    modules: Vec<String>,
    load_path: Vec<PathBuf>,
    /// Module files found under `load_path`, listed on first use.
    path_modules: RefCell<Option<Vec<String>>>,
    commands: Vec<&'static str>,
}

impl ReplHelper {
    pub fn new(style: Style, commands: Vec<&'static str>) -> ReplHelper {
        ReplHelper {
            style,
            brackets: MatchingBracketHighlighter::new(),
            names: vec![],
            modules: vec![],
            load_path: vec![],
            path_modules: RefCell::new(None),
            commands,
        }
    }

    /// Take a snapshot of what can be completed from the VM's state.
    pub fn refresh(&mut self, vm: &Vm) {
        self.names = bound_names(vm);
        let mut modules: Vec<String> = crate::module::EMBEDDED
            .iter()
            .filter_map(|(path, _)| path.strip_suffix(".scm"))
            .map(|p| p.replace('/', " "))
            .chain(crate::module::BUILTIN_MODULES.iter().map(|m| m.to_string()))
            .chain(vm.modules.by_name.keys().map(|k| k.iter().map(|s| s.name()).collect::<Vec<_>>().join(" ")))
            .collect();
        modules.sort();
        modules.dedup();
        self.modules = modules;
        if self.load_path != vm.load_path {
            self.load_path = vm.load_path.clone();
            *self.path_modules.borrow_mut() = None;
        }
    }

    fn all_modules(&self) -> Vec<String> {
        let mut cached = self.path_modules.borrow_mut();
        let found = cached.get_or_insert_with(|| modules_under(&self.load_path));
        let mut all: Vec<String> = self.modules.iter().chain(found.iter()).cloned().collect();
        all.sort();
        all.dedup();
        all
    }
}

/// Every name bound in the current module: its own, its imports and (unless
/// it is a pure module) the root module's. Placeholders the expander made
/// for names used before definition are left out.
pub fn bound_names(vm: &Vm) -> Vec<String> {
    let mut names = Vec::new();
    let mut add = |table: &rustc_hash::FxHashMap<crate::value::Symbol, Binding>| {
        for (name, binding) in table {
            if let Binding::Var(v) = binding {
                if matches!(v.value.get(), Value::Undefined) {
                    continue;
                }
            }
            names.push(name.name().to_string());
        }
    };
    let module = &vm.current_module;
    add(&module.table.borrow());
    add(&module.imported.borrow());
    if !module.pure {
        add(&vm.root_module.table.borrow());
    }
    names.sort();
    names.dedup();
    names
}

/// Module names of the `.scm` files under the load-path directories.
fn modules_under(dirs: &[PathBuf]) -> Vec<String> {
    fn walk(dir: &std::path::Path, prefix: &[String], depth: usize, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if path.is_dir() && depth < 4 && !name.starts_with('.') {
                let mut p = prefix.to_vec();
                p.push(name);
                walk(&path, &p, depth + 1, out);
            } else if let Some(stem) = name.strip_suffix(".scm") {
                let mut p = prefix.to_vec();
                p.push(stem.to_string());
                out.push(p.join(" "));
            }
        }
    }
    let mut out = Vec::new();
    for d in dirs {
        walk(d, &[], 0, &mut out);
    }
    out
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let typed = |start: usize| &line[start..pos];
        Ok(match completion::target(line, pos) {
            Target::Command { start } => (start, completion::matching_commands(&self.commands, typed(start))),
            Target::Module { start, close } => {
                (start, completion::matching_modules(&self.all_modules(), typed(start), close))
            }
            Target::File { start } => (start, completion::matching_files(typed(start))),
            Target::Name { start } => (start, completion::matching_names(&self.names, typed(start))),
            Target::Nothing => (pos, vec![]),
        })
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if self.style.color {
            self.brackets.highlight(line, pos)
        } else {
            Cow::Borrowed(line)
        }
    }

    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(&'s self, prompt: &'p str, _default: bool) -> Cow<'b, str> {
        Cow::Owned(self.style.prompt(prompt))
    }

    fn highlight_char(&self, line: &str, pos: usize, kind: CmdKind) -> bool {
        self.style.color && self.brackets.highlight_char(line, pos, kind)
    }
}

impl Validator for ReplHelper {
    /// Enter on unbalanced input starts a new line instead of evaluating.
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        let input = ctx.input();
        let scheme = match input.trim_start().strip_prefix(',') {
            // A meta-command's argument may be a multi-line expression.
            Some(command) => match command.split_once(char::is_whitespace) {
                Some((name, arg)) if super::commands::takes_code(name) => arg,
                _ => "",
            },
            None => input,
        };
        Ok(if crate::reader::is_complete(scheme) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

impl Helper for ReplHelper {}
