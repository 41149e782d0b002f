//! A deterministic data generator: N codes across several batches as TOP
//! JSON pages (one file per batch, one response per line) and a matching
//! issuance CSV with a realistic mix of every class and flag. Used by the
//! benchmark, the browser benchmark and `fcode-recon generate`.

mod rng;

use crate::model::PullType;
use crate::time::BeijingTime;
pub use rng::{SplitMix64, code_for};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenOptions {
    pub codes: u64,
    pub batches: u32,
    pub seed: u64,
    /// Records per page (response).
    pub page_size: u32,
}

impl Default for GenOptions {
    fn default() -> Self {
        Self {
            codes: 10_000,
            batches: 4,
            seed: 1,
            page_size: 1000,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenFile {
    pub name: String,
    pub bytes: Vec<u8>,
    pub pull: PullType,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generated {
    pub platform: Vec<GenFile>,
    pub issued: GenFile,
}

const DENOMINATIONS: [i64; 6] = [400, 500, 800, 1000, 3000, 5000];

struct Batch {
    mix_id: String,
    denomination: i64,
    day_type: bool,
    consume_only: bool,
}

/// One platform record to write.
struct Rec {
    code: String,
    status: i8,
    bind: i8,
    gmt: BeijingTime,
}

fn t(s: &str) -> BeijingTime {
    BeijingTime::parse(s).unwrap_or(BeijingTime(0))
}

pub fn generate(o: &GenOptions) -> Generated {
    let mut rng = SplitMix64::new(o.seed);
    let nb = o.batches.max(1) as u64;
    let batches: Vec<Batch> = (0..nb)
        .map(|b| Batch {
            mix_id: format!("code_{:016x}", rng.next_u64()),
            denomination: DENOMINATIONS
                .get((rng.below(6)) as usize)
                .copied()
                .unwrap_or(400),
            day_type: b == 1,
            // With three or more batches the last is pulled as CONSUME only.
            consume_only: nb >= 3 && b == nb - 1,
        })
        .collect();
    let gmt_lo = t("2026-06-01 00:00:00").0;
    let gmt_span = (t("2026-10-31 23:59:59").0 - gmt_lo) as u64;
    let expire = "2026-12-31 23:59:59";
    let late = t("2027-01-05 10:00:00");

    let mut platform = Vec::new();
    let mut csv = String::with_capacity(o.codes as usize * 90);
    csv.push_str("券码,发放时间,领取人,订单号,面值(元),批次号,状态,备注\r\n");
    let per_batch = o.codes / nb;
    let mut next_code = 0u64;
    let mut order = 0u64;
    for (bi, b) in batches.iter().enumerate() {
        let n = if bi as u64 == nb - 1 {
            o.codes - per_batch * (nb - 1)
        } else {
            per_batch
        };
        let mut recs: Vec<Rec> = Vec::with_capacity(n as usize + n as usize / 500);
        let mut extra: Vec<Rec> = Vec::new();
        for _ in 0..n {
            let code = code_for(next_code, o.seed);
            next_code += 1;
            let roll = rng.below(10_000);
            let (status, bind) = match roll {
                0..4200 => (2, 0),
                4200..7000 => (0, -1),
                7000..8000 => (0, 0),
                8000..9000 => (-1, -1),
                9000..9500 => (-2, -1),
                _ => (0, -1), // stock never handed out
            };
            let mut gmt = BeijingTime(gmt_lo + rng.below(gmt_span) as i64);
            if status == 2 && rng.below(1000) == 0 {
                gmt = late; // redeemed_after_expiry
            }
            let stock = roll >= 9500;
            let fate = rng.below(10_000);
            // Some redeemed and some bound codes were never handed out.
            let never_issued =
                stock || (status == 2 && fate < 30) || (status == 0 && bind == 0 && fate < 50);
            let issued = !never_issued;
            if issued {
                order += 1;
                issue_row(&mut csv, &mut rng, &code, b, &batches, status, order);
            }
            // Platform duplicates: a later record (ordinary), or the same
            // moment with another status (platform_conflict).
            let dup = rng.below(10_000);
            if dup < 10 {
                extra.push(Rec {
                    code: code.clone(),
                    status: 2,
                    bind: 0,
                    gmt: BeijingTime(gmt.0 + 3600),
                });
            } else if dup < 15 {
                extra.push(Rec {
                    code: code.clone(),
                    status: if status == 2 { 0 } else { 2 },
                    bind,
                    gmt,
                });
            }
            recs.push(Rec {
                code,
                status,
                bind,
                gmt,
            });
        }
        recs.extend(extra);
        let (pull, list): (PullType, Vec<&Rec>) = if b.consume_only {
            (
                PullType::Consume,
                recs.iter().filter(|r| r.status == 2).collect(),
            )
        } else {
            (PullType::All, recs.iter().collect())
        };
        let total = n;
        platform.push(GenFile {
            name: format!("batch-{:02}.json", bi + 1),
            bytes: pages(b, &list, total, o.page_size, expire),
            pull,
        });
    }
    // Issued codes the platform never heard of (missing_on_platform).
    let missing = (o.codes / 500).max(1);
    for _ in 0..missing {
        let code = code_for(next_code, o.seed);
        next_code += 1;
        order += 1;
        let b = batches.get(rng.below(nb) as usize);
        if let Some(b) = b {
            issue_row(&mut csv, &mut rng, &code, b, &batches, 0, order);
        }
    }
    Generated {
        platform,
        issued: GenFile {
            name: "issued.csv".to_string(),
            bytes: csv.into_bytes(),
            pull: PullType::All,
        },
    }
}

fn issue_row(
    csv: &mut String,
    rng: &mut SplitMix64,
    code: &str,
    b: &Batch,
    all: &[Batch],
    status: i8,
    order: u64,
) {
    let roll = rng.below(10_000);
    let mut shown = code.to_string();
    if roll < 10 {
        shown = code.to_ascii_lowercase(); // normalised on load
    } else if roll < 15 {
        shown = format!("'{code}");
    }
    let mut face = b.denomination;
    if (15..25).contains(&roll) {
        face += 100; // face_value_mismatch
    }
    let mut mix = b.mix_id.as_str();
    if (25..35).contains(&roll)
        && let Some(other) = all.iter().find(|o| o.mix_id != b.mix_id)
    {
        mix = &other.mix_id; // batch_mismatch
    }
    let void = status == 2 && (35..45).contains(&roll);
    let day = 1 + rng.below(28);
    let _ = write!(
        csv,
        "{shown},2026-05-{day:02} 09:30:00,员工{},SO{order:08},{}.{:02},{mix},{},\r\n",
        order % 5000,
        face / 100,
        face % 100,
        if void { "作废" } else { "已发放" }
    );
    if (45..65).contains(&roll) {
        // duplicate_issue: the same code handed out twice.
        let _ = write!(
            csv,
            "{code},2026-05-{day:02} 10:00:00,员工{},SO{order:08}B,{}.{:02},{mix},已发放,重复\r\n",
            (order + 7) % 5000,
            face / 100,
            face % 100
        );
    }
}

fn pages(b: &Batch, recs: &[&Rec], total: u64, page_size: u32, expire: &str) -> Vec<u8> {
    let size = page_size.max(1) as usize;
    let mut out = String::with_capacity(recs.len() * 100 + 512);
    let chunks: Vec<&[&Rec]> = if recs.is_empty() {
        vec![&[][..]]
    } else {
        recs.chunks(size).collect()
    };
    let last = chunks.len().saturating_sub(1);
    for (p, chunk) in chunks.iter().enumerate() {
        let (vdt, days) = if b.day_type {
            ("DAY", 30)
        } else {
            ("GENERAL", 0)
        };
        let _ = write!(
            out,
            r#"{{"film_fcode_export_query_response":{{"result":{{"return_code":"0","return_message":"","return_value":{{"basic":{{"bind_begin_time":"2026-05-01 00:00:00","coupon_expire_time":"{expire}","denomination":{},"mix_id":"{}","name":"压测批次","total_count":{total},"valid_days":{days},"valid_duration_type":"{vdt}"}},"coupon_list":{{"f_code_info":["#,
            b.denomination, b.mix_id
        );
        for (i, r) in chunk.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(
                out,
                r#"{{"code":"{}","code_status":{},"gmt_modified":"{}","bind_status":{}}}"#,
                r.code, r.status, r.gmt, r.bind
            );
        }
        let _ = writeln!(
            out,
            r#"]}},"has_next":{},"last_sequence":{},"current_rows":{}}}}}}}}}"#,
            p != last,
            p + 1,
            chunk.len()
        );
    }
    out.into_bytes()
}
