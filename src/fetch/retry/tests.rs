use super::*;

fn api(code: Option<i64>, sub_code: &str) -> AttemptFailure {
    AttemptFailure::Api(ApiError { code, msg: "msg".into(), sub_code: sub_code.into(), sub_msg: String::new() })
}

fn class_of(code: i64) -> FailureClass {
    classify(&api(Some(code), ""))
}

const POLICY: RetryPolicy =
    RetryPolicy { base_ms: 500, cap_ms: 30_000, max_attempts: 6, call_limit_margin_ms: 250, max_call_limit_wait_secs: 300 };

// ---- classification ------------------------------------------------------

#[test]
fn transport_errors_and_broken_bodies_are_retried() {
    assert_eq!(classify(&AttemptFailure::Transport { detail: "x".into() }), FailureClass::Transient(Transient::Network));
    assert_eq!(classify(&AttemptFailure::BrokenBody { detail: "x".into() }), FailureClass::Transient(Transient::BrokenBody));
}

#[test]
fn http_5xx_408_429_are_retried_other_statuses_are_not() {
    for status in [500, 502, 503, 504, 599, 408, 429] {
        assert_eq!(classify(&AttemptFailure::HttpStatus { status }), FailureClass::Transient(Transient::ServerError), "{status}");
    }
    for status in [400, 401, 403, 404, 405, 301] {
        assert_eq!(classify(&AttemptFailure::HttpStatus { status }), FailureClass::Fatal(Hint::ProxyAddress), "{status}");
    }
}

#[test]
fn isp_sub_codes_and_codes_10_15_are_retried() {
    assert_eq!(classify(&api(Some(15), "isp.remote-service-timeout")), FailureClass::Transient(Transient::PlatformBusy));
    assert_eq!(classify(&api(Some(50), "isp.unknown-error")), FailureClass::Transient(Transient::PlatformBusy));
    assert_eq!(classify(&api(None, "isp.top-remote-connection-timeout")), FailureClass::Transient(Transient::PlatformBusy));
    assert_eq!(class_of(10), FailureClass::Transient(Transient::PlatformBusy));
    assert_eq!(class_of(15), FailureClass::Transient(Transient::PlatformBusy));
}

#[test]
fn a_caller_fault_sub_code_makes_15_final() {
    assert_eq!(classify(&api(Some(15), "isv.invalid-parameter")), FailureClass::Fatal(Hint::Isv));
    assert_eq!(classify(&api(Some(50), "isv.invalid-parameter")), FailureClass::Fatal(Hint::Isv));
}

#[test]
fn listed_codes_are_final_with_their_hint() {
    for code in 11..=13 {
        assert_eq!(class_of(code), FailureClass::Fatal(Hint::Permission), "{code}");
    }
    assert_eq!(class_of(24), FailureClass::Fatal(Hint::ProxySecret));
    assert_eq!(class_of(25), FailureClass::Fatal(Hint::ProxySecret));
    assert_eq!(class_of(26), FailureClass::Fatal(Hint::Session));
    assert_eq!(class_of(27), FailureClass::Fatal(Hint::Session));
    assert_eq!(class_of(28), FailureClass::Fatal(Hint::AppKey));
    assert_eq!(class_of(29), FailureClass::Fatal(Hint::AppKey));
    assert_eq!(class_of(30), FailureClass::Fatal(Hint::ProxyClock));
    assert_eq!(class_of(31), FailureClass::Fatal(Hint::ProxyClock));
    assert_eq!(class_of(40), FailureClass::Fatal(Hint::MissingParameter));
    assert_eq!(class_of(41), FailureClass::Fatal(Hint::InvalidParameter));
    for code in [21, 22, 23, 32, 33, 34, 42, 43, 44] {
        assert_eq!(class_of(code), FailureClass::Fatal(Hint::RequestRejected), "{code}");
    }
    // Every code of 11–13, 21–34, 40–44 stops.
    for code in (11..=13).chain(21..=34).chain(40..=44) {
        assert!(matches!(class_of(code), FailureClass::Fatal(_)), "{code}");
    }
    // A specific code's hint wins over a generic isv sub code.
    assert_eq!(classify(&api(Some(41), "isv.invalid-parameter")), FailureClass::Fatal(Hint::InvalidParameter));
}

#[test]
fn unknown_codes_stop_and_isv_alone_stops() {
    assert_eq!(class_of(3), FailureClass::Fatal(Hint::Unknown));
    assert_eq!(class_of(50), FailureClass::Fatal(Hint::Unknown));
    assert_eq!(classify(&api(None, "")), FailureClass::Fatal(Hint::Unknown));
    assert_eq!(classify(&api(Some(50), "isv.missing-parameter:mix_id")), FailureClass::Fatal(Hint::Isv));
}

#[test]
fn call_limit_takes_the_seconds_from_msg_or_sub_msg() {
    let in_msg = AttemptFailure::Api(ApiError {
        code: Some(7),
        msg: "App Call Limited, This ban will last 12 more seconds".into(),
        ..ApiError::default()
    });
    assert_eq!(classify(&in_msg), FailureClass::CallLimited { secs: Some(12) });
    let in_sub = AttemptFailure::Api(ApiError {
        code: Some(7),
        msg: "App Call Limited".into(),
        sub_code: "accesscontrol.limited-by-app-access-count".into(),
        sub_msg: "This ban will last 3 more seconds".into(),
    });
    assert_eq!(classify(&in_sub), FailureClass::CallLimited { secs: Some(3) });
    assert_eq!(class_of(7), FailureClass::CallLimited { secs: None });
}

#[test]
fn proxy_sub_codes() {
    for sub in ["proxy.upstream-timeout", "proxy.upstream-unreachable", "proxy.upstream-error"] {
        assert_eq!(classify(&api(Some(502), sub)), FailureClass::Transient(Transient::ProxyUpstream), "{sub}");
    }
    assert_eq!(classify(&api(Some(401), "proxy.unauthorized")), FailureClass::Fatal(Hint::ProxyToken));
    assert_eq!(classify(&api(Some(403), "proxy.origin-not-allowed")), FailureClass::Fatal(Hint::ProxyOrigin));
    assert_eq!(classify(&api(Some(403), "proxy.method-not-allowed")), FailureClass::Fatal(Hint::ProxyMethod));
    assert_eq!(classify(&api(Some(404), "proxy.not-found")), FailureClass::Fatal(Hint::ProxyAddress));
    assert_eq!(classify(&api(Some(405), "proxy.http-method-not-allowed")), FailureClass::Fatal(Hint::ProxyAddress));
    for sub in ["proxy.bad-request", "proxy.body-too-large", "proxy.unsupported-media-type"] {
        assert_eq!(classify(&api(Some(400), sub)), FailureClass::Fatal(Hint::ProxyRequest), "{sub}");
    }
    assert_eq!(classify(&api(Some(418), "proxy.something-new")), FailureClass::Fatal(Hint::Unknown));
}

#[test]
fn business_failures_and_foreign_answers_stop() {
    let business = AttemptFailure::Business { return_code: "FCODE_MIX_ID_NOT_EXIST".into(), return_message: "x".into() };
    assert_eq!(classify(&business), FailureClass::Fatal(Hint::Business { return_code: "FCODE_MIX_ID_NOT_EXIST".into() }));
    assert_eq!(classify(&AttemptFailure::Unexpected { detail: "x".into() }), FailureClass::Fatal(Hint::NotThisApi));
}

// ---- decisions -------------------------------------------------------------

#[test]
fn fatal_failures_stop_at_once() {
    let decision = decide(&POLICY, &FailureClass::Fatal(Hint::ProxyClock), 1, 0.5);
    assert_eq!(decision, Decision::Stop(Hint::ProxyClock));
}

#[test]
fn transient_failures_retry_until_max_attempts() {
    let class = FailureClass::Transient(Transient::ServerError);
    for failed in 1..POLICY.max_attempts {
        assert!(matches!(decide(&POLICY, &class, failed, 0.0), Decision::Retry { .. }), "{failed}");
    }
    assert_eq!(decide(&POLICY, &class, POLICY.max_attempts, 0.0), Decision::Stop(Hint::Exhausted(Transient::ServerError)));
}

#[test]
fn call_limit_waits_the_named_seconds_plus_margin() {
    let class = FailureClass::CallLimited { secs: Some(2) };
    assert_eq!(decide(&POLICY, &class, 1, 0.9), Decision::Retry { delay_ms: 2_250 });
    // Without seconds: the ordinary back-off.
    let unknown = FailureClass::CallLimited { secs: None };
    assert_eq!(decide(&POLICY, &unknown, 1, 0.0), Decision::Retry { delay_ms: 250 });
    // A ban longer than we wait: stop, the user resumes later.
    let long = FailureClass::CallLimited { secs: Some(3_600) };
    assert_eq!(decide(&POLICY, &long, 1, 0.0), Decision::Stop(Hint::CallLimitLong { secs: 3_600 }));
    // Still banned after every attempt.
    assert_eq!(decide(&POLICY, &class, POLICY.max_attempts, 0.0), Decision::Stop(Hint::CallLimitPersists));
}

#[test]
fn backoff_doubles_and_is_capped() {
    // Without jitter the wait is half the ceiling, with full jitter all of it.
    let ceilings: Vec<u64> = (1..=9).map(|retry| backoff_ms(&POLICY, retry, 1.0)).collect();
    assert_eq!(ceilings, vec![500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    let floors: Vec<u64> = (1..=4).map(|retry| backoff_ms(&POLICY, retry, 0.0)).collect();
    assert_eq!(floors, vec![250, 500, 1_000, 2_000]);
    // Jitter lands in between.
    let mid = backoff_ms(&POLICY, 3, 0.5);
    assert!((1_000..=2_000).contains(&mid), "{mid}");
    // Huge retry numbers and odd jitter values neither overflow nor escape the cap.
    assert_eq!(backoff_ms(&POLICY, u32::MAX, 1.0), 30_000);
    assert_eq!(backoff_ms(&POLICY, 2, f64::NAN), 500);
    assert_eq!(backoff_ms(&POLICY, 2, 7.0), 1_000);
    assert_eq!(backoff_ms(&POLICY, 0, 1.0), 500);
}

// ---- the call-limit message -------------------------------------------------

#[test]
fn call_limit_seconds_parser() {
    assert_eq!(call_limit_secs("This ban will last 1 more seconds"), Some(1));
    assert_eq!(call_limit_secs("App Call Limited, This ban will last 71 more seconds"), Some(71));
    assert_eq!(call_limit_secs("this BAN WILL LAST 5 MORE SECONDS"), Some(5));
    assert_eq!(call_limit_secs("The ban lasts 30 seconds"), Some(30));
    assert_eq!(call_limit_secs("at last, 3 apples; ban will last 9 more seconds"), Some(9));
    assert_eq!(call_limit_secs("last 3 apples; ban will last 9 more seconds"), Some(9));
    assert_eq!(call_limit_secs("App Call Limited"), None);
    assert_eq!(call_limit_secs("This ban will last more seconds"), None);
    assert_eq!(call_limit_secs("will last 5 more minutes"), None);
    assert_eq!(call_limit_secs(""), None);
    assert_eq!(call_limit_secs("last 99999999999999999999999 seconds"), None);
    assert_eq!(call_limit_secs("封禁将持续 last 8 more seconds，请稍后"), Some(8));
}
