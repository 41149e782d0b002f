//! Rendering the API's answers the way the TOP gateway does: the wrapped JSON by default,
//! the simplified JSON for `simplify=true`, and XML for `format=xml`.
//!
//! Wrapped: `{"film_fcode_export_query_response":{"result":{...},"request_id":"..."}}` with
//! lists as wrapper objects (`"coupon_list":{"f_code_info":[...]}`).
//! Simplified (TOP's `simplify=true`): the `*_response` wrapper is dropped and lists are
//! plain arrays: `{"result":{...,"coupon_list":[...]},"request_id":"..."}`.

use serde_json::{Map, Value, json};

use super::dataset::{Batch, PageSlice};

/// The top-level key of this API's answer.
pub const RESPONSE_KEY: &str = "film_fcode_export_query_response";
/// TOP names a list's wrapper after the element type, `FCodeInfo` → `f_code_info`.
pub const CODE_LIST_ITEM_KEY: &str = "f_code_info";

/// `FCodeExportBasic` of a batch. Absent optional fields are omitted, as TOP omits nulls.
pub fn basic_json(batch: &Batch) -> Value {
    let mut basic = Map::new();
    basic.insert("bind_begin_time".into(), json!(batch.bind_begin_time));
    basic.insert("coupon_expire_time".into(), json!(batch.coupon_expire_time));
    basic.insert("denomination".into(), json!(batch.denomination_fen));
    if let Some(max) = batch.max_bind_count {
        basic.insert("max_bind_count".into(), json!(max));
    }
    basic.insert("mix_id".into(), json!(batch.mix_id));
    basic.insert("name".into(), json!(batch.name));
    basic.insert("total_count".into(), json!(batch.total_count));
    if let Some(days) = batch.valid_days {
        basic.insert("valid_days".into(), json!(days));
    }
    basic.insert("valid_duration_type".into(), json!(batch.validity.as_str()));
    basic.insert("description".into(), json!(batch.description));
    Value::Object(basic)
}

/// The `result` object of a successful page.
pub fn page_result(batch: &Batch, page: &PageSlice<'_>, simplify: bool) -> Value {
    let rows: Vec<Value> = page
        .rows
        .iter()
        .map(|record| {
            json!({
                "code": record.code,
                "code_status": record.code_status,
                "gmt_modified": record.gmt_modified,
                "bind_status": record.bind_status,
            })
        })
        .collect();
    let coupon_list = if simplify {
        Value::Array(rows)
    } else {
        json!({ CODE_LIST_ITEM_KEY: rows })
    };
    json!({
        "return_code": "0",
        "return_message": "",
        "return_value": {
            "basic": basic_json(batch),
            "coupon_list": coupon_list,
            "has_next": page.has_next,
            "last_sequence": page.last_sequence,
            "current_rows": page.rows.len(),
        }
    })
}

/// The `result` object of a business failure (unknown batch, wrong channel, ...): the
/// call itself succeeded, so this is not an `error_response`.
pub fn failure_result(return_code: &str, return_message: &str) -> Value {
    json!({ "return_code": return_code, "return_message": return_message })
}

/// Puts a `result` into the envelope the request asked for.
pub fn envelope(result: Value, simplify: bool, request_id: Option<&str>) -> Value {
    let mut body = Map::new();
    body.insert("result".into(), result);
    if let Some(request_id) = request_id {
        body.insert("request_id".into(), json!(request_id));
    }
    if simplify {
        Value::Object(body)
    } else {
        json!({ RESPONSE_KEY: Value::Object(body) })
    }
}

/// XML rendering of a wrapped JSON answer (`{"name": {...}}` → `<name>...</name>`), the
/// shape of the XML example on the API page: an array under a key repeats that element.
pub fn to_xml(value: &Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\" ?>");
    if let Value::Object(map) = value {
        for (key, inner) in in_document_order(map) {
            write_element(&mut out, key, inner);
        }
    }
    out
}

/// Element order of the API page's XML example (JSON maps here are sorted by key, which
/// does not matter in JSON but reads oddly in XML); unknown keys go last.
const XML_FIELD_ORDER: &[&str] = &[
    "result",
    "return_code",
    "return_message",
    "return_value",
    "basic",
    "bind_begin_time",
    "coupon_expire_time",
    "denomination",
    "max_bind_count",
    "mix_id",
    "name",
    "total_count",
    "valid_days",
    "valid_duration_type",
    "description",
    "coupon_list",
    "code",
    "code_status",
    "gmt_modified",
    "bind_status",
    "has_next",
    "last_sequence",
    "current_rows",
    "msg",
    "sub_code",
    "sub_msg",
    "request_id",
];

fn in_document_order(map: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    entries.sort_by_key(|(key, _)| {
        XML_FIELD_ORDER
            .iter()
            .position(|known| known == key)
            .unwrap_or(usize::MAX)
    });
    entries
}

fn write_element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Array(items) => {
            for item in items {
                write_element(out, name, item);
            }
        }
        Value::Object(map) => {
            out.push('<');
            out.push_str(name);
            out.push('>');
            for (key, inner) in in_document_order(map) {
                write_element(out, key, inner);
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        Value::Null => {}
        scalar => {
            out.push('<');
            out.push_str(name);
            out.push('>');
            let text = match scalar {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            escape_xml_into(out, &text);
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
}

fn escape_xml_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
}
