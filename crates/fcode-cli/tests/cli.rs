//! Runs the built `fcode-recon` binary on the fixture set and on bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_fcode-recon"))
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("fcode-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn fixture_args(cmd: &mut Command) -> &mut Command {
    let f = fixtures();
    cmd.arg("reconcile")
        .arg("--platform")
        .args(
            [
                "platform-a-wrapped.json",
                "platform-b-simplified.json",
                "platform-c-pages.ndjson",
                "platform-d.xml",
                "platform-e.csv",
            ]
            .map(|n| f.join(n)),
        )
        .arg("--consume")
        .arg(f.join("consume-f.json"))
        .arg("--issued")
        .arg(f.join("issued-gbk.csv"))
        .args(["--period", "2026-08-01..2026-09-01"])
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn without_time(mut v: serde_json::Value) -> serde_json::Value {
    v.as_object_mut().unwrap().remove("generated_at");
    v
}

fn expected() -> serde_json::Value {
    without_time(
        serde_json::from_slice(&std::fs::read(fixtures().join("expected-report.json")).unwrap())
            .unwrap(),
    )
}

#[test]
fn writes_report_details_and_xlsx_and_exits_0() {
    let dir = scratch("files");
    let (report, details, xlsx) = (
        dir.join("report.json"),
        dir.join("rows.csv"),
        dir.join("out.xlsx"),
    );
    let out = fixture_args(&mut bin())
        .arg("--report")
        .arg(&report)
        .arg("--details")
        .arg(&details)
        .arg("--xlsx")
        .arg(&xlsx)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert!(out.stdout.is_empty(), "report went to the file, not stdout");
    let got: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let generated_at = got["generated_at"].as_str().unwrap().to_string();
    assert_eq!(
        generated_at.len(),
        19,
        "YYYY-MM-DD HH:MM:SS, got {generated_at}"
    );
    assert_eq!(without_time(got), expected());
    let rows = std::fs::read(&details).unwrap();
    assert!(rows.starts_with(b"\xEF\xBB\xBF# "));
    assert!(String::from_utf8_lossy(&rows).contains("'=HYPERLINK"));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK\x03\x04"));
    // Warnings and rejected rows are told on stderr.
    let err = stderr(&out);
    assert!(
        err.contains(
            "warning: batch code_bbbb000000000002 (暑期档) is incomplete: 6 of 7 codes loaded"
        ),
        "{err}"
    );
    assert!(
        err.contains("warning: issued-gbk.csv: 2 rows rejected"),
        "{err}"
    );
}

#[test]
fn prints_report_to_stdout_without_report_option() {
    let out = fixture_args(&mut bin()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(without_time(got), expected());
}

fn run_expect_2(args: &[&str], dir: &Path) -> String {
    let out = bin().current_dir(dir).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "stdout: {} stderr: {}",
        String::from_utf8_lossy(&out.stdout),
        stderr(&out)
    );
    stderr(&out)
}

#[test]
fn unusable_input_exits_2_with_one_line() {
    let dir = scratch("bad");
    std::fs::write(dir.join("empty.json"), b"").unwrap();
    std::fs::write(dir.join("ok.csv"), "券码\nA1\n").unwrap();
    std::fs::write(dir.join("err.json"), br#"{"error_response":{"code":"7","msg":"App Call Limited","sub_code":"accesscontrol.limited-by-app-access-count"}}"#).unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &[
                "reconcile",
                "--platform",
                "empty.json",
                "--issued",
                "ok.csv",
            ],
            "fcode-recon: empty.json: is empty\n",
        ),
        (
            &["reconcile", "--platform", "err.json", "--issued", "ok.csv"],
            "fcode-recon: err.json, page 1: platform error 7 App Call Limited (accesscontrol.limited-by-app-access-count)\n",
        ),
        (
            &[
                "reconcile",
                "--platform",
                "missing.json",
                "--issued",
                "ok.csv",
            ],
            "fcode-recon: missing.json: cannot read: ",
        ),
        (
            &[
                "reconcile",
                "--issued",
                "ok.csv",
                "--period",
                "2026-09-01..2026-08-01",
            ],
            "fcode-recon: period '2026-09-01..2026-08-01' ends before it starts\n",
        ),
        (
            &["reconcile", "--issued", "ok.csv", "--map", "colour=券码"],
            "fcode-recon: ok.csv: unknown field 'colour' in --map",
        ),
        (
            &["reconcile", "--issued", "empty.json"],
            "fcode-recon: empty.json: is empty\n",
        ),
    ];
    for (args, want) in cases {
        let err = run_expect_2(args, &dir);
        assert!(err.starts_with(want), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    }
    // clap's own usage errors also exit 2.
    let out = bin()
        .args(["reconcile", "--platform", "x.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn map_and_face_value_unit_options() {
    let dir = scratch("map");
    std::fs::write(dir.join("p.csv"), "code,code_status,gmt_modified,bind_status,mix_id,denomination\nZ1,2,2026-08-01 10:00:00,0,m1,400\n").unwrap();
    std::fs::write(
        dir.join("i.csv"),
        "voucher_no;who;value\nZ1;Ann;400\nZ2;Bob;500\n",
    )
    .unwrap();
    let out = bin()
        .current_dir(&dir)
        .args([
            "reconcile",
            "--platform",
            "p.csv",
            "--issued",
            "i.csv",
            "--map",
            "code=voucher_no",
            "--map",
            "face_value=3",
            "--face-value-unit",
            "fen",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["classes"]["redeemed"]["count"], 1);
    assert_eq!(r["classes"]["redeemed"]["amount_cents"], 400);
    assert_eq!(r["classes"]["missing_on_platform"]["amount_cents"], 500);
    assert_eq!(r["flags"]["face_value_mismatch"]["count"], 0);
    assert_eq!(r["batches"][0]["complete"], serde_json::Value::Null);
}

#[test]
fn generate_then_reconcile() {
    let dir = scratch("gen");
    let out = bin()
        .args([
            "generate",
            "--codes",
            "3000",
            "--batches",
            "3",
            "--seed",
            "7",
            "--out",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let hint = String::from_utf8(out.stdout).unwrap();
    let args: Vec<&str> = hint.split_whitespace().skip(1).collect();
    let out = bin().current_dir(&dir).args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["tie_out"]["balanced"], true);
    for class in [
        "redeemed",
        "outstanding",
        "expired",
        "invalidated",
        "missing_on_platform",
        "not_redeemed",
        "unissued",
    ] {
        assert!(
            r["classes"][class]["count"].as_u64().unwrap() > 0,
            "{class}"
        );
    }
}
