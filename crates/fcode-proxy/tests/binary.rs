//! The real binary: `simulate` and `serve` on free ports, one call through both, and the
//! command line never printing secrets.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use common::{API, PARTNER, TOKEN, json, page_codes, result};

const BINARY: &str = env!("CARGO_BIN_EXE_fcode-proxy");
const BIN_SECRET: &str = "bin-secret-d41d8cd9";
const BIN_SESSION: &str = "bin-session-8f00b204";

/// Kills the child when the test ends, even when it fails.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary and returns it with the address it announced on standard output.
fn start(args: &[&str]) -> (Running, String) {
    let mut child = Command::new(BINARY)
        .args(args)
        .env("TOP_APP_KEY", "bin_app_key")
        .env("TOP_APP_SECRET", BIN_SECRET)
        .env("TOP_SESSION", BIN_SESSION)
        .env("PROXY_TOKEN", TOKEN)
        .env("RUST_LOG", "warn")
        // A zone far from Beijing: the proxy must still send Beijing time, or the
        // simulator answers code 31.
        .env("TZ", "America/Los_Angeles")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start fcode-proxy");
    let stdout = child.stdout.take().expect("stdout");
    let running = Running(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("announcement");
    let url = line
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_string();
    assert!(
        url.starts_with("http://127.0.0.1:"),
        "unexpected announcement {line:?}"
    );
    (running, url)
}

#[tokio::test]
async fn simulate_and_serve_answer_one_call_end_to_end() {
    let (_simulator, gateway) = start(&[
        "simulate",
        "--listen",
        "127.0.0.1:0",
        "--codes",
        "30",
        "--batches",
        "1",
        "--seed",
        "5",
        "--page-size",
        "10",
    ]);
    let (_proxy, top_url) = start(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--gateway",
        &gateway,
        "--sign-method",
        "hmac",
        "--allow-origin",
        "http://127.0.0.1:8080",
    ]);
    assert!(top_url.ends_with("/top"));

    // The batch the simulator serves for seed 5, from the library (same generator).
    let dataset = fcode_proxy::simulator::dataset::Dataset::generate(
        &fcode_proxy::simulator::dataset::DatasetSpec {
            seed: 5,
            batches: 1,
            codes_per_batch: 30,
            partner_code: PARTNER.into(),
        },
    );
    let mix_id = dataset.batches[0].mix_id.clone();
    let response = common::client()
        .post(&top_url)
        .bearer_auth(TOKEN)
        .header("Origin", "http://127.0.0.1:8080")
        .form(&[
            ("method", API),
            ("mix_id", &mix_id),
            ("partner_code", PARTNER),
            ("operate_type", "ALL"),
        ])
        .send()
        .await
        .expect("call the proxy");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "http://127.0.0.1:8080"
    );
    let body = json(&response.text().await.unwrap());
    assert_eq!(result(&body)["return_code"], "0", "{body}");
    let expected: Vec<String> = dataset.batches[0]
        .codes
        .iter()
        .take(10)
        .map(|record| record.code.clone())
        .collect();
    assert_eq!(page_codes(&body), expected);
}

#[test]
fn help_and_errors_never_print_secret_values() {
    for args in [
        vec!["serve", "--help"],
        vec!["simulate", "--help"],
        vec!["serve"],
        vec!["serve", "--gateway", "x", "--bogus"],
    ] {
        let output = Command::new(BINARY)
            .args(&args)
            .env("TOP_APP_KEY", "bin_app_key")
            .env("TOP_APP_SECRET", BIN_SECRET)
            .env("TOP_SESSION", BIN_SESSION)
            .env("PROXY_TOKEN", TOKEN)
            .output()
            .expect("run");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        for secret in [BIN_SECRET, BIN_SESSION, TOKEN, "bin_app_key"] {
            assert!(!text.contains(secret), "{args:?} printed a secret:\n{text}");
        }
        if args.contains(&"--help") {
            assert!(text.contains("TOP_APP_SECRET"), "help names the variable");
        }
    }
    // A missing secret is an error that names the flag.
    let output = Command::new(BINARY)
        .args(["serve", "--gateway", "http://127.0.0.1:9/router/rest"])
        .env_clear()
        .output()
        .expect("run");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--app-key"));
}

#[test]
fn write_only_writes_the_dump_and_the_demo_issuance_list() {
    let dir = std::env::temp_dir().join(format!("fcode-proxy-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dump = dir.join("dump.jsonl");
    let issuance = dir.join("issued.csv");
    let status = Command::new(BINARY)
        .args([
            "simulate",
            "--write-only",
            "--codes",
            "40",
            "--batches",
            "2",
            "--page-size",
            "15",
            "--dump",
        ])
        .arg(&dump)
        .arg("--demo-issuance")
        .arg(&issuance)
        .env("TOP_APP_KEY", "k")
        .env("TOP_APP_SECRET", "s")
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let dump_text = std::fs::read_to_string(&dump).unwrap();
    // 40 codes in pages of 15: 3 pages per batch.
    assert_eq!(dump_text.lines().count(), 6);
    for line in dump_text.lines() {
        assert_eq!(result(&json(line))["return_code"], "0");
    }
    let csv = std::fs::read(&issuance).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    assert!(
        String::from_utf8(csv)
            .unwrap()
            .contains("券码,发放时间,领取人,订单号,面值(元),批次号,状态,备注\r\n")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
