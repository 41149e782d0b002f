use super::*;
use crate::fetch::model::BatchState;

#[test]
fn page_keys_sort_in_page_order_under_the_batch_prefix() {
    let keys: Vec<String> = [1, 2, 10, 999_999].iter().map(|i| page_key("code_a", *i)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(keys[0], "fetch/code_a/page/000001");
    assert!(keys.iter().all(|k| k.starts_with(&batch_prefix("code_a"))));
    // One batch's prefix never covers another's (mix_ids have no '/').
    assert!(!page_key("code_ab", 1).starts_with(&batch_prefix("code_a")));
}

#[test]
fn a_running_batch_reads_back_as_cancelled() {
    let mut progress = BatchProgress::new("code_a".into());
    progress.state = BatchState::Retrying;
    progress.retry_in_secs = 3;
    let json = serde_json::to_string(&progress).unwrap();
    let back: BatchProgress = serde_json::from_str(&json).unwrap();
    assert_eq!(back.retry_in_secs, 0);
    assert_eq!(back.restored().state, BatchState::Cancelled);
    let mut done = BatchProgress::new("code_b".into());
    done.state = BatchState::Done;
    assert_eq!(done.clone().restored().state, BatchState::Done);
    assert!(!done.resumable());
}
