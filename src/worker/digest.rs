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

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

use futures_channel::oneshot;
use js_sys::{Array, ArrayBuffer, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker};

/// Trunk copies the helper beside the worker's own script (index.html).
const HELPER_SCRIPT: &str = "sha256_worker.js";

type Waiting = Rc<RefCell<HashMap<u32, oneshot::Sender<Option<String>>>>>;

/// The helper worker and the digests it still owes.
pub struct DigestWorker {
    worker: Worker,
    waiting: Waiting,
    /// The helper failed to start or stopped: every later file is hashed here.
    broken: Rc<Cell<bool>>,
    next_id: Cell<u32>,
    _handlers: [Closure<dyn FnMut(JsValue)>; 2],
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
        let worker = Worker::new(&url).ok()?;
        let waiting: Waiting = Rc::default();
        let broken = Rc::new(Cell::new(false));
        let on_message = {
            let waiting = waiting.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                let Some(data) = event.dyn_ref::<MessageEvent>().map(MessageEvent::data) else { return };
                let id = Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()).map(|v| v as u32);
                let digest = Reflect::get(&data, &"digest".into()).ok().and_then(|v| hex_of(&v));
                if let Some(sender) = id.and_then(|id| waiting.borrow_mut().remove(&id)) {
                    let _ = sender.send(digest);
                }
            })
        };
        let on_error = {
            let (waiting, broken) = (waiting.clone(), broken.clone());
            Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
                // Failed to load or threw: what it owes is hashed by the caller.
                broken.set(true);
                for (_, sender) in waiting.borrow_mut().drain() {
                    let _ = sender.send(None);
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(DigestWorker { worker, waiting, broken, next_id: Cell::new(0), _handlers: [on_message, on_error] })
    }

    /// Starts hashing `buffer`, which moves to the helper: the caller must
    /// have copied what it needs of it.
    pub fn digest(helper: Option<&DigestWorker>, buffer: &ArrayBuffer) -> Option<PendingDigest> {
        match helper.filter(|h| !h.broken.get()) {
            Some(helper) => helper.send(buffer).map(PendingDigest::Helper).or_else(|| digest_here(buffer)),
            None => digest_here(buffer),
        }
    }

    fn send(&self, buffer: &ArrayBuffer) -> Option<oneshot::Receiver<Option<String>>> {
        let id = self.next_id.get();
        self.next_id.set(id.wrapping_add(1));
        let message = Object::new();
        Reflect::set(&message, &"id".into(), &JsValue::from(id)).ok()?;
        Reflect::set(&message, &"bytes".into(), buffer).ok()?;
        let (sender, receiver) = oneshot::channel();
        self.waiting.borrow_mut().insert(id, sender);
        if self.worker.post_message_with_transfer(&message, &Array::of1(buffer)).is_err() {
            self.waiting.borrow_mut().remove(&id);
            return None;
        }
        Some(receiver)
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
