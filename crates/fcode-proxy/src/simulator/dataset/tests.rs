use std::collections::HashSet;

use super::*;

fn spec(seed: u64) -> DatasetSpec {
    DatasetSpec {
        seed,
        batches: 4,
        codes_per_batch: 500,
        partner_code: "demo_partner".into(),
    }
}

#[test]
fn same_seed_same_data_and_other_seed_other_data() {
    let a = Dataset::generate(&spec(1));
    let b = Dataset::generate(&spec(1));
    let c = Dataset::generate(&spec(2));
    let codes = |data: &Dataset| {
        data.batches
            .iter()
            .flat_map(|batch| batch.codes.iter().map(|record| record.code.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&a), codes(&b));
    assert_ne!(codes(&a), codes(&c));
}

#[test]
fn codes_are_unique_and_well_formed_and_sequences_increase() {
    let data = Dataset::generate(&spec(3));
    let mut seen = HashSet::new();
    for batch in &data.batches {
        assert_eq!(batch.total_count, batch.codes.len() as u64);
        assert!(batch.mix_id.starts_with("code_") && batch.mix_id.len() == 21);
        assert!(
            batch
                .codes
                .windows(2)
                .all(|pair| pair[0].sequence < pair[1].sequence)
        );
        for record in &batch.codes {
            assert!(
                seen.insert(record.code.clone()),
                "duplicate {}",
                record.code
            );
            assert_eq!(record.code.len(), 11);
            assert!(record.code.bytes().all(|b| CODE_ALPHABET.contains(&b)));
            assert!(crate::timestamp::parse_shanghai(&record.gmt_modified).is_some());
        }
    }
}

#[test]
fn status_mix_is_realistic() {
    let data = Dataset::generate(&spec(4));
    let all: Vec<&CodeRecord> = data
        .batches
        .iter()
        .flat_map(|batch| batch.codes.iter())
        .collect();
    let share = |status: i64| {
        all.iter()
            .filter(|record| record.code_status == status)
            .count() as f64
            / all.len() as f64
    };
    assert!(
        (0.38..0.52).contains(&share(status::REDEEMED)),
        "{}",
        share(status::REDEEMED)
    );
    assert!((0.33..0.47).contains(&share(status::NORMAL)));
    assert!((0.06..0.14).contains(&share(status::EXPIRED)));
    assert!((0.02..0.08).contains(&share(status::INVALIDATED)));
    // Redeemed codes are bound; both bind states occur among valid codes.
    assert!(
        all.iter()
            .filter(|record| record.code_status == status::REDEEMED)
            .all(|record| record.bind_status == bind::BOUND)
    );
    let normal_binds: HashSet<i64> = all
        .iter()
        .filter(|record| record.code_status == status::NORMAL)
        .map(|record| record.bind_status)
        .collect();
    assert_eq!(normal_binds, HashSet::from([bind::BOUND, bind::UNBOUND]));
    let validities: HashSet<&str> = data
        .batches
        .iter()
        .map(|batch| batch.validity.as_str())
        .collect();
    assert_eq!(validities, HashSet::from(["GENERAL", "DAY"]));
}

#[test]
fn first_batch_has_exactly_one_redemption_after_expiry() {
    let data = Dataset::generate(&spec(5));
    let batch = &data.batches[0];
    let late: Vec<&CodeRecord> = batch
        .codes
        .iter()
        .filter(|record| record.code_status == status::REDEEMED)
        .filter(|record| {
            crate::timestamp::parse_shanghai(&record.gmt_modified).unwrap_or(0)
                > batch.last_valid_unix()
        })
        .collect();
    assert_eq!(late.len(), 1);
}

#[test]
fn pages_cover_a_pull_exactly_once() {
    let data = Dataset::generate(&spec(6));
    let batch = &data.batches[1];
    for (pull, expected) in [
        (PullType::All, batch.codes.len()),
        (
            PullType::Consume,
            batch
                .codes
                .iter()
                .filter(|record| record.code_status == status::REDEEMED)
                .count(),
        ),
    ] {
        let mut cursor = 0;
        let mut fetched = Vec::new();
        loop {
            let page = batch.page(pull, cursor, 37);
            assert!(page.rows.len() <= 37);
            fetched.extend(page.rows.iter().map(|record| record.code.clone()));
            if !page.has_next {
                break;
            }
            assert!(page.last_sequence > cursor);
            cursor = page.last_sequence;
        }
        assert_eq!(fetched.len(), expected);
        assert_eq!(fetched.iter().collect::<HashSet<_>>().len(), expected);
    }
    let past_end = batch.page(PullType::All, u64::MAX, 10);
    assert!(past_end.rows.is_empty() && !past_end.has_next && past_end.last_sequence == u64::MAX);
}
