//! Quasiquote, expanded into calls of the root module's `cons`, `append`
//! and `list->vector` (so rebinding `list` does not break templates), with
//! constant parts folded into literals.

use super::forms::SpecialForm;
use super::{Core, Env, ExpandResult, Expander, Ident, Macro, Resolved};
use crate::reader::{Datum, Syntax};
use crate::value::Value;

impl Expander<'_> {
    /// `(unquote e)` and friends: the keyword, its syntax and the operand.
    fn qq_keyword<'x>(&mut self, x: &'x Syntax, env: &Env) -> Option<(SpecialForm, &'x Syntax, &'x Syntax)> {
        let Datum::List(items, None) = &x.datum else { return None };
        let [keyword, operand] = items.as_slice() else { return None };
        let id = Ident::of(keyword)?;
        match self.resolve(&id, env) {
            Resolved::Macro(m) => match &*m {
                Macro::Special(f @ (SpecialForm::Quasiquote | SpecialForm::Unquote | SpecialForm::UnquoteSplicing)) => {
                    Some((*f, keyword, operand))
                }
                _ => None,
            },
            _ => None,
        }
    }

    pub fn quasiquote(&mut self, x: &Syntax, depth: usize, env: &Env) -> ExpandResult<Core> {
        match self.qq_keyword(x, env) {
            Some((SpecialForm::Unquote, keyword, operand)) => {
                if depth == 1 {
                    return self.expand(operand, env);
                }
                let inner = self.quasiquote(operand, depth - 1, env)?;
                return Ok(self.list2(keyword, inner, x));
            }
            Some((SpecialForm::Quasiquote, keyword, operand)) => {
                let inner = self.quasiquote(operand, depth + 1, env)?;
                return Ok(self.list2(keyword, inner, x));
            }
            _ => {}
        }
        match &x.datum {
            Datum::List(items, tail) if !items.is_empty() => {
                let mut acc = match tail {
                    Some(t) => self.quasiquote(t, depth, env)?,
                    None => Core::Const(Value::Null),
                };
                for item in items.iter().rev() {
                    if let Some((SpecialForm::UnquoteSplicing, keyword, operand)) = self.qq_keyword(item, env) {
                        if depth == 1 {
                            let spliced = self.expand(operand, env)?;
                            acc = if matches!(acc, Core::Const(Value::Null)) {
                                // Copying is not needed for the last splice: (append x '()) = x.
                                self.call_root("append", vec![spliced], item.span)
                            } else {
                                self.call_root("append", vec![spliced, acc], item.span)
                            };
                            continue;
                        }
                        let inner = self.quasiquote(operand, depth - 1, env)?;
                        let quoted = self.list2(keyword, inner, item);
                        acc = self.cons(quoted, acc, x);
                        continue;
                    }
                    let head = self.quasiquote(item, depth, env)?;
                    acc = self.cons(head, acc, x);
                }
                Ok(acc)
            }
            Datum::Vector(items) => {
                let as_list = Syntax::new(Datum::List(items.clone(), None), x.span);
                match self.quasiquote(&as_list, depth, env)? {
                    Core::Const(list) => {
                        let items = list.list_to_vec().unwrap_or_default();
                        Ok(Core::Const(self.vm.make_vector(items)))
                    }
                    code => Ok(self.call_root("list->vector", vec![code], x.span)),
                }
            }
            _ => Ok(Core::Const(self.vm.syntax_to_value(x))),
        }
    }

    fn cons(&mut self, head: Core, tail: Core, x: &Syntax) -> Core {
        if let (Core::Const(h), Core::Const(t)) = (&head, &tail) {
            return Core::Const(self.vm.cons(*h, *t));
        }
        self.call_root("cons", vec![head, tail], x.span)
    }

    fn list2(&mut self, keyword: &Syntax, inner: Core, x: &Syntax) -> Core {
        let kw = Core::Const(self.vm.syntax_to_value(keyword));
        let tail = self.cons(inner, Core::Const(Value::Null), x);
        self.cons(kw, tail, x)
    }
}
