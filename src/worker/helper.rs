//! A small JavaScript helper worker that answers `{ id, ... }` messages on a
//! thread of its own: the engine worker's hasher (`sha256_worker.js`, see
//! [`super::digest`]) and the page's file reader (`blob_reader.js`, see
//! `crate::state::blob_reader`).
//!
//! Each request carries an id; the helper's answer with that id settles it.
//! Should the helper fail to load or throw, everything it still owes is
//! settled with the caller's `gone` value and the helper counts as broken:
//! [`HelperWorker::send`] then refuses, so the caller does the work itself.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use futures_channel::oneshot;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{MessageEvent, Worker};

type Waiting<T> = Rc<RefCell<HashMap<u32, oneshot::Sender<T>>>>;

pub struct HelperWorker<T> {
    worker: Worker,
    waiting: Waiting<T>,
    broken: Rc<Cell<bool>>,
    next_id: Cell<u32>,
    _handlers: [Closure<dyn FnMut(JsValue)>; 2],
}

impl<T: 'static> HelperWorker<T> {
    /// Starts the helper at `url`. `answer` reads a reply's message (its
    /// `id` already matched); `gone` is what a request gets when the helper
    /// fails before answering it. `None` where no worker can be started.
    pub fn start(url: &str, answer: fn(&JsValue) -> T, gone: fn() -> T) -> Option<HelperWorker<T>> {
        let worker = Worker::new(url).ok()?;
        let waiting: Waiting<T> = Rc::default();
        let broken = Rc::new(Cell::new(false));
        let on_message = {
            let waiting = waiting.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                let Some(data) = event.dyn_ref::<MessageEvent>().map(MessageEvent::data) else { return };
                let Some(id) = Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()) else { return };
                let sender = waiting.borrow_mut().remove(&(id as u32));
                if let Some(sender) = sender {
                    let _ = sender.send(answer(&data));
                }
            })
        };
        let on_error = {
            let (waiting, broken) = (waiting.clone(), broken.clone());
            Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
                // Failed to load or threw: what it owes is done by the caller.
                broken.set(true);
                let owed = std::mem::take(&mut *waiting.borrow_mut());
                for (_, sender) in owed {
                    let _ = sender.send(gone());
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(HelperWorker { worker, waiting, broken, next_id: Cell::new(0), _handlers: [on_message, on_error] })
    }

    /// Sends `{ id, [key]: value }`, moving `transfer`; the receiver hears
    /// the answer. `None` when the helper is broken or the message could not
    /// be posted.
    pub fn send(&self, key: &str, value: &JsValue, transfer: &Array) -> Option<oneshot::Receiver<T>> {
        if self.broken.get() {
            return None;
        }
        let id = self.next_id.get();
        let message = Object::new();
        Reflect::set(&message, &"id".into(), &JsValue::from(id)).ok()?;
        Reflect::set(&message, &JsValue::from_str(key), value).ok()?;
        let (sender, receiver) = oneshot::channel();
        self.waiting.borrow_mut().insert(id, sender);
        if self.worker.post_message_with_transfer(&message, transfer).is_err() {
            self.waiting.borrow_mut().remove(&id);
            return None;
        }
        self.next_id.set(id.wrapping_add(1));
        Some(receiver)
    }
}
