//! A reader for TOP JSON of the shape the platform sends: responses whose
//! `coupon_list` holds flat records (`{"code":"…","code_status":2,
//! "gmt_modified":"…","bind_status":0}`) with string and integer values.
//!
//! Why it exists: serde_json spends about 2,400 instructions on such a record
//! (its tokenizer about 1,750 of them, even when only skipping), three
//! quarters of the platform parse. This reader is made for the one shape and
//! scans it eight bytes at a time where it can.
//!
//! What it takes it reads exactly as the general path in `json.rs` does: it
//! makes the same [`Builder`] calls in the same order, and strings with
//! escapes are decoded by serde_json itself. What it is not sure of (floats,
//! `-0`, integers past 18 digits, a nested value where a leaf is read, an
//! error page, any invalid JSON) it answers [`Unsupported`], and the caller
//! reads the whole file again the general way, so every message and position
//! a user sees still comes from serde_json. The tests compare the two paths
//! on every fixture and on generated variations.

use super::builder::{API_COLUMNS, Builder, RawBasic, RawRecord, RecordPos};
use super::scalar::Scalar;
use crate::swar::{equal_bytes, find, first_below};
use std::borrow::Cow;

/// The input is not of the shape this reader takes (or not valid); read it
/// the general way.
#[derive(Debug)]
pub(crate) struct Unsupported;

type Step<T> = Result<T, Unsupported>;

/// Deepest nesting skipped inside fields nobody reads; deeper is left to the
/// general path (serde_json's own limit is 128).
const MAX_DEPTH: u32 = 64;

/// Reads every response in `text` into the builder, as the general path
/// does: one document (a response or an array of them), or, when something
/// follows the first value, one response per line. Returns how many
/// top-level values there were.
pub(crate) fn read_document(b: &mut Builder<'_>, text: &str) -> Step<usize> {
    let mut c = Cursor::new(text);
    let alone = c.line_value(b)?;
    let next_line = c.i;
    c.ws();
    if c.at_end() {
        return if b.page() == 0 {
            Err(Unsupported)
        } else {
            Ok(1)
        };
    }
    // JSON lines, read line by line. When the first value is alone on its
    // line, what has been read is what reading that line gives, and reading
    // goes on from the next line (the general path reads it twice). Each
    // line is read where it lies, not split off first: finding every line's
    // end beforehand is a scan of the whole file (a tenth of reading it in
    // WebAssembly).
    let mut values = if alone {
        c.i = next_line;
        1usize
    } else {
        b.reset();
        c = Cursor::new(text);
        0
    };
    while c.skip_blank_line() {
        values += 1;
        if !c.line_value(b)? {
            return Err(Unsupported);
        }
    }
    if b.page() == 0 {
        Err(Unsupported)
    } else {
        Ok(values)
    }
}

fn is_record_key(k: &str) -> bool {
    matches!(k, "code" | "code_status" | "gmt_modified" | "bind_status")
}

/// A position in the text. Every step checks the byte it expects; what is not
/// there is `Unsupported`, never a guess or a panic.
struct Cursor<'a> {
    s: &'a str,
    i: usize,
    /// Line breaks `ws` has crossed.
    newlines: u32,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str) -> Self {
        Self {
            s,
            i: 0,
            newlines: 0,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.s.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.i).copied()
    }

    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }

    /// JSON white space (RFC 8259: space, tab, LF, CR), as serde_json skips it.
    fn ws(&mut self) {
        while let Some(c @ (b' ' | b'\n' | b'\r' | b'\t')) = self.peek() {
            self.newlines += u32::from(c == b'\n');
            self.i += 1;
        }
    }

    /// A top-level value and the white space after it on its line; true when
    /// they are all the line holds (its line break is then passed). A line
    /// break can only be crossed by `ws`, which counts them, so a value that
    /// spans lines is seen without looking for line breaks.
    fn line_value(&mut self, b: &mut Builder<'_>) -> Step<bool> {
        self.ws();
        let newlines = self.newlines;
        self.top_value(b)?;
        self.ws_in_line();
        Ok(self.newlines == newlines && self.at_line_end())
    }

    /// JSON white space up to the end of the line.
    fn ws_in_line(&mut self) {
        while let Some(b' ' | b'\r' | b'\t') = self.peek() {
            self.i += 1;
        }
    }

    /// At a line break (which is passed) or the end of the text.
    fn at_line_end(&mut self) -> bool {
        match self.peek() {
            None => true,
            Some(b'\n') => {
                self.i += 1;
                true
            }
            Some(_) => false,
        }
    }

    /// Passes lines of nothing but ASCII white space (blank lines of JSON
    /// lines, as the general path skips them); true at the start of a line
    /// that holds more, false at the end of the text.
    fn skip_blank_line(&mut self) -> bool {
        loop {
            let start = self.i;
            while let Some(c) = self.peek() {
                if c == b'\n' || !c.is_ascii_whitespace() {
                    break;
                }
                self.i += 1;
            }
            match self.peek() {
                None => return false,
                Some(b'\n') => self.i += 1,
                Some(_) => {
                    self.i = start;
                    return true;
                }
            }
        }
    }

    fn eat(&mut self, want: u8) -> Step<()> {
        if self.peek() == Some(want) {
            self.i += 1;
            Ok(())
        } else {
            Err(Unsupported)
        }
    }

    fn literal(&mut self, word: &str) -> Step<()> {
        match self.s.get(self.i..self.i + word.len()) {
            Some(w) if w == word => {
                self.i += word.len();
                Ok(())
            }
            _ => Err(Unsupported),
        }
    }

    /// `{` (key `:` value) separated by `,` `}`: `field` is called with each
    /// key and must read its value.
    fn object(&mut self, mut field: impl FnMut(&mut Self, Cow<'a, str>) -> Step<()>) -> Step<()> {
        let mut more = self.open(b'{', b'}')?;
        while more {
            let key = self.string()?;
            self.ws();
            self.eat(b':')?;
            self.ws();
            field(self, key)?;
            more = self.next_or_close(b'}')?;
        }
        Ok(())
    }

    /// `[` values separated by `,` `]`: `element` must read each value.
    fn array(&mut self, mut element: impl FnMut(&mut Self) -> Step<()>) -> Step<()> {
        let mut more = self.open(b'[', b']')?;
        while more {
            element(self)?;
            more = self.next_or_close(b']')?;
        }
        Ok(())
    }

    /// The opening bracket; false when the closing one follows at once.
    fn open(&mut self, open: u8, close: u8) -> Step<bool> {
        self.eat(open)?;
        self.ws();
        if self.peek() == Some(close) {
            self.i += 1;
            return Ok(false);
        }
        Ok(true)
    }

    /// After a member or element: `,` (true: another follows) or the
    /// closing bracket (false).
    fn next_or_close(&mut self, close: u8) -> Step<bool> {
        self.ws();
        match self.peek() {
            Some(b',') => {
                self.i += 1;
                self.ws();
                Ok(true)
            }
            Some(c) if c == close => {
                self.i += 1;
                Ok(false)
            }
            _ => Err(Unsupported),
        }
    }

    // --- the response, as json.rs's seeds read it -------------------------

    /// A response, or an array of responses.
    fn top_value(&mut self, b: &mut Builder<'_>) -> Step<()> {
        match self.peek() {
            Some(b'{') => self.response(b),
            Some(b'[') => self.array(|c| c.response(b)),
            _ => Err(Unsupported),
        }
    }

    fn response(&mut self, b: &mut Builder<'_>) -> Step<()> {
        b.begin_page();
        self.object(|c, key| match key.as_ref() {
            // A platform error: the general path words it.
            "error_response" => Err(Unsupported),
            "result" => c.result(b),
            k if k.ends_with("_response") => c.object(|c, key| {
                if key == "result" {
                    c.result(b)
                } else {
                    c.skip(0)
                }
            }),
            _ => c.skip(0),
        })?;
        b.end_page().map_err(|_| Unsupported)
    }

    fn result(&mut self, b: &mut Builder<'_>) -> Step<()> {
        b.saw_result();
        self.object(|c, key| match key.as_ref() {
            "return_code" => c.scalar().map(|v| b.return_code(v)),
            "return_message" => c.scalar().map(|v| b.return_message(v)),
            "return_value" => c.return_value(b),
            _ => c.skip(0),
        })
    }

    fn return_value(&mut self, b: &mut Builder<'_>) -> Step<()> {
        if self.peek() == Some(b'n') {
            return self.literal("null");
        }
        if self.peek() != Some(b'{') {
            return Err(Unsupported);
        }
        b.saw_return_value();
        self.object(|c, key| match key.as_ref() {
            "basic" => c.basic(b),
            "coupon_list" => c.coupon_list(b),
            "has_next" => c.scalar().map(|v| b.has_next(v)),
            _ => c.skip(0),
        })
    }

    fn basic(&mut self, b: &mut Builder<'_>) -> Step<()> {
        if self.peek() == Some(b'n') {
            return self.literal("null");
        }
        let mut raw = RawBasic::default();
        self.object(|c, key| match raw.slot(&key) {
            Some(slot) => {
                *slot = Some(c.scalar()?);
                Ok(())
            }
            None => c.skip(0),
        })?;
        // A bad basic is a file error: the general path words it.
        b.basic(raw).map_err(|_| Unsupported)
    }

    /// A plain array of records, the platform's `{"f_code_info": [...]}`
    /// (one key holding the array), an empty object, or null.
    fn coupon_list(&mut self, b: &mut Builder<'_>) -> Step<()> {
        match self.peek() {
            Some(b'[') => self.records(b),
            Some(b'{') => {
                let mut keys = 0;
                self.object(|c, key| {
                    keys += 1;
                    // Several keys, a single record, or a wrapper of a
                    // wrapper: the general path knows those.
                    if keys > 1 || is_record_key(&key) || c.peek() != Some(b'[') {
                        return Err(Unsupported);
                    }
                    c.records(b)
                })
            }
            Some(b'n') => self.literal("null"),
            _ => Err(Unsupported),
        }
    }

    fn records(&mut self, b: &mut Builder<'_>) -> Step<()> {
        self.array(|c| {
            let r = match c.compact_record() {
                Some(r) => r,
                None => c.record()?,
            };
            b.record(r, RecordPos::InPage, None, &API_COLUMNS);
            Ok(())
        })
    }

    /// A record exactly as the platform writes it: the four documented keys
    /// in the documented order, no white space, each value a string without
    /// escapes or an integer. That is nearly every record of an export, and
    /// reading it as a fixed pattern costs a fraction of reading a general
    /// object. Anything else: `None`, back at the record's start, for
    /// [`record`](Self::record).
    fn compact_record(&mut self) -> Option<RawRecord<'a>> {
        let start = self.i;
        let r = self.compact_fields();
        if r.is_none() {
            self.i = start;
        }
        r
    }

    fn compact_fields(&mut self) -> Option<RawRecord<'a>> {
        self.pattern(b"{\"code\":")?;
        let code = self.compact_value()?;
        self.pattern(b",\"code_status\":")?;
        let code_status = self.compact_value()?;
        self.pattern(b",\"gmt_modified\":")?;
        let gmt_modified = self.compact_value()?;
        self.pattern(b",\"bind_status\":")?;
        let bind_status = self.compact_value()?;
        self.pattern(b"}")?;
        Some(RawRecord {
            code: Some(code),
            code_status: Some(code_status),
            gmt_modified: Some(gmt_modified),
            bind_status: Some(bind_status),
        })
    }

    fn pattern(&mut self, p: &[u8]) -> Option<()> {
        let rest = self.bytes().get(self.i..)?;
        if rest.starts_with(p) {
            self.i += p.len();
            Some(())
        } else {
            None
        }
    }

    fn compact_value(&mut self) -> Option<Scalar<'a>> {
        match self.peek()? {
            b'"' => match self.string().ok()? {
                Cow::Borrowed(text) => Some(Scalar::Str(Cow::Borrowed(text))),
                Cow::Owned(_) => None,
            },
            b'-' | b'0'..=b'9' => self.integer().ok().map(Scalar::Int),
            _ => None,
        }
    }

    /// One record. A key given twice keeps its last value, as the general
    /// path's visitor does.
    fn record(&mut self) -> Step<RawRecord<'a>> {
        let mut r = RawRecord::default();
        self.object(|c, key| {
            match key.as_ref() {
                "code" => r.code = Some(c.scalar()?),
                "code_status" => r.code_status = Some(c.scalar()?),
                "gmt_modified" => r.gmt_modified = Some(c.scalar()?),
                "bind_status" => r.bind_status = Some(c.scalar()?),
                _ => c.skip(0)?,
            }
            Ok(())
        })?;
        Ok(r)
    }

    // --- values ---------------------------------------------------------------

    /// A leaf value as the general path's [`Scalar`] holds it: a string, an
    /// integer serde_json reads as one, `null`, `true` or `false`.
    fn scalar(&mut self) -> Step<Scalar<'a>> {
        match self.peek() {
            Some(b'"') => self.string().map(Scalar::Str),
            Some(b'-' | b'0'..=b'9') => self.integer().map(Scalar::Int),
            Some(b'n') => self.literal("null").map(|()| Scalar::Null),
            Some(b't') => self.literal("true").map(|()| Scalar::Bool(true)),
            Some(b'f') => self.literal("false").map(|()| Scalar::Bool(false)),
            _ => Err(Unsupported),
        }
    }

    /// A string, borrowed when it has no escapes; with escapes, the exact
    /// token is decoded by serde_json (so its rules, and its refusals, hold).
    fn string(&mut self) -> Step<Cow<'a, str>> {
        let open = self.i;
        self.eat(b'"')?;
        let b = self.bytes();
        let stop = find(
            b,
            self.i,
            |x| equal_bytes(x, b'"') | equal_bytes(x, b'\\') | first_below(x, 0x20),
            |c| c == b'"' || c == b'\\' || c < 0x20,
        );
        match b.get(stop) {
            Some(b'"') => {
                let text = self.s.get(self.i..stop).ok_or(Unsupported)?;
                self.i = stop + 1;
                Ok(Cow::Borrowed(text))
            }
            Some(b'\\') => {
                // Find the closing quote past each escape, then let
                // serde_json decode (and judge) the token.
                let mut k = stop;
                loop {
                    match b.get(k) {
                        Some(b'\\') => k += 2,
                        Some(b'"') => break,
                        Some(&c) if c >= 0x20 => k += 1,
                        _ => return Err(Unsupported),
                    }
                }
                let token = self.s.get(open..=k).ok_or(Unsupported)?;
                let text: String = serde_json::from_str(token).map_err(|_| Unsupported)?;
                self.i = k + 1;
                Ok(Cow::Owned(text))
            }
            // A raw control character or the end: not valid JSON.
            _ => Err(Unsupported),
        }
    }

    /// `-?(0|[1-9][0-9]*)` of at most 18 digits (always fits in i64), not
    /// followed by a fraction or exponent (serde_json reads those as floats),
    /// and not `-0` (serde_json reads it as the float -0.0).
    fn integer(&mut self) -> Step<i64> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let start = self.i;
        let mut n: i64 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            if self.i - start == 18 {
                return Err(Unsupported);
            }
            n = n * 10 + i64::from(d - b'0');
            self.i += 1;
        }
        let digits = self.i - start;
        let leading_zero = digits > 1 && self.bytes().get(start) == Some(&b'0');
        if digits == 0
            || leading_zero
            || (negative && n == 0)
            || matches!(self.peek(), Some(b'.' | b'e' | b'E'))
        {
            return Err(Unsupported);
        }
        Ok(if negative { -n } else { n })
    }

    /// Any value in a field nobody reads (serde's `IgnoredAny`), checked as
    /// JSON but not kept.
    fn skip(&mut self, depth: u32) -> Step<()> {
        match self.peek() {
            Some(b'"') => self.string().map(drop),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'n') => self.literal("null"),
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'[') if depth < MAX_DEPTH => self.array(|c| c.skip(depth + 1)),
            Some(b'{') if depth < MAX_DEPTH => self.object(|c, _| c.skip(depth + 1)),
            _ => Err(Unsupported),
        }
    }

    /// Any JSON number (RFC 8259 grammar), not converted.
    fn number(&mut self) -> Step<()> {
        let digits = |c: &mut Self| {
            let start = c.i;
            while let Some(b'0'..=b'9') = c.peek() {
                c.i += 1;
            }
            c.i - start
        };
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let start = self.i;
        let n = digits(self);
        if n == 0 || (n > 1 && self.bytes().get(start) == Some(&b'0')) {
            return Err(Unsupported);
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if digits(self) == 0 {
                return Err(Unsupported);
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if digits(self) == 0 {
                return Err(Unsupported);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
