//! What can go wrong when saving, and how browser exceptions map onto it.
//!
//! The UI needs to tell three situations apart — "this browser cannot store
//! anything" (Unavailable), "the disk/quota is full" (QuotaExceeded, which the
//! user can fix by deleting old runs) and "our own data is malformed"
//! (Serialization) — so every JS exception is classified here, in one place.

use std::fmt;

use wasm_bindgen::JsValue;

/// Why a storage operation failed.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// IndexedDB cannot be used: missing, disabled (some private modes, sandboxed
    /// frames), the open was blocked by another tab, or our connection was closed.
    Unavailable(String),
    /// The browser refused the write for lack of space (`QuotaExceededError`).
    QuotaExceeded,
    /// A value could not be turned into JSON or read back as the requested type.
    Serialization(String),
    /// Anything else the browser reported, as `Name: message`.
    Other(String),
}

impl fmt::Display for StorageError {
    // Short technical English: the UI puts its own translated sentence in front.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable(why) => write!(f, "IndexedDB unavailable: {why}"),
            StorageError::QuotaExceeded => f.write_str("storage quota exceeded"),
            StorageError::Serialization(why) => write!(f, "serialization failed: {why}"),
            StorageError::Other(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for StorageError {}

impl StorageError {
    /// Classifies an exception thrown or reported by IndexedDB (usually a
    /// `DOMException`; sometimes a `TypeError`, or `null` when a transaction
    /// was aborted without a cause).
    ///
    /// Reads `name`/`message` as plain properties rather than testing
    /// `instanceof DOMException`: newer browsers make `QuotaExceededError` its
    /// own subclass, and values from another realm fail `instanceof` anyway.
    pub fn from_js(value: &JsValue) -> StorageError {
        let name = string_property(value, "name");
        let message = string_property(value, "message");
        match name.as_deref() {
            // "NS_ERROR_DOM_QUOTA_REACHED" is the legacy Firefox name.
            Some("QuotaExceededError") | Some("NS_ERROR_DOM_QUOTA_REACHED") => {
                StorageError::QuotaExceeded
            }
            // The value could not be structured-cloned.
            Some("DataCloneError") => StorageError::Serialization(describe(name, message)),
            // The connection is closed (another tab upgraded or deleted the
            // database, or the browser is shutting it down).
            Some("InvalidStateError") => StorageError::Unavailable(describe(name, message)),
            _ if value.is_null() || value.is_undefined() => {
                StorageError::Other("transaction aborted".to_owned())
            }
            _ => StorageError::Other(match (&name, &message) {
                (None, None) => value.as_string().unwrap_or_else(|| format!("{value:?}")),
                _ => describe(name, message),
            }),
        }
    }

    /// Like [`StorageError::from_js`], for failures to open the database:
    /// anything but a full disk means the browser will not give us storage.
    pub(super) fn from_js_opening(value: &JsValue) -> StorageError {
        match StorageError::from_js(value) {
            StorageError::QuotaExceeded => StorageError::QuotaExceeded,
            StorageError::Unavailable(why)
            | StorageError::Serialization(why)
            | StorageError::Other(why) => StorageError::Unavailable(why),
        }
    }
}

fn string_property(value: &JsValue, key: &str) -> Option<String> {
    if !value.is_object() {
        return None;
    }
    js_sys::Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .filter(|s| !s.is_empty())
}

fn describe(name: Option<String>, message: Option<String>) -> String {
    match (name, message) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        (Some(only), None) | (None, Some(only)) => only,
        (None, None) => "unknown error".to_owned(),
    }
}
