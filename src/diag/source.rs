//! The table of source texts that spans point into.

use std::cell::RefCell;
use std::rc::Rc;

struct SourceFile {
    name: String,
    text: Rc<str>,
    line_starts: Vec<usize>,
}

thread_local! {
    static SOURCES: RefCell<Vec<SourceFile>> = const { RefCell::new(Vec::new()) };
}

pub fn add_source(name: &str, text: Rc<str>) -> u32 {
    let mut line_starts = vec![0];
    line_starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
    SOURCES.with(|s| {
        let mut s = s.borrow_mut();
        s.push(SourceFile { name: name.to_owned(), text, line_starts });
        (s.len() - 1) as u32
    })
}

pub fn source_name(file: u32) -> String {
    SOURCES.with(|s| s.borrow().get(file as usize).map(|f| f.name.clone()).unwrap_or_else(|| "<input>".into()))
}

pub fn source_text(file: u32) -> Option<Rc<str>> {
    SOURCES.with(|s| s.borrow().get(file as usize).map(|f| f.text.clone()))
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(file: u32, offset: usize) -> (usize, usize) {
    SOURCES.with(|s| {
        let s = s.borrow();
        let Some(f) = s.get(file as usize) else { return (1, 1) };
        let line = match f.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = f.line_starts[line];
        let end = offset.min(f.text.len());
        let col = f.text.get(start..end).map(|t| t.chars().count()).unwrap_or(0);
        (line + 1, col + 1)
    })
}

pub fn line_of(file: u32, offset: usize) -> usize {
    line_col(file, offset).0
}
