//! Platform data: files and fetched pages, their pull types.

use std::collections::VecDeque;

use fcode_core::model::PullType;
use futures_channel::oneshot;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{FileBatch, InputStatus, PlatformEntry, Session};
use crate::worker::protocol::{InputId, Reply, Request};

/// Platform files read and sent to the worker ahead of their answers.
const FILES_IN_FLIGHT: usize = 3;

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
        spawn_local(async move {
            let mut ids = Vec::new();
            for (name, blob, pull) in blobs {
                if !ids.is_empty() {
                    // Each file in a task of its own: eight picked together
                    // (a row drawn, a call into the browser for the size and
                    // a save each) made one task of 30–50 ms, which stretched
                    // past 100 ms while the engine kept both cores busy.
                    crate::fetch::timer::sleep(0).await;
                }
                let id = session.add_platform_entry(&name, blob, pull);
                ids.push((id, name));
            }
            session.inputs_changed();
            let total = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            let mut batch = FileBatch { done: 0, total, records: 0, started_ms: js_sys::Date::now() };
            session.file_batch.set((total > 1).then_some(batch));
            session
                .load_platform_files(ids, |records| {
                    batch.records += records;
                    batch.done += 1;
                    session.file_batch.set((total > 1 && batch.done < total).then_some(batch));
                })
                .await;
            session.file_batch.set(None);
        });
    }

    /// Shows a platform input as being read, and saves it; returns its id.
    fn add_platform_entry(&self, name: &str, blob: web_sys::Blob, pull: Option<PullType>) -> InputId {
        let id = self.next_id();
        let size = blob.size() as u64;
        self.save_input(id, &blob);
        self.files.update_value(|f| {
            f.insert(id, blob);
        });
        let entry = PlatformEntry {
            id,
            name: name.to_string(),
            size,
            pull: pull.unwrap_or(PullType::All),
            pull_known: pull.is_some(),
            status: InputStatus::Reading,
        };
        self.platform.update(|p| p.push(entry));
        id
    }

    /// Loads platform files a few at a time, so the next file is read from
    /// its Blob (or browser storage) while the worker parses the one before;
    /// the worker answers in arrival order. At most [`FILES_IN_FLIGHT`] are
    /// read into memory ahead. A cancel stops the files not yet sent. `done`
    /// hears each file's records, in order.
    pub(super) async fn load_platform_files(&self, files: Vec<(InputId, String)>, mut done: impl FnMut(u64)) {
        let epoch = self.cancels.get_value();
        let mut in_flight: VecDeque<oneshot::Receiver<u64>> = VecDeque::new();
        for (id, name) in files {
            if in_flight.len() >= FILES_IN_FLIGHT
                && let Some(first) = in_flight.pop_front()
            {
                done(first.await.unwrap_or(0));
            }
            if self.cancels.get_value() != epoch {
                break;
            }
            let (sender, receiver) = oneshot::channel();
            let session = *self;
            spawn_local(async move {
                let _ = sender.send(session.load_platform(id, name).await);
            });
            in_flight.push_back(receiver);
        }
        for receiver in in_flight {
            done(receiver.await.unwrap_or(0));
        }
    }

    /// Starts [`Self::load_platform_files`]; the receiver hears when all are done.
    pub(super) fn start_platform_files(&self, files: Vec<(InputId, String)>) -> oneshot::Receiver<()> {
        let session = *self;
        let (sender, receiver) = oneshot::channel();
        spawn_local(async move {
            session.load_platform_files(files, |_| {}).await;
            let _ = sender.send(());
        });
        receiver
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
            Ok((Reply::Failed { message }, _)) | Err(message) => self.failed_status(message),
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
