use super::*;

#[test]
fn formats_in_beijing_time_regardless_of_host_zone() {
    // 2013-05-06 05:52:03 UTC is 13:52:03 in Beijing.
    let utc = days_from_civil(2013, 5, 6) * 86_400 + 5 * 3600 + 52 * 60 + 3;
    assert_eq!(format_shanghai(utc), "2013-05-06 13:52:03");
    // Crossing midnight and a year boundary: 2025-12-31 16:00:00 UTC is new year's day.
    let new_year = days_from_civil(2025, 12, 31) * 86_400 + 16 * 3600;
    assert_eq!(format_shanghai(new_year), "2026-01-01 00:00:00");
    assert_eq!(format_shanghai(0), "1970-01-01 08:00:00");
}

#[test]
fn parse_is_the_inverse_of_format() {
    for instant in [
        0_i64,
        951_782_400,
        1_367_819_523,
        1_767_196_800,
        4_102_444_799,
    ] {
        assert_eq!(parse_shanghai(&format_shanghai(instant)), Some(instant));
    }
    assert_eq!(
        parse_shanghai("2024-02-29 12:00:00"),
        Some(days_from_civil(2024, 2, 29) * 86_400 + 4 * 3600)
    );
}

#[test]
fn rejects_malformed_timestamps() {
    for bad in [
        "",
        "2013-05-06",
        "2013-05-06T13:52:03",
        "2013-13-06 13:52:03",
        "2023-02-29 00:00:00",
        "2013-05-06 24:00:00",
        "2013-05-06 13:60:00",
        "+013-05-06 13:52:03",
        "２０１３-05-06 13:52:03",
        "1367819523000",
    ] {
        assert_eq!(parse_shanghai(bad), None, "{bad:?}");
    }
}

#[test]
fn civil_round_trip_over_a_long_range() {
    for days in (-800_000_i64..800_000).step_by(997) {
        let (y, m, d) = civil_from_days(days);
        assert_eq!(days_from_civil(y, m, d), days);
    }
}
