//! The escalation ladder's reminders: the day the company's 15 days are up
//! ("you can now go to MIIT"), a week before the 5-month limit of a fee
//! dispute, the working day MIIT should have decided on accepting, and the
//! day its reply is due (30 days after complete materials). Each at
//! [`DUE_HOUR`] Beijing time on its day; delivery keeps the same daytime,
//! once-a-day rules as every reminder.

use super::plan::{DUE_HOUR, Kind, Planned, morning};
use crate::policy::calendar::Calendar;
use crate::policy::escalation::{LIMIT_WARN_DAYS, LadderDates, miit_accept_by, miit_reply_by};
use chrono::{Days, NaiveDate};

pub(super) fn plan(d: &LadderDates, cal: &Calendar) -> Vec<Planned> {
    let mut out = Vec::new();
    let mut push = |kind: Kind, day: Option<NaiveDate>| {
        if let Some(due) = day.and_then(|d| morning(d, DUE_HOUR)) {
            out.push(Planned { kind, seq: 0, due });
        }
    };
    push(Kind::MiitOpen, d.company_time_up);
    push(
        Kind::FeeLimit,
        d.fee_limit
            .and_then(|l| l.checked_sub_days(Days::new(LIMIT_WARN_DAYS))),
    );
    push(Kind::MiitAccept, d.miit_sent.map(|s| miit_accept_by(cal, s)));
    push(Kind::MiitReply, d.miit_sent.map(miit_reply_by));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::{CaseDates, plan_all};
    use chrono::{DateTime, Utc};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn due(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).map_or(DateTime::UNIX_EPOCH, |t| t.with_timezone(&Utc))
    }

    #[test]
    fn a_complaint_before_national_day_plans_its_clocks_on_the_right_days() {
        let cal = Calendar::china();
        let c = CaseDates {
            // A rejected case: no refund reminders, the ladder's still.
            open: false,
            ladder: LadderDates {
                company_time_up: Some(day("2026-09-28")),
                fee_limit: Some(day("2026-10-05")),
                miit_sent: Some(day("2026-09-29")),
            },
            ..CaseDates::default()
        };
        let p = plan_all(&c, &cal);
        let at = |k: Kind| p.iter().find(|p| p.kind == k).map(|p| p.due);
        // 10:00 Beijing is 02:00 UTC.
        assert_eq!(at(Kind::MiitOpen), Some(due("2026-09-28T02:00:00Z")));
        assert_eq!(
            at(Kind::FeeLimit),
            Some(due("2026-09-28T02:00:00Z")),
            "a week before"
        );
        // Five working days across the holiday (1–7 October): 12 October.
        assert_eq!(at(Kind::MiitAccept), Some(due("2026-10-12T02:00:00Z")));
        // Thirty calendar days, the holiday included.
        assert_eq!(at(Kind::MiitReply), Some(due("2026-10-29T02:00:00Z")));
    }
}
