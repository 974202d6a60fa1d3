//! The core language the expander produces and the compiler consumes.

use std::rc::Rc;

use crate::diag::Span;
use crate::value::{Gc, Symbol, Value, Variable};

/// A lexical variable, numbered within one top-level form.
pub type VarId = usize;

pub enum Core {
    Const(Value),
    Unspecified,
    Local(VarId),
    SetLocal(VarId, Box<Core>),
    Global(Gc<Variable>, Span),
    SetGlobal(Gc<Variable>, Box<Core>, Span),
    DefineGlobal(Gc<Variable>, Box<Core>),
    If(Box<Core>, Box<Core>, Box<Core>),
    Seq(Vec<Core>),
    Lambda(Rc<Lambda>),
    Call(Box<Core>, Vec<Core>, Span),
    /// Parallel binding: the initialisers do not see the new variables.
    Let(Vec<(VarId, Core)>, Box<Core>),
    /// `letrec*`: each initialiser sees all the variables, evaluated in order.
    Letrec(Vec<(VarId, Core)>, Box<Core>),
}

pub struct Lambda {
    pub name: Option<Symbol>,
    pub required: Vec<VarId>,
    /// Optional parameters with their default expressions (`#f` when none).
    pub optional: Vec<(VarId, Option<Core>)>,
    pub rest: Option<VarId>,
    pub keys: Vec<(Symbol, VarId, Option<Core>)>,
    pub allow_other_keys: bool,
    pub body: Core,
    pub span: Span,
    pub doc: Option<String>,
}

pub struct VarInfo {
    pub name: Symbol,
}
