//! The SHA-256 of each file the engine loads (the audit report lists them),
//! taken by the browser while the engine parses the file.
//!
//! Chromium's `crypto.subtle.digest` hashes on the calling thread before it
//! returns its promise: 125–165 ms for 88 MB in a worker, about a fifth of a
//! 1M-code run (`bench/worker_profile.mjs`). So the engine worker hands each
//! file's bytes, once it has copied them into WebAssembly memory, to a helper
//! worker of its own (`sha256_worker.js`, transferred: not copied) that hashes
//! on another core. Where no helper can run, WebCrypto is called on this
//! thread; where WebCrypto is missing too (a page served over plain HTTP from
//! another machine is not a secure context), the caller hashes in Rust.

use std::fmt::Write as _;

use futures_channel::oneshot;
use js_sys::{Array, ArrayBuffer, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::DedicatedWorkerGlobalScope;

use super::helper::HelperWorker;

/// Trunk copies the helper beside the worker's own script (index.html).
const HELPER_SCRIPT: &str = "sha256_worker.js";

/// The helper worker: answers `{ id, digest }` (or `{ id, error }`).
pub struct DigestWorker {
    helper: HelperWorker<Option<String>>,
}

/// A digest on its way.
pub enum PendingDigest {
    Helper(oneshot::Receiver<Option<String>>),
    ThisThread(JsFuture),
}

impl PendingDigest {
    /// Whether the helper worker, not this thread, is taking it.
    pub fn is_off_thread(&self) -> bool {
        matches!(self, Self::Helper(_))
    }

    /// The digest as lower-case hex (as `sha256_hex` writes it), or `None`
    /// when the browser could not take it (the caller hashes in Rust).
    pub async fn finish(self) -> Option<String> {
        match self {
            Self::Helper(receiver) => receiver.await.ok().flatten(),
            Self::ThisThread(future) => hex_of(&future.await.ok()?),
        }
    }
}

impl DigestWorker {
    /// Starts the helper beside this worker's script; `None` where this
    /// browser cannot start a worker from a worker.
    pub fn start(scope: &DedicatedWorkerGlobalScope) -> Option<DigestWorker> {
        let url = web_sys::Url::new_with_base(HELPER_SCRIPT, &scope.location().href()).ok()?.href();
        let answer = |data: &JsValue| Reflect::get(data, &"digest".into()).ok().and_then(|v| hex_of(&v));
        // A helper that failed owes nothing it can still give: the caller hashes.
        let helper = HelperWorker::start(&url, answer, || None)?;
        Some(DigestWorker { helper })
    }

    /// Starts hashing `buffer`, which moves to the helper: the caller must
    /// have copied what it needs of it.
    pub fn digest(helper: Option<&DigestWorker>, buffer: &ArrayBuffer) -> Option<PendingDigest> {
        match helper.and_then(|h| h.helper.send("bytes", buffer, &Array::of1(buffer))) {
            Some(receiver) => Some(PendingDigest::Helper(receiver)),
            None => digest_here(buffer),
        }
    }
}

/// `crypto.subtle.digest("SHA-256", buffer)` on this thread, or `None`
/// where WebCrypto is missing.
fn digest_here(buffer: &ArrayBuffer) -> Option<PendingDigest> {
    let get = |target: &JsValue, key: &str| Reflect::get(target, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let subtle = get(&js_sys::global(), "crypto").and_then(|crypto| get(&crypto, "subtle"))?;
    let digest = get(&subtle, "digest")?.dyn_into::<Function>().ok()?;
    let promise = digest.call2(&subtle, &JsValue::from_str("SHA-256"), buffer).ok()?;
    Some(PendingDigest::ThisThread(JsFuture::from(promise.dyn_into::<Promise>().ok()?)))
}

/// A 32-byte digest (an `ArrayBuffer`) as lower-case hex.
fn hex_of(digest: &JsValue) -> Option<String> {
    let bytes = Uint8Array::new(digest.dyn_ref::<ArrayBuffer>()?).to_vec();
    if bytes.len() != 32 {
        return None;
    }
    let mut hex = String::with_capacity(64);
    for b in bytes {
        let _ = write!(hex, "{b:02x}");
    }
    Some(hex)
}
