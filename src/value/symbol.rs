//! Interned symbols: a symbol is a 32-bit index into a process-wide table, so
//! comparing symbols is comparing integers.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

/// `repr(transparent)`: a packed value (`packed.rs`) rebuilds one from its number.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct Symbol(u32);

struct Interner {
    names: Vec<&'static str>,
    ids: HashMap<&'static str, u32>,
    gensym_counter: u64,
}

impl Default for Interner {
    /// Holding the empty symbol (`Symbol::EMPTY`) first.
    fn default() -> Interner {
        Interner { names: vec![""], ids: HashMap::from_iter([("", 0)]), gensym_counter: 0 }
    }
}

thread_local! {
    static INTERNER: RefCell<Interner> = RefCell::new(Interner::default());
}

impl Symbol {
    /// The first symbol interned.
    pub const FIRST: Symbol = Symbol(0);

    /// The symbol named "", interned before any other (the name of the
    /// boxes that hold assigned local variables).
    pub const EMPTY: Symbol = Symbol(0);

    pub fn intern(name: &str) -> Symbol {
        INTERNER.with(|cell| {
            let mut interner = cell.borrow_mut();
            if let Some(&id) = interner.ids.get(name) {
                return Symbol(id);
            }
            // Symbol names live as long as the process: symbols are never freed.
            let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
            let id = interner.names.len() as u32;
            interner.names.push(leaked);
            interner.ids.insert(leaked, id);
            Symbol(id)
        })
    }

    /// A fresh symbol that is not `eq?` to any interned one.
    pub fn gensym(prefix: &str) -> Symbol {
        let n = INTERNER.with(|cell| {
            let mut interner = cell.borrow_mut();
            interner.gensym_counter += 1;
            interner.gensym_counter
        });
        Symbol::uninterned(&format!("{prefix}{n}"))
    }

    /// A fresh symbol printed as `name` but `eq?` to no other symbol.
    pub fn uninterned(name: &str) -> Symbol {
        INTERNER.with(|cell| {
            let mut interner = cell.borrow_mut();
            let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
            let id = interner.names.len() as u32;
            interner.names.push(leaked);
            Symbol(id)
        })
    }

    pub fn name(self) -> &'static str {
        INTERNER.with(|cell| cell.borrow().names[self.0 as usize])
    }

    pub fn id(self) -> u32 {
        self.0
    }
}

impl std::fmt::Debug for Symbol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::fmt::Display for Symbol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// `sym!("name")`: an interned symbol, cached per call site.
#[macro_export]
macro_rules! sym {
    ($name:expr) => {{
        thread_local! {
            static CACHED: $crate::value::Symbol = $crate::value::Symbol::intern($name);
        }
        CACHED.with(|s| *s)
    }};
}

#[cfg(test)]
mod tests {
    use super::Symbol;

    #[test]
    fn the_empty_symbol_is_interned_first() {
        assert_eq!(Symbol::intern(""), Symbol::EMPTY);
        assert_eq!(Symbol::EMPTY.name(), "");
        assert_ne!(Symbol::intern("a"), Symbol::EMPTY);
    }
}
