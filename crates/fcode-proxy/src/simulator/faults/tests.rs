use super::*;

fn config() -> FaultConfig {
    FaultConfig {
        seed: 7,
        call_limit_secs: 1,
        slow_ms: 5,
        ..FaultConfig::none()
    }
}

#[test]
fn schedule_parses_and_applies_in_order() {
    let schedule: FaultSchedule = "5xx, ok ,call-limit,slow+truncate,isp".parse().unwrap();
    let injector = FaultInjector::new(FaultConfig {
        schedule,
        ..config()
    });
    let plans: Vec<FaultPlan> = (0..6).map(|_| injector.next_request().1).collect();
    assert!(plans[0].http_5xx && !plans[0].isp);
    assert_eq!(plans[1], FaultPlan::default());
    assert!(plans[2].call_limit);
    assert!(plans[3].slow && plans[3].truncate && !plans[3].http_5xx);
    assert!(plans[4].isp);
    assert_eq!(
        plans[5],
        FaultPlan::default(),
        "no rates: nothing after the schedule"
    );
    assert!("5xx,teapot".parse::<FaultSchedule>().is_err());
    assert_eq!(
        "".parse::<FaultSchedule>().unwrap(),
        FaultSchedule::default()
    );
}

#[test]
fn rates_are_deterministic_for_a_seed_and_roughly_right() {
    let rates = FaultConfig {
        http_5xx_rate: 0.2,
        truncate_rate: 0.5,
        ..config()
    };
    let first: Vec<FaultPlan> = (1..=1000).map(|n| rates.plan_for(n)).collect();
    let again: Vec<FaultPlan> = (1..=1000).map(|n| rates.plan_for(n)).collect();
    assert_eq!(first, again);
    let other_seed = FaultConfig {
        seed: 8,
        ..rates.clone()
    };
    assert_ne!(
        first,
        (1..=1000)
            .map(|n| other_seed.plan_for(n))
            .collect::<Vec<_>>()
    );
    let http = first.iter().filter(|plan| plan.http_5xx).count();
    let truncated = first.iter().filter(|plan| plan.truncate).count();
    assert!((150..=250).contains(&http), "{http}");
    assert!((440..=560).contains(&truncated), "{truncated}");
    assert!(
        first
            .iter()
            .all(|plan| !plan.isp && !plan.call_limit && !plan.slow)
    );
}

#[test]
fn certain_faults_hit_only_the_first_k_requests() {
    let limited = FaultConfig {
        isp_rate: 1.0,
        first_requests: Some(3),
        ..config()
    };
    let plans: Vec<bool> = (1..=6).map(|n| limited.plan_for(n).isp).collect();
    assert_eq!(plans, vec![true, true, true, false, false, false]);
}

#[test]
fn ban_counts_down_and_stats_count() {
    let injector = FaultInjector::new(config());
    assert_eq!(injector.ban_remaining_secs(), None);
    assert_eq!(injector.start_ban(), 1);
    assert_eq!(injector.ban_remaining_secs(), Some(1));
    injector.record(FaultKind::CallLimit);
    injector.record_banned();
    let _ = injector.next_request();
    let stats = injector.stats();
    assert_eq!(
        (stats.requests, stats.call_limit, stats.call_limit_banned),
        (1, 1, 1)
    );
}
