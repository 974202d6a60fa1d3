//! Chunk consumer that feeds a hasher. (Large files are read ahead on a
//! second thread, see `Chunker::pipe_from`; the hashing itself is here.)

use std::io;

use super::algo::{Digest, HashAlgo, Hasher};
use super::chunker::Consume;

pub(super) struct HashConsumer(Hasher);

impl HashConsumer {
    pub(super) fn new(algo: HashAlgo) -> Self {
        HashConsumer(Hasher::new(algo))
    }

    pub(super) fn digest(self) -> Digest {
        self.0.finalize()
    }
}

impl Consume for HashConsumer {
    fn consume(&mut self, data: &[u8]) -> io::Result<()> {
        self.0.update(data);
        Ok(())
    }
}
