//! The issuance list: inspect, map, load.

use fcode_core::issuance::IssuanceOptions;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{InputStatus, IssuanceEntry, Session};
use crate::worker::protocol::{InputId, Reply, Request};

impl Session {

    /// A new issuance list (file or pasted text): inspect it, then load it
    /// with the detected or remembered mapping, or ask the user to map.
    pub fn set_issuance(&self, blob: web_sys::Blob, name: String) {
        if self.refuse_if_locked() {
            return;
        }
        let id = self.next_id();
        self.save_input(id, &blob);
        let old = self.issuance.with_untracked(|i| i.as_ref().map(|i| i.id));
        self.files.update_value(|f| {
            if let Some(old) = old {
                f.remove(&old);
            }
            f.insert(id, blob.clone());
        });
        self.issuance.set(Some(IssuanceEntry {
            id,
            name: name.clone(),
            size: blob.size() as u64,
            options: IssuanceOptions::default(),
            preview: None,
            status: InputStatus::Reading,
        }));
        self.inputs_changed();
        let session = *self;
        spawn_local(async move { session.inspect_issuance(id, name, None).await });
    }

    /// Looks at the list (again, e.g. for another sheet) and loads it when
    /// every required column is known.
    pub async fn inspect_issuance(&self, id: InputId, name: String, sheet: Option<String>) {
        let result = self.call(Request::InspectIssuance { name: name.clone(), sheet: sheet.clone() }, Some(id)).await;
        match result {
            Ok((Reply::IssuancePreview(preview), _)) => {
                let remembered = crate::state::prefs::load_mapping(&preview.header_signature);
                let options = IssuanceOptions {
                    mapping: remembered.clone(),
                    face_value_unit: preview.face_value_unit_hint,
                    sheet: sheet.or_else(|| preview.sheet.clone()),
                };
                let needs_mapping = remembered.is_none() && !preview.unmapped_required.is_empty();
                self.update_issuance(id, |entry| {
                    entry.preview = Some(*preview);
                    entry.options = options.clone();
                });
                if needs_mapping {
                    self.mapping_open.set(true);
                } else {
                    self.load_issuance(id, options).await;
                }
            }
            Ok((Reply::Failed { message }, _)) | Err(message) => self.issuance_failed(id, message),
            Ok(_) => self.issuance_failed(id, "unexpected answer from the engine".into()),
        }
    }

    /// Loads the list with the given options (after the mapping dialog).
    pub async fn load_issuance(&self, id: InputId, options: IssuanceOptions) {
        let Some(name) = self.issuance.with_untracked(|i| i.as_ref().filter(|i| i.id == id).map(|i| i.name.clone())) else {
            return;
        };
        self.update_issuance(id, |entry| {
            entry.options = options.clone();
            entry.status = InputStatus::Reading;
        });
        self.inputs_changed();
        let result = self.call(Request::LoadIssuance { input: id, name, options: options.clone() }, Some(id)).await;
        match result {
            Ok((Reply::IssuanceLoaded(summary), _)) => {
                for error in summary.row_errors.iter().take(3) {
                    self.notify(error.clone());
                }
                if summary.rejected > 3 {
                    self.notify(format!("{}: {} rows rejected in all (see the list)", summary.name, summary.rejected));
                }
                if let (Some(mapping), Some(signature)) = (
                    options.mapping.as_ref(),
                    self.issuance.with_untracked(|i| i.as_ref().and_then(|i| i.preview.as_ref()).map(|p| p.header_signature.clone())),
                ) {
                    crate::state::prefs::save_mapping(&signature, mapping);
                }
                self.update_issuance(id, |entry| entry.status = InputStatus::Ready(summary));
            }
            Ok((Reply::Failed { message }, _)) | Err(message) => self.issuance_failed(id, message),
            Ok(_) => self.issuance_failed(id, "unexpected answer from the engine".into()),
        }
    }

    pub(super) fn update_issuance(&self, id: InputId, change: impl FnOnce(&mut IssuanceEntry)) {
        self.issuance.update(|i| {
            if let Some(entry) = i.as_mut().filter(|e| e.id == id) {
                change(entry);
            }
        });
    }

    pub(super) fn issuance_failed(&self, id: InputId, message: String) {
        let status = self.failed_status(message);
        self.update_issuance(id, |entry| entry.status = status);
    }
}
