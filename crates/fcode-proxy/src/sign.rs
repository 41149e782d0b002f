//! The TOP request signature.
//!
//! Protocol: take every request parameter except `sign` whose name and value are both
//! non-empty, sort by name (byte order), concatenate `name` + `value` for each, then
//! - `md5`: MD5(secret + concatenation + secret),
//! - `hmac`: HMAC-MD5 keyed with the secret over the concatenation,
//! - `hmac-sha256`: HMAC-SHA256 keyed with the secret over the concatenation,
//!
//! and write the digest as upper-case hex. Both the proxy (to sign) and the simulator
//! (to verify) use this one implementation, and the tests pin it to published and
//! independently computed vectors so the two cannot drift together.

use std::fmt;
use std::str::FromStr;

use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha2::Sha256;

/// The `sign_method` values TOP accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SignMethod {
    #[value(name = "md5")]
    Md5,
    /// HMAC-MD5 (TOP calls it plain `hmac`).
    #[value(name = "hmac")]
    Hmac,
    #[value(name = "hmac-sha256")]
    HmacSha256,
}

impl SignMethod {
    /// The wire name, as sent in the `sign_method` parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            SignMethod::Md5 => "md5",
            SignMethod::Hmac => "hmac",
            SignMethod::HmacSha256 => "hmac-sha256",
        }
    }
}

impl fmt::Display for SignMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSignMethod(pub String);

impl fmt::Display for UnknownSignMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown sign_method {:?} (expected md5, hmac or hmac-sha256)",
            self.0
        )
    }
}

impl std::error::Error for UnknownSignMethod {}

impl FromStr for SignMethod {
    type Err = UnknownSignMethod;

    /// TOP matches these names case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "md5" => Ok(SignMethod::Md5),
            "hmac" => Ok(SignMethod::Hmac),
            "hmac-sha256" => Ok(SignMethod::HmacSha256),
            _ => Err(UnknownSignMethod(s.to_string())),
        }
    }
}

/// The string the digest is computed over: sorted `name value` pairs, concatenated.
/// Pairs with an empty name or value, and the `sign` parameter itself, are left out.
pub fn string_to_sign<'a, I>(params: I) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let mut pairs: Vec<(&str, &str)> = params
        .into_iter()
        .filter(|(name, value)| !name.is_empty() && !value.is_empty() && *name != "sign")
        .collect();
    // Stable sort by name: TOP sorts the keys of a map, so names are unique in practice;
    // callers pass a de-duplicated set.
    pairs.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut out = String::new();
    for (name, value) in pairs {
        out.push_str(name);
        out.push_str(value);
    }
    out
}

/// The `sign` value for a parameter set.
pub fn sign<'a, I>(params: I, secret: &str, method: SignMethod) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let payload = string_to_sign(params);
    let digest: Vec<u8> = match method {
        SignMethod::Md5 => {
            let mut hasher = Md5::new();
            hasher.update(secret.as_bytes());
            hasher.update(payload.as_bytes());
            hasher.update(secret.as_bytes());
            hasher.finalize().to_vec()
        }
        SignMethod::Hmac => hmac_digest::<Hmac<Md5>>(secret, &payload),
        SignMethod::HmacSha256 => hmac_digest::<Hmac<Sha256>>(secret, &payload),
    };
    upper_hex(&digest)
}

/// Constant-time comparison of a received signature with the expected one, so a
/// verifier does not leak how many leading characters matched. Case-insensitive
/// because hex case carries no information.
pub fn signatures_match(received: &str, expected: &str) -> bool {
    let a = received.as_bytes();
    let b = expected.as_bytes();
    if a.len() != b.len() {
        return false;
    }
    let mut diff = 0u8;
    for (x, y) in a.iter().zip(b.iter()) {
        diff |= x.to_ascii_uppercase() ^ y.to_ascii_uppercase();
    }
    diff == 0
}

fn hmac_digest<M: Mac + hmac::digest::KeyInit>(secret: &str, payload: &str) -> Vec<u8> {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail here; the
    // fallback keeps the code panic-free regardless.
    match <M as hmac::digest::KeyInit>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(payload.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

fn upper_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(DIGITS[usize::from(byte >> 4)] as char);
        out.push(DIGITS[usize::from(byte & 0x0F)] as char);
    }
    out
}

#[cfg(test)]
mod tests;
