//! Running the reconciliation, reading its table, exporting, cancelling.

use fcode_core::model::PullType;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{CANCELLED, CANCELLED_BY_USER, InputStatus, Results, Session};
use crate::state::clock::beijing_now;
use crate::state::download::save_bytes;
use crate::worker::client::{WorkerClient, WorkerError};
use crate::worker::protocol::{ExportKind, InputId, Reply, Request};

impl Session {

    /// The platform files that parsed, in load order, with their pull types.
    pub fn ready_platform(&self) -> Vec<(InputId, PullType)> {
        self.platform.with(|p| {
            p.iter().filter(|e| matches!(e.status, InputStatus::Ready(_))).map(|e| (e.id, e.pull)).collect()
        })
    }

    pub fn issuance_ready(&self) -> bool {
        self.issuance.with(|i| i.as_ref().is_some_and(|i| matches!(i.status, InputStatus::Ready(_))))
    }

    pub fn run(&self) {
        if self.refuse_if_locked() {
            return;
        }
        let session = *self;
        spawn_local(async move { session.run_now().await });
    }

    pub async fn run_now(&self) {
        self.reconcile_at(beijing_now()).await;
    }

    /// Reconciles with a given report time (a restored run keeps its own).
    pub(super) async fn reconcile_at(&self, generated_at: String) {
        let period = match parse_period(&self.period.get_untracked()) {
            Ok(period) => period,
            Err(message) => {
                self.notify(message);
                return;
            }
        };
        let request = Request::Reconcile { platform: self.ready_platform(), period, generated_at };
        match self.call(request, None).await {
            Ok((Reply::Reconciled { report, run }, _)) => {
                self.results.set(Some(Results { report: *report, run: *run }));
                self.stale.set(false);
            }
            Ok((Reply::Failed { message }, _)) => self.notify(message),
            Err(message) if message != CANCELLED => self.notify(message),
            _ => {}
        }
    }

    /// Writes an export and hands it to the browser as a download.
    pub fn export(&self, kind: ExportKind) {
        let session = *self;
        spawn_local(async move {
            match session.call(Request::Export { kind }, None).await {
                Ok((Reply::Exported { kind }, Some(bytes))) => {
                    if let Err(message) = save_bytes(&bytes, kind.file_name(), kind.mime()) {
                        session.notify(message);
                    }
                }
                Ok((Reply::Failed { message }, _)) => session.notify(message),
                Err(message) if message != CANCELLED => session.notify(message),
                _ => {}
            }
        });
    }

    /// Stops the running work and reloads the inputs into a fresh worker.
    /// Stops the running work: inputs still being read are marked cancelled
    /// (and not read again), queued files are not started, and a fresh
    /// worker gets the inputs that were already loaded.
    pub fn cancel(&self) {
        self.cancels.update_value(|c| *c = c.wrapping_add(1));
        self.platform.update(|p| {
            for entry in p.iter_mut().filter(|e| matches!(e.status, InputStatus::Reading)) {
                entry.status = InputStatus::Failed(CANCELLED_BY_USER.to_string());
            }
        });
        self.issuance.update(|i| {
            if let Some(entry) = i.as_mut().filter(|e| matches!(e.status, InputStatus::Reading)) {
                entry.status = InputStatus::Failed(CANCELLED_BY_USER.to_string());
            }
        });
        self.file_batch.set(None);
        self.worker.with_value(WorkerClient::cancel);
        let session = *self;
        spawn_local(async move { session.reload_worker().await });
    }

    /// Gives a fresh worker every input that was loaded, in load order.
    pub(super) async fn reload_worker(&self) {
        let platform: Vec<(InputId, String)> = self.platform.with_untracked(|p| {
            p.iter().filter(|e| matches!(e.status, InputStatus::Ready(_))).map(|e| (e.id, e.name.clone())).collect()
        });
        // The list is read while the platform files are, and queued behind them.
        let platform_loaded = self.start_platform_files(platform);
        let issuance = self.issuance.with_untracked(|i| {
            i.as_ref().filter(|i| matches!(i.status, InputStatus::Ready(_))).map(|i| (i.id, i.options.clone()))
        });
        if let Some((id, options)) = issuance {
            self.load_issuance(id, options).await;
        }
        let _ = platform_loaded.await;
        self.stale.set(self.results.with_untracked(Option::is_some));
    }

    /// A window of the filtered, sorted code table.
    pub async fn rows(
        &self,
        filter: fcode_core::reconcile::CodeFilter,
        sort: crate::worker::protocol::SortKey,
        descending: bool,
        offset: u32,
        limit: u32,
    ) -> Result<crate::worker::summaries::RowPage, String> {
        match self.quiet_call(Request::Rows { filter, sort, descending, offset, limit }).await? {
            Reply::Rows(page) => Ok(page),
            Reply::Failed { message } => Err(message),
            _ => Err("unexpected answer from the engine".into()),
        }
    }

    /// Everything about one code, for the detail panel.
    pub async fn detail(&self, index: u32) -> Result<crate::worker::summaries::CodeDetail, String> {
        match self.quiet_call(Request::Detail { index }).await? {
            Reply::Detail(detail) => Ok(*detail),
            Reply::Failed { message } => Err(message),
            _ => Err("unexpected answer from the engine".into()),
        }
    }

    /// Like `call`, without marking the session busy: the table fetches
    /// windows while the user scrolls, and the progress bar must not flicker.
    pub(super) async fn quiet_call(&self, request: Request) -> Result<Reply, String> {
        let worker = self.worker.get_value();
        match worker.call(request, None).await {
            Ok((reply, _)) => Ok(reply),
            Err(WorkerError::Cancelled) => Err(CANCELLED.to_string()),
            Err(WorkerError::Crashed(message)) => Err(format!("the engine stopped unexpectedly ({message})")),
        }
    }
}

/// `[from, to)` from two dates; both empty means no period.
fn parse_period((from, to): &(String, String)) -> Result<Option<fcode_core::reconcile::Period>, String> {
    let (from, to) = (from.trim(), to.trim());
    if from.is_empty() && to.is_empty() {
        return Ok(None);
    }
    fcode_core::reconcile::Period::parse(&format!("{from}..{to}")).map(Some).map_err(|e| e.to_string())
}
