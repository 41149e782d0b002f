use super::*;

#[test]
fn money_is_grouped_and_exact() {
    assert_eq!(yuan(0), "¥0.00");
    assert_eq!(yuan(5), "¥0.05");
    assert_eq!(yuan(123_456), "¥1,234.56");
    assert_eq!(yuan(100_000_000), "¥1,000,000.00");
    assert_eq!(yuan(-4_00), "-¥4.00");
    assert_eq!(yuan(i64::MIN), "-¥92,233,720,368,547,758.08");
}

#[test]
fn counts_and_sizes() {
    assert_eq!(count(0), "0");
    assert_eq!(count(999), "999");
    assert_eq!(count(1_000), "1,000");
    assert_eq!(count(1_048_576), "1,048,576");
    assert_eq!(bytes(512), "512 B");
    assert_eq!(bytes(1536), "1.5 KB");
    assert_eq!(bytes(5 * 1024 * 1024), "5.0 MB");
}
