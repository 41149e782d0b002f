//! Which rows are visible: pure arithmetic over row indices and scroll
//! offsets, tested natively.

/// Height of one row in CSS pixels; `style/results.css` uses the same.
pub const ROW_PX: f64 = 32.0;
/// The tallest spacer the table makes. Firefox stops at ~17.9M px and
/// Chrome at ~33.5M px; 10M stays clear of both with room for zoom.
pub const MAX_SPACER_PX: f64 = 10_000_000.0;
/// Rows rendered beyond each edge of the viewport, so a fast scroll does not
/// show blank space before the next frame.
pub const OVERSCAN: u32 = 8;

/// Which rows to render for a scroll position, and where.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowWindow {
    /// First row to render (inclusive).
    pub first: u32,
    /// One past the last row to render.
    pub end: u32,
    /// Where the first rendered row's top goes, in spacer pixels.
    pub offset_px: f64,
}

impl RowWindow {
    pub const EMPTY: RowWindow = RowWindow { first: 0, end: 0, offset_px: 0.0 };

    pub fn len(&self) -> u32 {
        self.end.saturating_sub(self.first)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Height of the scroll spacer for `total` rows: all of them, or the cap.
pub fn spacer_px(total: u32) -> f64 {
    (f64::from(total) * ROW_PX).min(MAX_SPACER_PX)
}

/// The rows visible at `scroll_top` in a viewport `viewport_px` tall, with
/// `overscan` rows either side.
///
/// Below the cap the mapping is the identity. Above it, the scrollable range
/// of the spacer (`spacer - viewport`) is mapped linearly onto the scrollable
/// range of the rows (`rows - viewport`), so the first and the last row are
/// both reachable, and the rows are placed so the row under the top edge
/// sits where it would without scaling.
pub fn row_window(total: u32, scroll_top: f64, viewport_px: f64, overscan: u32) -> RowWindow {
    if total == 0 {
        return RowWindow::EMPTY;
    }
    let content = f64::from(total) * ROW_PX;
    let spacer = spacer_px(total);
    let viewport = if viewport_px.is_finite() { viewport_px.max(ROW_PX) } else { ROW_PX };
    let scroll_range = (spacer - viewport).max(0.0);
    let scroll = if scroll_top.is_finite() { scroll_top.clamp(0.0, scroll_range) } else { 0.0 };
    let virtual_top = if spacer < content && scroll_range > 0.0 { scroll * (content - viewport) / scroll_range } else { scroll };
    // `as` saturates on floats; the min keeps the last row reachable.
    let first_visible = ((virtual_top / ROW_PX).floor() as u32).min(total - 1);
    let visible = (viewport / ROW_PX).ceil() as u32 + 1;
    let first = first_visible.saturating_sub(overscan);
    let end = first_visible.saturating_add(visible).saturating_add(overscan).min(total);
    let offset_px = scroll - virtual_top + f64::from(first) * ROW_PX;
    RowWindow { first, end, offset_px }
}

#[cfg(test)]
mod tests;
