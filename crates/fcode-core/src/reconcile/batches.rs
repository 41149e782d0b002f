//! The batch table: platform batches merged by mix_id over all files, with
//! their pull types and paging state. Issuance-only mix_ids are added later
//! by classification.

use super::{BatchResult, Inputs};
use crate::model::PullType;
use rustc_hash::FxHashMap;

pub(crate) struct BatchTable {
    pub batches: Vec<BatchResult>,
    pub index: FxHashMap<String, u32>,
    /// Per platform file: its batch index → global batch index.
    pub file_map: Vec<Vec<u32>>,
    /// Paging state per batch: any page said has_next; a final page was seen.
    pub has_next_info: Vec<bool>,
    pub final_seen: Vec<bool>,
    /// Records without a batch (CSV without mix_id): how they were pulled.
    pub unbatched_all: bool,
    pub unbatched_consume: bool,
    pub warnings: Vec<String>,
}

impl BatchTable {
    pub fn lookup(&self, mix_id: &str) -> Option<u32> {
        self.index.get(mix_id.trim()).copied()
    }

    /// Index of `mix_id`, adding an issuance-only batch when new.
    pub fn get_or_add_local(&mut self, mix_id: &str) -> u32 {
        let m = mix_id.trim();
        if let Some(i) = self.lookup(m) {
            return i;
        }
        let i = self.batches.len() as u32;
        self.batches.push(BatchResult {
            mix_id: m.to_string(),
            ..BatchResult::default()
        });
        self.has_next_info.push(false);
        self.final_seen.push(false);
        self.index.insert(m.to_string(), i);
        i
    }

    /// Every loaded batch was loaded only as a CONSUME pull (SPEC 4: how a
    /// code with no batch is classified when absent from the platform).
    pub fn all_consume_only(&self) -> bool {
        let mut any = false;
        for b in self.batches.iter().filter(|b| b.on_platform) {
            any = true;
            if b.pulled_all {
                return false;
            }
        }
        if self.unbatched_all {
            return false;
        }
        any || self.unbatched_consume
    }
}

pub(crate) fn build(inputs: &Inputs<'_>) -> BatchTable {
    let mut t = BatchTable {
        batches: Vec::new(),
        index: FxHashMap::default(),
        file_map: Vec::with_capacity(inputs.platform.len()),
        has_next_info: Vec::new(),
        final_seen: Vec::new(),
        unbatched_all: false,
        unbatched_consume: false,
        warnings: Vec::new(),
    };
    for p in &inputs.platform {
        let mut map = Vec::with_capacity(p.file.batches.len());
        for info in &p.file.batches {
            let i = t.get_or_add_local(&info.mix_id);
            map.push(i);
            let (Some(b), Some(hn), Some(fs)) = (
                t.batches.get_mut(i as usize),
                t.has_next_info.get_mut(i as usize),
                t.final_seen.get_mut(i as usize),
            ) else {
                continue;
            };
            b.on_platform = true;
            match p.pull {
                PullType::All => b.pulled_all = true,
                PullType::Consume => b.pulled_consume = true,
            }
            if let (Some(a), Some(d)) = (b.denomination, info.denomination)
                && a != d
            {
                t.warnings.push(format!(
                        "batch {}: {} says denomination {} fen, an earlier file said {} fen; the first is used",
                        info.mix_id, p.file.name, d.0, a.0
                    ));
            }
            b.name = b.name.take().or_else(|| info.name.clone());
            b.denomination = b.denomination.or(info.denomination);
            b.total_count = b.total_count.or(info.total_count);
            b.valid_duration_type = b
                .valid_duration_type
                .take()
                .or_else(|| info.valid_duration_type.clone());
            b.valid_days = b.valid_days.or(info.valid_days);
            b.coupon_expire_time = b.coupon_expire_time.or(info.coupon_expire_time);
            b.last_valid_moment = b.last_valid_moment.or_else(|| info.last_valid_moment());
            *hn |= info.has_next_last.is_some();
            *fs |= info.final_page_seen;
        }
        if p.file.records.iter().any(|r| r.batch().is_none()) {
            match p.pull {
                PullType::All => t.unbatched_all = true,
                PullType::Consume => t.unbatched_consume = true,
            }
        }
        t.file_map.push(map);
    }
    t
}
