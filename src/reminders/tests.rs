use super::*;
use chrono::{NaiveDate, NaiveTime, TimeZone};

fn cal() -> Calendar {
    Calendar::china()
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// A Beijing wall-clock moment.
fn bj(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    let t = NaiveTime::from_hms_opt(h, min, 0).unwrap_or(NaiveTime::MIN);
    Shanghai
        .from_local_datetime(&ymd(y, m, d).and_time(t))
        .earliest()
        .map_or(DateTime::UNIX_EPOCH, |t| t.with_timezone(&Utc))
}

fn open() -> CaseDates {
    CaseDates {
        open: true,
        ..CaseDates::default()
    }
}

fn kinds(p: &[Planned]) -> Vec<(Kind, u32, DateTime<Utc>)> {
    p.iter().map(|p| (p.kind, p.seq, p.due)).collect()
}

#[test]
fn review_reminders_step_over_spring_festival_2026() {
    // The window ends Friday 13 Feb; 14 Feb is a working Saturday, then the
    // holiday runs 15-23 Feb; 28 Feb is a working Saturday.
    let c = CaseDates {
        review_end: Some(ymd(2026, 2, 13)),
        ..open()
    };
    let got = plan(&c, &cal(), bj(2026, 2, 10, 12, 0));
    assert_eq!(
        kinds(&got),
        vec![
            (Kind::Review, 0, bj(2026, 2, 14, 10, 0)),
            (Kind::ReviewOverdue, 1, bj(2026, 2, 26, 10, 0)),
            (Kind::ReviewOverdue, 2, bj(2026, 3, 2, 10, 0)),
            (Kind::ReviewOverdue, 3, bj(2026, 3, 5, 10, 0)),
        ]
    );
}

#[test]
fn withdrawal_reminders_follow_the_offline_window() {
    let c = CaseDates {
        withdrawal_end: Some(ymd(2026, 9, 30)),
        ..open()
    };
    // 1-7 Oct are off, 10 Oct (Saturday) is a working day.
    let got = plan(&c, &cal(), bj(2026, 9, 1, 9, 0));
    assert_eq!(got[0].kind, Kind::Withdrawal);
    assert_eq!(got[0].due, bj(2026, 10, 8, 10, 0));
    assert_eq!(got[1].due, bj(2026, 10, 12, 10, 0), "8, 9, 10 (Sat) then Mon 12");
    assert_eq!(got.len(), 4);
}

#[test]
fn a_moment_already_past_is_dropped_and_the_next_follows_the_rule() {
    let c = CaseDates {
        review_end: Some(ymd(2026, 2, 13)),
        ..open()
    };
    // The user typed a submission long past: first reminder already due.
    let got = plan(&c, &cal(), bj(2026, 2, 27, 8, 0));
    assert_eq!(
        kinds(&got),
        vec![
            (Kind::ReviewOverdue, 2, bj(2026, 3, 2, 10, 0)),
            (Kind::ReviewOverdue, 3, bj(2026, 3, 5, 10, 0)),
        ]
    );
}

#[test]
fn a_closed_case_gets_none() {
    let c = CaseDates {
        open: false,
        review_end: Some(ymd(2026, 2, 13)),
        planned_deletion: Some(bj(2026, 3, 15, 14, 0)),
        ..CaseDates::default()
    };
    assert!(plan(&c, &cal(), bj(2026, 2, 1, 9, 0)).is_empty());
}

#[test]
fn a_planned_deletion_is_raised_that_morning() {
    let c = CaseDates {
        planned_deletion: Some(bj(2026, 3, 15, 14, 0)),
        ..open()
    };
    let got = plan(&c, &cal(), bj(2026, 3, 11, 12, 0));
    assert_eq!(
        kinds(&got),
        vec![(Kind::PlannedDeletion, 0, bj(2026, 3, 15, 9, 0))]
    );
}

#[test]
fn a_deletion_planned_before_nine_is_raised_the_evening_before() {
    let c = CaseDates {
        planned_deletion: Some(bj(2026, 3, 15, 7, 30)),
        ..open()
    };
    let got = plan(&c, &cal(), bj(2026, 3, 11, 12, 0));
    assert_eq!(
        kinds(&got),
        vec![(Kind::PlannedDeletion, 0, bj(2026, 3, 14, 20, 0))]
    );
}

#[test]
fn an_order_the_user_wants_out_of_is_raised_three_days_before_expiry() {
    let c = CaseDates {
        order_end: Some(bj(2026, 3, 31, 0, 0)),
        ..open()
    };
    let got = plan(&c, &cal(), bj(2026, 3, 11, 12, 0));
    assert_eq!(kinds(&got), vec![(Kind::ExpiryAhead, 0, bj(2026, 3, 28, 9, 0))]);
}

#[test]
fn several_reminders_come_out_earliest_first() {
    let c = CaseDates {
        review_end: Some(ymd(2026, 3, 20)),
        planned_deletion: Some(bj(2026, 3, 16, 10, 0)),
        order_end: Some(bj(2026, 4, 1, 0, 0)),
        ..open()
    };
    let got = plan(&c, &cal(), bj(2026, 3, 12, 12, 0));
    let dues: Vec<_> = got.iter().map(|p| p.due).collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted);
    assert_eq!(got[0].kind, Kind::PlannedDeletion);
}

#[test]
fn night_reminders_wait_for_the_morning() {
    assert_eq!(deliverable_at(bj(2026, 3, 2, 23, 30)), bj(2026, 3, 3, 9, 0));
    assert_eq!(deliverable_at(bj(2026, 3, 2, 6, 0)), bj(2026, 3, 2, 9, 0));
    assert_eq!(deliverable_at(bj(2026, 3, 2, 20, 59)), bj(2026, 3, 2, 20, 59));
    assert_eq!(deliverable_at(bj(2026, 3, 2, 21, 0)), bj(2026, 3, 3, 9, 0));
}

#[test]
fn at_most_one_message_a_day() {
    let due = bj(2026, 3, 2, 15, 0);
    // Nothing sent yet: at once.
    assert_eq!(one_per_day(due, None), due);
    // One went out this morning: tomorrow at nine.
    assert_eq!(
        one_per_day(due, Some(bj(2026, 3, 2, 10, 0))),
        bj(2026, 3, 3, 9, 0)
    );
    // The last one was yesterday: at once.
    assert_eq!(one_per_day(due, Some(bj(2026, 3, 1, 20, 0))), due);
}

#[test]
fn kind_names_round_trip() {
    for k in Kind::ALL {
        assert_eq!(Kind::parse(k.as_str()), Some(k));
        assert_eq!(serde_json::to_value(k).ok(), Some(serde_json::json!(k.as_str())));
    }
}
