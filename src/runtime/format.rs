//! `format`'s common case, in Rust: a format string of text and the
//! directives `~a ~s ~d ~x ~o ~b ~% ~~`, with a column count on `~a` and
//! `~s` (padding on the left with `@`) and a column count and pad
//! character on the numeric ones, every argument used once. Guix code
//! formats its messages this way, and (ice-9 format) in Scheme took 35 µs
//! a call for it. Anything else (other directives, parameters or
//! modifiers, an argument of the wrong type, too few or too many
//! arguments) gives #f, and the Scheme `format` does it, errors included.

use crate::number as num;
use crate::prims;
use crate::value::Value;
use crate::vm::error::PResult;
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

/// The widest padding done here.
const MAX_COLUMNS: usize = 1 << 16;

/// One directive's prefix parameters and modifier.
#[derive(Default)]
struct Directive {
    columns: Option<usize>,
    pad: Option<char>,
    at: bool,
}

/// `(%format-fast FMT ARGS [SIMPLE?])`: the formatted string, or #f.
/// With SIMPLE? only `simple-format`'s plain `~a ~s ~% ~~` are done.
fn format_fast(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let (Value::Str(fmt), Some(args)) = (a[0], a[1].list_to_vec()) else {
        return Ok(Value::FALSE);
    };
    let simple = a.get(2).is_some_and(|v| !v.is_false());
    let fmt = fmt.to_string();
    Ok(match render(vm, &fmt, &args, simple) {
        Some(text) => vm.make_string(&text),
        None => Value::FALSE,
    })
}

fn render(vm: &mut Vm, fmt: &str, args: &[Value], simple: bool) -> Option<String> {
    let mut out = String::with_capacity(fmt.len() + 16 * args.len());
    let mut args = args.iter().copied();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        // A trailing lone ~ is literal, as in Guile.
        if c != '~' || chars.peek().is_none() {
            out.push(c);
            continue;
        }
        let mut directive = Directive::default();
        if simple && !matches!(chars.peek(), Some('a' | 'A' | 's' | 'S' | '%' | '~')) {
            return None;
        }
        let mut digits = String::new();
        while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
            digits.push(d);
            chars.next();
        }
        if !digits.is_empty() {
            // A huge column count is left to Scheme, whose strings have a
            // size limit that raises an error rather than abort.
            directive.columns = Some(digits.parse().ok().filter(|&c| c <= MAX_COLUMNS)?);
        }
        if chars.peek() == Some(&',') {
            chars.next();
            if chars.next()? != '\'' {
                return None;
            }
            directive.pad = Some(chars.next()?);
        }
        if chars.peek() == Some(&'@') {
            chars.next();
            directive.at = true;
        }
        match chars.next()?.to_ascii_lowercase() {
            '%' if directive.is_plain() => out.push('\n'),
            '~' if directive.is_plain() => out.push('~'),
            kind @ ('a' | 's') if directive.pad.is_none() => {
                let text = crate::runtime::io::printed(vm, args.next()?, kind == 's');
                pad(&mut out, &text, directive.columns, ' ', directive.at);
            }
            kind @ ('d' | 'x' | 'o' | 'b') if !directive.at => {
                let n = args.next()?;
                if !matches!(n, Value::Int(_) | Value::Big(_)) {
                    return None;
                }
                let radix = match kind {
                    'd' => 10,
                    'x' => 16,
                    'o' => 8,
                    _ => 2,
                };
                let text = num::number_to_string(n, radix);
                pad(&mut out, &text, directive.columns, directive.pad.unwrap_or(' '), true);
            }
            _ => return None,
        }
    }
    args.next().is_none().then_some(out)
}

impl Directive {
    fn is_plain(&self) -> bool {
        self.columns.is_none() && self.pad.is_none() && !self.at
    }
}

/// `text` padded with `fill` to `columns` characters, on the left when
/// `left`.
fn pad(out: &mut String, text: &str, columns: Option<usize>, fill: char, left: bool) {
    let missing = columns.unwrap_or(0).saturating_sub(text.chars().count());
    if !left {
        out.push_str(text);
    }
    out.extend(std::iter::repeat_n(fill, missing));
    if left {
        out.push_str(text);
    }
}

pub const PRIMITIVES: &[Primitive] = prims![("%format-fast", 2, Some(3), format_fast)];
