//! Every reconciliation is saved in IndexedDB as it is built, so a reload,
//! a crash or a closed tab loses nothing, and the history page can reopen it.
//!
//! What is saved: the input files themselves (as Blobs, exactly as loaded),
//! the choices made about them (pull types, column mapping, face-value unit,
//! period), the last report and sign-off. What is not: the parsed records
//! and per-code results — the engine rebuilds them from the files
//! deterministically in about a second per million codes, which is cheaper
//! than storing and reloading a copy several times the input's size.
//!
//! Layout (keys): `run/<id>/record` → [`RunRecord`] (JSON),
//! `run/<id>/input/<n>` → the input's Blob. The current run's id is kept in
//! localStorage.

use std::collections::HashMap;

use fcode_core::issuance::IssuanceOptions;
use fcode_core::model::PullType;
use fcode_core::report::Report;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};

use super::storage::{StorageError, Store};
use crate::worker::protocol::InputId;
use crate::worker::summaries::RunSummary;

const CURRENT_RUN_KEY: &str = "fcode-recon.current-run";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedPlatform {
    pub id: InputId,
    pub name: String,
    pub pull: PullType,
    pub pull_known: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedIssuance {
    pub id: InputId,
    pub name: String,
    pub options: IssuanceOptions,
}

/// Who prepared and who reviewed a run, and when it was signed off. A
/// signed-off run is read-only until it is explicitly unlocked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    pub preparer: String,
    pub reviewer: String,
    pub signed_at: String,
}

/// One reconciliation as saved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub updated_at: String,
    pub platform: Vec<SavedPlatform>,
    pub issuance: Option<SavedIssuance>,
    pub period: (String, String),
    pub report: Option<Report>,
    pub run: Option<RunSummary>,
    /// The inputs changed after the report was made.
    pub stale: bool,
    pub signoff: Option<SignOff>,
}

pub fn record_key(run: &str) -> String {
    format!("run/{run}/record")
}

pub fn input_key(run: &str, input: InputId) -> String {
    format!("run/{run}/input/{input}")
}

fn run_prefix(run: &str) -> String {
    format!("run/{run}/")
}

/// A new, unique run id (time-ordered, so the history sorts naturally).
pub fn new_run_id() -> String {
    let millis = js_sys::Date::now() as u64;
    let salt = (js_sys::Math::random() * 1_000_000.0) as u32;
    format!("{millis:013}-{salt:06}")
}

pub fn current_run_id() -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok().flatten()?;
    storage.get_item(CURRENT_RUN_KEY).ok().flatten().filter(|id| !id.is_empty())
}

pub fn set_current_run_id(id: Option<&str>) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = match id {
            Some(id) => storage.set_item(CURRENT_RUN_KEY, id),
            None => storage.remove_item(CURRENT_RUN_KEY),
        };
    }
}

/// Counts one save in [`Persistence::in_flight`] while it lives: dropped
/// when the save finishes, fails or is abandoned.
pub struct InFlight(RwSignal<u32>);

impl InFlight {
    fn start(count: RwSignal<u32>) -> Self {
        count.update(|n| *n = n.saturating_add(1));
        Self(count)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.try_update(|n| *n = n.saturating_sub(1));
    }
}

/// The database, opened once per page.
#[derive(Clone, Copy)]
pub struct Persistence {
    store: StoredValue<Option<Store>, LocalStorage>,
    /// Set once the saved run (if any) is back; saving starts only then, so
    /// an empty page never overwrites what was saved.
    pub ready: RwSignal<bool>,
    /// Why saving does not work, when it does not (shown to the user).
    pub problem: RwSignal<Option<String>>,
    /// Saves started and not yet finished: storage is asynchronous, so a
    /// change is safe from a reload only once this is back to 0.
    pub in_flight: RwSignal<u32>,
}

impl Persistence {
    pub fn new() -> Self {
        Self {
            store: StoredValue::new_local(None),
            ready: RwSignal::new(false),
            problem: RwSignal::new(None),
            in_flight: RwSignal::new(0),
        }
    }

    pub async fn open(&self) -> Result<Store, StorageError> {
        if let Some(store) = self.store.get_value() {
            return Ok(store);
        }
        let store = Store::open().await?;
        self.store.set_value(Some(store.clone()));
        // Ask the browser not to evict our data under storage pressure.
        spawn_local(async {
            let _ = Store::persist().await;
        });
        Ok(store)
    }

    /// Counts a save from the moment it is decided, before its task runs.
    pub fn begin_save(&self) -> InFlight {
        InFlight::start(self.in_flight)
    }

    pub async fn save_record(&self, record: &RunRecord) -> Result<(), StorageError> {
        let _saving = InFlight::start(self.in_flight);
        self.open().await?.put_json(&record_key(&record.id), record).await
    }

    pub async fn load_record(&self, run: &str) -> Result<Option<RunRecord>, StorageError> {
        self.open().await?.get_json(&record_key(run)).await
    }

    pub async fn save_input(&self, run: &str, input: InputId, blob: &web_sys::Blob) -> Result<(), StorageError> {
        let _saving = InFlight::start(self.in_flight);
        self.open().await?.put_blob(&input_key(run, input), blob).await
    }

    /// The inputs of a run; missing ones (evicted storage) are left out.
    pub async fn load_inputs(&self, record: &RunRecord) -> Result<HashMap<InputId, web_sys::Blob>, StorageError> {
        let store = self.open().await?;
        let ids = record.platform.iter().map(|p| p.id).chain(record.issuance.iter().map(|i| i.id));
        let mut blobs = HashMap::new();
        for id in ids {
            if let Some(blob) = store.get_blob(&input_key(&record.id, id)).await? {
                blobs.insert(id, blob);
            }
        }
        Ok(blobs)
    }

    /// Every saved run, newest first. A record that no longer reads (an old
    /// format) is skipped rather than hiding the others.
    pub async fn list_runs(&self) -> Result<Vec<RunRecord>, StorageError> {
        let entries: Vec<(String, serde_json::Value)> = self.open().await?.list_json("run/").await?;
        let mut runs: Vec<RunRecord> = entries
            .into_iter()
            .filter(|(key, _)| key.ends_with("/record"))
            .filter_map(|(_, value)| serde_json::from_value(value).ok())
            .collect();
        runs.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id)));
        Ok(runs)
    }

    pub async fn delete_run(&self, run: &str) -> Result<(), StorageError> {
        self.open().await?.delete_prefix(&run_prefix(run)).await
    }

    /// Deletes an input's saved file (removed by the user).
    pub async fn delete_input(&self, run: &str, input: InputId) -> Result<(), StorageError> {
        self.open().await?.delete_prefix(&input_key(run, input)).await
    }
}

impl Default for Persistence {
    fn default() -> Self {
        Self::new()
    }
}

/// The user-facing text of a storage problem (both languages: it is shown
/// in the error banner, which is not re-rendered on a language switch).
pub fn describe(error: &StorageError) -> String {
    match error {
        StorageError::QuotaExceeded => {
            "浏览器存储空间已满，本次对账未能保存；请在“历史”中删除旧记录后重试。 · Browser storage is full: this run could not be saved. Delete old runs in History and try again.".into()
        }
        StorageError::Unavailable(why) => format!(
            "浏览器存储不可用（如隐私模式），刷新页面后数据将丢失。 · Browser storage is unavailable (private mode?): a reload will lose this work. ({why})"
        ),
        other => format!("保存失败 · Saving failed: {other}"),
    }
}
