//! The fetch loop: batch after batch, page after page, each page retried
//! under the policy of [`super::retry`], paged by [`super::pages`], kept in
//! memory and in IndexedDB as soon as it arrives.

use fcode_core::model::PullType;
use leptos::prelude::*;

use super::client::{CallError, CancelToken, post_form};
use super::controller::FetchController;
use super::failure::AttemptFailure;
use super::form::{PageRequest, encode, fields, top_url};
use super::messages::describe_error;
use super::model::{BatchProgress, BatchState, FetchError, FetchRun};
use super::page::{PageFacts, interpret};
use super::pages::{PageVerdict, judge_page, may_request};
use super::retry::{Decision, Hint, RetryPolicy, classify, decide};
use super::settings::Checked;
use super::timer::sleep;

/// How one batch ended.
enum Outcome {
    Done,
    Cancelled,
    Failed(FetchError),
}

/// How the countdown of a wait is refreshed.
const WAIT_SLICE_MS: f64 = 200.0;

impl FetchController {
    /// Fetches the unfinished batches of `run`, one after the other (one at
    /// a time keeps within the platform's call limits).
    pub(super) async fn drive(&self, checked: Checked, run: FetchRun) {
        let Some(cancel) = self.cancel.get_value() else { return };
        for mix_id in &run.batches {
            if cancel.is_cancelled() {
                break;
            }
            let Some(progress) = self.batch(mix_id) else { continue };
            if !progress.resumable() {
                continue;
            }
            if progress.pages > 0 && !self.ensure_pages(mix_id).await {
                // The kept pages are gone (site data cleared): a resumed
                // batch without its first pages would be silently partial.
                self.restart_batch(mix_id).await;
            }
            self.update_batch(mix_id, |b| b.error = None);
            match self.fetch_batch(&checked, run.pull, mix_id, &cancel).await {
                Outcome::Done => {
                    self.finish(mix_id, BatchState::Done, None).await;
                    self.use_batch(mix_id);
                }
                Outcome::Cancelled => {
                    self.finish(mix_id, BatchState::Cancelled, None).await;
                    break;
                }
                Outcome::Failed(error) => {
                    let about_this_batch = concerns_only_this_batch(&error);
                    self.session.notify(describe_error(self.i18n.lang(), mix_id, &error));
                    self.finish(mix_id, BatchState::Failed, Some(error)).await;
                    // A wrong token or an unreachable proxy would fail every
                    // batch the same way: stop, and let Resume go on.
                    if !about_this_batch {
                        break;
                    }
                }
            }
        }
    }

    async fn fetch_batch(&self, checked: &Checked, pull: PullType, mix_id: &str, cancel: &CancelToken) -> Outcome {
        let policy = RetryPolicy::default();
        let url = top_url(&checked.proxy_url);
        loop {
            let Some(progress) = self.batch(mix_id) else { return Outcome::Cancelled };
            if !may_request(progress.pages, checked.max_pages) {
                return Outcome::Failed(FetchError::PageLimit { limit: checked.max_pages });
            }
            let request = PageRequest {
                mix_id,
                partner_code: &checked.partner_code,
                pull,
                cursor_key: &checked.cursor_key,
                cursor: progress.cursor,
            };
            let body = encode(&fields(&request));
            let mut failed_attempts = 0u32;
            let (facts, text) = loop {
                self.update_batch(mix_id, |b| {
                    b.state = BatchState::Fetching;
                    b.retry_in_secs = 0;
                });
                let failure = match post_form(&url, &checked.token, &body, cancel).await {
                    Err(CallError::Cancelled) => return Outcome::Cancelled,
                    Err(CallError::Transport(detail)) => AttemptFailure::Transport { detail },
                    Ok(reply) => match interpret(reply.status, &reply.body) {
                        Ok(facts) => break (facts, reply.body),
                        Err(failure) => failure,
                    },
                };
                failed_attempts += 1;
                match decide(&policy, &classify(&failure), failed_attempts, js_sys::Math::random()) {
                    Decision::Stop(hint) => {
                        return Outcome::Failed(FetchError::Call { failure, hint, attempts: failed_attempts });
                    }
                    Decision::Retry { delay_ms } => {
                        self.update_batch(mix_id, |b| {
                            b.retries += 1;
                            b.state = BatchState::Retrying;
                            b.retrying_after = Some(failure);
                        });
                        if !self.wait(mix_id, delay_ms, cancel).await {
                            return Outcome::Cancelled;
                        }
                    }
                }
            };
            let verdict = match judge_page(progress.cursor, progress.pages, facts.has_next, facts.last_sequence, checked.max_pages) {
                Ok(verdict) => verdict,
                Err(error) => return Outcome::Failed(FetchError::Cursor(error)),
            };
            self.keep_page(mix_id, text, &facts).await;
            match verdict {
                PageVerdict::Next { .. } => {}
                PageVerdict::Last => return Outcome::Done,
                PageVerdict::LimitReached { limit } => return Outcome::Failed(FetchError::PageLimit { limit }),
            }
        }
    }

    /// Waits `delay_ms`, counting down in the batch's row; `false` when
    /// cancelled meanwhile.
    async fn wait(&self, mix_id: &str, delay_ms: u64, cancel: &CancelToken) -> bool {
        let deadline = js_sys::Date::now() + delay_ms as f64;
        loop {
            let left = deadline - js_sys::Date::now();
            if left <= 0.0 {
                return !cancel.is_cancelled();
            }
            let secs = (left / 1000.0).ceil() as u32;
            if self.batch(mix_id).is_some_and(|b| b.retry_in_secs != secs) {
                self.update_batch(mix_id, |b| b.retry_in_secs = secs);
            }
            sleep(left.min(WAIT_SLICE_MS) as u32).await;
            if cancel.is_cancelled() {
                return false;
            }
        }
    }

    /// Keeps a good page: in memory, in IndexedDB, and in the progress
    /// (whose cursor is where the next request, or a Resume, continues).
    async fn keep_page(&self, mix_id: &str, text: String, facts: &PageFacts) {
        let index = self.batch(mix_id).map_or(0, |b| b.pages) + 1;
        if let Some(saved) = self.saved.get_value()
            && let Err(error) = saved.save_page(mix_id, index, &text).await
        {
            self.storage_failed(&error.to_string());
        }
        self.pages.update_value(|pages| pages.entry(mix_id.to_owned()).or_default().push(text));
        self.update_batch(mix_id, |b| {
            b.pages = index;
            b.codes += facts.coupons;
            b.total_count = facts.total_count.or(b.total_count);
            b.name = facts.batch_name.clone().or_else(|| b.name.take());
            b.cursor = facts.last_sequence.or(b.cursor);
            b.retrying_after = None;
        });
        self.save_progress(mix_id).await;
    }

    async fn finish(&self, mix_id: &str, state: BatchState, error: Option<FetchError>) {
        self.update_batch(mix_id, |b| {
            b.state = state;
            b.error = error;
            b.retry_in_secs = 0;
            b.retrying_after = None;
        });
        self.save_progress(mix_id).await;
    }

    /// Starts a batch again from its first page, dropping what was kept.
    async fn restart_batch(&self, mix_id: &str) {
        self.pages.update_value(|pages| {
            pages.remove(mix_id);
        });
        if let Some(saved) = self.saved.get_value()
            && let Err(error) = saved.forget(&[mix_id.to_owned()]).await
        {
            self.storage_failed(&error.to_string());
        }
        self.update_batch(mix_id, |b| *b = BatchProgress::new(b.mix_id.clone()));
    }

    async fn save_progress(&self, mix_id: &str) {
        let (Some(saved), Some(progress)) = (self.saved.get_value(), self.batch(mix_id)) else { return };
        if let Err(error) = saved.save_progress(&progress).await {
            self.storage_failed(&error.to_string());
        }
    }
}

/// Whether an error is about this batch only (the next batch may well
/// work), or about the proxy, the credentials or the network (it would not).
fn concerns_only_this_batch(error: &FetchError) -> bool {
    match error {
        FetchError::Cursor(_) | FetchError::PageLimit { .. } => true,
        FetchError::Call { hint, .. } => matches!(
            hint,
            Hint::Business { .. } | Hint::MissingParameter | Hint::InvalidParameter | Hint::Isv | Hint::NotThisApi | Hint::Unknown
        ),
    }
}
