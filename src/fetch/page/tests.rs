use super::*;

const WRAPPED: &str = r#"{"film_fcode_export_query_response":{"request_id":"abc","result":{"return_code":"0","return_message":"","return_value":{
  "basic":{"bind_begin_time":"2026-02-12 00:00:00","coupon_expire_time":"2026-06-13 23:59:59","denomination":3000,
           "description":"x","max_bind_count":4,"mix_id":"code_bdd732262feb6e95",
           "name":"2026春节员工观影福利","total_count":300,"valid_duration_type":"GENERAL"},
  "coupon_list":{"f_code_info":[
    {"bind_status":0,"code":"8TCM8HJJP85","code_status":0,"gmt_modified":"2026-05-06 08:42:00"},
    {"bind_status":-1,"code":"4MM4ARTYQTU","code_status":0,"gmt_modified":"2026-02-11 00:38:15"},
    {"bind_status":0,"code":"4AS4J7ASPC4","code_status":2,"gmt_modified":"2026-04-14 14:15:10"}]},
  "current_rows":3,"has_next":true,"last_sequence":1011}}}}"#;

#[test]
fn wrapped_page() {
    let facts = interpret(200, WRAPPED).unwrap();
    assert_eq!(
        facts,
        PageFacts {
            has_next: true,
            last_sequence: Some(1011),
            current_rows: Some(3),
            coupons: 3,
            total_count: Some(300),
            batch_name: Some("2026春节员工观影福利".into()),
            mix_id: Some("code_bdd732262feb6e95".into()),
        }
    );
}

#[test]
fn simplified_page_with_plain_array_and_string_numbers() {
    let body = r#"{"result":{"return_code":0,"return_value":{"basic":{"total_count":"12"},
        "coupon_list":[{"code":"A"},{"code":"B"}],"current_rows":"2","has_next":"false","last_sequence":"77"}},"request_id":"r"}"#;
    let facts = interpret(200, body).unwrap();
    assert!(!facts.has_next);
    assert_eq!(facts.last_sequence, Some(77));
    assert_eq!(facts.current_rows, Some(2));
    assert_eq!(facts.coupons, 2);
    assert_eq!(facts.total_count, Some(12));
    assert_eq!(facts.batch_name, None);
}

#[test]
fn empty_and_odd_coupon_lists() {
    let empty = r#"{"result":{"return_code":"0","return_value":{"coupon_list":{},"has_next":false}}}"#;
    assert_eq!(interpret(200, empty).unwrap().coupons, 0);
    let null = r#"{"result":{"return_code":"0","return_value":{"coupon_list":null,"has_next":false}}}"#;
    assert_eq!(interpret(200, null).unwrap().coupons, 0);
    let missing = r#"{"result":{"return_code":"0","return_value":{"has_next":false}}}"#;
    assert_eq!(interpret(200, missing).unwrap().coupons, 0);
    let lone = r#"{"result":{"return_code":"0","return_value":{"coupon_list":{"f_code_info":{"code":"A","code_status":2}},"has_next":false}}}"#;
    assert_eq!(interpret(200, lone).unwrap().coupons, 1);
}

#[test]
fn paging_fields_beside_return_value_are_read_too() {
    let body = r#"{"result":{"return_code":"0","has_next":true,"last_sequence":5,"return_value":{"coupon_list":[]}}}"#;
    let facts = interpret(200, body).unwrap();
    assert!(facts.has_next);
    assert_eq!(facts.last_sequence, Some(5));
}

#[test]
fn error_response_from_the_gateway() {
    let body = r#"{"error_response":{"code":25,"msg":"Invalid signature","request_id":"x"}}"#;
    assert_eq!(
        interpret(200, body),
        Err(AttemptFailure::Api(ApiError { code: Some(25), msg: "Invalid signature".into(), ..ApiError::default() }))
    );
    let limited = r#"{"error_response":{"code":"7","msg":"App Call Limited","sub_code":"accesscontrol.limited-by-app-access-count","sub_msg":"This ban will last 2 more seconds"}}"#;
    let Err(AttemptFailure::Api(error)) = interpret(200, limited) else { panic!("not an api error") };
    assert_eq!(error.code, Some(7));
    assert_eq!(error.sub_msg, "This ban will last 2 more seconds");
}

#[test]
fn error_response_from_the_proxy_wins_over_its_status() {
    let body = r#"{"error_response":{"code":401,"msg":"Unauthorized","sub_code":"proxy.unauthorized","sub_msg":"missing or wrong bearer token"}}"#;
    let Err(AttemptFailure::Api(error)) = interpret(401, body) else { panic!("not an api error") };
    assert_eq!(error.sub_code, "proxy.unauthorized");
    assert_eq!(error.code, Some(401));
}

#[test]
fn wrapped_error_response() {
    let body = r#"{"film_fcode_export_query_response":{"error_response":{"code":15,"sub_code":"isp.x"}}}"#;
    let Err(AttemptFailure::Api(error)) = interpret(200, body) else { panic!("not an api error") };
    assert_eq!(error.code, Some(15));
}

#[test]
fn html_error_pages_are_http_failures() {
    let html = "<html><head><title>502 Bad Gateway</title></head></html>";
    assert_eq!(interpret(502, html), Err(AttemptFailure::HttpStatus { status: 502 }));
    assert_eq!(interpret(404, ""), Err(AttemptFailure::HttpStatus { status: 404 }));
}

#[test]
fn truncated_bodies_are_broken() {
    let half = &WRAPPED[..WRAPPED.len() / 2];
    assert!(matches!(interpret(200, half), Err(AttemptFailure::BrokenBody { .. })));
    assert!(matches!(interpret(200, ""), Err(AttemptFailure::BrokenBody { .. })));
    assert!(matches!(interpret(200, "[1,2]"), Err(AttemptFailure::BrokenBody { .. })));
}

#[test]
fn business_failure() {
    let body = r#"{"film_fcode_export_query_response":{"result":{"return_code":"FCODE_MIX_ID_NOT_EXIST","return_message":"码商品不存在或无权访问"}}}"#;
    assert_eq!(
        interpret(200, body),
        Err(AttemptFailure::Business {
            return_code: "FCODE_MIX_ID_NOT_EXIST".into(),
            return_message: "码商品不存在或无权访问".into()
        })
    );
}

#[test]
fn answers_of_another_kind_are_unexpected() {
    assert!(matches!(interpret(200, r#"{"status":"ok"}"#), Err(AttemptFailure::Unexpected { .. })));
    let no_has_next = r#"{"result":{"return_code":"0","return_value":{"coupon_list":[]}}}"#;
    assert!(matches!(interpret(200, no_has_next), Err(AttemptFailure::Unexpected { .. })));
}
