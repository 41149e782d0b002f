use fcode_core::model::PullType;

use super::*;

#[test]
fn the_shipped_config_json_parses() {
    let text = include_str!("../../../config.json");
    let (settings, notes) = parse_config(text).unwrap();
    assert!(notes.is_empty());
    assert_eq!(settings.cursor_key, "last_sequence");
    assert_eq!(settings.pull, PullType::All);
}

#[test]
fn a_demo_config_presets_everything() {
    let text = r#"{
      "proxy_url": "http://127.0.0.1:8787",
      "proxy_token": "demo_token",
      "partner_code": "demo_partner",
      "batches": ["code_bdd732262feb6e95", " ", "code_0123456789abcdef"],
      "pull": "consume",
      "cursor_key": "lastSequence",
      "max_pages": 200,
      "something_newer": true
    }"#;
    let (settings, notes) = parse_config(text).unwrap();
    assert!(notes.is_empty());
    assert_eq!(
        settings,
        Settings {
            proxy_url: "http://127.0.0.1:8787".into(),
            token: "demo_token".into(),
            partner_code: "demo_partner".into(),
            batches: "code_bdd732262feb6e95\ncode_0123456789abcdef".into(),
            pull: PullType::Consume,
            cursor_key: "lastSequence".into(),
            max_pages: "200".into(),
        }
    );
}

#[test]
fn missing_fields_fall_back_to_built_in_defaults() {
    let (settings, notes) = parse_config("{}").unwrap();
    assert_eq!(settings, Settings::default());
    assert!(notes.is_empty());
    let (settings, _) = parse_config(r#"{"cursor_key":"  ","batches":"a\nb","max_pages":null}"#).unwrap();
    assert_eq!(settings.cursor_key, "last_sequence");
    assert_eq!(settings.batches, "a\nb");
    assert_eq!(settings.max_pages, Settings::default().max_pages);
}

#[test]
fn odd_values_are_noted_and_replaced() {
    let (settings, notes) = parse_config(r#"{"pull":"SOME","max_pages":-3}"#).unwrap();
    assert_eq!(settings.pull, PullType::All);
    assert_eq!(settings.max_pages, Settings::default().max_pages);
    assert_eq!(notes, vec![ConfigNote::UnknownPull("SOME".into()), ConfigNote::BadMaxPages]);
    let (settings, _) = parse_config(r#"{"max_pages":"25"}"#).unwrap();
    assert_eq!(settings.max_pages, "25");
}

#[test]
fn broken_files_are_errors() {
    assert!(matches!(parse_config(""), Err(ConfigError::Invalid(_))));
    assert!(matches!(parse_config("{\"proxy_url\": 3}"), Err(ConfigError::Invalid(_))));
    assert!(matches!(parse_config("[]"), Err(ConfigError::Invalid(_))));
}
