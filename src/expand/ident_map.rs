//! Maps keyed by identifier that stay small: the variables of one
//! `syntax-rules` pattern, the names one template introduces. Searching a
//! few entries in order costs less than hashing them, and an empty map
//! allocates nothing, which matters because every rule tried makes one.

use super::IdentKey;

pub struct IdentMap<V>(Vec<(IdentKey, V)>);

impl<V> Default for IdentMap<V> {
    fn default() -> Self {
        IdentMap(Vec::new())
    }
}

impl<V> IdentMap<V> {
    pub fn with_capacity(n: usize) -> Self {
        IdentMap(Vec::with_capacity(n))
    }

    pub fn get_key_value(&self, key: &IdentKey) -> Option<(&IdentKey, &V)> {
        self.0.iter().find(|(k, _)| k == key).map(|(k, v)| (k, v))
    }

    pub fn get(&self, key: &IdentKey) -> Option<&V> {
        self.get_key_value(key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &IdentKey) -> bool {
        self.get_key_value(key).is_some()
    }

    /// Bind `key` to `value`, replacing what it was bound to.
    pub fn insert(&mut self, key: IdentKey, value: V) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn remove(&mut self, key: &IdentKey) -> Option<V> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.swap_remove(i).1)
    }

    /// What `key` is bound to, bound first to `make()` if it was not.
    pub fn get_or_insert_with(&mut self, key: IdentKey, make: impl FnOnce() -> V) -> &V {
        let i = match self.0.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                self.0.push((key, make()));
                self.0.len() - 1
            }
        };
        &self.0[i].1
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::IdentMap;
    use crate::expand::IdentKey;
    use crate::value::Symbol;

    #[test]
    fn a_key_is_bound_once_and_rebinding_replaces() {
        let (x, y) = (IdentKey::Sym(Symbol::intern("x")), IdentKey::Alias(7));
        let mut map = IdentMap::default();
        map.insert(x, 1);
        map.insert(y, 2);
        map.insert(x, 3);
        assert_eq!(map.get(&x), Some(&3));
        assert_eq!(map.values().count(), 2);
        assert_eq!(*map.get_or_insert_with(y, || 9), 2);
        assert_eq!(*map.get_or_insert_with(IdentKey::Alias(8), || 9), 9);
        assert_eq!(map.remove(&x), Some(3));
        assert!(!map.contains_key(&x) && map.contains_key(&y));
    }
}
