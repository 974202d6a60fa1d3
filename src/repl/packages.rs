//! Package commands, through the Guix-0 prelude: `,show PKG` and
//! `,graph PKG` run what `guix0 guix0.scm show` and `... graph` run
//! (`(guix0 main)`), `,build PKG` builds with `(guix0 builder)`, and
//! `,hash FILE...` is `guix0 guix0.scm hash FILE...`. PKG is any
//! expression giving a package or a list of packages.

use super::commands::{call, exported, file_arg, note, usage_error};
use super::eval::{self, Failed};
use super::Session;
use crate::value::print::to_write_bounded;
use crate::value::Value;
use crate::vm::Vm;

fn is_package(v: Value) -> bool {
    matches!(v, Value::Record(r) if r.rtype.name.get().name() == "<package>")
}

/// Evaluate PKG and run `body` with its packages. The value stays pinned
/// meanwhile (it may be a package made just for this command).
fn with_packages(
    vm: &mut Vm,
    session: &mut Session,
    arg: &str,
    body: impl FnOnce(&mut Vm, &mut Session, &[Value]) -> Result<(), Failed>,
) -> Result<(), Failed> {
    let v = eval::eval_value(vm, arg)?;
    let packages = match v.list_to_vec() {
        Some(items) if !items.is_empty() && items.iter().all(|p| is_package(*p)) => items,
        _ if is_package(v) => vec![v],
        _ => {
            let got = to_write_bounded(v, 80);
            return usage_error(session, &format!("`{arg}` is not a package or a list of packages: it is {got}"));
        }
    };
    vm.pinned.push(v);
    let result = body(vm, session, &packages);
    vm.pinned.pop();
    result
}

/// `,show PKG`.
pub fn show(vm: &mut Vm, session: &mut Session, arg: &str) -> Result<(), Failed> {
    let show = exported(vm, &["guix0", "main"], "show", true)?;
    with_packages(vm, session, arg, |vm, _, packages| {
        for (i, p) in packages.iter().enumerate() {
            if i > 0 {
                crate::runtime::ports::write_stdout(b"\n");
            }
            call(vm, show, &[*p])?;
        }
        Ok(())
    })
}

/// `,graph PKG`.
pub fn graph(vm: &mut Vm, session: &mut Session, arg: &str) -> Result<(), Failed> {
    let graph = exported(vm, &["guix0", "main"], "graph", true)?;
    with_packages(vm, session, arg, |vm, _, packages| {
        let list = vm.list(packages);
        call(vm, graph, &[list]).map(|_| ())
    })
}

/// `,build PKG`: build into `./store0`, then name the store items. The
/// first build of a session takes the store lock (held until the REPL
/// exits, as `guix0 guix0.scm build` holds it for its run), removes what
/// interrupted builds left behind, and, as `build` does by default, builds
/// in containers where the system allows them (so the outputs are the
/// ones `build` makes).
pub fn build(vm: &mut Vm, session: &mut Session, arg: &str) -> Result<(), Failed> {
    const BUILDER: &[&str] = &["guix0", "builder"];
    let build = exported(vm, BUILDER, "build-packages", false)?;
    let store_path = exported(vm, &["guix0", "store"], "package-store-path", false)?;
    if !session.store_locked {
        let lock = exported(vm, BUILDER, "lock-store!", false)?;
        let clean = exported(vm, BUILDER, "clean-store!", false)?;
        call(vm, lock, &[])?;
        session.store_locked = true;
        call(vm, clean, &[])?;
        let contained = crate::container::available();
        let container_mode = exported(vm, BUILDER, "%container?", false)?;
        call(vm, container_mode, &[Value::boolean(contained)])?;
        if !contained {
            note(session, ";;; containers are not available here: builds run uncontained");
        }
    }
    with_packages(vm, session, arg, |vm, session, packages| {
        let list = vm.list(packages);
        call(vm, build, &[list])?;
        for p in packages {
            if let Value::Str(path) = call(vm, store_path, &[*p])? {
                note(session, &format!(";;; {}", path.borrow()));
            }
        }
        Ok(())
    })
}

/// `,hash [OPTION]... FILE...`.
pub fn hash(vm: &mut Vm, _: &mut Session, arg: &str) -> Result<(), Failed> {
    let command = exported(vm, &["guix0", "hash-command"], "hash-command", false)?;
    let args: Vec<Value> = arg.split_whitespace().map(|a| vm.make_string(&file_arg(a))).collect();
    let args = vm.list(&args);
    match call(vm, command, &[args])? {
        Value::Int(0) => Ok(()),
        _ => Err(Failed::Error),
    }
}
