//! TOP's `error_response` shape, used by the simulator for gateway errors and by the
//! proxy for its own failures, so the browser app needs only one error parser.
//!
//! ```json
//! {"error_response":{"code":25,"msg":"Invalid signature","sub_code":"isv.invalid-signature","sub_msg":"...","request_id":"..."}}
//! ```

use serde_json::{Map, Value, json};

/// One TOP error. `code` is TOP's numeric error code (the proxy uses the HTTP status
/// number for its own failures, which never collides with TOP's codes below 100).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopError {
    pub code: i64,
    pub msg: String,
    pub sub_code: Option<String>,
    pub sub_msg: Option<String>,
}

impl TopError {
    pub fn new(code: i64, msg: impl Into<String>) -> Self {
        TopError {
            code,
            msg: msg.into(),
            sub_code: None,
            sub_msg: None,
        }
    }

    pub fn with_sub(mut self, sub_code: impl Into<String>, sub_msg: impl Into<String>) -> Self {
        self.sub_code = Some(sub_code.into());
        self.sub_msg = Some(sub_msg.into());
        self
    }

    /// The inner object, without the `error_response` wrapper.
    pub fn to_fields(&self, request_id: Option<&str>) -> Map<String, Value> {
        let mut fields = Map::new();
        fields.insert("code".into(), json!(self.code));
        fields.insert("msg".into(), json!(self.msg));
        if let Some(sub_code) = &self.sub_code {
            fields.insert("sub_code".into(), json!(sub_code));
        }
        if let Some(sub_msg) = &self.sub_msg {
            fields.insert("sub_msg".into(), json!(sub_msg));
        }
        if let Some(request_id) = request_id {
            fields.insert("request_id".into(), json!(request_id));
        }
        fields
    }

    /// `{"error_response": {...}}`.
    pub fn to_json(&self, request_id: Option<&str>) -> Value {
        json!({ "error_response": Value::Object(self.to_fields(request_id)) })
    }
}
