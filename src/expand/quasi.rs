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
        let [keyword, operand] = &items[..] else { return None };
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
            Some((SpecialForm::Unquote, _, operand)) if depth == 1 => return self.expand(operand, env),
            Some((SpecialForm::Unquote, keyword, _)) => {
                // One level less inside: its operands may splice (`,,@x`).
                let Datum::List(items, _) = &x.datum else { return Ok(Core::Const(Value::Null)) };
                let rest = self.qq_list(&items[1..], None, depth - 1, x, env)?;
                let kw = Core::Const(self.vm.syntax_to_value(keyword));
                return Ok(self.cons(kw, rest, x));
            }
            Some((SpecialForm::Quasiquote, keyword, _)) => {
                let Datum::List(items, _) = &x.datum else { return Ok(Core::Const(Value::Null)) };
                let rest = self.qq_list(&items[1..], None, depth + 1, x, env)?;
                let kw = Core::Const(self.vm.syntax_to_value(keyword));
                return Ok(self.cons(kw, rest, x));
            }
            _ => {}
        }
        match &x.datum {
            Datum::List(items, tail) if !items.is_empty() => self.qq_list(items, tail.as_deref(), depth, x, env),
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

    /// The elements of a template list (and its dotted tail).
    fn qq_list(
        &mut self,
        items: &[Syntax],
        tail: Option<&Syntax>,
        depth: usize,
        x: &Syntax,
        env: &Env,
    ) -> ExpandResult<Core> {
        // `(a . ,b)` reads as `(a unquote b)`: a trailing unquote is the
        // tail; so is a trailing quasiquote, one level deeper.
        let n = items.len();
        let keyword_at =
            |i: usize| Ident::base_of(&items[i]).is_some_and(|s| matches!(s.name(), "unquote" | "quasiquote"));
        if tail.is_none() && n >= 2 && keyword_at(n - 2) {
            let as_tail = Syntax::new(Datum::List(items[n - 2..].into(), None), items[n - 2].span);
            if self.qq_keyword(&as_tail, env).is_some() {
                return self.qq_list_with_tail(&items[..n - 2], Some(&as_tail), depth, x, env);
            }
        }
        self.qq_list_with_tail(items, tail, depth, x, env)
    }

    fn qq_list_with_tail(
        &mut self,
        items: &[Syntax],
        tail: Option<&Syntax>,
        depth: usize,
        x: &Syntax,
        env: &Env,
    ) -> ExpandResult<Core> {
        let mut acc = match tail {
            Some(t) => self.quasiquote(t, depth, env)?,
            None => Core::Const(Value::Null),
        };
        for item in items.iter().rev() {
            if let Some((SpecialForm::UnquoteSplicing, keyword, operand)) = self.qq_keyword(item, env) {
                if depth == 1 {
                    let spliced = self.expand(operand, env)?;
                    acc = if matches!(acc, Core::Const(Value::Null)) {
                        // The last splice needs no copy: (append x '()) = x.
                        self.call_root("append", vec![spliced], item.span)
                    } else {
                        self.call_root("append", vec![spliced, acc], item.span)
                    };
                    continue;
                }
                let Datum::List(parts, _) = &item.datum else { continue };
                let rest = self.qq_list(&parts[1..], None, depth - 1, item, env)?;
                let kw = Core::Const(self.vm.syntax_to_value(keyword));
                let quoted = self.cons(kw, rest, item);
                acc = self.cons(quoted, acc, x);
                continue;
            }
            let head = self.quasiquote(item, depth, env)?;
            acc = self.cons(head, acc, x);
        }
        Ok(acc)
    }

    fn cons(&mut self, head: Core, tail: Core, x: &Syntax) -> Core {
        if let (Core::Const(h), Core::Const(t)) = (&head, &tail) {
            return Core::Const(self.vm.cons(*h, *t));
        }
        self.call_root("cons", vec![head, tail], x.span)
    }
}
