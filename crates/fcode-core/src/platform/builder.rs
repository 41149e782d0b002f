//! Turns what the JSON, XML and table readers find into a [`PlatformFile`]:
//! validates each record (row errors, never dropped), normalises codes into
//! the arena, merges batch information by `mix_id`, and applies page-level
//! rules (platform errors, `has_next`).

use super::scalar::Scalar;
use super::{BatchInfo, PlatformFile, PlatformFormat, PlatformRecord};
use crate::code::{check_clean_code, check_code, normalise_into};
use crate::code_keys::{CodeKeys, short_key};
use crate::error::{InputError, InputErrorKind, Location, PlatformError, RowError};
use crate::model::{BindStatus, CodeStatus, Fen};
use crate::time::BeijingTime;
use rustc_hash::FxHashMap;

/// One `coupon_list` entry as read, before validation.
#[derive(Default)]
pub(crate) struct RawRecord<'a> {
    pub code: Option<Scalar<'a>>,
    pub code_status: Option<Scalar<'a>>,
    pub gmt_modified: Option<Scalar<'a>>,
    pub bind_status: Option<Scalar<'a>>,
}

/// `return_value.basic` as read.
#[derive(Default)]
pub(crate) struct RawBasic<'a> {
    pub mix_id: Option<Scalar<'a>>,
    pub name: Option<Scalar<'a>>,
    pub denomination: Option<Scalar<'a>>,
    pub total_count: Option<Scalar<'a>>,
    pub valid_duration_type: Option<Scalar<'a>>,
    pub valid_days: Option<Scalar<'a>>,
    pub coupon_expire_time: Option<Scalar<'a>>,
    pub bind_begin_time: Option<Scalar<'a>>,
}

impl<'a> RawBasic<'a> {
    /// Where the value of `basic.<key>` goes; `None` for a key the engine
    /// does not use. (Both JSON readers take the field names from here.)
    pub fn slot(&mut self, key: &str) -> Option<&mut Option<Scalar<'a>>> {
        Some(match key {
            "mix_id" => &mut self.mix_id,
            "name" => &mut self.name,
            "denomination" => &mut self.denomination,
            "total_count" => &mut self.total_count,
            "valid_duration_type" => &mut self.valid_duration_type,
            "valid_days" => &mut self.valid_days,
            "coupon_expire_time" => &mut self.coupon_expire_time,
            "bind_begin_time" => &mut self.bind_begin_time,
            _ => return None,
        })
    }
}

/// Column names used in row errors; tables pass their header text instead.
pub(crate) struct ColumnNames<'c> {
    pub code: &'c str,
    pub code_status: &'c str,
    pub gmt_modified: &'c str,
    pub bind_status: &'c str,
}

pub(crate) const API_COLUMNS: ColumnNames<'static> = ColumnNames {
    code: "code",
    code_status: "code_status",
    gmt_modified: "gmt_modified",
    bind_status: "bind_status",
};

/// Where a record sits, for row errors and for the record itself.
#[derive(Clone, Copy)]
pub(crate) enum RecordPos {
    /// n-th entry of the current page's coupon_list (filled in by the builder).
    InPage,
    Line(u64),
    SheetRow(u32),
}

pub(crate) struct Builder<'n> {
    name: &'n str,
    pub file: PlatformFile,
    batch_index: FxHashMap<String, u32>,
    scratch: String,
    // Current page state.
    page: u32,
    page_start: usize,
    page_record: u32,
    page_batch: Option<u32>,
    page_has_next: Option<bool>,
    page_return_code: Option<String>,
    page_return_message: Option<String>,
    page_error: Option<PlatformError>,
    page_has_result: bool,
    page_has_return_value: bool,
    prev_batch: Option<u32>,
    /// Set when a page fails; the reader aborts and the file is an error.
    pub failed: Option<InputError>,
    pub sheet: Option<String>,
}

impl<'n> Builder<'n> {
    pub fn new(name: &'n str, format: PlatformFormat, size_hint: usize) -> Self {
        // ~90 bytes of JSON per record; reserving avoids regrowth copies.
        let est = size_hint / 90;
        let mut file = PlatformFile::empty(name, format);
        file.records.reserve(est);
        file.text = crate::arena::TextArena::with_capacity(est * 12);
        file.keys = CodeKeys::for_file(est);
        Self {
            name,
            file,
            batch_index: FxHashMap::default(),
            scratch: String::new(),
            page: 0,
            page_start: 0,
            page_record: 0,
            page_batch: None,
            page_has_next: None,
            page_return_code: None,
            page_return_message: None,
            page_error: None,
            page_has_result: false,
            page_has_return_value: false,
            prev_batch: None,
            failed: None,
            sheet: None,
        }
    }

    pub fn name(&self) -> &str {
        self.name
    }

    /// Forgets everything read so far (to read the input again another way).
    pub fn reset(&mut self) {
        let format = self.file.format;
        let mut file = PlatformFile::empty(self.name, format);
        file.records = std::mem::take(&mut self.file.records);
        file.records.clear();
        file.text = std::mem::take(&mut self.file.text);
        file.text.clear();
        file.keys = std::mem::take(&mut self.file.keys);
        file.keys.clear();
        self.file = file;
        self.batch_index.clear();
        self.page = 0;
        self.prev_batch = None;
        self.failed = None;
    }

    pub fn page(&self) -> u32 {
        self.page
    }

    pub fn begin_page(&mut self) {
        self.page = self.page.saturating_add(1);
        self.page_start = self.file.records.len();
        self.page_record = 0;
        self.page_batch = None;
        self.page_has_next = None;
        self.page_return_code = None;
        self.page_return_message = None;
        self.page_error = None;
        self.page_has_result = false;
        self.page_has_return_value = false;
    }

    pub fn saw_result(&mut self) {
        self.page_has_result = true;
    }

    pub fn saw_return_value(&mut self) {
        self.page_has_return_value = true;
    }

    pub fn platform_error(&mut self, e: PlatformError) {
        self.page_error = Some(e);
    }

    pub fn return_code(&mut self, v: Scalar<'_>) {
        self.page_return_code = v.text().map(|s| s.trim().to_string());
    }

    pub fn return_message(&mut self, v: Scalar<'_>) {
        self.page_return_message = v.text().map(|s| s.to_string());
    }

    pub fn has_next(&mut self, v: Scalar<'_>) {
        self.page_has_next = v.as_bool();
    }

    /// Ends the current page; `Err` (also stored in `failed`) when the page
    /// is a platform error or not a response at all.
    pub fn end_page(&mut self) -> Result<(), InputError> {
        let err = self.page_problem();
        if let Some(e) = err {
            self.failed = Some(e.clone());
            return Err(e);
        }
        self.file.pages = self.page;
        let batch = self.page_batch.or(self.prev_batch);
        if let Some(b) = batch {
            for r in self
                .file
                .records
                .get_mut(self.page_start..)
                .unwrap_or(&mut [])
            {
                r.set_batch(b);
            }
            if let Some(info) = self.file.batches.get_mut(b as usize) {
                info.pages = info.pages.saturating_add(1);
                if let Some(h) = self.page_has_next {
                    info.has_next_last = Some(h);
                    if !h {
                        info.final_page_seen = true;
                    }
                }
            }
        } else if let Some(h) = self.page_has_next {
            self.file.unbatched_has_next_last = Some(h);
            if !h {
                self.file.unbatched_final_page_seen = true;
            }
        }
        self.prev_batch = batch;
        Ok(())
    }

    fn page_problem(&self) -> Option<InputError> {
        if let Some(e) = &self.page_error {
            return Some(InputError::platform(self.name, self.page, e.clone()));
        }
        if let Some(code) = self.page_return_code.as_deref().filter(|c| *c != "0") {
            let e = PlatformError {
                code: Some(code.to_string()),
                msg: self.page_return_message.clone(),
                sub_code: None,
                sub_msg: None,
            };
            return Some(InputError::platform(self.name, self.page, e));
        }
        if !self.page_has_result {
            return Some(
                InputError::new(
                    self.name,
                    InputErrorKind::Schema,
                    "is not a taobao.film.fcode.export.query response: no \"result\" or \"error_response\" found",
                )
                .at_page(self.page),
            );
        }
        if !self.page_has_return_value {
            return Some(
                InputError::new(
                    self.name,
                    InputErrorKind::Schema,
                    "result has no return_value",
                )
                .at_page(self.page),
            );
        }
        None
    }

    /// Registers (or merges) a batch by `mix_id`; returns its index.
    pub fn batch_for(&mut self, mix_id: &str) -> u32 {
        let mix_id = mix_id.trim();
        if let Some(&i) = self.batch_index.get(mix_id) {
            return i;
        }
        let i = self.file.batches.len() as u32;
        self.file.batches.push(BatchInfo::new(mix_id));
        self.batch_index.insert(mix_id.to_string(), i);
        i
    }

    pub fn basic(&mut self, raw: RawBasic<'_>) -> Result<(), InputError> {
        let Some(mix_id) = raw
            .mix_id
            .as_ref()
            .and_then(|m| m.text())
            .filter(|m| !m.trim().is_empty())
        else {
            return Ok(());
        };
        let mix_id = mix_id.into_owned();
        let i = self.batch_for(&mix_id);
        self.page_batch = Some(i);
        let page = self.page;
        let bad = |field: &str, v: &Scalar<'_>, want: &str| {
            InputError::new(
                self.name,
                InputErrorKind::Schema,
                format!("basic.{field} {} is not {want}", v.display()),
            )
            .at_page(page)
        };
        let denomination = match &raw.denomination {
            Some(v) if !v.is_blank() => Some(Fen(v
                .as_int()
                .filter(|d| *d >= 0)
                .ok_or_else(|| bad("denomination", v, "a whole number of fen"))?)),
            _ => None,
        };
        let total_count = match &raw.total_count {
            Some(v) if !v.is_blank() => Some(
                v.as_int()
                    .and_then(|n| u64::try_from(n).ok())
                    .ok_or_else(|| bad("total_count", v, "a count"))?,
            ),
            _ => None,
        };
        let valid_days = match &raw.valid_days {
            Some(v) if !v.is_blank() => Some(
                v.as_int()
                    .ok_or_else(|| bad("valid_days", v, "a number of days"))?,
            ),
            _ => None,
        };
        let time =
            |field: &str, v: &Option<Scalar<'_>>| -> Result<Option<BeijingTime>, InputError> {
                match v {
                    Some(v) if !v.is_blank() => v
                        .text()
                        .and_then(|t| BeijingTime::parse(&t))
                        .map(Some)
                        .ok_or_else(|| bad(field, v, "a date (YYYY-MM-DD HH:MM:SS)")),
                    _ => Ok(None),
                }
            };
        let expire = time("coupon_expire_time", &raw.coupon_expire_time)?;
        let bind_begin = time("bind_begin_time", &raw.bind_begin_time)?;
        let name = raw
            .name
            .as_ref()
            .and_then(|v| v.text())
            .map(|s| s.into_owned())
            .filter(|s| !s.is_empty());
        let vdt = raw
            .valid_duration_type
            .as_ref()
            .and_then(|v| v.text())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        if let Some(info) = self.file.batches.get_mut(i as usize) {
            // The first page that says something wins; later pages only fill gaps.
            info.name = info.name.take().or(name);
            info.denomination = info.denomination.or(denomination);
            info.total_count = info.total_count.or(total_count);
            info.valid_days = info.valid_days.or(valid_days);
            info.valid_duration_type = info.valid_duration_type.take().or(vdt);
            info.coupon_expire_time = info.coupon_expire_time.or(expire);
            info.bind_begin_time = info.bind_begin_time.or(bind_begin);
        }
        Ok(())
    }

    /// Rejects a whole row (e.g. ragged) without naming a column.
    pub fn skip_row(&mut self, pos: RecordPos, reason: String) {
        self.row_error(pos, "", reason);
        if let Some(last) = self.file.row_errors.listed.last_mut()
            && last.column.as_deref() == Some("")
        {
            last.column = None;
        }
    }

    pub fn skip_row_at(&mut self, pos: RecordPos, column: &str, reason: String) {
        self.row_error(pos, column, reason);
    }

    pub fn set_denomination(&mut self, batch: u32, d: Fen) {
        if let Some(info) = self.file.batches.get_mut(batch as usize) {
            info.denomination = info.denomination.or(Some(d));
        }
    }

    fn row_error(&mut self, pos: RecordPos, column: &str, reason: String) {
        let location = match pos {
            RecordPos::InPage => Location::Record {
                page: self.page,
                index: self.page_record,
            },
            RecordPos::Line(line) => Location::Line { line },
            RecordPos::SheetRow(row) => Location::SheetRow {
                sheet: self.sheet.clone().unwrap_or_default(),
                row,
            },
        };
        self.file.row_errors.push(RowError {
            input: self.name.to_string(),
            location,
            column: Some(column.to_string()),
            reason,
        });
    }

    /// Validates and stores one record (or a row error).
    pub fn record(
        &mut self,
        raw: RawRecord<'_>,
        pos: RecordPos,
        batch: Option<u32>,
        cols: &ColumnNames<'_>,
    ) {
        self.page_record = self.page_record.saturating_add(1);
        let code_text = raw.code.as_ref().and_then(|c| c.text());
        let Some(code_text) = code_text.filter(|c| !crate::table::trim(c).is_empty()) else {
            return self.row_error(pos, cols.code, "missing code".to_string());
        };
        let status = match raw.code_status.as_ref() {
            None => {
                return self.row_error(pos, cols.code_status, "missing code_status".to_string());
            }
            Some(v) => match v
                .as_int()
                .and_then(CodeStatus::from_code)
                .or_else(|| v.text().and_then(|t| CodeStatus::from_label(&t)))
            {
                Some(s) => s,
                None => {
                    return self.row_error(
                        pos,
                        cols.code_status,
                        format!(
                            "unknown code_status {} (expected -2, -1, 0 or 2)",
                            v.display()
                        ),
                    );
                }
            },
        };
        let bind = match raw.bind_status.as_ref() {
            None => {
                return self.row_error(pos, cols.bind_status, "missing bind_status".to_string());
            }
            Some(v) => match v
                .as_int()
                .and_then(BindStatus::from_code)
                .or_else(|| v.text().and_then(|t| BindStatus::from_label(&t)))
            {
                Some(s) => s,
                None => {
                    return self.row_error(
                        pos,
                        cols.bind_status,
                        format!("unknown bind_status {} (expected -1 or 0)", v.display()),
                    );
                }
            },
        };
        let gmt = match raw.gmt_modified.as_ref() {
            None => {
                return self.row_error(pos, cols.gmt_modified, "missing gmt_modified".to_string());
            }
            Some(v) => match v.text().and_then(|t| BeijingTime::parse(&t)) {
                Some(t) => t,
                None => {
                    return self.row_error(
                        pos,
                        cols.gmt_modified,
                        format!("bad date {} (expected YYYY-MM-DD HH:MM:SS)", v.display()),
                    );
                }
            },
        };
        // The key is packed from the code at hand, not read back from the text.
        let (code, raw_code, key) = match normalise_into(&code_text, &mut self.scratch) {
            None => {
                if let Err(reason) = check_clean_code(&code_text) {
                    return self.row_error(pos, cols.code, reason);
                }
                (self.file.text.push(&code_text), None, short_key(&code_text))
            }
            Some(changed) => {
                if let Err(reason) = check_code(&self.scratch) {
                    return self.row_error(pos, cols.code, reason);
                }
                let key = short_key(&self.scratch);
                let code = self.file.text.push(&self.scratch);
                if changed {
                    self.file.normalised_changed = self.file.normalised_changed.saturating_add(1);
                    (code, Some(self.file.text.push(&code_text)), key)
                } else {
                    (code, None, key)
                }
            }
        };
        let row = match pos {
            RecordPos::InPage => self.page_record,
            RecordPos::Line(l) => u32::try_from(l).unwrap_or(u32::MAX),
            RecordPos::SheetRow(r) => r,
        };
        if let Some(raw) = raw_code {
            let index = u32::try_from(self.file.records.len()).unwrap_or(u32::MAX);
            self.file.raw_codes.push((index, raw));
        }
        self.file.records.push(PlatformRecord {
            code,
            status,
            bind,
            normalised: raw_code.is_some(),
            gmt_modified: gmt,
            batch: batch.unwrap_or(PlatformRecord::NO_BATCH),
            page: self.page,
            row,
        });
        self.file.keys.push(key);
    }

    pub fn finish(mut self) -> PlatformFile {
        let f = &mut self.file;
        f.all_redeemed =
            !f.records.is_empty() && f.records.iter().all(|r| r.status == CodeStatus::Redeemed);
        f.records.shrink_to_fit();
        f.raw_codes.shrink_to_fit();
        f.text.shrink_to_fit();
        f.keys.shrink_roomy();
        self.file
    }
}
