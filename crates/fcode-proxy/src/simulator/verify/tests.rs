use super::*;

#[test]
fn cursor_accepts_both_spellings_numbers_and_digit_strings() {
    assert_eq!(cursor_from_params("{}"), Ok(0));
    assert_eq!(
        cursor_from_params("{\"last_sequence\":12}").map_err(|e| e.code),
        Ok(12)
    );
    assert_eq!(
        cursor_from_params("{\"lastSequence\":12}").map_err(|e| e.code),
        Ok(12)
    );
    assert_eq!(
        cursor_from_params("{\"last_sequence\":\"12\"}").map_err(|e| e.code),
        Ok(12)
    );
    assert_eq!(
        cursor_from_params("{\"last_sequence\":null}").map_err(|e| e.code),
        Ok(0)
    );
    assert_eq!(
        cursor_from_params("{\"last_sequence\":\"\"}").map_err(|e| e.code),
        Ok(0)
    );
    assert_eq!(
        cursor_from_params("{\"other\":1}").map_err(|e| e.code),
        Ok(0)
    );
}

#[test]
fn cursor_rejects_what_is_not_a_cursor() {
    for bad in [
        "",
        "[]",
        "12",
        "{\"last_sequence\":-1}",
        "{\"last_sequence\":1.5}",
        "{\"last_sequence\":\"x\"}",
        "{\"last_sequence\":true}",
        "{",
    ] {
        let error = cursor_from_params(bad).unwrap_err();
        assert_eq!(error.code, 50, "{bad}");
        assert_eq!(error.sub_code.as_deref(), Some("isv.invalid-parameter"));
    }
}

#[test]
fn format_defaults_to_xml_like_top() {
    let mut params = BTreeMap::new();
    assert_eq!(
        ResponseFormat::from_params(&params),
        Ok(ResponseFormat::Xml)
    );
    params.insert("format".to_string(), "JSON".to_string());
    assert_eq!(
        ResponseFormat::from_params(&params),
        Ok(ResponseFormat::Json { simplify: false })
    );
    params.insert("simplify".to_string(), "true".to_string());
    assert_eq!(
        ResponseFormat::from_params(&params),
        Ok(ResponseFormat::Json { simplify: true })
    );
    params.insert("format".to_string(), "yaml".to_string());
    assert!(ResponseFormat::from_params(&params).is_err());
}
