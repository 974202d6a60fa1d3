//! POSIX extended regular expressions, as glibc reads them (with its GNU
//! extensions), rewritten into the syntax of `regex-syntax`.
//!
//! The two languages mostly agree; where they do not, a pattern written for
//! Guile's `make-regexp` would silently mean something else:
//! - inside a bracket expression a backslash is an ordinary character
//!   (`[^\/]` excludes `\` and `/`), and `&&`, `--`, `~~` and a nested `[`
//!   are not set operations;
//! - `\X` for a letter or digit without a GNU meaning is the letter itself
//!   (`\d` is `d`), `` \` `` and `\'` are the buffer anchors;
//! - with `regexp/newline`, a non-matching list such as `[^a]` does not
//!   match a newline.
//!
//! Back-references (`\1`) have no counterpart and are an error.

/// Rewrite `pattern`; `newline` is `regexp/newline`. The error says what
/// in the pattern cannot be taken.
pub fn translate(pattern: &str, newline: bool) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars().peekable();
    // Whether what came last can take a repetition operator: not at the
    // start, after `(`, `|` or an anchor (glibc refuses `^*a`, and `(?i)`
    // must not become regex-syntax's flag group).
    let mut after_atom = false;
    while let Some(c) = chars.next() {
        let atom = match c {
            '\\' => match chars.next() {
                None => return Err("trailing backslash".into()),
                Some(d @ '1'..='9') => return Err(format!("back-reference \\{d} is not supported")),
                Some(d @ ('w' | 'W' | 's' | 'S')) => {
                    out.push('\\');
                    out.push(d);
                    true
                }
                Some(d @ ('b' | 'B' | '<' | '>')) => {
                    out.push('\\');
                    out.push(d);
                    false
                }
                Some('`') => {
                    out.push_str(r"\A");
                    false
                }
                Some('\'') => {
                    out.push_str(r"\z");
                    false
                }
                Some(d) => {
                    push_literal(&mut out, d);
                    true
                }
            },
            '[' => {
                bracket(&mut chars, &mut out, newline)?;
                true
            }
            '*' | '+' | '?' | '{' if !after_atom => {
                return Err(format!("the repetition operator `{c}` has nothing to repeat"))
            }
            '*' | '+' | '?' => {
                out.push(c);
                true
            }
            '{' => {
                // `{,n}` is glibc's `{0,n}`.
                out.push('{');
                if chars.peek() == Some(&',') {
                    out.push('0');
                }
                true
            }
            ')' | '.' | '}' => {
                out.push(c);
                true
            }
            '(' | '|' | '^' | '$' => {
                out.push(c);
                false
            }
            _ => {
                push_literal(&mut out, c);
                true
            }
        };
        after_atom = atom;
    }
    Ok(out)
}

/// A POSIX basic expression, as glibc reads it (with the GNU `\+`, `\?`
/// and `\|`), in the extended syntax `translate` takes: `\(`, `\)`,
/// `\{`, `\}`, `\|`, `\+` and `\?` are the operators and their bare
/// forms are literal; `*` is literal where an expression starts (at the
/// beginning, after `\(` or `\|`, or after a `^` there), `^` anywhere but
/// there and `$` anywhere but where one ends. Bracket expressions are
/// copied as they are.
pub fn basic_to_extended(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let ends_here =
        |i: usize| i + 1 == chars.len() || (chars[i + 1] == '\\' && matches!(chars.get(i + 2), Some(')' | '|')));
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut i = 0;
    let mut at_start = true;
    while i < chars.len() {
        let (c, starts_here) = (chars[i], at_start);
        at_start = false;
        match c {
            '\\' if i + 1 < chars.len() => {
                let d = chars[i + 1];
                i += 1;
                match d {
                    '(' | '|' => {
                        out.push(d);
                        at_start = true;
                    }
                    ')' | '{' | '}' | '+' | '?' => out.push(d),
                    _ => {
                        out.push('\\');
                        out.push(d);
                    }
                }
            }
            '[' => {
                let start = i;
                i += 1;
                if chars.get(i) == Some(&'^') {
                    i += 1;
                }
                if chars.get(i) == Some(&']') {
                    i += 1;
                }
                while i < chars.len() && chars[i] != ']' {
                    if chars[i] == '[' && matches!(chars.get(i + 1), Some(':' | '.' | '=')) {
                        let kind = chars[i + 1];
                        i += 2;
                        while i + 1 < chars.len() && !(chars[i] == kind && chars[i + 1] == ']') {
                            i += 1;
                        }
                        i += 1;
                    }
                    i += 1;
                }
                out.extend(&chars[start..(i + 1).min(chars.len())]);
            }
            '(' | ')' | '{' | '}' | '|' | '+' | '?' => {
                out.push('\\');
                out.push(c);
            }
            '*' if starts_here => out.push_str(r"\*"),
            '^' if starts_here => {
                out.push('^');
                at_start = true;
            }
            '^' => out.push_str(r"\^"),
            '$' if !ends_here(i) => out.push_str(r"\$"),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

fn push_literal(out: &mut String, c: char) {
    regex_syntax::escape_into(c.encode_utf8(&mut [0; 4]), out);
}

/// The bracket expression after its `[`: `^` first negates, `]` first is a
/// member, `[:class:]` names a class, `[.c.]` and `[=c=]` are the
/// character `c`, a `-` first or last is a member.
fn bracket(chars: &mut std::iter::Peekable<std::str::Chars>, out: &mut String, newline: bool) -> Result<(), String> {
    out.push('[');
    if chars.peek() == Some(&'^') {
        chars.next();
        out.push('^');
        if newline {
            out.push_str(r"\n");
        }
    }
    let mut first = true;
    loop {
        let Some(c) = chars.next() else { return Err("unterminated bracket expression: a `[` has no `]`".into()) };
        match c {
            ']' if !first => {
                out.push(']');
                return Ok(());
            }
            '[' if matches!(chars.peek(), Some(':' | '.' | '=')) => {
                let kind = chars.next().unwrap_or(':');
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some(c) if c == kind && chars.peek() == Some(&']') => {
                            chars.next();
                            break;
                        }
                        Some(c) => name.push(c),
                        None => return Err(format!("unterminated [{kind}{name}")),
                    }
                }
                if kind == ':' {
                    if !CLASSES.contains(&name.as_str()) {
                        return Err(format!("unknown character class [:{name}:]"));
                    }
                    out.push_str(&format!("[:{name}:]"));
                } else {
                    let mut it = name.chars();
                    match (it.next(), it.next()) {
                        (Some(c), None) => escape_member(out, c),
                        _ => return Err(format!("unknown collating element [{kind}{name}{kind}]")),
                    }
                }
            }
            '-' if first || chars.peek() == Some(&']') => out.push_str(r"\-"),
            '-' => out.push('-'),
            _ => escape_member(out, c),
        }
        first = false;
    }
}

/// A character that stands for itself inside a class.
fn escape_member(out: &mut String, c: char) {
    if matches!(c, '\\' | '[' | ']' | '&' | '~' | '^' | '-') {
        out.push('\\');
    }
    out.push(c);
}

const CLASSES: &[&str] =
    &["alpha", "digit", "alnum", "upper", "lower", "space", "blank", "punct", "print", "graph", "cntrl", "xdigit"];

#[cfg(test)]
mod tests {
    use super::translate;

    fn t(p: &str) -> String {
        translate(p, false).unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn operators_and_ordinary_characters() {
        assert_eq!(t("a(b|c)*d+e?.^$"), "a(b|c)*d+e?.^$");
        assert_eq!(t("x{2,3}"), "x{2,3}");
        assert_eq!(t("x{,3}"), "x{0,3}");
        assert_eq!(t("a**x{1}{2}"), "a**x{1}{2}");
        assert_eq!(t("a&b~c-d#e f"), r"a\&b\~c\-d\#e f");
    }

    #[test]
    fn a_repetition_operator_needs_something_to_repeat() {
        assert_eq!(t("*a"), "error: the repetition operator `*` has nothing to repeat");
        assert_eq!(t("^*a"), "error: the repetition operator `*` has nothing to repeat");
        assert_eq!(t("a|+b"), "error: the repetition operator `+` has nothing to repeat");
        assert_eq!(t("(?i)a"), "error: the repetition operator `?` has nothing to repeat");
        assert_eq!(t("\\<{2}"), "error: the repetition operator `{` has nothing to repeat");
    }

    #[test]
    fn escapes_follow_glibc() {
        assert_eq!(t(r"\.\/\%"), r"\./%");
        assert_eq!(t(r"\d\q"), "dq");
        assert_eq!(t(r"\<\w+\>\b\B\s\S\W"), r"\<\w+\>\b\B\s\S\W");
        assert_eq!(t(r"\`a\'"), r"\Aa\z");
        assert_eq!(t(r"(a)\1"), r"error: back-reference \1 is not supported");
        assert_eq!(t("a\\"), "error: trailing backslash");
    }

    #[test]
    fn bracket_expressions_take_backslash_literally() {
        assert_eq!(t(r"[^\/]"), r"[^\\/]");
        assert_eq!(t("[]a]"), r"[\]a]");
        assert_eq!(t("[^]a]"), r"[^\]a]");
        assert_eq!(t("[a-z-]"), r"[a-z\-]");
        assert_eq!(t("[-a]"), r"[\-a]");
        assert_eq!(t("[&&~~[]"), r"[\&\&\~\~\[]");
        assert_eq!(t("[a^]"), r"[a\^]");
        assert_eq!(t("[[:alpha:][:digit:]_]"), "[[:alpha:][:digit:]_]");
        assert_eq!(t("[[.-.][=a=]]"), r"[\-a]");
        assert_eq!(t("[[:nope:]]"), "error: unknown character class [:nope:]");
        assert_eq!(t("[ab"), "error: unterminated bracket expression: a `[` has no `]`");
    }

    #[test]
    fn with_regexp_newline_a_non_matching_list_excludes_newline() {
        assert_eq!(translate("[^a]", true), Ok(r"[^\na]".to_string()));
        assert_eq!(translate("[a]", true), Ok("[a]".to_string()));
    }
}
