//! Rendering diagnostics with miette: the message, the source line with the
//! offending span labelled, a help line, and a Scheme backtrace.

use std::io::IsTerminal;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report};

use super::{source_name, source_text, ErrorContext, ReadError, Span};

/// Colour only on a terminal, and never with `NO_COLOR` set.
pub fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

fn handler() -> GraphicalReportHandler {
    let theme = if use_color() { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    GraphicalReportHandler::new_themed(theme).with_width(100).with_wrap_lines(false).with_context_lines(1)
}

fn labeled(span: Span, label: &str) -> LabeledSpan {
    let len = (span.end.saturating_sub(span.start)) as usize;
    LabeledSpan::new(Some(label.to_owned()), span.start as usize, len)
}

/// Render a diagnostic whose labels all lie in one file.
pub fn render(code: &str, message: &str, labels: &[(Span, &str)], help: Option<&str>) -> String {
    let mut diag = MietteDiagnostic::new(message.to_owned()).with_code(code.to_owned());
    if let Some(h) = help {
        diag = diag.with_help(h.to_owned());
    }
    let file = labels.iter().find(|(s, _)| !s.is_none()).map(|(s, _)| s.file);
    let text = file.and_then(source_text);
    let mut out = String::new();
    let result = match (file, text) {
        (Some(file), Some(text)) if !labels.iter().any(|(s, _)| s.file == file && line_too_long(&text, *s)) => {
            let spans: Vec<LabeledSpan> =
                labels.iter().filter(|(s, _)| s.file == file).map(|(s, l)| labeled(*s, l)).collect();
            diag = diag.with_labels(spans);
            let report = Report::new(diag).with_source_code(NamedSource::new(source_name(file), text.to_string()));
            handler().render_report(&mut out, report.as_ref())
        }
        _ => {
            let report = Report::new(diag);
            handler().render_report(&mut out, report.as_ref())
        }
    };
    if result.is_err() {
        out = format!("error[{code}]: {message}\n");
    }
    out
}

/// Whether the line holding the start of `span` is too long to show: a
/// snippet of a line tens of thousands of characters long helps nobody
/// (and is past what the renderer can pad), so the message (which names
/// the place) comes without one.
fn line_too_long(text: &str, span: Span) -> bool {
    const MAX_SHOWN_LINE: usize = 10_000;
    let start = (span.start as usize).min(text.len());
    let bytes = text.as_bytes();
    let line_start = bytes[..start].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line_end = bytes[start..].iter().position(|&b| b == b'\n').map_or(text.len(), |i| start + i);
    line_end - line_start > MAX_SHOWN_LINE
}

pub fn render_read_error(e: &ReadError) -> String {
    let mut labels = vec![(e.span, e.label.as_str())];
    if let Some(open) = e.opened {
        labels.push((open, "the list opens here"));
    }
    render("guix0::read", &e.message, &labels, e.help.as_deref())
}

/// A runtime error: message, the call site, help, then the backtrace.
pub fn render_error(code: &str, message: &str, context: Option<&ErrorContext>, help: Option<&str>) -> String {
    let span = context.and_then(|c| c.span);
    let location = span.map(|s| format!("{}: ", s.location())).unwrap_or_default();
    let labels: Vec<(Span, &str)> = span.iter().map(|s| (*s, "here")).collect();
    let mut out = render(code, &format!("{location}{message}"), &labels, help);
    if let Some(ctx) = context {
        if !ctx.backtrace.is_empty() {
            out.push_str("Backtrace (most recent call last):\n");
            let n = ctx.backtrace.len();
            for (i, frame) in ctx.backtrace.iter().enumerate() {
                if ctx.elided > 0 && i == n / 2 {
                    out.push_str(&format!("  ... {} more frames ...\n", group_digits(ctx.elided)));
                }
                let loc = frame.span.map(|s| s.location()).unwrap_or_else(|| "<primitive>".into());
                out.push_str(&format!("  {loc}: in {}\n", frame.name));
            }
        }
    }
    out
}

fn group_digits(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
