//! A delimited-text record splitter that borrows: unquoted fields are
//! slices of the (already decoded, already validated) text, so a 1M-row list
//! is split without copying or re-validating every field. Only quoted fields
//! with doubled quotes (`"a ""b"""`) are unescaped into a scratch buffer.
//! Semantics follow RFC 4180 as the `csv` crate reads it: quotes may hold
//! delimiters and line breaks, CRLF / LF / lone CR end a record, blank lines
//! are skipped, text after a closing quote is kept literally.

use crate::swar::{bytes_below, equal_bytes, find, word_at};

/// Where one field's text is.
#[derive(Clone, Copy, Debug)]
enum Field {
    Text(usize, usize),
    Scratch(usize, usize),
}

/// The fields of the current record.
#[derive(Default)]
pub struct Record {
    fields: Vec<Field>,
    scratch: String,
}

impl Record {
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Field `i` as a byte range of the text, when it is a piece of it (not
    /// unescaped into the scratch buffer). Its ends lie next to delimiters,
    /// quotes or line ends (ASCII) or at the text's ends: char boundaries.
    pub fn range(&self, i: usize) -> Option<(usize, usize)> {
        match *self.fields.get(i)? {
            Field::Text(a, b) => Some((a, b)),
            Field::Scratch(..) => None,
        }
    }

    pub fn get<'r>(&'r self, text: &'r str, i: usize) -> Option<&'r str> {
        match *self.fields.get(i)? {
            Field::Text(a, b) => text.get(a..b),
            Field::Scratch(a, b) => self.scratch.get(a..b),
        }
    }
}

pub struct Splitter<'t> {
    text: &'t str,
    pos: usize,
    line: u64,
    delim: u8,
}

impl<'t> Splitter<'t> {
    pub fn new(text: &'t str, delim: u8) -> Self {
        Self {
            text,
            pos: 0,
            line: 1,
            delim,
        }
    }

    /// Reads the next record into `rec`; returns its first line (1-based),
    /// or `None` at the end.
    pub fn next_record(&mut self, rec: &mut Record) -> Option<u64> {
        self.skip_blank_lines()?;
        let start_line = self.line;
        rec.fields.clear();
        rec.scratch.clear();
        if self.unquoted_record(rec) {
            return Some(start_line);
        }
        self.rest_of_record(rec);
        Some(start_line)
    }

    /// Moves past blank lines; `None` at the end of the text.
    fn skip_blank_lines(&mut self) -> Option<()> {
        let b = self.text.as_bytes();
        loop {
            match b.get(self.pos) {
                None => return None,
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                }
                Some(b'\r') => {
                    self.pos += 1;
                    if b.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.line += 1;
                }
                Some(_) => return Some(()),
            }
        }
    }

    /// Reads fields from `pos` to the end of the record, quoted or not.
    fn rest_of_record(&mut self, rec: &mut Record) {
        loop {
            let end_of_record = if self.text.as_bytes().get(self.pos) == Some(&b'"') {
                self.quoted(rec)
            } else {
                self.plain(rec)
            };
            if end_of_record {
                return;
            }
        }
    }

    /// The usual record, one line with no field that opens with a quote,
    /// read in one scan of its line: the delimiters and the line's end are
    /// found eight bytes at a time and each becomes a field's end. True when
    /// the record is read; false at a field that opens with a quote, with
    /// the fields before it in `rec` and `pos` at the quote, for the general
    /// reader to go on from.
    fn unquoted_record(&mut self, rec: &mut Record) -> bool {
        let b = self.text.as_bytes();
        let delim = self.delim;
        let mut field_start = self.pos;
        let mut i = self.pos;
        // What one byte means here: false to stop (quote or line end seen).
        let mark = |k: usize, c: u8, field_start: &mut usize, this: &mut Self, rec: &mut Record| {
            if c == delim {
                rec.fields.push(Field::Text(*field_start, k));
                *field_start = k + 1;
                None
            } else if c == b'"' {
                // A quote inside a field is text; one that opens it quotes.
                if k == *field_start {
                    this.pos = k;
                    Some(false)
                } else {
                    None
                }
            } else if c != b'\n' && c != b'\r' {
                // Another control byte: text.
                None
            } else {
                rec.fields.push(Field::Text(*field_start, k));
                this.pos = k;
                this.line_break();
                Some(true)
            }
        };
        while let Some(x) = word_at(b, i) {
            let delims = equal_bytes(x, delim);
            // Line ends among the control bytes below 0x0E (cheaper than
            // asking for CR and LF apart; the rest are passed over below),
            // and quotes.
            let stops = (bytes_below(x, 0x0e) & !delims) | equal_bytes(x, b'"');
            if stops == 0 {
                // The usual word: each mark is a delimiter that ends a field.
                let mut m = delims;
                while m != 0 {
                    let k = i + (m.trailing_zeros() / 8) as usize;
                    m &= m - 1;
                    rec.fields.push(Field::Text(field_start, k));
                    field_start = k + 1;
                }
                i += 8;
                continue;
            }
            let mut m = delims | stops;
            while m != 0 {
                let k = i + (m.trailing_zeros() / 8) as usize;
                m &= m - 1;
                if let Some(done) = mark(
                    k,
                    b.get(k).copied().unwrap_or(b'\n'),
                    &mut field_start,
                    self,
                    rec,
                ) {
                    return done;
                }
            }
            i += 8;
        }
        while let Some(&c) = b.get(i) {
            if (matches!(c, b'\n' | b'\r' | b'"') || c == delim)
                && let Some(done) = mark(i, c, &mut field_start, self, rec)
            {
                return done;
            }
            i += 1;
        }
        // The text ends the record.
        rec.fields.push(Field::Text(field_start, b.len()));
        self.pos = b.len();
        true
    }

    /// `next_record` without the one-scan reading, for its tests.
    #[cfg(test)]
    fn next_record_general(&mut self, rec: &mut Record) -> Option<u64> {
        self.skip_blank_lines()?;
        let start_line = self.line;
        rec.fields.clear();
        rec.scratch.clear();
        self.rest_of_record(rec);
        Some(start_line)
    }

    /// Consumes a line break at `pos` if there is one; true if there was.
    fn line_break(&mut self) -> bool {
        let b = self.text.as_bytes();
        match b.get(self.pos) {
            Some(b'\n') => {
                self.pos += 1;
                self.line += 1;
                true
            }
            Some(b'\r') => {
                self.pos += 1;
                if b.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
                self.line += 1;
                true
            }
            _ => false,
        }
    }

    /// An unquoted field; true when it ends the record.
    fn plain(&mut self, rec: &mut Record) -> bool {
        let start = self.pos;
        let i = field_end(self.text.as_bytes(), start, self.delim);
        rec.fields.push(Field::Text(start, i));
        self.pos = i;
        self.after_field()
    }

    /// After a field: a delimiter (more fields), a line break or the end.
    fn after_field(&mut self) -> bool {
        match self.text.as_bytes().get(self.pos) {
            None => true,
            // A delimiter opens another field, even at the end of a line
            // (the next `plain` call then finds it empty).
            Some(&c) if c == self.delim => {
                self.pos += 1;
                false
            }
            Some(_) => {
                self.line_break();
                true
            }
        }
    }

    /// A quoted field; true when it ends the record.
    fn quoted(&mut self, rec: &mut Record) -> bool {
        let b = self.text.as_bytes();
        let body = self.pos + 1;
        let mut i = body;
        let mut escaped = false;
        // Find the closing quote; `""` inside is a literal quote.
        loop {
            match b.get(i) {
                None => break,
                Some(b'"') if b.get(i + 1) == Some(&b'"') => {
                    escaped = true;
                    i += 2;
                }
                Some(b'"') => break,
                Some(b'\n') => {
                    self.line += 1;
                    i += 1;
                }
                Some(_) => i += 1,
            }
        }
        let close = i;
        let mut after = (close + 1).min(b.len());
        // Text after the closing quote, up to the delimiter, is kept as is.
        let tail_end = field_end(b, after, self.delim);
        if !escaped && tail_end == after {
            rec.fields.push(Field::Text(body, close.min(b.len())));
        } else {
            let s = rec.scratch.len();
            let inner = self.text.get(body..close.min(b.len())).unwrap_or("");
            if escaped {
                rec.scratch.push_str(&inner.replace("\"\"", "\""));
            } else {
                rec.scratch.push_str(inner);
            }
            rec.scratch
                .push_str(self.text.get(after..tail_end).unwrap_or(""));
            rec.fields.push(Field::Scratch(s, rec.scratch.len()));
            after = tail_end;
        }
        self.pos = tail_end.max(after);
        self.after_field()
    }
}

/// The index of the first delimiter, CR or LF at or after `i` (or the end).
///
/// Eight bytes at a time: this scan is most of the time of splitting a
/// million-row list.
fn field_end(b: &[u8], i: usize, delim: u8) -> usize {
    find(
        b,
        i,
        |x| equal_bytes(x, delim) | equal_bytes(x, b'\n') | equal_bytes(x, b'\r'),
        |c| c == delim || c == b'\n' || c == b'\r',
    )
}

/// How many times `byte` occurs in `b`, eight bytes at a time (WebAssembly
/// has no vector loop for the plain count: a million-row list is 88 MB).
pub fn count_byte(b: &[u8], byte: u8) -> usize {
    let (words, tail) = b.as_chunks::<8>();
    let (quads, rest) = words.as_chunks::<4>();
    let marks = |w: &[u8; 8]| equal_bytes(u64::from_le_bytes(*w), byte);
    let mut n = 0usize;
    for [w0, w1, w2, w3] in quads {
        // A match is marked by 0x80 alone, so the marks of four words,
        // shifted apart, share one word and one population count.
        let m = marks(w0) | marks(w1) >> 1 | marks(w2) >> 2 | marks(w3) >> 3;
        n += m.count_ones() as usize;
    }
    n += rest
        .iter()
        .map(|w| marks(w).count_ones() as usize)
        .sum::<usize>();
    n + tail.iter().filter(|&&c| c == byte).count()
}

#[cfg(test)]
mod tests {
    use super::{Record, Splitter, count_byte, field_end};
    use crate::swar::pick_many;

    /// Every record of `text` with its line, read by the general reader
    /// alone (`fast` false) or as `next_record` reads.
    fn records(text: &str, delim: u8, fast: bool) -> Vec<(u64, Vec<String>)> {
        let mut sp = Splitter::new(text, delim);
        let mut rec = Record::default();
        let mut out = Vec::new();
        loop {
            let line = if fast {
                sp.next_record(&mut rec)
            } else {
                sp.next_record_general(&mut rec)
            };
            let Some(line) = line else { break };
            let fields = (0..rec.len()).map(|i| rec.get(text, i).unwrap_or("?").to_string());
            out.push((line, fields.collect()));
        }
        out
    }

    /// The one-scan reading of unquoted records gives what the general
    /// reader gives, lines included, on random text long enough for whole
    /// words: quotes at a field's start and inside it, CR, LF, CRLF, blank
    /// lines, multi-byte text, tabs and the other control bytes (text,
    /// unless the tab is the delimiter).
    #[test]
    fn unquoted_records_read_as_the_general_reader_reads_them() {
        let pieces = [
            "a", "bc", "defghij", ",", ";", "\"", "\r", "\n", "\r\n", "张", "\"\"", " ", "\t",
            "\u{b}", "\0",
        ];
        let mut seed = 11u64;
        for len in 0..60 {
            for _ in 0..200 {
                let text: String = pick_many(&mut seed, &pieces, len);
                for delim in [b',', b';', b'\t'] {
                    assert_eq!(
                        records(&text, delim, true),
                        records(&text, delim, false),
                        "{text:?}"
                    );
                }
            }
        }
    }

    /// The word-at-a-time scan finds what a byte-by-byte scan finds, from
    /// every start, for every delimiter, around multi-byte characters.
    #[test]
    fn field_end_matches_a_byte_scan() {
        let texts = [
            "",
            "a",
            "KHNL79QTRAX,2026-05-24 09:30:00,员工1,SO00000001,5.00,code_e99f,已发放,\r\n",
            "券码\t面值;备注\n\n\r,,;;\t\t",
            "abcdefghijklmnopqrstuvwxyz0123456789\u{80}\u{ff}\u{2c}\u{10ac}",
            "\u{8a0a}\u{8d0d}\u{0a0d}x,y",
        ];
        for text in texts {
            let b = text.as_bytes();
            for delim in [b',', b';', b'\t'] {
                for start in 0..=b.len() {
                    let naive = (start..b.len())
                        .find(|&i| b[i] == delim || b[i] == b'\n' || b[i] == b'\r')
                        .unwrap_or(b.len());
                    assert_eq!(field_end(b, start, delim), naive, "{text:?} from {start}");
                }
            }
        }
    }

    #[test]
    fn count_byte_matches_a_plain_count() {
        let text =
            "KHNL79QTRAX,2026-05-24 09:30:00,员工1\r\n\n\u{8a0a}\u{0a0d}\u{ff}\n\x01\n\x7f\n"
                .repeat(3);
        for len in 0..=text.len() {
            let b = &text.as_bytes()[..len];
            for byte in [b'\n', b'\r', b',', 0x00, 0x01, 0x7f, 0x80, 0xff, 0x8a] {
                let naive = b.iter().filter(|&&c| c == byte).count();
                assert_eq!(count_byte(b, byte), naive, "{byte:#x} in {len} bytes");
            }
        }
    }
}
