use super::*;

#[test]
fn one_line_per_page() {
    let pages = vec![r#"{"result":{"a":1}}"#.to_owned(), "{\n  \"result\": {\"b\": \"x\\ny\"}\r\n}\n".to_owned()];
    let text = join(&pages);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(text.ends_with('\n'));
    // Each line is the same JSON as its page.
    for (line, page) in lines.iter().zip(&pages) {
        let a: serde_json::Value = serde_json::from_str(line).unwrap();
        let b: serde_json::Value = serde_json::from_str(page).unwrap();
        assert_eq!(a, b);
    }
    // The escaped line break inside the string survives.
    assert!(lines[1].contains("x\\ny"));
}

#[test]
fn no_pages_no_lines() {
    assert_eq!(join(&[]), "");
}

#[test]
fn names() {
    assert_eq!(file_name("code_8ebc4e741689bbc1"), "fetch-code_8ebc4e741689bbc1.jsonl");
}
