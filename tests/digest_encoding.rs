//! nix-base32, base16, base32 and base64: reference vectors, round trips,
//! and strict refusal of malformed input with precise messages.

use guix0::digest::{
    nix_base32_decode, nix_base32_encode, sha256_bytes, store_path_hash, DecodeError, Digest, Encoding, HashAlgo,
};
use std::path::Path;

fn unhex(s: &str) -> Vec<u8> {
    Encoding::Base16.decode(s, None).expect("test vector is valid hex")
}

#[test]
fn nix_base32_reference_vectors_round_trip() {
    // `HEX NIXBASE32` lines, from `nix-hash --to-base32`.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/nix-base32-vectors.txt");
    let text = std::fs::read_to_string(&path).expect("tests/data/nix-base32-vectors.txt is in the repository");
    let mut count = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (hex, b32) = line.split_once(' ').expect("line is 'HEX NIXBASE32'");
        let bytes = unhex(hex);
        assert_eq!(nix_base32_encode(&bytes), b32, "encoding {hex}");
        assert_eq!(nix_base32_decode(b32, Some(32)).unwrap(), bytes, "decoding {b32}");
        assert_eq!(nix_base32_decode(b32, None).unwrap(), bytes, "decoding {b32} (any length)");
        count += 1;
    }
    assert_eq!(count, 27, "expected the 27 reference vectors");
}

#[test]
fn nix_base32_known_values() {
    assert_eq!(nix_base32_encode(&[0; 32]), "0".repeat(52));
    assert_eq!(nix_base32_encode(&[0xff; 32]), format!("1{}", "z".repeat(51)));
    assert_eq!(nix_base32_encode(&[]), "");
    // Sizes other than 32: 20 bytes -> 32 chars, 64 -> 103, 16 -> 26.
    for n in [1usize, 5, 16, 20, 64] {
        let bytes: Vec<u8> = (0..n as u8).map(|i| i.wrapping_mul(37).wrapping_add(11)).collect();
        let s = nix_base32_encode(&bytes);
        assert_eq!(s.len(), (8 * n).div_ceil(5));
        assert_eq!(nix_base32_decode(&s, Some(n)).unwrap(), bytes);
        assert_eq!(nix_base32_decode(&s, None).unwrap(), bytes);
    }
}

fn decode_err(s: &str, n: Option<usize>) -> (DecodeError, String) {
    let e = nix_base32_decode(s, n).expect_err(s);
    let msg = e.to_string();
    (e, msg)
}

#[test]
fn nix_base32_rejects_bad_characters_with_position() {
    let good = "0ssi1wpaf7plaswqqjwigppsg5fyh99vdlb9kzl7c9lng89ndq1i";
    for bad in ['e', 'o', 't', 'u', 'A', 'Z', '-', ' ', 'é'] {
        let mut s: Vec<char> = good.chars().collect();
        s[7] = bad;
        let s: String = s.into_iter().collect();
        let (e, msg) = decode_err(&s, Some(32));
        assert!(matches!(e, DecodeError::InvalidChar { ch, pos: 7, .. } if ch == bad), "{s}: {e:?}");
        assert!(msg.contains(&format!("{bad:?}")), "{msg}");
        assert!(msg.contains("position 7"), "{msg}");
    }
    // Uppercase of a valid hash is refused at its first letter.
    let (e, _) = decode_err(&good.to_uppercase(), Some(32));
    assert!(matches!(e, DecodeError::InvalidChar { ch: 'S', pos: 1, .. }), "{e:?}");
}

#[test]
fn nix_base32_rejects_wrong_lengths() {
    let good = "0ssi1wpaf7plaswqqjwigppsg5fyh99vdlb9kzl7c9lng89ndq1i";
    for s in [&good[1..], &format!("{good}0")[..], "", "0"] {
        let (e, msg) = decode_err(s, Some(32));
        assert!(matches!(e, DecodeError::WrongLength { len, expected: Some(52), .. } if len == s.len()), "{e:?}");
        assert!(msg.contains(&format!("{} characters", s.len())), "{msg}");
        assert!(msg.contains("expected 52"), "{msg}");
    }
    // 51 characters is the length of no byte count at all.
    let (e, msg) = decode_err(&good[1..], None);
    assert!(matches!(e, DecodeError::WrongLength { len: 51, expected: None, .. }), "{e:?}");
    assert!(msg.contains("51"), "{msg}");
}

#[test]
fn nix_base32_rejects_overflow_bits() {
    // 52 chars carry 260 bits; only 256 fit in 32 bytes, so the first
    // character must be 0 or 1. Guix silently drops these; Nix refuses.
    for first in ['2', 'z'] {
        let s = format!("{first}{}", "0".repeat(51));
        let (e, msg) = decode_err(&s, Some(32));
        assert!(matches!(e, DecodeError::Overflow { digest_len: 32, .. }), "{e:?}");
        assert!(msg.contains("'0' and '1'"), "{msg}");
        assert!(nix_base32_decode(&s, None).is_err());
    }
    assert_eq!(nix_base32_decode(&format!("1{}", "0".repeat(51)), Some(32)).unwrap()[31], 0x80);
}

#[test]
fn rfc4648_vectors() {
    let cases = [
        ("", "", "", ""),
        ("f", "66", "my", "Zg=="),
        ("fo", "666f", "mzxq", "Zm8="),
        ("foo", "666f6f", "mzxw6", "Zm9v"),
        ("foob", "666f6f62", "mzxw6yq", "Zm9vYg=="),
        ("fooba", "666f6f6261", "mzxw6ytb", "Zm9vYmE="),
        ("foobar", "666f6f626172", "mzxw6ytboi", "Zm9vYmFy"),
    ];
    for (plain, b16, b32, b64) in cases {
        let bytes = plain.as_bytes();
        for (enc, text) in [(Encoding::Base16, b16), (Encoding::Base32, b32), (Encoding::Base64, b64)] {
            assert_eq!(enc.encode(bytes), text, "{enc} of {plain:?}");
            assert_eq!(enc.decode(text, None).unwrap(), bytes, "{enc} {text:?}");
            assert_eq!(enc.decode(text, Some(bytes.len())).unwrap(), bytes);
        }
    }
}

#[test]
fn base16_accepts_either_case_and_rejects_junk() {
    assert_eq!(Encoding::Base16.decode("DEADbeef", None).unwrap(), [0xde, 0xad, 0xbe, 0xef]);
    let e = Encoding::Base16.decode("deadbxef", None).unwrap_err();
    assert!(matches!(e, DecodeError::InvalidChar { ch: 'x', pos: 5, .. }), "{e:?}");
    let e = Encoding::Base16.decode("abc", None).unwrap_err();
    assert!(matches!(e, DecodeError::WrongLength { len: 3, .. }), "{e:?}");
    let e = Encoding::Base16.decode("abcd", Some(32)).unwrap_err();
    assert!(e.to_string().contains("expected 64"), "{e}");
}

#[test]
fn base32_and_base64_are_strict() {
    // Uppercase and padding are not part of Guix's base32.
    assert!(matches!(
        Encoding::Base32.decode("MZXQ", None).unwrap_err(),
        DecodeError::InvalidChar { ch: 'M', pos: 0, .. }
    ));
    assert!(Encoding::Base32.decode("mzxq====", None).is_err());
    // Non-zero spare bits: "mzxr" would decode to "fo" too if accepted.
    assert!(matches!(Encoding::Base32.decode("mzxr", None).unwrap_err(), DecodeError::Overflow { .. }));
    assert!(matches!(Encoding::Base64.decode("Zh==", None).unwrap_err(), DecodeError::Overflow { .. }));
    assert!(matches!(Encoding::Base64.decode("Zg=", None).unwrap_err(), DecodeError::WrongLength { len: 3, .. }));
    assert!(matches!(
        Encoding::Base64.decode("Z=g=", None).unwrap_err(),
        DecodeError::InvalidChar { ch: '=', pos: 1, .. }
    ));
    assert!(matches!(
        Encoding::Base64.decode("Zm8*", None).unwrap_err(),
        DecodeError::InvalidChar { ch: '*', pos: 3, .. }
    ));
    // Padding must match the digest size when one is expected.
    assert!(Encoding::Base64.decode("Zm9vYg==", Some(5)).is_err());
}

#[test]
fn digests_of_abc_in_every_encoding() {
    let d = HashAlgo::Sha256.hash_bytes(b"abc");
    assert_eq!(d.to_hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(d.to_nix_base32(), "1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s");
    assert_eq!(d.encode(Encoding::Base64), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    assert_eq!(
        d.encode(Encoding::Base32),
        "xj4bnp4pahh6uqkbidpf3lrceoyagyndsylxvhfucd7wd4qacwwq" // python3 base64.b32encode
    );
    assert_eq!(sha256_bytes(b"abc").as_slice(), d.as_bytes());
    for enc in [Encoding::NixBase32, Encoding::Base32, Encoding::Base16, Encoding::Base64] {
        assert_eq!(Digest::parse(HashAlgo::Sha256, &d.encode(enc), enc).unwrap(), d);
        assert_eq!(enc.name().parse::<Encoding>().unwrap(), enc);
    }
    assert_eq!(HashAlgo::Sha1.hash_bytes(b"abc").to_hex(), "a9993e364706816aba3e25717850c26c9cd0d89d");
    assert_eq!(
        HashAlgo::Sha512.hash_bytes(b"abc").to_hex(),
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
         2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
    );
    let sha512 = HashAlgo::Sha512.hash_bytes(b"abc");
    assert_eq!(sha512.to_nix_base32().len(), 103);
    assert_eq!(Digest::parse(HashAlgo::Sha512, &sha512.to_nix_base32(), Encoding::NixBase32).unwrap(), sha512);
    assert!("md5".parse::<HashAlgo>().is_err());
    assert_eq!("sha1".parse::<HashAlgo>().unwrap(), HashAlgo::Sha1);
    assert_eq!("hex".parse::<Encoding>().unwrap(), Encoding::Base16);
}

#[test]
fn store_path_hash_matches_guix_for_hello() {
    // guix-semantics.md (c): url-fetch of hello-2.10.tar.gz is a flat
    // sha256 fixed output, so its path is an `output:out` path whose inner
    // hash is sha256("fixed:out:sha256:<hex>:").
    let hex = "31e066137a962676e89f69d1b65382de95a7ef7d914b8cb956f41ea72e0f516b";
    let inner = Encoding::Base16.encode(&sha256_bytes(format!("fixed:out:sha256:{hex}:").as_bytes()));
    let fingerprint = format!("output:out:sha256:{inner}:/gnu/store:hello-2.10.tar.gz");
    assert_eq!(store_path_hash(&fingerprint), "hbdalsf5lpf01x4dcknwx6xbn6n5km6k");
    // The recursive variant is a `source` path over the nar hash itself.
    let fingerprint = format!("source:sha256:{hex}:/gnu/store:hello-2.10.tar.gz");
    assert_eq!(store_path_hash(&fingerprint), "cbk8j2yf1v1ivh1394pr4zpi552xv5wk");
}

#[test]
fn accepted_strings_are_canonical() {
    // Whatever a decoder accepts must re-encode to the same text (so one
    // digest has exactly one spelling); nothing may panic on junk.
    let pools: Vec<Vec<char>> = [
        "0123456789abcdefghijklmnopqrstuvwxyzABCXYZ+/=-_ é",
        "0123456789abcdfghijklmnpqrsvwxyz",
        "abcdefghijklmnopqrstuvwxyz234567",
        "0123456789abcdefABCDEF",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/==",
    ]
    .iter()
    .map(|p| p.chars().collect())
    .collect();
    let mut accepted = 0;
    let mut x = 0x1234_5678_9abc_def1u64;
    let mut rand = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    for _ in 0..20_000 {
        let pool = &pools[rand(pools.len())];
        let len = rand(60);
        let s: String = (0..len).map(|_| pool[rand(pool.len())]).collect();
        for enc in [Encoding::NixBase32, Encoding::Base32, Encoding::Base16, Encoding::Base64] {
            for expected in [None, Some(len * 5 / 8), Some(32)] {
                if let Ok(bytes) = enc.decode(&s, expected) {
                    accepted += 1;
                    let again = enc.encode(&bytes);
                    if enc == Encoding::Base16 {
                        assert_eq!(again, s.to_lowercase());
                    } else {
                        assert_eq!(again, s, "{enc} accepted a non-canonical string");
                    }
                }
            }
        }
    }
    assert!(accepted > 1000, "only {accepted} strings were valid: the test is too weak");
}
