use super::*;

fn good() -> Settings {
    Settings {
        proxy_url: "http://127.0.0.1:8787".into(),
        token: "demo_token".into(),
        partner_code: "demo_partner".into(),
        batches: "code_aaaa000000000001\ncode_bbbb000000000002\n".into(),
        pull: PullType::All,
        cursor_key: "last_sequence".into(),
        max_pages: "50".into(),
    }
}

#[test]
fn good_settings_pass() {
    let checked = check(&good()).unwrap();
    assert_eq!(checked.batches, vec!["code_aaaa000000000001", "code_bbbb000000000002"]);
    assert_eq!(checked.max_pages, 50);
    assert_eq!(checked.proxy_url, "http://127.0.0.1:8787");
}

#[test]
fn batches_split_on_lines_commas_and_spaces_without_repeats() {
    assert_eq!(batch_list(" a \r\nb, c，a\t d\n\n"), vec!["a", "b", "c", "d"]);
    assert!(batch_list("  \n ").is_empty());
}

#[test]
fn every_problem_is_reported() {
    let bad = Settings {
        proxy_url: "ftp://x".into(),
        token: "tok en".into(),
        partner_code: " ".into(),
        batches: "code_a/../x".into(),
        pull: PullType::Consume,
        cursor_key: "".into(),
        max_pages: "0".into(),
    };
    let problems = check(&bad).unwrap_err();
    assert_eq!(
        problems,
        vec![
            Problem::ProxyUrlScheme,
            Problem::TokenUnsendable,
            Problem::PartnerCodeMissing,
            Problem::BadMixId("code_a/../x".into()),
            Problem::CursorKeyMissing,
            Problem::MaxPagesInvalid,
        ]
    );
    let empty = check(&Settings::default()).unwrap_err();
    assert!(empty.contains(&Problem::ProxyUrlMissing));
    assert!(empty.contains(&Problem::NoBatches));
}

#[test]
fn max_pages_bounds() {
    for (text, ok) in [("1", true), ("999999", true), ("1000000", false), ("-1", false), ("1.5", false), ("", false), (" 7 ", true)] {
        let settings = Settings { max_pages: text.into(), ..good() };
        assert_eq!(check(&settings).is_ok(), ok, "{text:?}");
    }
}

#[test]
fn an_empty_token_is_fine() {
    // A proxy without --token needs none.
    assert!(check(&Settings { token: String::new(), ..good() }).is_ok());
}

#[test]
fn user_edits_win_field_by_field() {
    let defaults = good();
    let mut overrides = Overrides::default();
    assert!(overrides.is_empty());
    assert_eq!(overrides.apply(&defaults), defaults);
    overrides.set(Field::Token, "mine".into());
    overrides.set(Field::Pull, "consume".into());
    overrides.set(Field::Pull, "nonsense".into());
    let applied = overrides.apply(&defaults);
    assert_eq!(applied.token, "mine");
    assert_eq!(applied.pull, PullType::Consume);
    assert_eq!(applied.proxy_url, defaults.proxy_url);
    // A cleared field stays cleared: the user's empty text wins too.
    overrides.set(Field::PartnerCode, String::new());
    assert_eq!(overrides.apply(&defaults).partner_code, "");
}

#[test]
fn overrides_store_only_what_was_edited() {
    let mut overrides = Overrides::default();
    overrides.set(Field::CursorKey, "lastSequence".into());
    let json = serde_json::to_string(&overrides).unwrap();
    assert_eq!(json, r#"{"cursor_key":"lastSequence"}"#);
    let back: Overrides = serde_json::from_str(&json).unwrap();
    assert_eq!(back, overrides);
    // Unknown or missing fields from an older version are tolerated.
    let old: Overrides = serde_json::from_str(r#"{"proxy_url":"http://x","colour":"red"}"#).unwrap();
    assert_eq!(old.proxy_url.as_deref(), Some("http://x"));
}

#[test]
fn mix_id_shapes() {
    assert!(valid_mix_id("code_8ebc4e741689bbc1"));
    assert!(valid_mix_id("A-1.b_2"));
    for bad in ["", "a b", "a/b", "中文", &"x".repeat(129)] {
        assert!(!valid_mix_id(bad), "{bad:?}");
    }
}
