//! Fetched pages kept in IndexedDB, so a reload keeps them and Resume still
//! works afterwards.
//!
//! Keys: `fetch-run` → [`FetchRun`]; per batch, under `fetch/<mix_id>/`:
//! `meta` → [`BatchProgress`], `page/000001`, `page/000002`, … → the raw
//! response text of each kept page. A page is written before the progress
//! that counts it, so after a crash between the two the extra page is
//! simply ignored (only the first `pages` pages are read back) and fetched
//! again.

use super::model::{BatchProgress, FetchRun};
use crate::state::storage::{StorageError, Store};

const RUN_KEY: &str = "fetch-run";

pub fn batch_prefix(mix_id: &str) -> String {
    format!("fetch/{mix_id}/")
}

fn meta_key(mix_id: &str) -> String {
    format!("fetch/{mix_id}/meta")
}

fn pages_prefix(mix_id: &str) -> String {
    format!("fetch/{mix_id}/page/")
}

/// `index` counts from 1; six digits keep the keys in page order.
pub fn page_key(mix_id: &str, index: u32) -> String {
    format!("fetch/{mix_id}/page/{index:06}")
}

/// The fetch's corner of the app's database.
#[derive(Clone, Debug)]
pub struct Saved {
    store: Store,
}

impl Saved {
    pub async fn open() -> Result<Saved, StorageError> {
        Ok(Saved { store: Store::open().await? })
    }

    /// The last fetch, with each batch's progress (a batch without saved
    /// progress has not started).
    pub async fn load_run(&self) -> Result<Option<(FetchRun, Vec<BatchProgress>)>, StorageError> {
        let Some(run) = self.store.get_json::<FetchRun>(RUN_KEY).await? else {
            return Ok(None);
        };
        let mut batches = Vec::with_capacity(run.batches.len());
        for mix_id in &run.batches {
            let progress = self.store.get_json::<BatchProgress>(&meta_key(mix_id)).await?;
            batches.push(progress.map_or_else(|| BatchProgress::new(mix_id.clone()), BatchProgress::restored));
        }
        Ok(Some((run, batches)))
    }

    /// The first `count` kept pages of a batch, in order.
    pub async fn load_pages(&self, mix_id: &str, count: u32) -> Result<Vec<String>, StorageError> {
        let pages = self.store.list_json::<String>(&pages_prefix(mix_id)).await?;
        Ok(pages.into_iter().take(count as usize).map(|(_, text)| text).collect())
    }

    pub async fn save_run(&self, run: &FetchRun) -> Result<(), StorageError> {
        self.store.put_json(RUN_KEY, run).await
    }

    pub async fn save_page(&self, mix_id: &str, index: u32, text: &str) -> Result<(), StorageError> {
        self.store.put_json(&page_key(mix_id, index), &text).await
    }

    pub async fn save_progress(&self, progress: &BatchProgress) -> Result<(), StorageError> {
        self.store.put_json(&meta_key(&progress.mix_id), progress).await
    }

    /// Deletes everything kept for these batches.
    pub async fn forget(&self, mix_ids: &[String]) -> Result<(), StorageError> {
        for mix_id in mix_ids {
            self.store.delete_prefix(&batch_prefix(mix_id)).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
