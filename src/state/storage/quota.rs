//! How much space we use and may use, and asking the browser to keep our data.
//!
//! Without a grant from `persist()`, browsers may evict an origin's storage
//! under disk pressure ("best effort" storage); saved runs would then vanish.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::StorageManager;

/// `navigator.storage` of the current global (window or worker), if any: it is
/// missing in insecure contexts (plain http other than localhost) and in old
/// browsers, so it is looked up as a property rather than assumed.
fn storage_manager() -> Option<StorageManager> {
    let navigator =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("navigator")).ok()?;
    let storage = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    if storage.is_object() {
        Some(storage.unchecked_into())
    } else {
        None
    }
}

fn number_property(value: &JsValue, key: &str) -> Option<f64> {
    js_sys::Reflect::get(value, &JsValue::from_str(key))
        .ok()?
        .as_f64()
}

/// `(usage, quota)` in bytes from `navigator.storage.estimate()`.
pub(super) async fn estimate() -> Option<(f64, f64)> {
    let promise = storage_manager()?.estimate().ok()?;
    let estimate = JsFuture::from(promise).await.ok()?;
    Some((
        number_property(&estimate, "usage")?,
        number_property(&estimate, "quota")?,
    ))
}

/// `navigator.storage.persist()`: true when the browser grants persistence.
pub(super) async fn persist() -> bool {
    let Some(promise) = storage_manager().and_then(|s| s.persist().ok()) else {
        return false;
    };
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
