//! Content hashes for file names, so a cache never mixes two builds.

/// A 64-bit FNV-1a hash: enough to tell builds apart in a file name.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn different_content_different_hash() {
        assert_ne!(fnv1a(b"a"), fnv1a(b"b"));
        assert_eq!(format!("{:016x}", fnv1a(b"")), "cbf29ce484222325");
    }
}
