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

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use futures_channel::oneshot;
use js_sys::{Array, ArrayBuffer, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, MessageEvent, Worker};

use crate::worker::client::script_url;

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

struct Helper {
    worker: Worker,
    _handlers: [Closure<dyn FnMut(JsValue)>; 2],
}

struct State {
    /// Started on the first read, so a page that reads nothing starts nothing.
    started: bool,
    helper: Option<Helper>,
    /// The helper failed to start or stopped: every later read happens on
    /// the page. (Its handlers are kept: one of them set this.)
    gone: bool,
    waiting: HashMap<u32, oneshot::Sender<Answer>>,
    next_id: u32,
}

/// Cheap to clone; all clones share one helper.
#[derive(Clone)]
pub struct BlobReader {
    state: Rc<RefCell<State>>,
}

impl Default for BlobReader {
    fn default() -> Self {
        let state = State { started: false, helper: None, gone: false, waiting: HashMap::new(), next_id: 0 };
        BlobReader { state: Rc::new(RefCell::new(state)) }
    }
}

impl BlobReader {
    /// All of `blob`'s bytes, read by the helper where it runs.
    pub async fn read(&self, blob: &Blob) -> Result<ArrayBuffer, String> {
        let answer = match self.send(blob) {
            Some(receiver) => receiver.await.unwrap_or(Answer::HelperGone),
            None => Answer::HelperGone,
        };
        match answer {
            Answer::Bytes(buffer) => Ok(buffer),
            Answer::Unreadable => Err(UNREADABLE.to_string()),
            Answer::HelperGone => read_here(blob).await,
        }
    }

    /// Posts `blob` to the helper, starting it first if need be; `None` when
    /// there is no helper to read it.
    fn send(&self, blob: &Blob) -> Option<oneshot::Receiver<Answer>> {
        if !self.state.borrow().started {
            let helper = self.start();
            let mut state = self.state.borrow_mut();
            state.started = true;
            state.helper = helper;
        }
        let mut state = self.state.borrow_mut();
        let worker = state.helper.as_ref().filter(|_| !state.gone)?.worker.clone();
        let id = state.next_id;
        let message = Object::new();
        Reflect::set(&message, &"id".into(), &JsValue::from(id)).ok()?;
        Reflect::set(&message, &"blob".into(), blob).ok()?;
        worker.post_message_with_transfer(&message, &Array::new()).ok()?;
        state.next_id = id.wrapping_add(1);
        let (sender, receiver) = oneshot::channel();
        state.waiting.insert(id, sender);
        Some(receiver)
    }

    fn start(&self) -> Option<Helper> {
        let worker = Worker::new(&script_url(HELPER_SCRIPT)).ok()?;
        let on_message = {
            let state = self.state.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                let Some(data) = event.dyn_ref::<MessageEvent>().map(MessageEvent::data) else { return };
                let Some(id) = Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()) else { return };
                let answer = match Reflect::get(&data, &"buffer".into()).ok().and_then(|v| v.dyn_into::<ArrayBuffer>().ok()) {
                    Some(buffer) => Answer::Bytes(buffer),
                    None => Answer::Unreadable,
                };
                if let Some(sender) = state.borrow_mut().waiting.remove(&(id as u32)) {
                    let _ = sender.send(answer);
                }
            })
        };
        let on_error = {
            let state = self.state.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
                // The script did not load, or threw: what it owes, and every
                // later file, is read on the page.
                let waiting = {
                    let mut state = state.borrow_mut();
                    state.gone = true;
                    std::mem::take(&mut state.waiting)
                };
                for (_, sender) in waiting {
                    let _ = sender.send(Answer::HelperGone);
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Helper { worker, _handlers: [on_message, on_error] })
    }
}

/// Reads `blob` on this thread (the way the page read every file before the
/// helper).
async fn read_here(blob: &Blob) -> Result<ArrayBuffer, String> {
    let value = JsFuture::from(blob.array_buffer()).await.map_err(|_| UNREADABLE.to_string())?;
    value.dyn_into::<ArrayBuffer>().map_err(|_| UNREADABLE.to_string())
}
