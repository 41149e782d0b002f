//! The page's handle on the engine worker.
//!
//! Requests are answered in order by one worker. Cancelling terminates the
//! worker (the engine's work is synchronous, so there is no gentler way) and
//! starts a fresh one; the app then loads its inputs into it again from
//! browser storage. A crashed worker is handled the same way.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use futures_channel::oneshot;
use js_sys::ArrayBuffer;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use super::protocol::{Envelope, Progress, Reply, Request};
use super::transport;

/// Trunk writes the worker's loader beside index.html.
const WORKER_SCRIPT: &str = "worker_loader.js";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkerError {
    /// The user cancelled; the worker was restarted.
    Cancelled,
    /// The worker stopped unexpectedly (it was restarted) or could not start.
    Crashed(String),
}

type Pending = oneshot::Sender<Result<(Reply, Option<ArrayBuffer>), WorkerError>>;

struct Inner {
    worker: Option<Worker>,
    ready: bool,
    next_id: u32,
    /// Sent before the worker said it was ready.
    queued: Vec<(JsValue, js_sys::Array)>,
    pending: HashMap<u32, Pending>,
    on_progress: Rc<dyn Fn(Option<Progress>)>,
    /// Keeps the event handlers of the current worker alive.
    handlers: Vec<Closure<dyn FnMut(JsValue)>>,
    generation: u32,
}

/// Cheap to clone; all clones talk to the same worker.
#[derive(Clone)]
pub struct WorkerClient {
    inner: Rc<RefCell<Inner>>,
}

impl WorkerClient {
    /// Starts the worker. `on_progress` hears progress of the running request
    /// and `None` when it ends.
    pub fn start(on_progress: impl Fn(Option<Progress>) + 'static) -> WorkerClient {
        let client = WorkerClient {
            inner: Rc::new(RefCell::new(Inner {
                worker: None,
                ready: false,
                next_id: 1,
                queued: Vec::new(),
                pending: HashMap::new(),
                on_progress: Rc::new(on_progress),
                handlers: Vec::new(),
                generation: 0,
            })),
        };
        client.spawn();
        client
    }

    /// Sends a request (with file bytes, transferred) and waits for its reply.
    pub async fn call(&self, request: Request, bytes: Option<ArrayBuffer>) -> Result<(Reply, Option<ArrayBuffer>), WorkerError> {
        let receiver = {
            let mut inner = self.inner.borrow_mut();
            let id = inner.next_id;
            inner.next_id = inner.next_id.wrapping_add(1);
            let out = transport::encode(&Envelope::Request { id, request }, bytes).map_err(WorkerError::Crashed)?;
            let (sender, receiver) = oneshot::channel();
            inner.pending.insert(id, sender);
            match (&inner.worker, inner.ready) {
                (Some(worker), true) => {
                    if worker.post_message_with_transfer(&out.message, &out.transfer).is_err() {
                        inner.pending.remove(&id);
                        return Err(WorkerError::Crashed("the request could not be sent to the worker".into()));
                    }
                }
                _ => inner.queued.push((out.message, out.transfer)),
            }
            receiver
        };
        receiver.await.unwrap_or(Err(WorkerError::Cancelled))
    }

    /// Stops whatever the worker is doing and starts a fresh one. Every
    /// waiting request ends with [`WorkerError::Cancelled`].
    pub fn cancel(&self) {
        self.restart(WorkerError::Cancelled);
    }

    fn restart(&self, reason: WorkerError) {
        let (pending, on_progress) = {
            let mut inner = self.inner.borrow_mut();
            if let Some(worker) = inner.worker.take() {
                worker.terminate();
            }
            inner.handlers.clear();
            inner.queued.clear();
            inner.ready = false;
            (std::mem::take(&mut inner.pending), inner.on_progress.clone())
        };
        for (_, sender) in pending {
            let _ = sender.send(Err(reason.clone()));
        }
        on_progress(None);
        self.spawn();
    }

    fn spawn(&self) {
        let url = script_url(WORKER_SCRIPT);
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = match Worker::new_with_options(&url, &options) {
            Ok(worker) => worker,
            Err(error) => {
                let message = format!("the engine worker could not start: {}", describe(&error));
                let pending = std::mem::take(&mut self.inner.borrow_mut().pending);
                for (_, sender) in pending {
                    let _ = sender.send(Err(WorkerError::Crashed(message.clone())));
                }
                web_sys::console::error_1(&message.into());
                return;
            }
        };
        let generation = {
            let mut inner = self.inner.borrow_mut();
            inner.generation = inner.generation.wrapping_add(1);
            inner.generation
        };

        let on_message = {
            let client = self.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                if let Some(event) = event.dyn_ref::<MessageEvent>() {
                    client.receive(generation, &event.data());
                }
            })
        };
        let on_error = {
            let client = self.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                let message = event.dyn_ref::<ErrorEvent>().map(|e| e.message()).unwrap_or_default();
                if client.inner.borrow().generation == generation {
                    web_sys::console::error_1(&format!("the engine worker stopped: {message}").into());
                    client.restart(WorkerError::Crashed(message));
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let mut inner = self.inner.borrow_mut();
        inner.handlers = vec![on_message, on_error];
        inner.worker = Some(worker);
    }

    fn receive(&self, generation: u32, data: &JsValue) {
        let incoming = match transport::decode(data) {
            Ok(incoming) => incoming,
            Err(message) => {
                web_sys::console::error_1(&message.into());
                return;
            }
        };
        let mut inner = self.inner.borrow_mut();
        if inner.generation != generation {
            return;
        }
        match incoming.envelope {
            Envelope::Ready => {
                inner.ready = true;
                let queued = std::mem::take(&mut inner.queued);
                if let Some(worker) = &inner.worker {
                    for (message, transfer) in queued {
                        let _ = worker.post_message_with_transfer(&message, &transfer);
                    }
                }
            }
            Envelope::Progress { progress, .. } => {
                let on_progress = inner.on_progress.clone();
                drop(inner);
                on_progress(Some(progress));
            }
            Envelope::Reply { id, reply } => {
                let sender = inner.pending.remove(&id);
                let on_progress = inner.on_progress.clone();
                drop(inner);
                on_progress(None);
                if let Some(sender) = sender {
                    let _ = sender.send(Ok((reply, incoming.bytes)));
                }
            }
            Envelope::Request { .. } => {}
        }
    }
}

/// A script's URL, relative to the document's base (Trunk's public URL), so
/// a deployment under a sub-path works.
pub(crate) fn script_url(script: &str) -> String {
    let base = web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten());
    match base.and_then(|base| web_sys::Url::new_with_base(script, &base).ok()) {
        Some(url) => url.href(),
        None => script.to_string(),
    }
}

fn describe(error: &JsValue) -> String {
    error.as_string().or_else(|| js_sys::JSON::stringify(error).ok().and_then(|s| s.as_string())).unwrap_or_default()
}
