//! Binding a call's arguments to a procedure's parameters: required,
//! `#:optional`, rest and `#:key` arguments laid out in the frame's slots,
//! and the errors when they do not fit.

use super::code::Code;
use super::error::Throw;
use super::Vm;
use crate::value::{Gc, Value};

impl Vm {
    /// Lay out the frame slots of a closure call: arguments already sit at
    /// `fp..fp+argc`.
    pub(super) fn bind_args(&mut self, code: Gc<Code>, fp: usize, argc: usize) -> Result<(), Box<Throw>> {
        let arity = &code.arity;
        let frame_size = code.frame_size as usize;
        if arity.is_simple() {
            self.stack.resize(fp + frame_size.max(argc), Value::Undefined);
            return Ok(());
        }
        let req = arity.required as usize;
        if arity.rest && arity.optional == 0 && arity.keys.is_empty() && argc >= req {
            // Required arguments and a rest list (the common case after
            // simple arities), in place.
            let mut rest = Value::Null;
            for i in (fp + req..fp + argc).rev() {
                rest = self.cons(self.stack[i], rest);
            }
            self.stack.truncate(fp + req);
            self.stack.push(rest);
            self.stack.resize(fp + frame_size.max(req + 1), Value::Undefined);
            return Ok(());
        }
        let args: Vec<Value> = self.stack[fp..fp + argc].to_vec();
        let opt = arity.optional as usize;
        let mut slots = vec![Value::Undefined; frame_size.max(req + opt + 1)];
        slots[..req].copy_from_slice(&args[..req]);
        let mut i = req;
        for k in 0..opt {
            let stop = !arity.keys.is_empty() && args.get(i).is_some_and(|a| matches!(a, Value::Keyword(_)));
            if i < argc && !stop {
                slots[req + k] = args[i];
                i += 1;
            } else {
                slots[req + k] = Value::Default;
            }
        }
        if arity.rest {
            slots[req + opt] = self.list(&args[i..]);
        }
        if !arity.keys.is_empty() {
            for (_, slot) in &arity.keys {
                slots[*slot as usize] = Value::Default;
            }
            let mut j = i;
            while j < argc {
                match args[j] {
                    Value::Keyword(kw) => {
                        let Some(value) = args.get(j + 1) else {
                            return Err(Throw::new(
                                "keyword-argument-error",
                                name_of(&code).as_deref(),
                                format!("keyword #:{kw} has no value"),
                                vec![],
                            ));
                        };
                        match arity.keys.iter().find(|(k, _)| *k == kw) {
                            Some((_, slot)) => slots[*slot as usize] = *value,
                            None if arity.allow_other_keys => {}
                            None => {
                                let known: Vec<String> = arity.keys.iter().map(|(k, _)| format!("#:{k}")).collect();
                                return Err(Throw::new(
                                    "keyword-argument-error",
                                    name_of(&code).as_deref(),
                                    format!("Unrecognized keyword #:{kw} (expected one of {})", known.join(" ")),
                                    vec![],
                                ));
                            }
                        }
                        j += 2;
                    }
                    // With a rest list, other arguments are left to it.
                    _ if arity.rest => j += 1,
                    other => {
                        return Err(Throw::new(
                            "keyword-argument-error",
                            name_of(&code).as_deref(),
                            "Invalid keyword: ~S",
                            vec![other],
                        ));
                    }
                }
            }
        }
        self.stack.truncate(fp);
        self.stack.extend_from_slice(&slots[..frame_size.max(req + opt)]);
        Ok(())
    }
}

fn name_of(code: &Code) -> Option<String> {
    code.name.map(|n| n.to_string())
}

/// Whether `code` takes `argc` arguments; if not, the error saying what it takes.
pub(super) fn check_arity(code: &Code, argc: usize) -> Result<(), Box<Throw>> {
    let a = &code.arity;
    let req = a.required as usize;
    let ok = if a.is_simple() {
        argc == req
    } else if a.rest || !a.keys.is_empty() {
        argc >= req
    } else {
        argc >= req && argc <= req + a.optional as usize
    };
    if ok {
        return Ok(());
    }
    let name = name_of(code).unwrap_or_else(|| "#<procedure>".into());
    let mut t = Throw::new(
        "wrong-number-of-args",
        Some(&name),
        format!("Wrong number of arguments to {name}: it takes {}, got {argc}", a.describe()),
        vec![],
    );
    if !code.span.is_none() {
        t.help = Some(format!("{name} is defined at {}", code.span.location()));
    }
    Err(t)
}
