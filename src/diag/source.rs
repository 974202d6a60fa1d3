//! The table of source texts that spans point into.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

struct SourceFile {
    name: String,
    text: Rc<str>,
    /// Where each line starts, found when a span is first shown (most
    /// files loaded never need it).
    line_starts: OnceCell<Vec<usize>>,
}

impl SourceFile {
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
            starts
        })
    }
}

thread_local! {
    static SOURCES: RefCell<Vec<SourceFile>> = const { RefCell::new(Vec::new()) };
}

pub fn add_source(name: &str, text: Rc<str>) -> u32 {
    SOURCES.with(|s| {
        let mut s = s.borrow_mut();
        s.push(SourceFile { name: name.to_owned(), text, line_starts: OnceCell::new() });
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
        let line_starts = f.line_starts();
        let line = match line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = line_starts[line];
        let end = offset.min(f.text.len());
        let col = f.text.get(start..end).map(|t| t.chars().count()).unwrap_or(0);
        (line + 1, col + 1)
    })
}

pub fn line_of(file: u32, offset: usize) -> usize {
    line_col(file, offset).0
}
