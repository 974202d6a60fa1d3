//! `(ice-9 popen)`: ports connected to a child process's standard input or
//! output, and `close-pipe`, which waits for the child.

use std::cell::RefCell;
use std::fs::File;
use std::io::BufWriter;
use std::os::fd::OwnedFd;
use std::process::{Child, Command, Stdio};

use super::ports::{Output, Port};
use super::text_of;
use crate::prims;
use crate::value::Value;
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

thread_local! {
    /// The children behind open pipes, by the address of their port.
    static CHILDREN: RefCell<Vec<(usize, Child)>> = const { RefCell::new(Vec::new()) };
}

/// `(open-pipe* mode program arg ...)`: mode is "r" (read the child's
/// output) or "w" (write to its input).
fn open_pipe_star(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let who = "open-pipe*";
    let mode = text_of(who, 1, a[0])?;
    let program = text_of(who, 2, a[1])?;
    let args = a[2..].iter().enumerate().map(|(i, v)| text_of(who, i + 3, *v)).collect::<PResult<Vec<_>>>()?;
    super::ports::flush_stdout();
    let mut cmd = Command::new(&program);
    cmd.args(&args);
    let reading = match mode.as_str() {
        "r" => true,
        "w" => false,
        _ => return Err(Throw::misc(who, "mode must be OPEN_READ (\"r\") or OPEN_WRITE (\"w\"), not ~S", vec![a[0]])),
    };
    if reading {
        cmd.stdout(Stdio::piped());
    } else {
        cmd.stdin(Stdio::piped());
    }
    let mut child = cmd.spawn().map_err(|e| Throw::system(who, &e, vec![a[1]]))?;
    let port = if reading {
        let out = child.stdout.take().map(OwnedFd::from).map(File::from);
        let Some(out) = out else { return Err(Throw::misc(who, "no pipe from the child", vec![])) };
        Port::input_file(&program, out)
    } else {
        let input = child.stdin.take().map(OwnedFd::from).map(File::from);
        let Some(input) = input else { return Err(Throw::misc(who, "no pipe to the child", vec![])) };
        Port::output(&program, Output::File(BufWriter::new(input)))
    };
    let port = vm.heap.alloc(port);
    CHILDREN.with(|c| c.borrow_mut().push((port.addr(), child)));
    Ok(Value::Port(port))
}

/// `(close-pipe port)`: close the port, wait for its process, and return
/// the exit status as `waitpid` gives it.
fn close_pipe(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let Value::Port(port) = a[0] else { return Err(Throw::wrong_type("close-pipe", 1, "pipe port", a[0])) };
    port.close().map_err(|e| Throw::system("close-pipe", &e, vec![]))?;
    let child = CHILDREN.with(|c| {
        let mut c = c.borrow_mut();
        let i = c.iter().position(|(addr, _)| *addr == port.addr())?;
        Some(c.remove(i).1)
    });
    let Some(mut child) = child else { return Err(Throw::wrong_type("close-pipe", 1, "pipe port", a[0])) };
    let status = super::process::wait_interruptibly(&mut child)?;
    Ok(Value::Int(super::process::wait_status(status)))
}

pub const PRIMITIVES: &[Primitive] =
    prims![("open-pipe*", 2, None, open_pipe_star), ("close-pipe", 1, Some(1), close_pipe),];
