//! Does a symlink target stay inside the tree? Resolved the way the
//! kernel would, against the tree as it is now: `..` after a symlink goes
//! to the parent of the symlink's *target*, so a purely lexical check is
//! not enough (`a/l -> ../..` then `a/m -> l/..` escapes).

use std::collections::VecDeque;
use std::io;
use std::os::fd::BorrowedFd;

use super::sys;

/// The kernel's limit on symlinks followed during one lookup. A chain
/// longer than this cannot be followed anywhere, so it cannot escape.
const MAX_FOLLOW: usize = 40;

/// Whether `target`, stored in directory `dir` (components relative to
/// `root`), resolves outside `root`. Missing components are taken as
/// plain directories: a dangling link must stay inside once they appear.
pub(super) fn escapes(root: BorrowedFd, dir: &[&[u8]], target: &[u8]) -> io::Result<bool> {
    if target.first() == Some(&b'/') {
        return Ok(true);
    }
    let mut resolved: Vec<Vec<u8>> = dir.iter().map(|c| c.to_vec()).collect();
    let mut pending: VecDeque<Vec<u8>> = split(target).collect();
    let mut followed = 0;
    while let Some(comp) = pending.pop_front() {
        if comp == b".." {
            if resolved.pop().is_none() {
                return Ok(true);
            }
            continue;
        }
        resolved.push(comp);
        let path = resolved.join(&b'/');
        match sys::read_link(root, &path) {
            Ok(next) => {
                followed += 1;
                if followed > MAX_FOLLOW {
                    return Ok(false);
                }
                if next.first() == Some(&b'/') {
                    return Ok(true);
                }
                resolved.pop();
                for c in split(&next).rev() {
                    pending.push_front(c);
                }
            }
            // Not a symlink (EINVAL), or nothing there yet: a plain step.
            Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOENT | libc::ENOTDIR)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(false)
}

/// Non-trivial components of a link target (empty and `.` dropped).
fn split(target: &[u8]) -> impl DoubleEndedIterator<Item = Vec<u8>> + '_ {
    target.split(|&b| b == b'/').filter(|c| !c.is_empty() && *c != b".").map(<[u8]>::to_vec)
}
