//! TOP XML, exactly the shape of the seed page's example (one or more
//! `<..._response>` or `<error_response>` documents). A small state machine
//! over quick-xml events: element names are classified by their parent, and
//! leaf text is handed to the same [`Builder`] as JSON.

use super::builder::{API_COLUMNS, Builder, RawBasic, RawRecord, RecordPos};
use super::scalar::Scalar;
use crate::error::{InputError, InputErrorKind, PlatformError};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::borrow::Cow;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ctx {
    Response,
    Error,
    Result,
    ReturnValue,
    Basic,
    CouponList,
    Item,
    /// A leaf whose text we keep; the field is known from the parent.
    Leaf,
    Other,
}

#[derive(Default)]
struct Page {
    record: Option<RawRecord<'static>>,
    basic: Option<RawBasic<'static>>,
    error: Option<PlatformError>,
}

pub(crate) fn parse_xml(b: &mut Builder<'_>, text: &str) -> Result<(), InputError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<(Ctx, String)> = Vec::new();
    let mut leaf = String::new();
    let mut page = Page::default();
    loop {
        let ev = reader.read_event().map_err(|e| {
            let line = 1 + text
                .as_bytes()
                .get(..reader.error_position() as usize)
                .unwrap_or(b"")
                .iter()
                .filter(|&&c| c == b'\n')
                .count();
            let mut err = InputError::new(
                b.name(),
                InputErrorKind::Syntax,
                format!("is not valid XML ({e})"),
            )
            .at_line(line as u64);
            if b.page() > 0 {
                err = err.at_page(b.page());
            }
            err
        })?;
        match ev {
            Event::Start(s) => {
                let name = s.local_name().as_ref().to_string();
                let parent = stack.last().map(|(c, _)| *c);
                let ctx = classify(parent, &name);
                open(b, &mut page, ctx, parent);
                leaf.clear();
                stack.push((ctx, name));
            }
            Event::Empty(s) => {
                let name = s.local_name().as_ref().to_string();
                let parent = stack.last().map(|(c, _)| *c);
                let ctx = classify(parent, &name);
                open(b, &mut page, ctx, parent);
                leaf.clear();
                close(b, &mut page, ctx, parent, &name, &leaf)?;
            }
            Event::Text(t) => {
                if matches!(stack.last(), Some((Ctx::Leaf, _))) {
                    leaf.push_str(&t.xml10_content());
                } else if stack.is_empty() && !t.xml10_content().trim().is_empty() {
                    return Err(InputError::new(
                        b.name(),
                        InputErrorKind::Syntax,
                        "is not valid XML (text outside the root element)",
                    ));
                }
            }
            Event::CData(c) => {
                if matches!(stack.last(), Some((Ctx::Leaf, _))) {
                    leaf.push_str(&c.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match r.xml10_content().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                    Err(_) => None,
                };
                match ch {
                    Some(c) => leaf.push(c),
                    None => {
                        return Err(InputError::new(
                            b.name(),
                            InputErrorKind::Syntax,
                            "is not valid XML (unknown entity reference)",
                        ));
                    }
                }
            }
            Event::End(_) => {
                let Some((ctx, name)) = stack.pop() else {
                    return Err(InputError::new(
                        b.name(),
                        InputErrorKind::Syntax,
                        "is not valid XML (unexpected end tag)",
                    ));
                };
                let parent = stack.last().map(|(c, _)| *c);
                close(b, &mut page, ctx, parent, &name, &leaf)?;
                leaf.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(InputError::new(
            b.name(),
            InputErrorKind::Syntax,
            "is truncated: the XML ends inside an element",
        ));
    }
    if b.page() == 0 {
        return Err(InputError::new(
            b.name(),
            InputErrorKind::Schema,
            "contains no taobao.film.fcode.export.query response",
        ));
    }
    Ok(())
}

fn classify(parent: Option<Ctx>, name: &str) -> Ctx {
    match (parent, name) {
        (None, "error_response") => Ctx::Error,
        (None, "result") => Ctx::Result,
        (None, n) if n.ends_with("_response") => Ctx::Response,
        (None, _) => Ctx::Other,
        (Some(Ctx::Response), "result") => Ctx::Result,
        (Some(Ctx::Result), "return_value") => Ctx::ReturnValue,
        (Some(Ctx::Result), "return_code" | "return_message") => Ctx::Leaf,
        (Some(Ctx::ReturnValue), "basic") => Ctx::Basic,
        (Some(Ctx::ReturnValue), "coupon_list") => Ctx::CouponList,
        (Some(Ctx::ReturnValue), "has_next") => Ctx::Leaf,
        (Some(Ctx::CouponList), _) => Ctx::Item,
        (Some(Ctx::Basic | Ctx::Item | Ctx::Error), _) => Ctx::Leaf,
        _ => Ctx::Other,
    }
}

fn open(b: &mut Builder<'_>, page: &mut Page, ctx: Ctx, parent: Option<Ctx>) {
    match ctx {
        Ctx::Response | Ctx::Error => {
            b.begin_page();
            *page = Page::default();
            if ctx == Ctx::Error {
                page.error = Some(PlatformError::default());
                b.saw_result();
            }
        }
        Ctx::Result => {
            // A bare <result> document is a page of its own.
            if parent.is_none() {
                b.begin_page();
                *page = Page::default();
            }
            b.saw_result();
        }
        Ctx::ReturnValue => b.saw_return_value(),
        Ctx::Basic => page.basic = Some(RawBasic::default()),
        Ctx::Item => page.record = Some(RawRecord::default()),
        _ => {}
    }
}

fn owned(text: &str) -> Option<Scalar<'static>> {
    Some(Scalar::Str(Cow::Owned(text.to_string())))
}

fn close(
    b: &mut Builder<'_>,
    page: &mut Page,
    ctx: Ctx,
    parent: Option<Ctx>,
    name: &str,
    text: &str,
) -> Result<(), InputError> {
    match ctx {
        Ctx::Leaf => match parent {
            Some(Ctx::Result) if name == "return_code" => {
                b.return_code(Scalar::Str(Cow::Borrowed(text)))
            }
            Some(Ctx::Result) => b.return_message(Scalar::Str(Cow::Borrowed(text))),
            Some(Ctx::ReturnValue) => b.has_next(Scalar::Str(Cow::Borrowed(text))),
            Some(Ctx::Basic) => {
                if let Some(slot) = page.basic.as_mut().and_then(|basic| basic.slot(name)) {
                    *slot = owned(text);
                }
            }
            Some(Ctx::Item) => {
                if let Some(r) = page.record.as_mut() {
                    let slot = match name {
                        "code" => &mut r.code,
                        "code_status" => &mut r.code_status,
                        "gmt_modified" => &mut r.gmt_modified,
                        "bind_status" => &mut r.bind_status,
                        _ => return Ok(()),
                    };
                    *slot = owned(text);
                }
            }
            Some(Ctx::Error) => {
                if let Some(e) = page.error.as_mut() {
                    let v = Some(text.to_string());
                    match name {
                        "code" => e.code = v,
                        "msg" => e.msg = v,
                        "sub_code" => e.sub_code = v,
                        "sub_msg" => e.sub_msg = v,
                        _ => {}
                    }
                }
            }
            _ => {}
        },
        Ctx::Item => {
            if let Some(r) = page.record.take() {
                b.record(r, RecordPos::InPage, None, &API_COLUMNS);
            }
        }
        Ctx::Basic => {
            if let Some(basic) = page.basic.take() {
                b.basic(basic)?;
            }
        }
        Ctx::Response | Ctx::Error => {
            if let Some(e) = page.error.take() {
                b.platform_error(e);
            }
            b.end_page()?;
        }
        Ctx::Result if parent.is_none() => b.end_page()?,
        _ => {}
    }
    Ok(())
}
