use super::*;

const VIEW: f64 = 480.0;

#[test]
fn small_tables_map_scroll_to_rows_one_to_one() {
    let w = row_window(100, 0.0, VIEW, 0);
    assert_eq!((w.first, w.end, w.offset_px), (0, 16, 0.0));
    let w = row_window(100, 320.0, VIEW, 2);
    assert_eq!((w.first, w.end), (8, 28));
    assert_eq!(w.offset_px, 8.0 * ROW_PX);
    assert_eq!(spacer_px(100), 3200.0);
}

#[test]
fn the_window_is_clipped_to_the_table() {
    assert!(row_window(0, 0.0, VIEW, OVERSCAN).is_empty());
    let w = row_window(5, 0.0, VIEW, OVERSCAN);
    assert_eq!((w.first, w.end), (0, 5));
    // Scrolled past the end (a stale position after a filter): the last rows.
    let w = row_window(100, 1e9, VIEW, 0);
    assert_eq!(w.end, 100);
    let w = row_window(100, f64::NAN, f64::NAN, 0);
    assert_eq!(w.first, 0);
}

#[test]
fn a_million_rows_fit_under_the_height_cap_and_every_row_is_reachable() {
    let total = 1_000_000;
    let spacer = spacer_px(total);
    assert!(spacer <= MAX_SPACER_PX && spacer < f64::from(total) * ROW_PX);
    let top = row_window(total, 0.0, VIEW, OVERSCAN);
    assert_eq!(top.first, 0);
    assert!(top.len() <= 16 + 2 * OVERSCAN + 1, "only the visible rows: {}", top.len());
    let bottom = row_window(total, spacer - VIEW, VIEW, OVERSCAN);
    assert_eq!(bottom.end, total);
    // The last row's bottom edge is exactly the spacer's bottom edge.
    assert!((bottom.offset_px + f64::from(bottom.len()) * ROW_PX - spacer).abs() < 1e-6);
    // Halfway down the scroll bar is halfway down the rows.
    let middle = row_window(total, (spacer - VIEW) / 2.0, VIEW, 0);
    let expected = (f64::from(total) * ROW_PX - VIEW) / 2.0 / ROW_PX;
    assert!((f64::from(middle.first) - expected).abs() <= 1.0, "{} vs {expected}", middle.first);
    // The row under the top edge sits at the top edge.
    let scroll = 1_234_567.0;
    let w = row_window(total, scroll, VIEW, 0);
    let row_top = w.offset_px;
    assert!(row_top <= scroll && scroll - row_top < ROW_PX);
}
