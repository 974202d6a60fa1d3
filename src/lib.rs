//! guix0: a Scheme interpreter that is a drop-in for GNU Mes, with the Guile
//! extensions Guix code uses, and the first stage of bootstrapping Guix.
//! See `src/README.md` for a map of the modules.

pub mod archive;
pub mod cli;
pub mod compile;
pub mod container;
pub mod diag;
pub mod digest;
pub mod expand;
pub mod module;
pub mod number;
pub mod reader;
pub mod repl;
pub mod runtime;
pub mod value;
pub mod vm;

/// Path prefix under which the built-in library files appear.
pub const EMBEDDED_PREFIX: &str = "<guix0>";

pub const VERSION: &str = env!("CARGO_PKG_VERSION");
