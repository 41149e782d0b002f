//! Reading an input's bytes off the page's main thread.
//!
//! `Blob.arrayBuffer()` called on the page has Chromium copy the file into
//! the new buffer on the page's main thread, in tasks of about 25 ms each
//! (`SimpleWatcher::OnHandleReady` in a `bench/trace.mjs` trace; the 88 MB
//! list of the 1M-code data set takes several). While the engine worker and
//! its hashing helper keep both cores busy, those tasks stretched to 100–340
//! ms and the page stuttered. So the page hands each `Blob` (a handle: no
//! bytes are copied) to a helper worker, `blob_reader.js`, which reads it on
//! a thread of its own and transfers the buffer back (moved, not copied).
//! Where the helper cannot start, the page reads the `Blob` itself, as before.

use std::cell::OnceCell;
use std::rc::Rc;

use js_sys::{Array, ArrayBuffer, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use crate::worker::client::script_url;
use crate::worker::helper::HelperWorker;

/// Trunk copies the helper beside index.html.
const HELPER_SCRIPT: &str = "blob_reader.js";

/// What the page says when a file cannot be read, wherever it was read.
pub const UNREADABLE: &str = "the file could not be read";

/// A read's outcome: the bytes, the file's own failure, or the helper gone
/// (the page then reads the file itself).
enum Answer {
    Bytes(ArrayBuffer),
    Unreadable,
    HelperGone,
}

/// Cheap to clone; all clones share one helper, started on the first read
/// (a page that reads nothing starts nothing).
#[derive(Clone, Default)]
pub struct BlobReader {
    helper: Rc<OnceCell<Option<HelperWorker<Answer>>>>,
}

impl BlobReader {
    /// All of `blob`'s bytes, read by the helper where it runs.
    pub async fn read(&self, blob: &Blob) -> Result<ArrayBuffer, String> {
        let helper = self.helper.get_or_init(|| HelperWorker::start(&script_url(HELPER_SCRIPT), answer_of, || Answer::HelperGone));
        let answer = match helper.as_ref().and_then(|h| h.send("blob", blob, &Array::new())) {
            Some(receiver) => receiver.await.unwrap_or(Answer::HelperGone),
            None => Answer::HelperGone,
        };
        match answer {
            Answer::Bytes(buffer) => Ok(buffer),
            Answer::Unreadable => Err(UNREADABLE.to_string()),
            Answer::HelperGone => read_here(blob).await,
        }
    }
}

/// The helper's `{ id, buffer }`, or `{ id, error }` for a file it could not read.
fn answer_of(data: &JsValue) -> Answer {
    match Reflect::get(data, &"buffer".into()).ok().and_then(|v| v.dyn_into::<ArrayBuffer>().ok()) {
        Some(buffer) => Answer::Bytes(buffer),
        None => Answer::Unreadable,
    }
}

/// Reads `blob` on this thread (the way the page read every file before the
/// helper).
async fn read_here(blob: &Blob) -> Result<ArrayBuffer, String> {
    let value = JsFuture::from(blob.array_buffer()).await.map_err(|_| UNREADABLE.to_string())?;
    value.dyn_into::<ArrayBuffer>().map_err(|_| UNREADABLE.to_string())
}
