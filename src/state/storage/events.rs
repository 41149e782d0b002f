//! Turning IndexedDB's events into futures.
//!
//! IndexedDB reports results through events (`success`, `complete`, `abort`…)
//! rather than promises. Listeners are registered the moment a wait is created
//! — before the caller yields — so an event that fires while something else is
//! being awaited is never missed, and they are removed again when the wait is
//! dropped, so a cancelled future (a view that went away) never leaves the
//! browser calling into a freed Rust closure.

use js_sys::{Function, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, EventTarget, IdbTransaction};

use super::StorageError;

/// An event listener that lives exactly as long as this value.
pub(super) struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    pub(super) fn new(
        target: &EventTarget,
        kind: &'static str,
        callback: impl FnMut(Event) + 'static,
    ) -> Listener {
        let callback = Closure::<dyn FnMut(Event)>::new(callback);
        // Cannot fail for a valid target and a function; if it did, the wait
        // would simply never see the event, so there is nothing better to do.
        let _ = target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
        Listener {
            target: target.clone(),
            kind,
            callback,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}

/// Waits for the first of several event types on one target.
pub(super) struct EventWait {
    fired: JsFuture,
    _listeners: Vec<Listener>,
}

impl EventWait {
    /// Starts listening now; `next` yields the first event that fired.
    pub(super) fn new(target: &EventTarget, kinds: &[&'static str]) -> EventWait {
        let mut resolve: Option<Function> = None;
        // The executor runs synchronously, so `resolve` is set right away.
        let promise = Promise::new(&mut |res, _rej| resolve = Some(res));
        let listeners = kinds
            .iter()
            .map(|kind| {
                let resolve = resolve.clone();
                Listener::new(target, kind, move |event| {
                    if let Some(resolve) = &resolve {
                        // A second event resolves an already settled promise: a no-op.
                        let _ = resolve.call1(&JsValue::UNDEFINED, &event);
                    }
                })
            })
            .collect();
        EventWait {
            fired: JsFuture::from(promise),
            _listeners: listeners,
        }
    }

    /// The first event that fired.
    pub(super) async fn next(&mut self) -> Result<Event, StorageError> {
        let value = (&mut self.fired)
            .await
            .map_err(|e| StorageError::from_js(&e))?;
        value
            .dyn_into::<Event>()
            .map_err(|v| StorageError::Other(format!("expected an Event, got {v:?}")))
    }
}

/// Resolves when `tx` has committed (`complete`), or fails with the reason it
/// was aborted. Writes wait for this rather than for their request's
/// `success`: only `complete` means the data is in the database, and a
/// `QuotaExceededError` is often reported at commit time, on the transaction.
///
/// Create the transaction's requests first, then call this without awaiting
/// anything in between (the transaction commits as soon as the task that
/// created it has nothing more to do).
pub(super) async fn finished(tx: &IdbTransaction) -> Result<(), StorageError> {
    let mut wait = EventWait::new(tx, &["complete", "abort"]);
    let event = wait.next().await?;
    if event.type_() == "complete" {
        Ok(())
    } else {
        // `error` is the failed request's exception (e.g. QuotaExceededError)
        // or null for an explicit `abort()`.
        Err(StorageError::from_js(
            &tx.error().map(JsValue::from).unwrap_or(JsValue::NULL),
        ))
    }
}

/// Abandons a transaction after a request could not even be created, so it
/// does not commit half of the intended changes.
pub(super) fn abandon(tx: &IdbTransaction, error: JsValue) -> StorageError {
    let _ = tx.abort();
    StorageError::from_js(&error)
}
