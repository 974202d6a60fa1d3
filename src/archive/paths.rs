//! Lexical checks on entry names and hard-link targets, before anything
//! touches the file system.

use super::error::EntryProblem;

/// Longest relative path accepted (Linux PATH_MAX minus the NUL): longer
/// ones could not be used by ordinary tools afterwards anyway.
pub(super) const MAX_PATH: usize = 4095;
/// Deepest nesting accepted; bounds the directory descriptors held open.
pub(super) const MAX_DEPTH: usize = 256;
/// Linux NAME_MAX.
const MAX_NAME: usize = 255;

/// Split a tar member name into its components, dropping empty and `.`
/// ones (`./a//b/` is `a/b`). An empty result means the root itself.
pub(super) fn components(raw: &[u8]) -> Result<Vec<&[u8]>, EntryProblem> {
    if raw.contains(&0) {
        return Err(EntryProblem::NulByte);
    }
    if raw.first() == Some(&b'/') {
        return Err(EntryProblem::AbsolutePath);
    }
    if raw.len() > MAX_PATH {
        return Err(EntryProblem::PathTooLong { len: raw.len(), max: MAX_PATH });
    }
    let comps: Vec<&[u8]> = raw.split(|&b| b == b'/').filter(|c| !c.is_empty() && *c != b".").collect();
    if comps.iter().any(|c| *c == b"..") {
        return Err(EntryProblem::ParentComponent);
    }
    if comps.iter().any(|c| c.len() > MAX_NAME) {
        return Err(EntryProblem::NameTooLong { max: MAX_NAME });
    }
    if comps.len() > MAX_DEPTH {
        return Err(EntryProblem::TooDeep { depth: comps.len(), max: MAX_DEPTH });
    }
    Ok(comps)
}

/// `a/b/c` from components, for messages and final passes.
pub(super) fn join(comps: &[&[u8]]) -> Vec<u8> {
    comps.join(&b'/')
}
