//! Build steps: the reader's grammar, the index of names the root module
//! autoloads from library modules, and the index of names defined by the
//! root library files run on first use (both in src/module/autoload.rs).

use std::fmt::Write as _;

/// Library modules whose exports the root module offers on first use.
const AUTOLOAD_MODULES: &[&str] = &[
    "srfi/srfi-13.scm",
    "srfi/srfi-14.scm",
    "srfi/srfi-1.scm",
    "ice-9/format.scm",
    "guix0/ports.scm",
    "guix0/bytevectors.scm",
    "guix0/bits.scm",
    "guix0/rnrs.scm",
    "guix0/queues.scm",
    "guix0/ftw.scm",
    "guix0/prompts.scm",
    "ice-9/exceptions.scm",
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/reader/grammar.lalrpop");
    lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .process()
        .expect("the reader grammar (src/reader/grammar.lalrpop) must build");
    write_autoload_index();
    write_root_on_demand_index();
}

/// Root library files run on first use of a name they define, not at
/// start-up (the rest of the root library is in src/vm/init.rs).
const ROOT_FILES_ON_DEMAND: &[&str] = &[
    "guix0/lists.scm",
    "guix0/collections.scm",
    "guix0/forms.scm",
    "guix0/system.scm",
    "guix0/mes.scm",
    "guix0/guile-core.scm",
];

/// `$OUT_DIR/root_on_demand.rs`: the files, and `(name, file index)` pairs
/// sorted by name for every top-level name the files define.
fn write_root_on_demand_index() {
    let mut entries: Vec<(String, usize)> = vec![];
    for (index, file) in ROOT_FILES_ON_DEMAND.iter().enumerate() {
        let path = format!("scheme/{file}");
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for form in top_level_forms(&text) {
            for name in
                defined_names(&form).unwrap_or_else(|| panic!("{path}: build.rs cannot tell what {form:?} defines"))
            {
                entries.push((name, index));
            }
        }
    }
    entries.sort();
    entries.dedup_by(|a, b| a.0 == b.0);
    let mut out = format!("pub const ROOT_FILES_ON_DEMAND: &[&str] = &{ROOT_FILES_ON_DEMAND:?};\n");
    out.push_str("pub const ROOT_NAMES_ON_DEMAND: &[(&str, usize)] = &[\n");
    for (name, index) in entries {
        let _ = writeln!(out, "    ({name:?}, {index}),");
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("root_on_demand.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// A datum as far as the index needs it: lists and everything else as text.
#[derive(Debug)]
enum Form {
    List(Vec<Form>),
    Atom(String),
}

impl Form {
    fn atom(&self) -> Option<&str> {
        match self {
            Form::Atom(a) => Some(a),
            Form::List(_) => None,
        }
    }
}

/// The names a top-level form of a root library file defines; `None` for
/// a form this build step does not know.
fn defined_names(form: &Form) -> Option<Vec<String>> {
    let Form::List(items) = form else { return None };
    let name_of = |target: &Form| -> Option<String> {
        match target {
            Form::Atom(a) => Some(a.clone()),
            // (define (name . formals) ...), curried or not.
            Form::List(inner) => {
                let mut head = inner.first()?;
                while let Form::List(deeper) = head {
                    head = deeper.first()?;
                }
                head.atom().map(str::to_string)
            }
        }
    };
    match items.first()?.atom()? {
        "define" | "define*" | "define-public" | "define-macro" | "define-syntax" => {
            Some(vec![name_of(items.get(1)?)?])
        }
        "define-vector-accessors" => items[1..].iter().map(|i| i.atom().map(str::to_string)).collect(),
        "define-values" => match items.get(1)? {
            Form::List(names) => names.iter().map(|n| n.atom().map(str::to_string)).collect(),
            _ => None,
        },
        // (define-record-type type (constructor field ...) predicate (field accessor [modifier]) ...)
        "define-record-type" => {
            let mut names = vec![name_of(items.get(1)?)?, name_of(items.get(2)?)?, name_of(items.get(3)?)?];
            for field in &items[4..] {
                let Form::List(parts) = field else { return None };
                names.extend(parts[1..].iter().filter_map(|p| p.atom().map(str::to_string)));
            }
            Some(names)
        }
        _ => None,
    }
}

/// The top-level data of a Scheme file, read just well enough for
/// `defined_names`: strings and characters are atoms, comments skipped.
fn top_level_forms(text: &str) -> Vec<Form> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Vec<Form>> = vec![vec![]];
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        match bytes[i] {
            b';' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'#' if bytes.get(i + 1) == Some(&b'|') => {
                i += text[i..].find("|#").expect("block comments are closed") + 2;
            }
            b'(' | b'[' => {
                stack.push(vec![]);
                i += 1;
            }
            b')' | b']' => {
                let list = stack.pop().expect("brackets are balanced");
                stack.last_mut().expect("brackets are balanced").push(Form::List(list));
                i += 1;
            }
            b'"' => {
                i += 1;
                while bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                stack.last_mut().expect("brackets are balanced").push(Form::Atom(text[start..i].to_string()));
            }
            b',' if bytes.get(i + 1) == Some(&b'@') => i += 2,
            c if c.is_ascii_whitespace() || c == b'\'' || c == b'`' || c == b',' => i += 1,
            _ => {
                // A character: #\( is an atom, not a bracket.
                if text[i..].starts_with("#\\") {
                    i += 3;
                }
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"()[]\";".contains(&bytes[i]) {
                    i += 1;
                }
                stack.last_mut().expect("brackets are balanced").push(Form::Atom(text[start..i].to_string()));
            }
        }
    }
    stack.pop().expect("brackets are balanced")
}

/// `$OUT_DIR/autoloads.rs`: `(name, module)` pairs sorted by name, taken
/// from each module's `#:export` list.
fn write_autoload_index() {
    let mut entries: Vec<(String, String)> = vec![];
    for file in AUTOLOAD_MODULES {
        let path = format!("scheme/{file}");
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let module = file.trim_end_matches(".scm").replace('/', " ");
        for name in export_list(&text).unwrap_or_else(|| panic!("{path}: no #:export list")) {
            entries.push((name, module.clone()));
        }
    }
    entries.sort();
    entries.dedup_by(|a, b| a.0 == b.0);
    let mut out = String::from("pub const AUTOLOADS: &[(&str, &str)] = &[\n");
    for (name, module) in entries {
        let _ = writeln!(out, "    ({name:?}, {module:?}),");
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("autoloads.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// The names in the first `#:export (...)` of a module file.
fn export_list(text: &str) -> Option<Vec<String>> {
    let start = text.find("#:export")? + "#:export".len();
    let open = start + text[start..].find('(')? + 1;
    let close = open + text[open..].find(')')?;
    Some(text[open..close].split_whitespace().map(str::to_string).collect())
}
