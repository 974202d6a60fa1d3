//! Hash algorithms, an incremental hasher over them, and the digest value.

use std::fmt;
use std::str::FromStr;

use sha1::Digest as _;

use super::encoding::Encoding;
use super::error::DecodeError;

/// The algorithms Guix accepts for content hashes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HashAlgo {
    Sha1,
    Sha256,
    Sha512,
}

impl HashAlgo {
    /// Digest size in bytes.
    pub fn digest_len(self) -> usize {
        match self {
            HashAlgo::Sha1 => 20,
            HashAlgo::Sha256 => 32,
            HashAlgo::Sha512 => 64,
        }
    }

    /// The name Nix and Guix use (`sha256`, ...).
    pub fn name(self) -> &'static str {
        match self {
            HashAlgo::Sha1 => "sha1",
            HashAlgo::Sha256 => "sha256",
            HashAlgo::Sha512 => "sha512",
        }
    }

    /// Hash a byte slice in one go.
    pub fn hash_bytes(self, data: &[u8]) -> Digest {
        let mut h = Hasher::new(self);
        h.update(data);
        h.finalize()
    }
}

impl fmt::Display for HashAlgo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Error for an algorithm name that is not sha1/sha256/sha512.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAlgo(pub String);

impl fmt::Display for UnknownAlgo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown hash algorithm '{}' (expected sha1, sha256 or sha512)", self.0)
    }
}

impl std::error::Error for UnknownAlgo {}

impl FromStr for HashAlgo {
    type Err = UnknownAlgo;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "sha1" => Ok(HashAlgo::Sha1),
            "sha256" => Ok(HashAlgo::Sha256),
            "sha512" => Ok(HashAlgo::Sha512),
            _ => Err(UnknownAlgo(s.to_owned())),
        }
    }
}

/// Incremental hasher for any [`HashAlgo`].
#[derive(Clone)]
pub enum Hasher {
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
    Sha512(sha2::Sha512),
}

impl Hasher {
    pub fn new(algo: HashAlgo) -> Hasher {
        match algo {
            HashAlgo::Sha1 => Hasher::Sha1(sha1::Sha1::new()),
            HashAlgo::Sha256 => Hasher::Sha256(sha2::Sha256::new()),
            HashAlgo::Sha512 => Hasher::Sha512(sha2::Sha512::new()),
        }
    }

    pub fn algo(&self) -> HashAlgo {
        match self {
            Hasher::Sha1(_) => HashAlgo::Sha1,
            Hasher::Sha256(_) => HashAlgo::Sha256,
            Hasher::Sha512(_) => HashAlgo::Sha512,
        }
    }

    pub fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Sha1(h) => h.update(data),
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }

    pub fn finalize(self) -> Digest {
        let algo = self.algo();
        let bytes = match self {
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
        };
        Digest { algo, bytes }
    }
}

impl std::io::Write for Hasher {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A digest together with its algorithm; the length always matches.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Digest {
    algo: HashAlgo,
    bytes: Vec<u8>,
}

impl Digest {
    /// Parse an encoded digest, insisting on the exact length for `algo`.
    pub fn parse(algo: HashAlgo, text: &str, encoding: Encoding) -> Result<Digest, DecodeError> {
        let bytes = encoding.decode(text, Some(algo.digest_len()))?;
        Ok(Digest { algo, bytes })
    }

    pub fn algo(&self) -> HashAlgo {
        self.algo
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn encode(&self, encoding: Encoding) -> String {
        encoding.encode(&self.bytes)
    }

    /// The form `guix hash` prints by default.
    pub fn to_nix_base32(&self) -> String {
        self.encode(Encoding::NixBase32)
    }

    pub fn to_hex(&self) -> String {
        self.encode(Encoding::Base16)
    }

    /// The 32-byte array when this is a sha256 digest.
    pub fn sha256_array(&self) -> Option<[u8; 32]> {
        match self.algo {
            HashAlgo::Sha256 => self.bytes.as_slice().try_into().ok(),
            _ => None,
        }
    }
}
