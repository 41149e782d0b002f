//! How one [`Envelope`] crosses `postMessage`: a plain object
//! `{ json: string, bytes?: ArrayBuffer }`.
//!
//! The message is JSON text (cheap to build and parse, and the same on both
//! sides); file and export bytes ride beside it as an `ArrayBuffer` in the
//! transfer list, so they move between threads without being copied.

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use super::protocol::Envelope;

const JSON_KEY: &str = "json";
const BYTES_KEY: &str = "bytes";

/// A message ready for `postMessage(message, transfer)`.
pub struct Outgoing {
    pub message: JsValue,
    pub transfer: Array,
}

pub fn encode(envelope: &Envelope, bytes: Option<ArrayBuffer>) -> Result<Outgoing, String> {
    let json = serde_json::to_string(envelope).map_err(|e| format!("cannot encode a worker message: {e}"))?;
    let message = Object::new();
    let transfer = Array::new();
    set(&message, JSON_KEY, &JsValue::from_str(&json))?;
    if let Some(buffer) = bytes {
        set(&message, BYTES_KEY, &buffer)?;
        transfer.push(&buffer);
    }
    Ok(Outgoing { message: message.into(), transfer })
}

/// Copies Rust bytes into a fresh `ArrayBuffer` (to transfer it).
pub fn buffer_of(bytes: &[u8]) -> ArrayBuffer {
    let array = Uint8Array::new_with_length(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
    array.copy_from(bytes);
    array.buffer()
}

pub struct Incoming {
    pub envelope: Envelope,
    pub bytes: Option<ArrayBuffer>,
}

pub fn decode(data: &JsValue) -> Result<Incoming, String> {
    let json = Reflect::get(data, &JsValue::from_str(JSON_KEY))
        .ok()
        .and_then(|v| v.as_string())
        .ok_or("a worker message without its JSON part")?;
    let envelope = serde_json::from_str(&json).map_err(|e| format!("cannot decode a worker message: {e}"))?;
    let bytes = Reflect::get(data, &JsValue::from_str(BYTES_KEY)).ok().and_then(|v| v.dyn_into::<ArrayBuffer>().ok());
    Ok(Incoming { envelope, bytes })
}

fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), String> {
    Reflect::set(target, &JsValue::from_str(key), value)
        .map(|_| ())
        .map_err(|_| format!("cannot build a worker message ({key})"))
}
