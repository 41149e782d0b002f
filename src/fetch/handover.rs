//! What was fetched becomes platform data: a batch's pages joined as JSON
//! Lines go to the session as one platform file with its pull type, and can
//! be downloaded as they came for audit.

use js_sys::Array;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag};

use super::controller::FetchController;
use super::jsonl::{MIME, file_name, page_line};
use crate::i18n::fetch_text::fetch_texts;
use crate::state::download::save_bytes;

impl FetchController {
    /// The batch's pages are in memory (reading them back from IndexedDB
    /// after a reload); `false` when they cannot all be had.
    pub(super) async fn ensure_pages(&self, mix_id: &str) -> bool {
        let wanted = self.batch(mix_id).map_or(0, |b| b.pages) as usize;
        if self.pages.with_value(|pages| pages.get(mix_id).map_or(0, Vec::len)) >= wanted {
            return true;
        }
        let Some(saved) = self.saved.get_value() else { return false };
        match saved.load_pages(mix_id, wanted as u32).await {
            Ok(pages) if pages.len() == wanted => {
                self.pages.update_value(|all| {
                    all.insert(mix_id.to_owned(), pages);
                });
                true
            }
            Ok(_) => false,
            Err(error) => {
                self.storage_failed(&error.to_string());
                false
            }
        }
    }

    /// The platform file of this batch is in the session's platform data.
    pub fn in_session(&self, mix_id: &str) -> bool {
        let name = file_name(mix_id);
        self.session.platform.with(|p| p.iter().any(|e| e.name == name))
    }

    /// Hands the batch's pages to the session as a platform file, replacing
    /// an earlier one of the same batch (a repeated fetch).
    pub fn use_batch(&self, mix_id: &str) {
        let controller = *self;
        let mix_id = mix_id.to_owned();
        spawn_local(async move {
            let Some(blob) = controller.jsonl_blob(&mix_id).await else { return };
            let Some(pull) = controller.run.with_untracked(|r| r.as_ref().map(|r| r.pull)) else { return };
            let name = file_name(&mix_id);
            let earlier: Vec<_> =
                controller.session.platform.with_untracked(|p| p.iter().filter(|e| e.name == name).map(|e| e.id).collect());
            for id in earlier {
                controller.session.remove_input(id);
            }
            controller.session.add_platform_blobs(vec![(name, blob, Some(pull))]);
        });
    }

    /// Saves the batch's raw pages (JSON Lines) as a download.
    pub fn download(&self, mix_id: &str) {
        let controller = *self;
        let mix_id = mix_id.to_owned();
        spawn_local(async move {
            let Some(blob) = controller.jsonl_blob(&mix_id).await else { return };
            let buffer = JsFuture::from(blob.array_buffer()).await.ok().and_then(|b| b.dyn_into().ok());
            let saved = buffer.map(|buffer| save_bytes(&buffer, &file_name(&mix_id), MIME));
            if !matches!(saved, Some(Ok(()))) {
                let text = fetch_texts(controller.i18n.lang()).download_failed;
                controller.session.notify(format!("{}: {text}", file_name(&mix_id)));
            }
        });
    }

    /// The batch's pages as one JSON Lines blob, built from the page texts
    /// as JS strings (no second copy of the whole file in wasm memory).
    async fn jsonl_blob(&self, mix_id: &str) -> Option<Blob> {
        if !self.ensure_pages(mix_id).await {
            let text = fetch_texts(self.i18n.lang()).pages_unavailable;
            self.session.notify(format!("{}: {text}", file_name(mix_id)));
            return None;
        }
        let parts: Array =
            self.pages.with_value(|pages| pages.get(mix_id).map(|p| p.iter().map(|page| JsValue::from_str(&page_line(page))).collect()))?;
        let options = BlobPropertyBag::new();
        options.set_type(MIME);
        Blob::new_with_str_sequence_and_options(&parts, &options).ok()
    }
}
