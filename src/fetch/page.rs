//! A minimal look at one answer, in the page thread: enough to drive the
//! paging (has_next, last_sequence), show progress (rows, total_count) and
//! recognise errors. The real parse happens later in the engine worker from
//! the raw text, so this reads only a handful of fields and skips the rest
//! without building it (the code list is counted, not stored).
//!
//! Accepted shapes (SPEC 2.1): wrapped (`{"<anything>_response": {"result":
//! …}}`) and simplified (`{"result": …}`); `coupon_list` as an array or an
//! object wrapping one; numbers and booleans as JSON values or as strings;
//! an `error_response` from the gateway or the proxy.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::failure::{ApiError, AttemptFailure};

/// What a good page says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageFacts {
    pub has_next: bool,
    pub last_sequence: Option<u64>,
    pub current_rows: Option<u64>,
    /// Entries in `coupon_list`.
    pub coupons: u64,
    pub total_count: Option<u64>,
    pub batch_name: Option<String>,
    pub mix_id: Option<String>,
}

/// Reads one HTTP answer: a page, or why it is not one.
pub fn interpret(status: u16, body: &str) -> Result<PageFacts, AttemptFailure> {
    let parsed = serde_json::from_str::<Answer>(body);
    // The error shape wins over the status: the proxy's own errors come with
    // 4xx/5xx statuses and say exactly what is wrong.
    if let Ok(Answer { error: Some(error), .. }) = &parsed {
        return Err(AttemptFailure::Api(error.clone().into()));
    }
    if !(200..300).contains(&status) {
        return Err(AttemptFailure::HttpStatus { status });
    }
    let answer = parsed.map_err(|e| AttemptFailure::BrokenBody { detail: e.to_string() })?;
    let Some(result) = answer.result else {
        return Err(AttemptFailure::Unexpected { detail: "no result and no error_response".into() });
    };
    let return_code = result.return_code.map(|c| c.0).unwrap_or_else(|| "0".into());
    if return_code.trim() != "0" {
        return Err(AttemptFailure::Business {
            return_code,
            return_message: result.return_message.map(|m| m.0).unwrap_or_default(),
        });
    }
    let value = result.return_value.unwrap_or_default();
    // Some serialisations put the paging fields beside return_value.
    let has_next = value.has_next.or(result.has_next).map(|b| b.0);
    let Some(has_next) = has_next else {
        return Err(AttemptFailure::Unexpected { detail: "the page does not say has_next".into() });
    };
    let basic = value.basic.unwrap_or_default();
    Ok(PageFacts {
        has_next,
        last_sequence: value.last_sequence.or(result.last_sequence).map(|n| n.0),
        current_rows: value.current_rows.or(result.current_rows).map(|n| n.0),
        coupons: value.coupon_list.map_or(0, |c| c.0),
        total_count: basic.total_count.map(|n| n.0),
        batch_name: basic.name.map(|s| s.0).filter(|s| !s.is_empty()),
        mix_id: basic.mix_id.map(|s| s.0).filter(|s| !s.is_empty()),
    })
}

/// The top level: `error_response`, `result`, or one `*_response` wrapper.
#[derive(Default)]
struct Answer {
    error: Option<ErrorBody>,
    result: Option<ResultBody>,
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(AnswerVisitor)
    }
}

struct AnswerVisitor;

impl<'de> Visitor<'de> for AnswerVisitor {
    type Value = Answer;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a TOP response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answer, A::Error> {
        let mut answer = Answer::default();
        while let Some(key) = map.next_key::<String>()? {
            if key == "error_response" {
                answer.error = Some(map.next_value()?);
            } else if key == "result" {
                answer.result = Some(map.next_value()?);
            } else if key.ends_with("_response") {
                // The wrapper: its own result (or, rarely, an error inside).
                let inner: Answer = map.next_value()?;
                answer.error = answer.error.or(inner.error);
                answer.result = answer.result.or(inner.result);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(answer)
    }
}

#[derive(Clone, Default, Deserialize)]
struct ErrorBody {
    code: Option<Flex<i64>>,
    msg: Option<Text>,
    sub_code: Option<Text>,
    sub_msg: Option<Text>,
}

impl From<ErrorBody> for ApiError {
    fn from(body: ErrorBody) -> ApiError {
        ApiError {
            code: body.code.map(|c| c.0),
            msg: body.msg.map(|t| t.0).unwrap_or_default(),
            sub_code: body.sub_code.map(|t| t.0).unwrap_or_default(),
            sub_msg: body.sub_msg.map(|t| t.0).unwrap_or_default(),
        }
    }
}

#[derive(Default, Deserialize)]
struct ResultBody {
    return_code: Option<Text>,
    return_message: Option<Text>,
    return_value: Option<ReturnValue>,
    has_next: Option<Flex<bool>>,
    last_sequence: Option<Flex<u64>>,
    current_rows: Option<Flex<u64>>,
}

#[derive(Default, Deserialize)]
struct ReturnValue {
    basic: Option<Basic>,
    coupon_list: Option<ListCount>,
    has_next: Option<Flex<bool>>,
    last_sequence: Option<Flex<u64>>,
    current_rows: Option<Flex<u64>>,
}

#[derive(Default, Deserialize)]
struct Basic {
    total_count: Option<Flex<u64>>,
    name: Option<Text>,
    mix_id: Option<Text>,
}

/// A scalar as text, whatever JSON type it came as (`"0"` or `0`).
#[derive(Clone)]
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or a number")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
        Ok(Text(String::new()))
    }
}

/// A number or boolean that may arrive as a JSON value or as a string
/// (`"2"`, `"true"`): TOP serialises both ways.
#[derive(Clone, Copy)]
struct Flex<T>(T);

impl<'de, T: std::str::FromStr + FromBool> Deserialize<'de> for Flex<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Text::deserialize(deserializer)?.0;
        let trimmed = text.trim();
        if let Some(value) = T::from_bool_text(trimmed) {
            return Ok(Flex(value));
        }
        trimmed.parse().map(Flex).map_err(|_| de::Error::custom(format!("not a number: {trimmed:?}")))
    }
}

/// How a flexible scalar reads `true`/`false`.
trait FromBool: Sized {
    fn from_bool_text(text: &str) -> Option<Self>;
}

impl FromBool for bool {
    fn from_bool_text(text: &str) -> Option<bool> {
        match text {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        }
    }
}

impl FromBool for u64 {
    fn from_bool_text(_: &str) -> Option<u64> {
        None
    }
}

impl FromBool for i64 {
    fn from_bool_text(_: &str) -> Option<i64> {
        None
    }
}

/// The number of entries in `coupon_list`: an array, or an object wrapping
/// arrays (`{"f_code_info": [...]}`), counted without keeping them.
struct ListCount(u64);

impl<'de> Deserialize<'de> for ListCount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ListCountVisitor)
    }
}

struct ListCountVisitor;

impl<'de> Visitor<'de> for ListCountVisitor {
    type Value = ListCount;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of codes")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ListCount, A::Error> {
        let mut n = 0u64;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            n += 1;
        }
        Ok(ListCount(n))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ListCount, A::Error> {
        let mut n = 0u64;
        // A lone code object where a one-element list was meant.
        let mut is_code = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "code" {
                is_code = true;
                map.next_value::<IgnoredAny>()?;
            } else {
                n += map.next_value::<ListCount>()?.0;
            }
        }
        Ok(ListCount(if is_code { n.max(1) } else { n }))
    }
    // A scalar or null: no codes (an empty list serialised as "" or null).
    fn visit_unit<E: de::Error>(self) -> Result<ListCount, E> {
        Ok(ListCount(0))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<ListCount, E> {
        Ok(ListCount(0))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<ListCount, E> {
        Ok(ListCount(0))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<ListCount, E> {
        Ok(ListCount(0))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<ListCount, E> {
        Ok(ListCount(0))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<ListCount, E> {
        Ok(ListCount(0))
    }
}

#[cfg(test)]
mod tests;
