//! TOP JSON: wrapped (`{"..._response": {"result": ...}}`) or simplified
//! (`{"result": ...}`), one response, an array of responses, or one response
//! per line. Records go straight from the parser into the [`Builder`]
//! (serde `DeserializeSeed`), borrowing strings from the input: no tree and
//! no `String` per field for 1M codes.

use super::builder::{API_COLUMNS, Builder, RawBasic, RawRecord, RecordPos};
use super::json_shape::read_document;
use super::scalar::{Key, Scalar};
use crate::error::{InputError, InputErrorKind, PlatformError};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Parses all responses in `bytes`; returns how many top-level JSON values
/// there were (more than one means JSON lines).
///
/// JSON is UTF-8 (RFC 8259). A UTF-8 file is read first by the reader made
/// for the platform's usual shape ([`json_shape`](super::json_shape): half
/// the instructions of this general path). What that reader does not take, every
/// error included, is read again here the general way, so the messages and
/// positions a user sees are always serde_json's.
pub(crate) fn parse_json(b: &mut Builder<'_>, bytes: &[u8]) -> Result<usize, InputError> {
    let text = std::str::from_utf8(bytes).ok();
    if let Some(text) = text {
        if let Ok(values) = read_document(b, text) {
            return Ok(values);
        }
        b.reset();
    }
    read_responses(b, bytes, text)
}

/// The general way: serde visitors over any shape of response.
///
/// First the input is read as one document (a response or an array of
/// them). If something follows it, the file is JSON lines and is read again
/// line by line; probing for "more input" per value with serde_json would
/// cost a scan from the start of the file each time.
///
/// `text` is `bytes` when they are UTF-8: checked once for the whole file,
/// serde_json need not check every string again (a sixth of the parse); a
/// file that is not UTF-8 is read as bytes, and serde_json says where it
/// goes wrong.
pub(crate) fn read_responses(
    b: &mut Builder<'_>,
    bytes: &[u8],
    text: Option<&str>,
) -> Result<usize, InputError> {
    let one_document = match text {
        Some(text) => read_value(b, &mut serde_json::Deserializer::from_str(text), 0, false)?,
        None => read_value(
            b,
            &mut serde_json::Deserializer::from_slice(bytes),
            0,
            false,
        )?,
    };
    if one_document {
        if b.page() == 0 {
            return Err(no_response(b));
        }
        return Ok(1);
    }
    b.reset();
    let mut values = 0usize;
    for (index, line) in bytes.split(|&c| c == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        values += 1;
        // A line of a UTF-8 file is UTF-8 (checking it again is cheap beside
        // parsing it); in a file that is not, each line is read as bytes.
        let offset = index as u64;
        match text.and_then(|_| std::str::from_utf8(line).ok()) {
            Some(line) => read_value(
                b,
                &mut serde_json::Deserializer::from_str(line),
                offset,
                true,
            )?,
            None => read_value(
                b,
                &mut serde_json::Deserializer::from_slice(line),
                offset,
                true,
            )?,
        };
    }
    if b.page() == 0 {
        return Err(no_response(b));
    }
    Ok(values)
}

/// Reads one JSON value into the builder; true when nothing but white space
/// follows it. Something else following is an error when the value must be
/// `alone` (a line of JSON lines). `line_offset`: lines before the text read.
fn read_value<'de, R: serde_json::de::Read<'de>>(
    b: &mut Builder<'_>,
    de: &mut serde_json::Deserializer<R>,
    line_offset: u64,
    alone: bool,
) -> Result<bool, InputError> {
    if let Err(e) = (DocSeed { b: &mut *b }).deserialize(&mut *de) {
        return Err(b
            .failed
            .take()
            .unwrap_or_else(|| json_error(b, &e, line_offset)));
    }
    match de.end() {
        Ok(()) => Ok(true),
        Err(e) if alone => Err(json_error(b, &e, line_offset)),
        Err(_) => Ok(false),
    }
}

fn no_response(b: &Builder<'_>) -> InputError {
    InputError::new(
        b.name(),
        InputErrorKind::Schema,
        "contains no taobao.film.fcode.export.query response",
    )
}

fn json_error(b: &Builder<'_>, e: &serde_json::Error, line_offset: u64) -> InputError {
    use serde_json::error::Category;
    let (kind, what) = match e.classify() {
        Category::Eof => (
            InputErrorKind::Syntax,
            "is truncated: the JSON ends unexpectedly",
        ),
        Category::Syntax => (InputErrorKind::Syntax, "is not valid JSON"),
        Category::Data => (
            InputErrorKind::Schema,
            "does not have the shape of a taobao.film.fcode.export.query response",
        ),
        Category::Io => (InputErrorKind::Syntax, "could not be read"),
    };
    // serde_json's message ends with " at line L column C"; we report the
    // line separately and keep its reason.
    let full = e.to_string();
    let reason = match full.rfind(" at line ") {
        Some(i) => full.get(..i).unwrap_or(&full).to_string(),
        None => full,
    };
    let mut err = InputError::new(
        b.name(),
        kind,
        format!("{what} ({reason}, column {})", e.column()),
    );
    if e.line() > 0 {
        err = err.at_line(e.line() as u64 + line_offset);
    }
    if b.page() > 0 {
        err = err.at_page(b.page());
    }
    err
}

fn abort<E: de::Error>() -> E {
    E::custom("page error")
}

/// A top-level value: one response (object) or an array of responses.
struct DocSeed<'s, 'n> {
    b: &'s mut Builder<'n>,
}

impl<'de> DeserializeSeed<'de> for DocSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DocSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a response object or an array of responses")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        ResponseSeed { b: self.b }.visit_map(map)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(ResponseSeed { b: &mut *self.b })?
            .is_some()
        {}
        Ok(())
    }
}

/// One response = one page.
struct ResponseSeed<'s, 'n> {
    b: &'s mut Builder<'n>,
}

impl<'de> DeserializeSeed<'de> for ResponseSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ResponseSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a response object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.b.begin_page();
        while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
            match k.as_ref() {
                "error_response" => {
                    let e = map.next_value::<ErrorBody>()?;
                    self.b.platform_error(e.0);
                    self.b.saw_result();
                }
                "result" => map.next_value_seed(ResultSeed { b: &mut *self.b })?,
                k if k.ends_with("_response") => {
                    map.next_value_seed(WrapperSeed { b: &mut *self.b })?
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        self.b.end_page().map_err(|_| abort())
    }
}

/// The value of `"xxx_response"`: an object holding `result`.
struct WrapperSeed<'s, 'n> {
    b: &'s mut Builder<'n>,
}

impl<'de> DeserializeSeed<'de> for WrapperSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for WrapperSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with \"result\"")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
            if k == "result" {
                map.next_value_seed(ResultSeed { b: &mut *self.b })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct ResultSeed<'s, 'n> {
    b: &'s mut Builder<'n>,
}

impl<'de> DeserializeSeed<'de> for ResultSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ResultSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a result object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.b.saw_result();
        while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
            match k.as_ref() {
                "return_code" => self.b.return_code(map.next_value::<Scalar<'de>>()?),
                "return_message" => self.b.return_message(map.next_value::<Scalar<'de>>()?),
                "return_value" => map.next_value_seed(ReturnValueSeed { b: &mut *self.b })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct ReturnValueSeed<'s, 'n> {
    b: &'s mut Builder<'n>,
}

impl<'de> DeserializeSeed<'de> for ReturnValueSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ReturnValueSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a return_value object")
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.b.saw_return_value();
        while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
            match k.as_ref() {
                "basic" => {
                    let basic = map.next_value::<Option<BasicBody<'de>>>()?;
                    if let Some(basic) = basic
                        && let Err(e) = self.b.basic(basic.0)
                    {
                        self.b.failed = Some(e);
                        return Err(abort());
                    }
                }
                "coupon_list" => map.next_value_seed(CouponListSeed { b: &mut *self.b })?,
                "has_next" => self.b.has_next(map.next_value::<Scalar<'de>>()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// `coupon_list`: a plain array, or an object wrapping one array under any
/// key (`{"f_code_info": [...]}`), or null.
struct CouponListSeed<'s, 'n> {
    b: &'s mut Builder<'n>,
}

impl<'de> DeserializeSeed<'de> for CouponListSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CouponListSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a coupon_list array or an object wrapping one")
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(RecordSeed { b: &mut *self.b })?
            .is_some()
        {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // Either a wrapper ({"f_code_info": [...]}) or, from XML-to-JSON
        // converters, a single record object.
        let mut single = RawRecord::default();
        let mut is_record = false;
        while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
            match k.as_ref() {
                "code" => (single.code, is_record) = (Some(map.next_value()?), true),
                "code_status" => (single.code_status, is_record) = (Some(map.next_value()?), true),
                "gmt_modified" => {
                    (single.gmt_modified, is_record) = (Some(map.next_value()?), true)
                }
                "bind_status" => (single.bind_status, is_record) = (Some(map.next_value()?), true),
                _ => map.next_value_seed(CouponListSeed { b: &mut *self.b })?,
            }
        }
        if is_record {
            self.b.record(single, RecordPos::InPage, None, &API_COLUMNS);
        }
        Ok(())
    }
}

struct RecordSeed<'s, 'n> {
    b: &'s mut Builder<'n>,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a coupon object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut r = RawRecord::default();
        while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
            match k.as_ref() {
                "code" => r.code = Some(map.next_value()?),
                "code_status" => r.code_status = Some(map.next_value()?),
                "gmt_modified" => r.gmt_modified = Some(map.next_value()?),
                "bind_status" => r.bind_status = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        self.b.record(r, RecordPos::InPage, None, &API_COLUMNS);
        Ok(())
    }
}

struct BasicBody<'a>(RawBasic<'a>);

impl<'de> de::Deserialize<'de> for BasicBody<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = BasicBody<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a basic object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut b = RawBasic::default();
                while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
                    match b.slot(&k) {
                        Some(slot) => *slot = Some(map.next_value()?),
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(BasicBody(b))
            }
        }
        d.deserialize_map(V)
    }
}

struct ErrorBody(PlatformError);

impl<'de> de::Deserialize<'de> for ErrorBody {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ErrorBody;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error_response object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut e = PlatformError::default();
                while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
                    let slot = match k.as_ref() {
                        "code" => &mut e.code,
                        "msg" => &mut e.msg,
                        "sub_code" => &mut e.sub_code,
                        "sub_msg" => &mut e.sub_msg,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    let v: Scalar<'de> = map.next_value()?;
                    *slot = v.text().map(|t| t.into_owned());
                }
                Ok(ErrorBody(e))
            }
        }
        d.deserialize_map(V)
    }
}
