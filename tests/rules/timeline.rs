//! Review and withdrawal windows in working days, with Chinese holidays.

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use refund_assistant::policy::calendar::Calendar;
use refund_assistant::policy::timeline::{Progress, Window, progress, timeline};
use refund_assistant::policy::{Profile, ProfileId};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn noon(y: i32, m: u32, d: u32) -> chrono::DateTime<Utc> {
    Shanghai
        .with_ymd_and_hms(y, m, d, 12, 0, 0)
        .single()
        .expect("valid")
        .with_timezone(&Utc)
}

#[test]
fn a_request_before_spring_festival_2026_is_answered_after_it() {
    // Fri 13 Feb: Sat 14 is a make-up working day, 15–23 are off.
    let t = timeline(
        &Calendar::china(),
        Profile::load(ProfileId::Ucloud),
        noon(2026, 2, 13),
        noon(2026, 2, 13),
        true,
        false,
    );
    let review = t.review.expect("a requested refund is reviewed");
    assert_eq!(review.earliest, day(2026, 2, 14));
    assert_eq!(review.latest, day(2026, 2, 25));
    assert!(t.fallback_years.is_empty());
}

#[test]
fn offline_withdrawal_across_national_day_2026_skips_the_holiday_and_counts_10_october() {
    // Deleted (self-service) on Thu 24 Sep 2026: 25–27 Sep and 1–7 Oct are off,
    // Sun 20 Sep and Sat 10 Oct are working days.
    let t = timeline(
        &Calendar::china(),
        Profile::load(ProfileId::Ucloud),
        noon(2026, 9, 24),
        noon(2026, 9, 24),
        false,
        false,
    );
    assert!(t.review.is_none());
    assert_eq!(t.balance_on, day(2026, 9, 24));
    // 28, 29, 30 Sep, 8, 9, 10 Oct, 12 Oct = 7 working days.
    assert_eq!(t.offline.earliest, day(2026, 10, 12));
}

#[test]
fn a_window_reaching_into_2027_says_it_fell_back_to_weekdays() {
    let t = timeline(
        &Calendar::china(),
        Profile::load(ProfileId::Ucloud),
        noon(2026, 12, 24),
        noon(2026, 12, 24),
        true,
        true,
    );
    assert_eq!(t.fallback_years, vec![2027]);
}

#[test]
fn a_host_deleted_in_march_had_its_refund_in_the_balance_in_march() {
    let t = timeline(
        &Calendar::china(),
        Profile::load(ProfileId::Ucloud),
        noon(2026, 3, 11),
        noon(2026, 11, 26),
        false,
        false,
    );
    assert_eq!(t.balance_on, day(2026, 3, 11));
    // A withdrawal asked for today counts from today.
    assert_eq!(t.offline.from, day(2026, 11, 26));
}

#[test]
fn a_case_is_on_time_then_due_then_overdue_by_working_days() {
    let cal = Calendar::china();
    // Submitted Wed 11 Mar 2026, simple review 1–3 working days: 12–16 Mar.
    let w = Window::new(&cal, day(2026, 3, 11), [1, 3]);
    assert_eq!((w.earliest, w.latest), (day(2026, 3, 12), day(2026, 3, 16)));
    assert_eq!(
        progress(&cal, &w, noon(2026, 3, 11)),
        Progress::OnTime { left: 3 }
    );
    assert_eq!(progress(&cal, &w, noon(2026, 3, 13)), Progress::Due { left: 1 });
    assert_eq!(progress(&cal, &w, noon(2026, 3, 16)), Progress::Due { left: 0 });
    assert_eq!(progress(&cal, &w, noon(2026, 3, 17)), Progress::Overdue { by: 1 });
    assert_eq!(progress(&cal, &w, noon(2026, 3, 23)), Progress::Overdue { by: 5 });
}
