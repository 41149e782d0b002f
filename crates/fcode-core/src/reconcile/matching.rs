//! Code matching (SPEC 3): every distinct normalised code gets an id;
//! platform duplicates are resolved (latest gmt_modified wins, on a tie the
//! record loaded last) and conflicts noted; issuance rows are grouped per
//! code in load order. Ids come from `code_ids` in one pass over the codes
//! (the keys their files gathered while parsed, or the codes where they lie
//! in the inputs' arenas); the passes here then read them in load order.

use super::batches::BatchTable;
use super::code_ids::{CodeIds, IdSource, assign_ids};
use super::{Inputs, RecordRef, RowRef};
use crate::model::{BindStatus, CodeStatus};
use crate::time::BeijingTime;
use rustc_hash::FxHashSet;

pub(crate) const NO_BATCH: u32 = u32::MAX;
/// A row names a mix_id that is not a loaded platform batch.
pub(crate) const OTHER_BATCH: u32 = u32::MAX - 1;

/// What classification needs of an issuance row, gathered in one
/// sequential pass so classifying never jumps back into the inputs. 16
/// bytes, not the 24 an `Option<Fen>` would make it: at 1M rows the array
/// is written once, read once, and fresh WebAssembly memory costs about
/// 0.4 ms a megabyte the first time it is touched.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RowFacts {
    /// The row's face value in fen, when `has_face`.
    face_fen: i64,
    /// Batch named by the row's mix_id: a loaded batch, `OTHER_BATCH`, or `NO_BATCH`.
    pub batch: u32,
    has_face: bool,
    pub void: bool,
    pub normalised: bool,
}

impl RowFacts {
    pub fn new(face: Option<crate::model::Fen>, batch: u32, void: bool, normalised: bool) -> Self {
        Self {
            face_fen: face.map_or(0, |f| f.0),
            batch,
            has_face: face.is_some(),
            void,
            normalised,
        }
    }

    pub fn face(&self) -> Option<crate::model::Fen> {
        self.has_face.then_some(crate::model::Fen(self.face_fen))
    }
}

/// The winning platform record of a code and what was seen on the way.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PlatState {
    pub rec: RecordRef,
    pub gmt: BeijingTime,
    pub status: CodeStatus,
    pub bind: BindStatus,
    /// Batch of the winner (or of an earlier record when the winner has none).
    pub batch: u32,
    pub first_batch: u32,
    /// Seen in two batches.
    pub cross_batch: bool,
    /// Different statuses at the winner's gmt_modified.
    pub tie_conflict: bool,
    pub normalised: bool,
}

pub(crate) struct Matched {
    /// Distinct codes: ids `0..codes`.
    pub codes: usize,
    /// For code ids `0..plat.len()`: platform codes come first.
    pub plat: Vec<PlatState>,
    /// Issuance rows of code `i`: `rows[row_start[i] .. row_start[i + 1]]`.
    pub row_start: Vec<u32>,
    pub rows: Vec<RowRef>,
    /// Parallel to `rows`.
    pub facts: Vec<RowFacts>,
    /// Distinct platform codes per batch.
    pub loaded: Vec<u64>,
    pub platform_records: u64,
    pub platform_duplicates: u64,
    pub issuance_rows: u64,
    pub normalised_rows: u64,
}

pub(crate) fn match_codes<'a>(inputs: &Inputs<'a>, table: &BatchTable) -> Matched {
    let total_records: usize = inputs.platform.iter().map(|p| p.file.records.len()).sum();
    let total_rows: usize = inputs.issuance.iter().map(|f| f.rows.len()).sum();
    // Ids for every record and row, in load order (platform first), from
    // the keys each file gathered while parsed, or its codes' text.
    let mut sources: Vec<IdSource<'_>> =
        Vec::with_capacity(inputs.platform.len() + inputs.issuance.len());
    for p in &inputs.platform {
        let f: &'a crate::platform::PlatformFile = p.file;
        sources.push(IdSource {
            keys: f.keys.all_of(f.records.len()),
            len: f.records.len(),
            code_of: Box::new(move |i| f.records.get(i).map_or("", |r| f.text.get(r.code))),
        });
    }
    for &f in &inputs.issuance {
        sources.push(IdSource {
            keys: f.keys.all_of(f.rows.len()),
            len: f.rows.len(),
            code_of: Box::new(move |i| f.rows.get(i).map_or("", |r| f.text.get(r.code))),
        });
    }
    let CodeIds {
        of_item: ids,
        distinct,
    } = assign_ids(&sources);
    drop(sources);
    let mut item = 0usize;
    let mut codes = 0usize;
    // Room for every code, not only the platform's: classifying writes
    // all the results where these states are (`classify`).
    let mut plat: Vec<PlatState> = Vec::with_capacity(distinct);
    let mut loaded = vec![0u64; table.batches.len()];
    let mut extra_pairs: FxHashSet<(u32, u32)> = FxHashSet::default();
    let mut duplicates = 0u64;
    let mut normalised_rows = 0u64;

    for (fi, p) in inputs.platform.iter().enumerate() {
        let f: &'a crate::platform::PlatformFile = p.file;
        let fmap = table.file_map.get(fi).map(Vec::as_slice).unwrap_or(&[]);
        for (ri, r) in f.records.iter().enumerate() {
            let gb = r
                .batch()
                .and_then(|b| fmap.get(b as usize).copied())
                .unwrap_or(NO_BATCH);
            let rec = RecordRef(fi as u32, ri as u32);
            let normalised = r.normalised;
            if normalised {
                normalised_rows += 1;
            }
            let id = ids.get(item).copied().unwrap_or(0);
            item += 1;
            // Ids count up in order of first appearance: the next id is a new code.
            let is_new = id as usize == plat.len();
            match is_new {
                true => {
                    codes += 1;
                    if let Some(n) = loaded.get_mut(gb as usize) {
                        *n += 1;
                    }
                    plat.push(PlatState {
                        rec,
                        gmt: r.gmt_modified,
                        status: r.status,
                        bind: r.bind,
                        batch: gb,
                        first_batch: gb,
                        cross_batch: false,
                        tie_conflict: false,
                        normalised,
                    });
                }
                false => {
                    duplicates += 1;
                    let Some(st) = plat.get_mut(id as usize) else {
                        continue;
                    };
                    st.normalised |= normalised;
                    if gb != NO_BATCH {
                        if st.first_batch == NO_BATCH {
                            st.first_batch = gb;
                            if let Some(n) = loaded.get_mut(gb as usize) {
                                *n += 1;
                            }
                        } else if gb != st.first_batch {
                            st.cross_batch = true;
                            if extra_pairs.insert((id, gb))
                                && let Some(n) = loaded.get_mut(gb as usize)
                            {
                                *n += 1;
                            }
                        }
                    }
                    if r.gmt_modified >= st.gmt {
                        if r.gmt_modified == st.gmt {
                            if r.status != st.status || r.bind != st.bind {
                                st.tie_conflict = true;
                            }
                        } else {
                            st.tie_conflict = false;
                        }
                        st.rec = rec;
                        st.gmt = r.gmt_modified;
                        st.status = r.status;
                        st.bind = r.bind;
                        if gb != NO_BATCH {
                            st.batch = gb;
                        }
                    }
                }
            }
        }
    }

    // Issuance rows: ids for codes the platform did not report come after
    // the platform codes. The rows' ids are read straight from `ids`; a row
    // itself is read here only when its code is new.
    let row_ids: &[u32] = ids.get(item..).unwrap_or(&[]);
    // One array is the count, then the start, then the cursor of each
    // code's rows (a counting sort in place, rather than three arrays of
    // 4 MB each at 1M codes): code `i` counts at `row_start[i + 2]`; the
    // running sum then leaves its start at `row_start[i + 1]`, which is its
    // cursor while rows are placed, and ends there as the start of `i + 1`.
    let mut row_start: Vec<u32> = Vec::with_capacity(distinct + 2);
    row_start.resize(plat.len() + 2, 0);
    let mut k = 0usize;
    for f in &inputs.issuance {
        let of_file = row_ids.get(k..k + f.rows.len()).unwrap_or(&[]);
        k += f.rows.len();
        for &id in of_file {
            if id as usize == codes {
                codes += 1;
                row_start.push(0);
            }
            if let Some(c) = row_start.get_mut(id as usize + 2) {
                *c += 1;
            }
        }
    }
    let mut acc = 0u32;
    for c in &mut row_start {
        acc = acc.saturating_add(*c);
        *c = acc;
    }
    let mut rows = vec![RowRef(0, 0); row_ids.len()];
    let mut facts = vec![RowFacts::default(); row_ids.len()];
    // Rows go to their code's place, with what classifying needs of them
    // (read here, in the same pass, rather than kept in a list of their own).
    // Rows of one list mostly repeat a few mix_ids, and the parser gives a
    // run of equal mix_ids one span: a batch is looked up where the span
    // changes, and the text is not read in between.
    let batch_of = |mix: &str| {
        if mix.is_empty() {
            return NO_BATCH;
        }
        table
            .lookup(mix)
            .filter(|b| {
                table
                    .batches
                    .get(*b as usize)
                    .is_some_and(|x| x.on_platform)
            })
            .unwrap_or(OTHER_BATCH)
    };
    let mut k = 0usize;
    for (fi, f) in inputs.issuance.iter().enumerate() {
        let mut last: Option<(crate::arena::Span, u32)> = None;
        for (ri, r) in f.rows.iter().enumerate() {
            let Some(&id) = row_ids.get(k) else {
                break;
            };
            k += 1;
            let normalised = r.normalised;
            normalised_rows += u64::from(normalised);
            let batch = match last {
                Some((span, b)) if span == r.mix_id => b,
                _ => {
                    let b = batch_of(f.text.get(r.mix_id).trim());
                    last = Some((r.mix_id, b));
                    b
                }
            };
            let fact = RowFacts::new(
                r.face_value(),
                batch,
                r.status == crate::model::LocalStatus::Void,
                normalised,
            );
            if let Some(pos) = row_start.get_mut(id as usize + 1) {
                if let (Some(slot), Some(fslot)) =
                    (rows.get_mut(*pos as usize), facts.get_mut(*pos as usize))
                {
                    *slot = RowRef(fi as u32, ri as u32);
                    *fslot = fact;
                }
                *pos += 1;
            }
        }
    }
    // Every cursor now stands at the next code's start: the last entry
    // (the cursor of no code) goes, leaving `codes + 1` starts.
    row_start.pop();
    Matched {
        codes,
        plat,
        row_start,
        rows,
        facts,
        loaded,
        platform_records: total_records as u64,
        platform_duplicates: duplicates,
        issuance_rows: total_rows as u64,
        normalised_rows,
    }
}

#[cfg(test)]
mod tests {
    use crate::generator::{GenOptions, generate};
    use crate::issuance::{IssuanceFile, IssuanceOptions, parse_issuance};
    use crate::platform::{PlatformFile, parse_platform};
    use crate::reconcile::{Inputs, PlatformInput, ReconcileOptions, reconcile};

    /// Files large enough to gather keys while parsed reconcile exactly as
    /// the same files without keys (as serde gives them back), and a file
    /// of each kind did gather them.
    #[test]
    fn keys_gathered_while_parsing_match_keys_made_here() -> Result<(), Box<dyn std::error::Error>>
    {
        // One big batch (its file gathers keys) and a small one (no keys).
        let big = generate(&GenOptions {
            codes: 60_000,
            batches: 1,
            seed: 3,
            page_size: 1000,
        });
        let small = generate(&GenOptions {
            codes: 3_000,
            batches: 1,
            seed: 4,
            page_size: 500,
        });
        let mut platform: Vec<PlatformFile> = Vec::new();
        for f in big.platform.iter().chain(&small.platform) {
            platform.push(parse_platform(&f.name, &f.bytes)?);
        }
        let issued = parse_issuance(
            &big.issued.name,
            &big.issued.bytes,
            &IssuanceOptions::default(),
        )?;
        assert!(
            platform
                .first()
                .is_some_and(|p| p.keys.all_of(p.records.len()).is_some())
        );
        assert!(
            platform
                .last()
                .is_some_and(|p| p.keys.all_of(p.records.len()).is_none())
        );
        assert!(issued.keys.all_of(issued.rows.len()).is_some());

        let without: Vec<PlatformFile> = platform
            .iter()
            .map(|p| serde_json::from_str(&serde_json::to_string(p)?))
            .collect::<Result<_, _>>()?;
        let issued_without: IssuanceFile = serde_json::from_str(&serde_json::to_string(&issued)?)?;
        assert!(
            issued_without
                .keys
                .all_of(issued_without.rows.len())
                .is_none()
        );

        let run = |platform: &[PlatformFile], issued: &IssuanceFile| {
            let inputs = Inputs {
                platform: platform
                    .iter()
                    .zip(big.platform.iter().chain(&small.platform))
                    .map(|(file, g)| PlatformInput { file, pull: g.pull })
                    .collect(),
                issuance: vec![issued],
            };
            reconcile(&inputs, &ReconcileOptions::default())
        };
        let with_keys = run(&platform, &issued);
        assert!(with_keys.tie_out.balanced);
        assert!(with_keys.tie_out.platform_duplicate_records > 0);
        assert_eq!(with_keys, run(&without, &issued_without));
        Ok(())
    }
}
