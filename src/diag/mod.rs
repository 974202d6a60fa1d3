//! Source files, spans, and rendering errors as diagnostics.

mod render;
mod source;

pub use render::{render_error, render_read_error, use_color};
pub use source::{add_source, line_col, line_of, source_name, source_text};

/// A byte range in a registered source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub file: u32,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const NONE: Span = Span { file: u32::MAX, start: 0, end: 0 };

    pub fn new(file: u32, start: usize, end: usize) -> Span {
        Span { file, start: start as u32, end: end as u32 }
    }
    pub fn is_none(&self) -> bool {
        self.file == u32::MAX
    }
    /// True for code of guix0's own embedded library rather than the user's.
    pub fn in_builtin_library(&self) -> bool {
        !self.is_none() && source_name(self.file).starts_with(crate::EMBEDDED_PREFIX)
    }
    /// `file:line:column`, 1-based, as compilers print it.
    pub fn location(&self) -> String {
        if self.is_none() {
            return "<unknown>".into();
        }
        let (line, col) = line_col(self.file, self.start as usize);
        format!("{}:{}:{}", source_name(self.file), line, col)
    }
}

/// A syntax error in source text.
#[derive(Clone, Debug)]
pub struct ReadError {
    pub span: Span,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    /// Where the unclosed form began.
    pub opened: Option<Span>,
    /// True when more input could complete the text (the REPL waits for it).
    pub incomplete: bool,
}

/// One Scheme frame of a backtrace.
#[derive(Clone, Debug)]
pub struct FrameInfo {
    pub name: String,
    pub span: Option<Span>,
}

/// Where a runtime error happened.
#[derive(Clone, Debug, Default)]
pub struct ErrorContext {
    pub span: Option<Span>,
    /// Oldest first.
    pub backtrace: Vec<FrameInfo>,
    /// Frames left out of `backtrace` (deep recursion).
    pub elided: usize,
    /// The arguments of the innermost frame of user code, when the VM
    /// records them (`Vm::record_locals`, set by the REPL).
    pub locals: Option<FrameLocals>,
}

/// A frame's procedure and its arguments, as text (values written, cut
/// short): what the REPL's `,locals` shows.
#[derive(Clone, Debug)]
pub struct FrameLocals {
    pub name: String,
    /// Where the procedure is defined.
    pub defined: Option<Span>,
    /// Where the frame was when the error happened.
    pub at: Option<Span>,
    /// Parameter name and value, in order (rest and keyword arguments too).
    pub args: Vec<(String, String)>,
}

/// An error the expander or compiler reports (bad syntax).
#[derive(Clone, Debug)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}
