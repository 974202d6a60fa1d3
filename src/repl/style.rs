//! Colour for the REPL's own output: the prompt, `$n =` labels and notes.
//! Only when standard output is a terminal and `NO_COLOR` is unset;
//! otherwise every method returns its text unchanged.

use std::io::IsTerminal;

#[derive(Clone, Copy)]
pub struct Style {
    pub color: bool,
}

const BOLD_BLUE: &str = "\x1b[1;34m";
const GREEN: &str = "\x1b[32m";
const DIM: &str = "\x1b[2m";
const BOLD_RED: &str = "\x1b[1;31m";
const RESET: &str = "\x1b[0m";

impl Style {
    pub fn detect() -> Style {
        Style { color: std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal() }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    pub fn prompt(&self, text: &str) -> String {
        self.paint(BOLD_BLUE, text)
    }

    /// The `$1` of `$1 = 42`.
    pub fn label(&self, text: &str) -> String {
        self.paint(GREEN, text)
    }

    /// Remarks such as timings and `;;; packages: ...`.
    pub fn note(&self, text: &str) -> String {
        self.paint(DIM, text)
    }

    /// A one-line error from the REPL itself (not a Scheme diagnostic).
    pub fn error(&self, text: &str) -> String {
        self.paint(BOLD_RED, text)
    }
}
