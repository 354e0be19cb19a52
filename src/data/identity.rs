//! A file's quick identity: its length and a 64-bit hash of its bytes (XXH64, fixed seed).
//! The page's engine knows the shipped bundle by these (`shipped::SHIPPED_FILES`)
//! instead of hashing all of it with SHA-256, which took ~15 ms of a first load in a browser's
//! baseline code. They guard against accidents (another version's files, an edit, a truncated
//! download): a different file of the same length hashing alike is a 1-in-2^64 chance. They are
//! no defence against someone crafting a collision, but neither is any check the page runs: who
//! serves the files serves the page's code too. Every other load, and the CLI, still takes the
//! SHA-256 fingerprint.

/// A fixed seed, so the same bytes hash alike in every build.
const SEED: u64 = 0x7265_7765_6967_6821;

/// XXH64 (a specified hash: the same value on every platform, which foldhash, the page's
/// section fingerprints' hash, is not: it differs between wasm32 and 64-bit builds).
pub fn hash64(bytes: &[u8]) -> u64 {
    twox_hash::XxHash64::oneshot(SEED, bytes)
}

/// One shipped file as the importer wrote it: its name, length in bytes and `hash64`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShippedFile {
    pub name: &'static str,
    pub bytes: usize,
    pub hash: u64,
}

impl ShippedFile {
    /// Whether `text` (its leading byte-order mark left off, as the fingerprint leaves it) is
    /// this file: the length first, so a file of another size is not hashed at all.
    pub fn is(&self, text: &str) -> bool {
        text.len() == self.bytes && hash64(text.as_bytes()) == self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// XXH64's published test values (seed 0), so the hash is the specified one on every target.
    #[test]
    fn the_hash_is_xxh64() {
        assert_eq!(twox_hash::XxHash64::oneshot(0, b""), 0xef46_db37_51d8_e999);
        assert_eq!(twox_hash::XxHash64::oneshot(0, b"a"), 0xd24e_c4f1_a98c_6e5b);
        assert_ne!(hash64(b"a"), hash64(b"b"));
    }
}
