//! Compact text storage. A parsed file with 1M rows must not own 5M little
//! `String`s (allocation time, memory): every text field is a `(start, len)`
//! span into one arena.
//!
//! An arena may be laid over the input's own text ([`ArenaBuilder`]): a field
//! that is a piece of the input as it stands (nearly every CSV cell) is
//! stored as where it already is, and only text the reader made (a code it
//! normalised, a quoted cell it unescaped) is appended after it. A
//! million-row list is then kept in the memory it arrived in instead of being
//! copied field by field into a second one (six copies a row, 65 MB).

use serde::{Deserialize, Serialize};

/// A piece of a [`TextArena`]. `Span::EMPTY` stands for an absent field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span(pub u32, pub u32);

impl Span {
    pub const EMPTY: Span = Span(0, 0);

    pub fn is_empty(self) -> bool {
        self.1 == 0
    }
}

/// The text of a parsed input: the input's own text (possibly empty) and
/// text appended after it. A span below `source.len()` lies in the source,
/// the others in `appended`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextArena {
    source: String,
    appended: String,
}

impl TextArena {
    pub fn with_capacity(n: usize) -> Self {
        Self {
            source: String::new(),
            appended: String::with_capacity(n),
        }
    }

    /// Appends `text` and returns its span. Inputs are capped well below
    /// 4 GiB before parsing; should the arena still overflow, the text is
    /// stored as empty rather than panicking.
    pub fn push(&mut self, text: &str) -> Span {
        push_after(self.source.len(), &mut self.appended, text)
    }

    /// The text of a span; empty when the span does not belong here.
    pub fn get(&self, span: Span) -> &str {
        let start = span.0 as usize;
        let end = start.saturating_add(span.1 as usize);
        let own = self.source.len();
        if end <= own {
            self.source.get(start..end).unwrap_or("")
        } else if start >= own {
            self.appended.get(start - own..end - own).unwrap_or("")
        } else {
            ""
        }
    }

    /// The text the arena was laid over (empty when it was not).
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn len(&self) -> usize {
        self.source.len() + self.appended.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn clear(&mut self) {
        self.source.clear();
        self.appended.clear();
    }

    pub fn shrink_to_fit(&mut self) {
        self.appended.shrink_to_fit();
    }
}

/// Builds a [`TextArena`] over an input's text while a reader still borrows
/// that text; [`Self::finish`] then hands the text itself over.
pub struct ArenaBuilder<'s> {
    source: &'s str,
    appended: String,
}

impl<'s> ArenaBuilder<'s> {
    /// An arena to be laid over `source`, with room for `n` bytes of
    /// appended text.
    pub fn over(source: &'s str, n: usize) -> Self {
        Self {
            source,
            appended: String::with_capacity(n),
        }
    }

    /// The span of `text`: where it lies in the source when it is a piece of
    /// it (found by address: nothing is compared or copied), else appended.
    pub fn keep(&mut self, text: &str) -> Span {
        match span_within(self.source, text) {
            Some(span) => span,
            None => self.push(text),
        }
    }

    /// Appends `text` (text the reader made) and returns its span.
    pub fn push(&mut self, text: &str) -> Span {
        push_after(self.source.len(), &mut self.appended, text)
    }

    /// Where `piece` (a piece of the source) begins in it.
    pub fn offset_of(&self, piece: &str) -> Option<usize> {
        span_within(self.source, piece).map(|span| span.0 as usize)
    }

    /// The span of `len` bytes at `at` in the source: a piece the caller
    /// found there itself. `None` when that is not wholly in the source.
    pub fn source_span(&self, at: usize, len: usize) -> Option<Span> {
        if at.checked_add(len)? > self.source.len() {
            return None;
        }
        Some(Span(u32::try_from(at).ok()?, u32::try_from(len).ok()?))
    }

    /// Ends the borrow of the source: what was appended, to be put behind
    /// the source once the reader hands it over ([`Appended::behind`]).
    pub fn finish(self) -> Appended {
        Appended {
            source_len: self.source.len(),
            text: self.appended,
        }
    }
}

/// Text appended by an [`ArenaBuilder`], waiting for its source.
pub struct Appended {
    source_len: usize,
    text: String,
}

impl Appended {
    /// The arena: `source` (the text the builder was over, moved or copied:
    /// the same bytes, so every span still fits) with the appended text
    /// behind it.
    pub fn behind(self, source: String) -> TextArena {
        debug_assert_eq!(source.len(), self.source_len);
        TextArena {
            source,
            appended: self.text,
        }
    }
}

fn push_after(offset: usize, appended: &mut String, text: &str) -> Span {
    if text.is_empty() {
        return Span::EMPTY;
    }
    let (Ok(start), Ok(len)) = (
        u32::try_from(offset + appended.len()),
        u32::try_from(text.len()),
    ) else {
        return Span::EMPTY;
    };
    if start.checked_add(len).is_none() {
        return Span::EMPTY;
    }
    appended.push_str(text);
    Span(start, len)
}

/// The offset and length of `text` inside `source`, when `text` is a piece
/// of it (a subslice: its address lies within `source`'s bytes).
fn span_within(source: &str, text: &str) -> Option<Span> {
    if text.is_empty() {
        return Some(Span::EMPTY);
    }
    let base = source.as_ptr() as usize;
    let at = (text.as_ptr() as usize).checked_sub(base)?;
    if at.checked_add(text.len())? > source.len() {
        return None;
    }
    Some(Span(
        u32::try_from(at).ok()?,
        u32::try_from(text.len()).ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::{ArenaBuilder, Span, TextArena};

    #[test]
    fn pieces_of_the_source_are_kept_in_place_and_the_rest_appended() {
        let text = "KHNL79QTRAX,员工1,备注".to_string();
        let mut b = ArenaBuilder::over(&text, 0);
        let code = b.keep(&text[..11]);
        let name = b.keep(&text[12..19]);
        let made = b.keep("KHNL79QTRAX");
        let empty = b.keep("");
        let pushed = b.push(&text[..4]);
        let arena = b.finish().behind(text.clone());
        assert_eq!(code, Span(0, 11));
        assert_eq!(name, Span(12, 7));
        assert_eq!(made, Span(text.len() as u32, 11));
        assert_eq!(empty, Span::EMPTY);
        assert_eq!(pushed, Span(text.len() as u32 + 11, 4));
        assert_eq!(arena.get(code), "KHNL79QTRAX");
        assert_eq!(arena.get(name), "员工1");
        assert_eq!(arena.get(made), "KHNL79QTRAX");
        assert_eq!(arena.get(empty), "");
        assert_eq!(arena.get(pushed), "KHNL");
        assert_eq!(arena.source(), text);
        assert_eq!(arena.len(), text.len() + 15);
    }

    #[test]
    fn spans_that_do_not_belong_read_as_empty() {
        let mut b = ArenaBuilder::over("abc", 4);
        let d = b.push("def");
        let arena = b.finish().behind("abc".into());
        assert_eq!(d, Span(3, 3));
        assert_eq!(arena.get(Span(1, 1)), "b");
        assert_eq!(arena.get(d), "def");
        // Across the seam, past the end, inside a character: nothing.
        assert_eq!(arena.get(Span(2, 2)), "");
        assert_eq!(arena.get(Span(5, 9)), "");
        assert_eq!(arena.get(Span(u32::MAX, u32::MAX)), "");
        let wide = ArenaBuilder::over("券", 0).finish().behind("券".into());
        assert_eq!(wide.get(Span(1, 1)), "");
        // Equal text elsewhere in memory is appended, not found by content.
        let other = String::from("券");
        let mut b = ArenaBuilder::over("券", 0);
        assert_eq!(b.keep(&other), Span(3, 3));
    }

    #[test]
    fn a_plain_arena_appends_from_zero() {
        let mut arena = TextArena::with_capacity(8);
        assert_eq!(arena.push(""), Span::EMPTY);
        let a = arena.push("ab");
        let c = arena.push("券");
        assert_eq!((a, c), (Span(0, 2), Span(2, 3)));
        assert_eq!((arena.get(a), arena.get(c)), ("ab", "券"));
        assert_eq!(arena.source(), "");
    }
}
