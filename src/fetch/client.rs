//! One HTTP call to the proxy, with the browser's `fetch`, cancellable and
//! with a time limit. Only transport matters here: what the answer means is
//! decided by [`super::page`] and [`super::retry`].
//!
//! The token goes in the `Authorization` header and nowhere else: it is
//! never logged or put into a message.

use std::cell::{Cell, RefCell};

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCredentials, RequestInit, Response};

use super::timer;

/// Give up on an answer after this long (the proxy's own upstream timeout
/// is 30 s by default; this only catches a proxy that hangs).
const TIMEOUT_MS: u32 = 90_000;

/// An HTTP answer, whatever its status.
#[derive(Clone, Debug)]
pub struct HttpReply {
    pub status: u16,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallError {
    /// The user cancelled.
    Cancelled,
    /// No (complete) answer; the text says what the browser reported.
    Transport(String),
}

/// Cancels the running fetch: the flag stops the loops, the abort
/// controller breaks off the request in flight.
#[derive(Default)]
pub struct CancelToken {
    cancelled: Cell<bool>,
    in_flight: RefCell<Option<AbortController>>,
}

impl CancelToken {
    pub fn cancel(&self) {
        self.cancelled.set(true);
        if let Some(controller) = self.in_flight.borrow_mut().take() {
            controller.abort();
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.get()
    }
}

/// POSTs a form-encoded body and reads the whole answer as text.
pub async fn post_form(url: &str, token: &str, body: &str, cancel: &CancelToken) -> Result<HttpReply, CallError> {
    if cancel.is_cancelled() {
        return Err(CallError::Cancelled);
    }
    let window = web_sys::window().ok_or_else(|| CallError::Transport("no window".into()))?;
    let controller = AbortController::new().map_err(|_| CallError::Transport("AbortController unavailable".into()))?;
    let headers = Headers::new().map_err(|_| CallError::Transport("Headers unavailable".into()))?;
    headers
        .append("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
        .map_err(|_| CallError::Transport("bad header".into()))?;
    if !token.is_empty() {
        // The settings check keeps the token to visible ASCII, so this only
        // fails on a token that slipped past it; say so without echoing it.
        headers
            .append("Authorization", &format!("Bearer {token}"))
            .map_err(|_| CallError::Transport("the token cannot be sent in a header".into()))?;
    }
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&body.into());
    // The proxy authenticates by token, never by cookie.
    init.set_credentials(RequestCredentials::Omit);
    init.set_signal(Some(&controller.signal()));

    *cancel.in_flight.borrow_mut() = Some(controller.clone());
    let timed_out = std::rc::Rc::new(Cell::new(false));
    let timeout = timer::Timeout::start(TIMEOUT_MS, {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        move || {
            timed_out.set(true);
            controller.abort();
        }
    });
    let result = read_reply(&window, url, &init).await;
    drop(timeout);
    cancel.in_flight.borrow_mut().take();

    match result {
        Ok(reply) => Ok(reply),
        Err(_) if cancel.is_cancelled() => Err(CallError::Cancelled),
        Err(_) if timed_out.get() => Err(CallError::Transport(format!("no answer within {} s", TIMEOUT_MS / 1000))),
        Err(detail) => Err(CallError::Transport(detail)),
    }
}

async fn read_reply(window: &web_sys::Window, url: &str, init: &RequestInit) -> Result<HttpReply, String> {
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, init))
        .await
        .map_err(|e| js_error_text(&e))?
        .dyn_into()
        .map_err(|_| "not a response".to_string())?;
    let status = response.status();
    let text_promise = response.text().map_err(|e| js_error_text(&e))?;
    let body = JsFuture::from(text_promise).await.map_err(|e| js_error_text(&e))?.as_string().unwrap_or_default();
    Ok(HttpReply { status, body })
}

/// "TypeError: Failed to fetch" and the like (the browser never says more
/// about a network failure, on purpose).
fn js_error_text(value: &wasm_bindgen::JsValue) -> String {
    let text = |key: &str| js_sys::Reflect::get(value, &key.into()).ok().and_then(|v| v.as_string()).filter(|s| !s.is_empty());
    match (text("name"), text("message")) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        (None, Some(message)) => message,
        (Some(name), None) => name,
        (None, None) => value.as_string().unwrap_or_else(|| "network error".into()),
    }
}
