use super::*;

fn request(cursor: Option<u64>) -> PageRequest<'static> {
    PageRequest { mix_id: "code_8ebc4e741689bbc1", partner_code: "demo_partner", pull: PullType::All, cursor_key: "last_sequence", cursor }
}

#[test]
fn first_page_has_no_params() {
    let body = encode(&fields(&request(None)));
    assert_eq!(
        body,
        "method=taobao.film.fcode.export.query&mix_id=code_8ebc4e741689bbc1&partner_code=demo_partner&operate_type=ALL"
    );
}

#[test]
fn later_pages_carry_the_cursor_as_json() {
    let body = encode(&fields(&request(Some(1011))));
    assert!(body.ends_with("&params=%7B%22last_sequence%22%3A1011%7D"), "{body}");
}

#[test]
fn consume_pulls_say_so() {
    let mut consume = request(None);
    consume.pull = PullType::Consume;
    assert!(encode(&fields(&consume)).contains("operate_type=CONSUME"));
}

#[test]
fn encoding_follows_the_url_standard() {
    let fields = [("a b", "x+y&z=1".to_owned()), ("中", "~*-._".to_owned())];
    assert_eq!(encode(&fields), "a+b=x%2By%26z%3D1&%E4%B8%AD=%7E*-._");
    assert_eq!(encode(&[]), "");
}

#[test]
fn top_url_joins_without_double_slashes() {
    assert_eq!(top_url("http://127.0.0.1:8787"), "http://127.0.0.1:8787/top");
    assert_eq!(top_url(" http://127.0.0.1:8787/ "), "http://127.0.0.1:8787/top");
    assert_eq!(top_url("https://proxy.example.com/recon/"), "https://proxy.example.com/recon/top");
}
