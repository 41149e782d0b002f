use super::*;
use crate::fetch::failure::ApiError;
use crate::fetch::retry::classify;

fn stop(failure: AttemptFailure) -> FetchError {
    let hint = match classify(&failure) {
        crate::fetch::retry::FailureClass::Fatal(hint) => hint,
        _ => Hint::Exhausted(Transient::Network),
    };
    FetchError::Call { failure, hint, attempts: 1 }
}

#[test]
fn platform_errors_name_the_batch_code_sub_code_and_message() {
    let error = stop(AttemptFailure::Api(ApiError {
        code: Some(25),
        msg: "Invalid signature".into(),
        sub_code: String::new(),
        sub_msg: String::new(),
    }));
    let en = describe_error(Lang::En, "code_a", &error);
    assert!(en.starts_with("Batch code_a: error code 25: Invalid signature."), "{en}");
    assert!(en.contains("TOP_APP_SECRET"), "{en}");
    let zh = describe_error(Lang::Zh, "code_a", &error);
    assert!(zh.contains("code_a") && zh.contains("25") && zh.contains("Invalid signature"), "{zh}");

    let isv = stop(AttemptFailure::Api(ApiError {
        code: Some(50),
        msg: "Remote service error".into(),
        sub_code: "isv.invalid-parameter".into(),
        sub_msg: "非法参数".into(),
    }));
    let en = describe_error(Lang::En, "code_b", &isv);
    assert!(en.contains("error code 50 / isv.invalid-parameter: Remote service error (非法参数)"), "{en}");
}

#[test]
fn business_failures_name_the_return_code() {
    let error = stop(AttemptFailure::Business {
        return_code: "FCODE_MIX_ID_NOT_EXIST".into(),
        return_message: "码商品不存在或无权访问".into(),
    });
    let en = describe_error(Lang::En, "code_x", &error);
    assert!(en.contains("code_x") && en.contains("FCODE_MIX_ID_NOT_EXIST") && en.contains("check the mix_id"), "{en}");
}

#[test]
fn every_hint_has_words_in_both_languages() {
    let hints = [
        Hint::Exhausted(Transient::Network),
        Hint::Exhausted(Transient::ServerError),
        Hint::Exhausted(Transient::PlatformBusy),
        Hint::Exhausted(Transient::BrokenBody),
        Hint::Exhausted(Transient::ProxyUpstream),
        Hint::CallLimitPersists,
        Hint::CallLimitLong { secs: 900 },
        Hint::ProxySecret,
        Hint::ProxyClock,
        Hint::AppKey,
        Hint::Session,
        Hint::Permission,
        Hint::MissingParameter,
        Hint::InvalidParameter,
        Hint::RequestRejected,
        Hint::Isv,
        Hint::ProxyToken,
        Hint::ProxyOrigin,
        Hint::ProxyMethod,
        Hint::ProxyAddress,
        Hint::ProxyRequest,
        Hint::Business { return_code: "FCODE_PARTNER_NOT_MATCH".into() },
        Hint::Business { return_code: "OTHER".into() },
        Hint::NotThisApi,
        Hint::Unknown,
    ];
    for hint in &hints {
        for lang in [Lang::Zh, Lang::En] {
            assert!(!hint_text(lang, hint).is_empty(), "{hint:?}");
        }
        assert_ne!(hint_text(Lang::Zh, hint), hint_text(Lang::En, hint), "{hint:?}");
    }
    assert!(hint_text(Lang::En, &Hint::CallLimitLong { secs: 900 }).contains("900"));
}

#[test]
fn retries_exhausted_say_how_many_attempts() {
    let error = FetchError::Call {
        failure: AttemptFailure::HttpStatus { status: 503 },
        hint: Hint::Exhausted(Transient::ServerError),
        attempts: 6,
    };
    let en = describe_error(Lang::En, "code_a", &error);
    assert!(en.contains("HTTP 503") && en.contains("after 6 attempts"), "{en}");
}

#[test]
fn cursor_and_limit_errors() {
    let stuck = describe_error(Lang::En, "code_a", &FetchError::Cursor(CursorError::NotAdvancing { sent: 50, got: 50 }));
    assert!(stuck.contains("did not advance") && stuck.contains("cursor key"), "{stuck}");
    let limit = describe_error(Lang::Zh, "code_a", &FetchError::PageLimit { limit: 3 });
    assert!(limit.contains('3'), "{limit}");
}
