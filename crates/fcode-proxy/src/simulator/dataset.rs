//! The simulator's synthetic data set: a few voucher batches (one `mix_id` each) with
//! their codes, generated deterministically from a seed.
//!
//! The shapes follow the API page (`FCodeExportBasic`, `FCodeInfo`); the values aim to
//! look like a real company's campaigns: most codes either redeemed (2) or still valid (0),
//! some expired (-1), a few invalidated (-2), binding consistent with the status, and
//! timestamps inside each batch's validity window. Everything depends only on the seed,
//! never on the current time, so `--dump` and a live fetch always agree.

use std::collections::HashSet;

use crate::prng::Prng;
use crate::timestamp::{days_from_civil, format_shanghai};

/// Characters used in codes: upper-case letters and digits without the look-alikes
/// 0/O and 1/I, as voucher systems usually do.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const CODE_LENGTH: usize = 11;

const BATCH_NAMES: &[&str] = &[
    "2026春节员工观影福利",
    "618会员答谢观影券",
    "中秋团建电影券",
    "年度客户答谢观影券",
    "新品发布会观影券",
    "员工生日观影券",
    "国庆假期观影福利",
    "校园招聘宣讲会观影券",
];

const DENOMINATIONS_FEN: &[i64] = &[3000, 3500, 3990, 4000, 4500, 5000];

/// `valid_duration_type`: a fixed end date for every code, or N days from binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    /// `GENERAL`: every code is valid until `coupon_expire_time`.
    General,
    /// `DAY`: codes can be bound until `coupon_expire_time` and stay valid `valid_days`
    /// days after that moment (the reconciliation rule in SPEC 4 uses exactly this).
    Day,
}

impl Validity {
    pub fn as_str(self) -> &'static str {
        match self {
            Validity::General => "GENERAL",
            Validity::Day => "DAY",
        }
    }
}

/// `code_status` values from the API page.
pub mod status {
    pub const INVALIDATED: i64 = -2;
    pub const EXPIRED: i64 = -1;
    pub const NORMAL: i64 = 0;
    pub const REDEEMED: i64 = 2;
}

/// `bind_status` values from the API page.
pub mod bind {
    pub const UNBOUND: i64 = -1;
    pub const BOUND: i64 = 0;
}

/// One code as `FCodeInfo` describes it, plus the cursor position the gateway pages by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRecord {
    /// Strictly increasing within a batch, with gaps (like a database id), so that a
    /// client cannot get away with computing the next cursor instead of reading it.
    pub sequence: u64,
    pub code: String,
    pub code_status: i64,
    pub bind_status: i64,
    pub gmt_modified: String,
}

/// One voucher product (`FCodeExportBasic`) and all its codes, in sequence order.
#[derive(Debug, Clone)]
pub struct Batch {
    pub mix_id: String,
    pub name: String,
    pub description: String,
    pub denomination_fen: i64,
    pub total_count: u64,
    pub validity: Validity,
    pub valid_days: Option<i64>,
    pub bind_begin_time: String,
    pub coupon_expire_time: String,
    pub max_bind_count: Option<i64>,
    pub codes: Vec<CodeRecord>,
}

/// Which codes a pull returns (`operate_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullType {
    /// `ALL`: every code of the batch.
    All,
    /// `CONSUME`: only redeemed codes (`code_status` 2).
    Consume,
}

impl PullType {
    pub fn parse(text: &str) -> Option<PullType> {
        match text {
            "ALL" => Some(PullType::All),
            "CONSUME" => Some(PullType::Consume),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PullType::All => "ALL",
            PullType::Consume => "CONSUME",
        }
    }
}

/// One page of a pull: the rows after a cursor, and where the next page starts.
#[derive(Debug, Clone)]
pub struct PageSlice<'a> {
    pub rows: Vec<&'a CodeRecord>,
    pub has_next: bool,
    /// The sequence of the last row returned, or the request's cursor for an empty page,
    /// so that feeding it back never moves the cursor backwards.
    pub last_sequence: u64,
}

impl Batch {
    /// The rows of `pull` whose sequence is greater than `after`, at most `page_size`.
    pub fn page(&self, pull: PullType, after: u64, page_size: usize) -> PageSlice<'_> {
        let page_size = page_size.max(1);
        let mut matching = self
            .codes
            .iter()
            .filter(|record| record.sequence > after)
            .filter(|record| pull == PullType::All || record.code_status == status::REDEEMED);
        let rows: Vec<&CodeRecord> = matching.by_ref().take(page_size).collect();
        let has_next = matching.next().is_some();
        let last_sequence = rows.last().map_or(after, |record| record.sequence);
        PageSlice {
            rows,
            has_next,
            last_sequence,
        }
    }

    /// The last moment a code of this batch may be used (SPEC 4): the expiry time for
    /// `GENERAL`, expiry plus `valid_days` days for `DAY`.
    pub fn last_valid_unix(&self) -> i64 {
        let expire = crate::timestamp::parse_shanghai(&self.coupon_expire_time).unwrap_or(0);
        match self.validity {
            Validity::General => expire,
            Validity::Day => expire + self.valid_days.unwrap_or(0) * 86_400,
        }
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct DatasetSpec {
    pub seed: u64,
    pub batches: usize,
    /// Codes in each batch (`total_count`).
    pub codes_per_batch: usize,
    /// The channel (`partner_code`) the batches were bought through.
    pub partner_code: String,
}

#[derive(Debug, Clone)]
pub struct Dataset {
    pub partner_code: String,
    pub batches: Vec<Batch>,
}

impl Dataset {
    pub fn generate(spec: &DatasetSpec) -> Dataset {
        let mut rng = Prng::new(spec.seed);
        let mut used_codes = HashSet::new();
        let mut used_mix_ids = HashSet::new();
        let mut batches = Vec::with_capacity(spec.batches);
        for index in 0..spec.batches {
            batches.push(generate_batch(
                &mut rng,
                index,
                spec.codes_per_batch,
                &mut used_codes,
                &mut used_mix_ids,
            ));
        }
        Dataset {
            partner_code: spec.partner_code.clone(),
            batches,
        }
    }

    pub fn batch(&self, mix_id: &str) -> Option<&Batch> {
        self.batches.iter().find(|batch| batch.mix_id == mix_id)
    }

    /// True when `code` belongs to any batch; the demo issuance list uses it to make
    /// codes that are certainly unknown to the platform.
    pub fn contains_code(&self, code: &str) -> bool {
        self.batches
            .iter()
            .any(|batch| batch.codes.iter().any(|record| record.code == code))
    }
}

/// A random code in the voucher alphabet.
pub fn random_code(rng: &mut Prng) -> String {
    (0..CODE_LENGTH)
        .map(|_| {
            let index = rng.below(CODE_ALPHABET.len() as u64) as usize;
            char::from(CODE_ALPHABET.get(index).copied().unwrap_or(b'X'))
        })
        .collect()
}

fn generate_batch(
    rng: &mut Prng,
    index: usize,
    code_count: usize,
    used_codes: &mut HashSet<String>,
    used_mix_ids: &mut HashSet<String>,
) -> Batch {
    let mix_id = loop {
        let candidate = format!("code_{:016x}", rng.next_u64());
        if used_mix_ids.insert(candidate.clone()) {
            break candidate;
        }
    };
    let name = BATCH_NAMES
        .get(index % BATCH_NAMES.len())
        .copied()
        .unwrap_or("观影券")
        .to_string();
    let denomination_fen = rng.pick(DENOMINATIONS_FEN).copied().unwrap_or(4000);
    // Alternate validity types so that any two batches show both rules.
    let validity = if index.is_multiple_of(2) {
        Validity::General
    } else {
        Validity::Day
    };
    let valid_days = match validity {
        Validity::General => None,
        Validity::Day => Some(if rng.chance(0.5) { 30 } else { 90 }),
    };

    // Campaigns start in the first half of 2026 and run for three to six months.
    let begin_day = days_from_civil(2026, 1, 1) + rng.between(0, 150);
    let bind_begin = begin_day * 86_400 - crate::timestamp::SHANGHAI_OFFSET_SECS;
    let expire_day = begin_day + rng.between(90, 180);
    let coupon_expire = (expire_day + 1) * 86_400 - 1 - crate::timestamp::SHANGHAI_OFFSET_SECS;
    let last_valid = coupon_expire + valid_days.unwrap_or(0) * 86_400;

    let mut sequence = 1000 * (index as u64 + 1) + rng.below(100);
    let mut codes = Vec::with_capacity(code_count);
    for position in 0..code_count {
        sequence += 1 + rng.below(3);
        let code = loop {
            let candidate = random_code(rng);
            if used_codes.insert(candidate.clone()) {
                break candidate;
            }
        };
        let (code_status, bind_status, modified) = status_and_time(
            rng,
            validity,
            bind_begin,
            coupon_expire,
            last_valid,
            valid_days.unwrap_or(0),
        );
        // The first batch carries one code redeemed after its last valid moment, so
        // that the demo shows the `redeemed_after_expiry` flag.
        let (code_status, bind_status, modified) =
            if index == 0 && position == 7 && code_count >= 20 {
                (
                    status::REDEEMED,
                    bind::BOUND,
                    last_valid + 2 * 86_400 + rng.between(0, 86_399),
                )
            } else {
                (code_status, bind_status, modified)
            };
        codes.push(CodeRecord {
            sequence,
            code,
            code_status,
            bind_status,
            gmt_modified: format_shanghai(modified),
        });
    }

    Batch {
        mix_id,
        description: format!("{name}，每张可抵扣{}元电影票", denomination_fen / 100),
        name,
        denomination_fen,
        total_count: code_count as u64,
        validity,
        valid_days,
        bind_begin_time: format_shanghai(bind_begin),
        coupon_expire_time: format_shanghai(coupon_expire),
        max_bind_count: if index % 3 == 1 { None } else { Some(4) },
        codes,
    }
}

/// A status mix typical of a finished or running campaign, with a modification time
/// that fits the status.
fn status_and_time(
    rng: &mut Prng,
    validity: Validity,
    bind_begin: i64,
    coupon_expire: i64,
    last_valid: i64,
    valid_days: i64,
) -> (i64, i64, i64) {
    let draw = rng.unit();
    if draw < 0.45 {
        // Redeemed: bound and used inside the validity window.
        (
            status::REDEEMED,
            bind::BOUND,
            rng.between(bind_begin + 3600, last_valid - 3600),
        )
    } else if draw < 0.85 {
        if rng.chance(0.3) {
            // Bound to a user's account but not used yet.
            (
                status::NORMAL,
                bind::BOUND,
                rng.between(bind_begin, coupon_expire - 86_400),
            )
        } else {
            // Untouched since the batch was created the day before binding opened.
            (
                status::NORMAL,
                bind::UNBOUND,
                bind_begin - 86_400 + rng.between(0, 3600),
            )
        }
    } else if draw < 0.95 {
        // Expired unredeemed: the platform's nightly job marks it shortly after the end.
        let bound = rng.chance(0.5);
        let expired_at = match (validity, bound) {
            (Validity::Day, true) => rng.between(bind_begin, coupon_expire) + valid_days * 86_400,
            _ => last_valid,
        };
        let bind_status = if bound { bind::BOUND } else { bind::UNBOUND };
        (
            status::EXPIRED,
            bind_status,
            expired_at + rng.between(60, 3 * 3600),
        )
    } else {
        // Invalidated by the operator (refund, loss report) while still unbound.
        (
            status::INVALIDATED,
            bind::UNBOUND,
            rng.between(bind_begin, coupon_expire),
        )
    }
}

#[cfg(test)]
mod tests;
