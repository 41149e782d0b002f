//! Where each batch of a fetch stands: the progress row's data, saved with
//! the pages so that a reload shows (and Resume continues) the same fetch.

use fcode_core::model::PullType;
use serde::{Deserialize, Serialize};

use super::failure::AttemptFailure;
use super::pages::CursorError;
use super::retry::Hint;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BatchState {
    Waiting,
    Fetching,
    /// Waiting out a back-off or a call-limit ban.
    Retrying,
    Done,
    Failed,
    Cancelled,
}

impl BatchState {
    /// The `data-state` hook value.
    pub fn hook(self) -> &'static str {
        match self {
            BatchState::Waiting => "waiting",
            BatchState::Fetching => "fetching",
            BatchState::Retrying => "retrying",
            BatchState::Done => "done",
            BatchState::Failed => "failed",
            BatchState::Cancelled => "cancelled",
        }
    }

    /// A fetch is under way for this batch.
    pub fn is_active(self) -> bool {
        matches!(self, BatchState::Fetching | BatchState::Retrying)
    }
}

/// Why a batch stopped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FetchError {
    /// A call failed for good: its last failure, the policy's hint, and how
    /// many attempts were made for that page.
    Call { failure: AttemptFailure, hint: Hint, attempts: u32 },
    /// The page could not be used for paging (it was not kept).
    Cursor(CursorError),
    /// The page limit was reached with more pages to come.
    PageLimit { limit: u32 },
}

/// One batch of a fetch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchProgress {
    pub mix_id: String,
    /// `basic.name`, once a page said it.
    pub name: Option<String>,
    pub state: BatchState,
    /// Pages kept.
    pub pages: u32,
    /// Entries in the kept pages' coupon lists.
    pub codes: u64,
    /// `basic.total_count`, once a page said it.
    pub total_count: Option<u64>,
    /// Retries so far (every attempt after a failed one).
    pub retries: u32,
    /// The cursor after the last kept page: where Resume continues. `None`
    /// before the first page.
    pub cursor: Option<u64>,
    pub error: Option<FetchError>,
    /// Seconds left of the current wait (only while retrying; not saved).
    #[serde(skip)]
    pub retry_in_secs: u32,
    /// What the current wait is about (only while retrying; not saved).
    #[serde(skip)]
    pub retrying_after: Option<AttemptFailure>,
}

impl BatchProgress {
    pub fn new(mix_id: String) -> BatchProgress {
        BatchProgress {
            mix_id,
            name: None,
            state: BatchState::Waiting,
            pages: 0,
            codes: 0,
            total_count: None,
            retries: 0,
            cursor: None,
            error: None,
            retry_in_secs: 0,
            retrying_after: None,
        }
    }

    /// As read back after a reload: a fetch that was running is not any more.
    pub fn restored(mut self) -> BatchProgress {
        if self.state.is_active() {
            self.state = BatchState::Cancelled;
        }
        self
    }

    /// Whether Resume has something to do for this batch.
    pub fn resumable(&self) -> bool {
        matches!(self.state, BatchState::Waiting | BatchState::Failed | BatchState::Cancelled)
    }
}

/// The fetch as started: which batches, in order, and which pull. Resume
/// keeps these (a batch's pages must all be of one pull); the proxy address,
/// token, partner code, cursor key and page limit are read fresh, so a
/// corrected setting applies when resuming.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchRun {
    pub batches: Vec<String>,
    pub pull: PullType,
}
