//! Hands bytes to the browser as a file download (no server involved).

use js_sys::{Array, ArrayBuffer};
use wasm_bindgen::JsCast;
use web_sys::{BlobPropertyBag, HtmlAnchorElement, Url};

pub fn save_bytes(bytes: &ArrayBuffer, file_name: &str, mime: &str) -> Result<(), String> {
    let failed = |_| format!("{file_name}: the download could not be started");
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = Array::of1(bytes);
    let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| failed(wasm_bindgen::JsValue::NULL))?;
    let anchor: HtmlAnchorElement = document.create_element("a").map_err(failed)?.dyn_into().map_err(|_| failed(wasm_bindgen::JsValue::NULL))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // The browser has taken the URL by now; free the blob.
    let _ = Url::revoke_object_url(&url);
    Ok(())
}
