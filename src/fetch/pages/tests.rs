use super::*;

#[test]
fn first_page_with_more_to_come_continues_from_its_cursor() {
    assert_eq!(judge_page(None, 0, true, Some(1011), 100), Ok(PageVerdict::Next { cursor: 1011 }));
}

#[test]
fn a_page_without_more_is_the_last() {
    assert_eq!(judge_page(Some(1011), 3, false, Some(2000), 100), Ok(PageVerdict::Last));
    // The last page may omit the cursor, or repeat it.
    assert_eq!(judge_page(Some(1011), 3, false, None, 100), Ok(PageVerdict::Last));
    assert_eq!(judge_page(Some(1011), 3, false, Some(1011), 100), Ok(PageVerdict::Last));
}

#[test]
fn the_cursor_progresses_page_by_page() {
    let answers = [(true, Some(50)), (true, Some(104)), (true, Some(160)), (false, Some(201))];
    let mut sent = None;
    let mut kept = 0;
    let mut requested = Vec::new();
    for (has_next, last) in answers {
        requested.push(sent);
        match judge_page(sent, kept, has_next, last, 100).unwrap() {
            PageVerdict::Next { cursor } => sent = Some(cursor),
            PageVerdict::Last => {}
            PageVerdict::LimitReached { .. } => panic!("no limit here"),
        }
        kept += 1;
    }
    assert_eq!(requested, vec![None, Some(50), Some(104), Some(160)]);
    assert_eq!(kept, 4);
}

#[test]
fn a_cursor_that_does_not_advance_stops() {
    assert_eq!(judge_page(Some(50), 1, true, Some(50), 100), Err(CursorError::NotAdvancing { sent: 50, got: 50 }));
    assert_eq!(judge_page(Some(50), 1, true, Some(10), 100), Err(CursorError::NotAdvancing { sent: 50, got: 10 }));
}

#[test]
fn more_to_come_without_a_cursor_stops() {
    assert_eq!(judge_page(None, 0, true, None, 100), Err(CursorError::Missing));
}

#[test]
fn the_page_limit_stops_with_the_page_kept() {
    assert_eq!(judge_page(Some(10), 1, true, Some(20), 3), Ok(PageVerdict::Next { cursor: 20 }));
    assert_eq!(judge_page(Some(20), 2, true, Some(30), 3), Ok(PageVerdict::LimitReached { limit: 3 }));
    // At the limit, the last page is still fine.
    assert_eq!(judge_page(Some(20), 2, false, Some(30), 3), Ok(PageVerdict::Last));
    assert_eq!(judge_page(None, 0, true, Some(30), 1), Ok(PageVerdict::LimitReached { limit: 1 }));
    assert!(may_request(2, 3));
    assert!(!may_request(3, 3));
}

#[test]
fn cursor_params_carry_the_configured_key() {
    assert_eq!(cursor_params("last_sequence", None), None);
    assert_eq!(cursor_params("last_sequence", Some(1011)).as_deref(), Some(r#"{"last_sequence":1011}"#));
    assert_eq!(cursor_params("lastSequence", Some(0)).as_deref(), Some(r#"{"lastSequence":0}"#));
    // The key is JSON-escaped, never pasted raw.
    assert_eq!(cursor_params(r#"a"b"#, Some(1)).as_deref(), Some(r#"{"a\"b":1}"#));
}
