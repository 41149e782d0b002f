//! Saving the run as it is built, restoring it on reload, signing off.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{InputStatus, IssuanceEntry, PlatformEntry, Results, Session};
use crate::state::clock::beijing_now;
use crate::state::persist::{RunRecord, SavedIssuance, SavedPlatform, SignOff, describe};
use crate::worker::protocol::{InputId, Reply, Request};

impl Session {
    /// A signed-off run is read-only: says so and refuses the change.
    pub(super) fn refuse_if_locked(&self) -> bool {
        let locked = self.signoff.with_untracked(Option::is_some);
        if locked {
            self.notify("本次对账已签核锁定，请先解锁。 · This run is signed off and locked: unlock it first.");
        }
        locked
    }

    pub fn locked(&self) -> bool {
        self.signoff.with(Option::is_some)
    }

    pub fn sign_off(&self, preparer: String, reviewer: String) {
        self.signoff.set(Some(SignOff { preparer, reviewer, signed_at: beijing_now() }));
    }

    pub fn unlock(&self) {
        self.signoff.set(None);
    }

    pub(super) fn save_input(&self, id: InputId, blob: &web_sys::Blob) {
        let session = *self;
        let blob = blob.clone();
        let saving = session.persistence.begin_save();
        spawn_local(async move {
            let _saving = saving;
            let run = session.run_id.get_untracked();
            // Each file's write in a task of its own: picked together, eight
            // 22 MB files otherwise wrote in the pick's own task, beside
            // drawing their rows, and made it one of over 100 ms.
            crate::fetch::timer::sleep(0).await;
            if let Err(error) = session.persistence.save_input(&run, id, &blob).await {
                session.storage_problem(describe(&error));
            }
        });
    }

    pub(super) fn storage_problem(&self, message: String) {
        // Say it once, not on every keystroke that saves.
        if self.persistence.problem.get_untracked().as_deref() != Some(message.as_str()) {
            self.notify(message.clone());
        }
        self.persistence.problem.set(Some(message));
    }

    /// The run as it stands, for saving. Reads signals without tracking.
    pub fn snapshot(&self) -> RunRecord {
        let results = self.results.get_untracked();
        RunRecord {
            id: self.run_id.get_untracked(),
            name: self.run_name.get_untracked(),
            created_at: self.created_at.get_untracked(),
            updated_at: beijing_now(),
            platform: self.platform.with_untracked(|p| {
                p.iter()
                    .map(|e| SavedPlatform { id: e.id, name: e.name.clone(), pull: e.pull, pull_known: e.pull_known })
                    .collect()
            }),
            issuance: self.issuance.with_untracked(|i| {
                i.as_ref().map(|i| SavedIssuance { id: i.id, name: i.name.clone(), options: i.options.clone() })
            }),
            period: self.period.get_untracked(),
            report: results.as_ref().map(|r| r.report.clone()),
            run: results.map(|r| r.run),
            stale: self.stale.get_untracked(),
            signoff: self.signoff.get_untracked(),
        }
    }

    /// Saves whenever something the record holds changes (after the saved
    /// run, if any, has been restored).
    pub fn autosave(&self) {
        let session = *self;
        Effect::new(move |_| {
            // Track everything the record holds.
            session.platform.track();
            session.issuance.track();
            session.period.track();
            session.results.track();
            session.stale.track();
            session.signoff.track();
            session.run_name.track();
            if !session.persistence.ready.get() {
                return;
            }
            let record = session.snapshot();
            crate::state::persist::set_current_run_id(Some(&record.id));
            let saving = session.persistence.begin_save();
            spawn_local(async move {
                let _saving = saving;
                match session.persistence.save_record(&record).await {
                    Ok(()) => session.persistence.problem.set(None),
                    Err(error) => session.storage_problem(describe(&error)),
                }
            });
        });
    }

    /// Brings back the run saved last (if any), then starts saving.
    pub async fn restore_current(&self) {
        if let Some(run) = crate::state::persist::current_run_id() {
            match self.persistence.load_record(&run).await {
                Ok(Some(record)) => self.restore(record).await,
                Ok(None) => {}
                Err(error) => self.storage_problem(describe(&error)),
            }
        }
        self.persistence.ready.set(true);
    }

    pub(super) async fn restore(&self, record: RunRecord) {
        let blobs = match self.persistence.load_inputs(&record).await {
            Ok(blobs) => blobs,
            Err(error) => {
                self.storage_problem(describe(&error));
                return;
            }
        };
        let max_id = record.platform.iter().map(|p| p.id).chain(record.issuance.iter().map(|i| i.id)).max().unwrap_or(0);
        self.next_id.set_value(max_id.wrapping_add(1));
        self.run_id.set(record.id.clone());
        self.run_name.set(record.name.clone());
        self.created_at.set(record.created_at.clone());
        self.period.set(record.period.clone());
        self.signoff.set(record.signoff.clone());
        self.stale.set(record.stale);
        if let (Some(report), Some(run)) = (record.report.clone(), record.run.clone()) {
            self.results.set(Some(Results { report, run }));
        }
        let missing: Vec<String> = record
            .platform
            .iter()
            .map(|p| (p.id, &p.name))
            .chain(record.issuance.iter().map(|i| (i.id, &i.name)))
            .filter(|(id, _)| !blobs.contains_key(id))
            .map(|(_, name)| name.clone())
            .collect();
        if !missing.is_empty() {
            self.notify(format!(
                "以下文件未能从浏览器存储中恢复，请重新导入 · These files could not be restored from browser storage, import them again: {}",
                missing.join(", ")
            ));
        }
        self.files.set_value(blobs.clone());
        self.platform.set(
            record
                .platform
                .iter()
                .filter(|p| blobs.contains_key(&p.id))
                .map(|p| PlatformEntry {
                    id: p.id,
                    name: p.name.clone(),
                    size: blobs.get(&p.id).map_or(0, |b| b.size() as u64),
                    pull: p.pull,
                    pull_known: p.pull_known,
                    status: InputStatus::Reading,
                })
                .collect(),
        );
        let issuance = record.issuance.clone().filter(|i| blobs.contains_key(&i.id));
        self.issuance.set(issuance.as_ref().map(|i| IssuanceEntry {
            id: i.id,
            name: i.name.clone(),
            size: blobs.get(&i.id).map_or(0, |b| b.size() as u64),
            options: i.options.clone(),
            preview: None,
            status: InputStatus::Reading,
        }));
        // Loading is asynchronous; saving may start right away (the record
        // written back is the same run).
        self.persistence.ready.set(true);
        // The list is read while the platform files are, and queued behind them.
        let platform: Vec<(InputId, String)> =
            record.platform.iter().filter(|p| blobs.contains_key(&p.id)).map(|p| (p.id, p.name.clone())).collect();
        let platform_loaded = self.start_platform_files(platform);
        if let Some(i) = issuance {
            if let Ok((Reply::IssuancePreview(preview), _)) =
                self.call(Request::InspectIssuance { name: i.name.clone(), sheet: i.options.sheet.clone() }, Some(i.id)).await
            {
                self.update_issuance(i.id, |entry| entry.preview = Some(*preview));
            }
            self.load_issuance(i.id, i.options.clone()).await;
        }
        let _ = platform_loaded.await;
        // Rebuild the worker's per-code results, reproducing the saved report.
        if let Some(report) = record.report.filter(|_| !record.stale)
            && self.issuance_ready()
        {
            self.reconcile_at(report.generated_at).await;
            self.stale.set(false);
        }
    }
}
