//! Content hashes: the SHA-256 that `deploy` compares, and the short hash
//! that fingerprinted file names carry (`assets/style.3f9a1c2e.css`), so a
//! file whose name says what it holds can be cached for a year.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

/// How many hex digits of the hash a fingerprinted name carries: 32 bits,
/// plenty to tell apart the versions of one file.
const NAME_HASH_LEN: usize = 8;

/// The SHA-256 of `bytes` in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// `bytes` in lowercase hex, two digits each.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// `assets/style.css` holding `bytes` → `assets/style.<hash>.css`; a name
/// without extension gets the hash at its end (`assets/x` → `assets/x.<hash>`).
pub fn hashed_name(path: &str, bytes: &[u8]) -> String {
    let hash = &sha256_hex(bytes)[..NAME_HASH_LEN];
    let (dir, file) = match path.rsplit_once('/') {
        Some((dir, file)) => (&path[..dir.len() + 1], file),
        None => ("", path),
    };
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{dir}{stem}.{hash}.{ext}"),
        _ => format!("{dir}{file}.{hash}"),
    }
}

/// Whether a file name carries a hash as [`hashed_name`] writes it.
pub fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let mut parts = file.rsplit('.');
    let last = parts.next();
    let before = parts.next();
    let is_hash = |s: &str| {
        s.len() == NAME_HASH_LEN
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    match (last, before) {
        // `stem.<hash>.ext`, with a stem in front
        (Some(_), Some(h)) if is_hash(h) && parts.next().is_some_and(|s| !s.is_empty()) => true,
        // `name.<hash>`
        (Some(h), Some(stem)) if is_hash(h) && !stem.is_empty() => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_hash_of_their_bytes() {
        let a = hashed_name("assets/style.css", b"body{}");
        let b = hashed_name("assets/style.css", b"body{color:red}");
        assert_ne!(a, b);
        assert!(a.starts_with("assets/style.") && a.ends_with(".css"), "{a}");
        assert_eq!(a.len(), "assets/style.css".len() + NAME_HASH_LEN + 1);
        assert_eq!(a, hashed_name("assets/style.css", b"body{}"));
        assert!(is_hashed(&a) && is_hashed(&b));
        assert!(is_hashed(&hashed_name("LICENSE", b"x")));
        assert!(is_hashed(&hashed_name("assets/x/.hidden", b"x")));
    }

    #[test]
    fn plain_names_are_not_taken_for_hashed_ones() {
        for plain in [
            "assets/style.css",
            "index.html",
            "en/offers/x/index.html",
            "api/v1/offers.json",
            "media/deadbeef.png",
            "assets/a.DEADBEEF.css",
            "assets/a.deadbee.css",
            ".deadbeef",
        ] {
            assert!(!is_hashed(plain), "{plain}");
        }
    }

    #[test]
    fn sha256_is_the_usual_one() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
