//! Platform data: files and fetched pages, their pull types.

use fcode_core::model::PullType;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{CANCELLED, FileBatch, InputStatus, PlatformEntry, Session};
use crate::worker::protocol::{InputId, Reply, Request};

impl Session {

    /// Adds platform files and parses each in the worker, in the order given.
    pub fn add_platform_files(&self, files: Vec<web_sys::File>) {
        let blobs = files.into_iter().map(|file| (file.name(), web_sys::Blob::from(file), None)).collect();
        self.add_platform_blobs(blobs);
    }

    /// Adds platform data from any source (files, a live fetch): name, bytes
    /// and, when the source knows it, the pull type (a fetch does; for a file
    /// the engine suggests one and the user confirms).
    pub fn add_platform_blobs(&self, blobs: Vec<(String, web_sys::Blob, Option<PullType>)>) {
        if self.refuse_if_locked() {
            return;
        }
        let session = *self;
        let mut ids = Vec::new();
        for (name, blob, pull) in blobs {
            let id = self.next_id();
            let size = blob.size() as u64;
            self.save_input(id, &blob);
            self.files.update_value(|f| {
                f.insert(id, blob);
            });
            self.platform.update(|p| {
                p.push(PlatformEntry { id, name: name.clone(), size, pull: pull.unwrap_or(PullType::All), pull_known: pull.is_some(), status: InputStatus::Reading })
            });
            ids.push((id, name));
        }
        self.inputs_changed();
        spawn_local(async move {
            let total = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            let mut batch = FileBatch { done: 0, total, records: 0, started_ms: js_sys::Date::now() };
            let epoch = session.cancels.get_value();
            for (id, name) in ids {
                if session.cancels.get_value() != epoch {
                    break;
                }
                session.file_batch.set((total > 1).then_some(batch));
                batch.records += session.load_platform(id, name).await;
                batch.done += 1;
            }
            session.file_batch.set(None);
        });
    }

    /// Parses one platform file in the worker; returns the records loaded.
    pub(super) async fn load_platform(&self, id: InputId, name: String) -> u64 {
        let result = self.call(Request::LoadPlatform { input: id, name: name.clone() }, Some(id)).await;
        let status = match result {
            Ok((Reply::PlatformLoaded(summary), _)) => {
                for error in summary.row_errors.iter().take(3) {
                    self.notify(error.clone());
                }
                if summary.rejected > 3 {
                    self.notify(format!("{}: {} rows rejected in all (see the file's list)", summary.name, summary.rejected));
                }
                InputStatus::Ready(summary)
            }
            Ok((Reply::Failed { message }, _)) | Err(message) => {
                if message != CANCELLED {
                    self.notify(message.clone());
                }
                InputStatus::Failed(message)
            }
            Ok(_) => InputStatus::Failed("unexpected answer from the engine".into()),
        };
        let records = match &status {
            InputStatus::Ready(summary) => summary.records,
            _ => 0,
        };
        self.platform.update(|p| {
            if let Some(entry) = p.iter_mut().find(|e| e.id == id) {
                if let (InputStatus::Ready(summary), false) = (&status, entry.pull_known) {
                    entry.pull = summary.suggested_pull;
                }
                entry.status = status;
            }
        });
        records
    }

    pub fn set_pull(&self, id: InputId, pull: PullType) {
        if self.refuse_if_locked() {
            return;
        }
        self.platform.update(|p| {
            if let Some(entry) = p.iter_mut().find(|e| e.id == id) {
                entry.pull = pull;
                entry.pull_known = true;
            }
        });
        self.inputs_changed();
    }

    pub fn remove_input(&self, id: InputId) {
        if self.refuse_if_locked() {
            return;
        }
        let session = *self;
        self.platform.update(|p| p.retain(|e| e.id != id));
        if self.issuance.with_untracked(|i| i.as_ref().is_some_and(|i| i.id == id)) {
            self.issuance.set(None);
        }
        self.files.update_value(|f| {
            f.remove(&id);
        });
        self.inputs_changed();
        spawn_local(async move {
            let _ = session.call(Request::Remove { input: id }, None).await;
            let _ = session.persistence.delete_input(&session.run_id.get_untracked(), id).await;
        });
    }
}
