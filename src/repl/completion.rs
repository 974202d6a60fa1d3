//! Tab completion: find what the cursor is in (a meta-command after a
//! leading comma, a module name in `use-modules`, `#:use-module` or
//! `,use`, a file name in a string or after `,load`, or a plain name) and
//! list the candidates for it. Pure text work: the caller supplies the
//! bound names and the module names.

use rustyline::completion::Pair;

/// What is being completed, and where its text starts in the line.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A meta-command name (`start` is just after the comma).
    Command {
        start: usize,
    },
    /// A module name written as words (`srfi srfi-1`); `close` when a `)`
    /// should follow a full name.
    Module {
        start: usize,
        close: bool,
    },
    /// A file name.
    File {
        start: usize,
    },
    /// A bound name (a symbol).
    Name {
        start: usize,
    },
    Nothing,
}

/// Meta-commands whose argument is a module name or a file name.
const MODULE_COMMANDS: &[&str] = &["use", "module", "m"];
const FILE_COMMANDS: &[&str] = &["load", "l", "hash"];

/// Decide what the text before `pos` is completing.
pub fn target(line: &str, pos: usize) -> Target {
    let text = &line[..pos.min(line.len())];
    let Some(after_comma) = text.trim_start().strip_prefix(',') else {
        return scan(text, 0, None);
    };
    let start = text.len() - after_comma.len();
    let Some(space) = after_comma.find(char::is_whitespace) else {
        return Target::Command { start };
    };
    let command = &after_comma[..space];
    let arg = after_comma[space..].trim_start();
    let arg_start = text.len() - arg.len();
    if MODULE_COMMANDS.contains(&command) {
        if arg.starts_with('(') {
            return scan(text, arg_start, Some("use-modules"));
        }
        return Target::Module { start: arg_start, close: false };
    }
    if FILE_COMMANDS.contains(&command) && !arg.starts_with('"') {
        let word =
            text.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(arg_start, |(i, c)| i + c.len_utf8());
        return Target::File { start: word };
    }
    scan(text, arg_start, None)
}

/// An open list while scanning: where it starts, its first element and
/// the last complete element so far.
struct Open {
    start: usize,
    head: Option<String>,
    items: usize,
    last: Option<String>,
}

impl Open {
    fn new(start: usize, head: Option<&str>) -> Open {
        Open { start, head: head.map(str::to_owned), items: usize::from(head.is_some()), last: None }
    }

    /// A list whose elements are module specs.
    fn takes_modules(&self) -> bool {
        match self.head.as_deref() {
            Some("use-modules") => true,
            Some("define-module") => matches!(self.last.as_deref(), Some("#:use-module" | "#:autoload")),
            _ => false,
        }
    }
}

fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '"' | ';' | '\'' | '`' | ',')
}

/// Scan Scheme text from `from`, tracking open lists, strings and comments.
/// `outer` names the form the text is inside (`,use (...)` acts as
/// `(use-modules (...))`).
fn scan(text: &str, from: usize, outer: Option<&str>) -> Target {
    let mut stack = vec![Open::new(from, outer)];
    let mut token: Option<usize> = None;
    let end_token = |stack: &mut Vec<Open>, token: &mut Option<usize>, at: usize| {
        if let Some(s) = token.take() {
            if let Some(top) = stack.last_mut() {
                let word = text[s..at].to_string();
                if top.items == 0 {
                    top.head = Some(word.clone());
                }
                top.items += 1;
                top.last = Some(word);
            }
        }
    };
    let mut i = from;
    while let Some(c) = text[i..].chars().next() {
        let next = i + c.len_utf8();
        match c {
            '#' if token.is_none() && text[next..].starts_with('\\') => {
                // A character literal such as #\( or #\space: one token.
                token = Some(i);
                let after = next + 1;
                i = match text[after..].chars().next() {
                    Some(ch) => {
                        let rest = &text[after + ch.len_utf8()..];
                        after + ch.len_utf8() + rest.find(is_delimiter).unwrap_or(rest.len())
                    }
                    None => after,
                };
                continue;
            }
            '#' if token.is_none() && text[next..].starts_with('|') => match text[next..].find("|#") {
                Some(j) => i = next + j + 2,
                None => return Target::Nothing,
            },
            ';' => {
                end_token(&mut stack, &mut token, i);
                match text[i..].find('\n') {
                    Some(j) => i += j + 1,
                    None => return Target::Nothing,
                }
            }
            '"' => {
                end_token(&mut stack, &mut token, i);
                match string_end(text, next) {
                    Some(j) => {
                        if let Some(top) = stack.last_mut() {
                            top.items += 1;
                            top.last = None;
                        }
                        i = j;
                    }
                    None => return Target::File { start: next },
                }
            }
            '(' | '[' => {
                // `#(` and `#vu8(` open vectors: the `#...` is not an element.
                if token.is_some_and(|s| text[s..i].starts_with('#')) {
                    token = None;
                }
                end_token(&mut stack, &mut token, i);
                stack.push(Open::new(i, None));
                i = next;
            }
            ')' | ']' => {
                end_token(&mut stack, &mut token, i);
                if stack.len() > 1 {
                    stack.pop();
                    if let Some(top) = stack.last_mut() {
                        top.items += 1;
                        top.last = None;
                    }
                }
                i = next;
            }
            c if is_delimiter(c) => {
                end_token(&mut stack, &mut token, i);
                i = next;
            }
            _ => {
                token.get_or_insert(i);
                i = next;
            }
        }
    }
    let n = stack.len();
    if n >= 2 {
        let (parent, list) = (&stack[n - 2], &stack[n - 1]);
        let spec_head = n >= 3 && stack[n - 3].takes_modules() && parent.items == 0;
        if parent.takes_modules() || spec_head {
            return Target::Module { start: list.start + 1, close: true };
        }
    }
    match token {
        Some(s) if !text[s..].starts_with("#:") => Target::Name { start: s },
        _ => Target::Nothing,
    }
}

/// The index just after the string whose contents start at `from`, or
/// `None` if it is still open.
fn string_end(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut j = from;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

fn pair(display: &str, replacement: String) -> Pair {
    Pair { display: display.to_string(), replacement }
}

/// Names starting with `prefix` (`sorted` is sorted).
pub fn matching_names(sorted: &[String], prefix: &str) -> Vec<Pair> {
    if prefix.is_empty() {
        return vec![];
    }
    let first = sorted.partition_point(|n| n.as_str() < prefix);
    sorted[first..].iter().take_while(|n| n.starts_with(prefix)).map(|n| pair(n, n.clone())).collect()
}

/// Module names (`srfi srfi-1`) starting with the typed words.
pub fn matching_modules(modules: &[String], typed: &str, close: bool) -> Vec<Pair> {
    let typed = typed.split_whitespace().collect::<Vec<_>>().join(" ")
        + if typed.ends_with(char::is_whitespace) && !typed.trim().is_empty() { " " } else { "" };
    modules
        .iter()
        .filter(|m| m.starts_with(&typed))
        .map(|m| pair(m, if close { format!("{m})") } else { m.clone() }))
        .collect()
}

/// Files and directories (with a `/`) whose path starts with `typed`.
pub fn matching_files(typed: &str) -> Vec<Pair> {
    let (dir, base) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let listed = if dir.is_empty() {
        std::path::PathBuf::from(".")
    } else if let (Some(rest), Some(home)) = (dir.strip_prefix("~/"), std::env::var_os("HOME")) {
        std::path::PathBuf::from(home).join(rest)
    } else {
        std::path::PathBuf::from(dir)
    };
    let Ok(entries) = std::fs::read_dir(&listed) else { return vec![] };
    let mut found: Vec<Pair> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.starts_with(base) || (name.starts_with('.') && !base.starts_with('.')) {
                return None;
            }
            let slash = if e.path().is_dir() { "/" } else { "" };
            Some(pair(&format!("{name}{slash}"), format!("{dir}{name}{slash}")))
        })
        .collect();
    found.sort_by(|a, b| a.display.cmp(&b.display));
    found
}

/// Command names starting with `typed`.
pub fn matching_commands(commands: &[&str], typed: &str) -> Vec<Pair> {
    commands.iter().filter(|c| c.starts_with(typed)).map(|c| pair(c, c.to_string())).collect()
}
