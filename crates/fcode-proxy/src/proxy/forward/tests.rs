use super::*;
use crate::timestamp::days_from_civil;

fn forwarder(session: Option<&str>, method: SignMethod) -> Forwarder {
    Forwarder::new(ForwarderSettings {
        gateway_url: "http://127.0.0.1:9/router/rest".into(),
        app_key: "12345678".into(),
        app_secret: Secret::new("s3cr3t"),
        session: session.map(Secret::new),
        sign_method: method,
        timeout: Duration::from_secs(5),
    })
    .unwrap()
}

fn api() -> Vec<(String, String)> {
    vec![
        ("method".into(), "taobao.film.fcode.export.query".into()),
        ("mix_id".into(), "code_8ebc4e741689bbc1".into()),
        ("partner_code".into(), "xuexiqiangguo".into()),
        ("operate_type".into(), "ALL".into()),
        ("params".into(), "{\"last_sequence\":100}".into()),
    ]
}

#[test]
fn adds_system_parameters_in_beijing_time_and_signs_them() {
    // 2026-08-31 15:59:59 UTC = 23:59:59 in Beijing.
    let now = days_from_civil(2026, 8, 31) * 86_400 + 15 * 3600 + 59 * 60 + 59;
    for (method, expected) in [
        (SignMethod::Md5, "55E3EA4A36D34D7B7067EC63731C99F9"),
        (SignMethod::Hmac, "AD180058F8E363AC3001F4A89373D5AA"),
        (
            SignMethod::HmacSha256,
            "BDD7C6FBF3862C024EDC9D7CDA99E694E0E527BCF423F2883D383342E84F6170",
        ),
    ] {
        // The same call as the vectors in sign/tests.rs (there with a `name` parameter
        // more, so re-add it here to reuse the independently computed signatures).
        let mut call = api();
        call.push(("name".into(), "淘票票".into()));
        let params = forwarder(None, method).signed_params(&call, now);
        let get = |name: &str| {
            params
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
        };
        assert_eq!(get("timestamp"), Some("2026-08-31 23:59:59"));
        assert_eq!(get("app_key"), Some("12345678"));
        assert_eq!(get("v"), Some("2.0"));
        assert_eq!(get("format"), Some("json"));
        assert_eq!(get("sign_method"), Some(method.as_str()));
        assert_eq!(get("session"), None, "no session configured, none sent");
        assert_eq!(get("sign"), Some(expected), "{method}");
    }
}

#[test]
fn session_is_sent_and_signed_when_configured() {
    let params = forwarder(Some("sess-1"), SignMethod::Md5).signed_params(&api(), 0);
    assert!(params.contains(&("session".to_string(), "sess-1".to_string())));
    let without_sign: Vec<(&str, &str)> = params
        .iter()
        .filter(|(k, _)| k != "sign")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let sign_value = params
        .iter()
        .find(|(k, _)| k == "sign")
        .map(|(_, v)| v.clone())
        .unwrap();
    assert_eq!(sign_value, sign(without_sign, "s3cr3t", SignMethod::Md5));
}

#[test]
fn form_encoding_round_trips_json_and_chinese() {
    let encoded = encode_form(&api());
    assert!(!encoded.contains('{') && !encoded.contains(' '));
    let decoded: Vec<(String, String)> = form_urlencoded::parse(encoded.as_bytes())
        .into_owned()
        .collect();
    assert_eq!(decoded, api());
}

#[test]
fn debug_output_never_shows_the_secret() {
    let text = format!("{:?}", forwarder(Some("sess-1"), SignMethod::Md5));
    assert!(
        !text.contains("s3cr3t") && !text.contains("sess-1"),
        "{text}"
    );
}
