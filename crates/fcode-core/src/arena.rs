//! Compact text storage. A parsed file with 1M rows must not own 5M little
//! `String`s (allocation time, memory, IndexedDB size): every text field is
//! appended to one arena and rows keep `(start, len)` spans into it.

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

/// One growing string holding all text of a parsed input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TextArena(String);

impl TextArena {
    pub fn with_capacity(n: usize) -> Self {
        Self(String::with_capacity(n))
    }

    /// Appends `text` and returns its span. Inputs are capped well below
    /// 4 GiB before parsing; should the arena still overflow, the text is
    /// stored as empty rather than panicking.
    pub fn push(&mut self, text: &str) -> Span {
        if text.is_empty() {
            return Span::EMPTY;
        }
        let (Ok(start), Ok(len)) = (u32::try_from(self.0.len()), u32::try_from(text.len())) else {
            return Span::EMPTY;
        };
        if start.checked_add(len).is_none() {
            return Span::EMPTY;
        }
        self.0.push_str(text);
        Span(start, len)
    }

    /// The text of a span; empty when the span does not belong here.
    pub fn get(&self, span: Span) -> &str {
        let start = span.0 as usize;
        let end = start.saturating_add(span.1 as usize);
        self.0.get(start..end).unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }
}
