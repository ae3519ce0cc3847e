//! The in-memory driver: a shared map from object name to bytes. Clones share the map, so a
//! test can drop a log and reopen another on the same objects.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use super::{LogStorage, StorageError, check_name};

/// Objects kept in memory; every write is atomic and immediately "durable".
#[derive(Debug, Clone, Default)]
pub struct MemoryStorage {
    objects: Arc<RwLock<HashMap<String, Vec<u8>>>>,
}

impl MemoryStorage {
    /// An empty store.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The names of every stored object, sorted.
    #[must_use]
    pub fn names(&self) -> Vec<String> {
        let map = self.objects.read().unwrap_or_else(PoisonError::into_inner);
        let mut names: Vec<String> = map.keys().cloned().collect();
        names.sort();
        names
    }

    /// The total bytes stored.
    #[must_use]
    pub fn total_bytes(&self) -> u64 {
        let map = self.objects.read().unwrap_or_else(PoisonError::into_inner);
        map.values().map(|v| v.len() as u64).sum()
    }

    /// Replaces an object's bytes directly, bypassing the log (for tamper tests).
    pub fn put(&self, name: &str, data: Vec<u8>) {
        let mut map = self.objects.write().unwrap_or_else(PoisonError::into_inner);
        map.insert(name.to_owned(), data);
    }

    /// Deletes an object directly, bypassing the log (for tamper tests).
    pub fn remove(&self, name: &str) {
        let mut map = self.objects.write().unwrap_or_else(PoisonError::into_inner);
        map.remove(name);
    }
}

impl LogStorage for MemoryStorage {
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, StorageError> {
        check_name(name)?;
        let map = self.objects.read().unwrap_or_else(PoisonError::into_inner);
        Ok(map.get(name).cloned())
    }

    fn write(&mut self, name: &str, data: &[u8]) -> Result<(), StorageError> {
        check_name(name)?;
        let mut map = self.objects.write().unwrap_or_else(PoisonError::into_inner);
        map.insert(name.to_owned(), data.to_vec());
        Ok(())
    }

    fn sync(&mut self) -> Result<(), StorageError> {
        Ok(())
    }
}
