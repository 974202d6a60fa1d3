//! Build steps: the reader's grammar, and the index of names the root
//! module autoloads from library modules (see src/module/autoload.rs).

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
    "guix0/queues.scm",
    "guix0/ftw.scm",
    "guix0/prompts.scm",
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/reader/grammar.lalrpop");
    lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .process()
        .expect("the reader grammar (src/reader/grammar.lalrpop) must build");
    write_autoload_index();
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
