//! What the text of an atom means, apart from the lexer's walk over the
//! source: where atoms end, which are numbers, and the names of characters.

/// The bytes that end an atom, as a table: atoms are scanned a byte at a
/// time, and one load is cheaper than the ten comparisons.
static DELIMITERS: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] =
            matches!(byte, b'(' | b')' | b'[' | b']' | b'"' | b';' | b'\'' | b'`' | b',') || byte.is_ascii_whitespace();
        b += 1;
    }
    table
};

pub fn is_delimiter(b: u8) -> bool {
    DELIMITERS[b as usize]
}

pub const CHAR_NAMES: &[(&str, char)] = &[
    ("space", ' '),
    ("newline", '\n'),
    ("linefeed", '\n'),
    ("nl", '\n'),
    ("tab", '\t'),
    ("ht", '\t'),
    ("nul", '\0'),
    ("null", '\0'),
    ("alarm", '\x07'),
    ("bel", '\x07'),
    ("backspace", '\x08'),
    ("bs", '\x08'),
    ("delete", '\x7f'),
    ("del", '\x7f'),
    ("rubout", '\x7f'),
    ("escape", '\x1b'),
    ("esc", '\x1b'),
    ("return", '\r'),
    ("cr", '\r'),
    ("vtab", '\x0b'),
    ("vt", '\x0b'),
    ("page", '\x0c'),
    ("ff", '\x0c'),
    ("np", '\x0c'),
    ("sp", ' '),
    // The other C0 control characters, by their ASCII names, as Guile has them.
    ("soh", '\x01'),
    ("stx", '\x02'),
    ("etx", '\x03'),
    ("eot", '\x04'),
    ("enq", '\x05'),
    ("ack", '\x06'),
    ("so", '\x0e'),
    ("si", '\x0f'),
    ("dle", '\x10'),
    ("dc1", '\x11'),
    ("dc2", '\x12'),
    ("dc3", '\x13'),
    ("dc4", '\x14'),
    ("nak", '\x15'),
    ("syn", '\x16'),
    ("etb", '\x17'),
    ("can", '\x18'),
    ("em", '\x19'),
    ("sub", '\x1a'),
    ("fs", '\x1c'),
    ("gs", '\x1d'),
    ("rs", '\x1e'),
    ("us", '\x1f'),
    ("eof", '\u{ffff}'),
    ("*eof*", '\u{ffff}'),
];

/// Whether an atom not starting with `#` may be a number: numbers start
/// with a digit, a sign or a point, and most atoms are symbols that don't.
pub fn could_be_number(text: &str) -> bool {
    matches!(text.as_bytes().first(), Some(b'0'..=b'9' | b'+' | b'-' | b'.'))
}

/// A plain decimal integer of at most 18 digits, the usual number in
/// source (parse tables are thousands of them), read without the general
/// number parser.
pub fn small_decimal(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        bytes => (false, bytes),
    };
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    // One pass, leaving at the first byte that is not a digit.
    let mut n: i64 = 0;
    for &d in digits {
        let digit = d.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        n = n * 10 + i64::from(digit);
    }
    Some(if negative { -n } else { n })
}

/// The name `write` gives a character, as Guile's: every C0 control
/// character, space and delete have one.
pub fn char_name(c: char) -> Option<&'static str> {
    Some(match c {
        ' ' => "space",
        '\n' => "newline",
        '\t' => "tab",
        '\0' => "nul",
        '\x07' => "alarm",
        '\x08' => "backspace",
        '\x7f' => "delete",
        '\x1b' => "esc",
        '\r' => "return",
        '\x0b' => "vtab",
        '\x0c' => "page",
        '\x01'..='\x1f' => CHAR_NAMES.iter().find(|(_, ch)| *ch == c).map(|(name, _)| *name)?,
        _ => return None,
    })
}

/// Whether `write` shows `c` by a code rather than as itself: control
/// characters, whitespace other than the space, invisible format characters,
/// private-use characters and non-characters. (Guile asks Unicode's general
/// category; without its tables this covers what text holds in practice.)
pub fn non_graphic(c: char) -> bool {
    c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
        || matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..)
        || matches!(c, '\u{fdd0}'..='\u{fdef}')
        || (c as u32) & 0xfffe == 0xfffe
}
