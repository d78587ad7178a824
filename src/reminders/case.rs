//! What a stored case means for its reminders.

use super::plan::{CaseDates, EXPIRY_AHEAD_DAYS};
use crate::case::{CaseData, CaseStatus, followup_window, withdrawal_window};
use crate::policy::calendar::Calendar;
use crate::policy::{Profile, Provider, RequestKind};
use chrono::{DateTime, Duration, Utc};

impl CaseDates {
    /// The dates of a case as the planner needs them, at `now`:
    /// - a requested refund, once submitted, waits for the review;
    /// - a self-service refund once submitted, or a requested one once
    ///   approved, waits for the withdrawal;
    /// - a deletion still ahead is planned; and the order's end matters while
    ///   the resource is not deleted (the user wants out of it).
    ///
    /// Drafts, and closed, refunded or rejected cases, get nothing.
    pub fn of_case(status: CaseStatus, data: &CaseData, cal: &Calendar, now: DateTime<Utc>) -> CaseDates {
        let open = matches!(
            status,
            CaseStatus::Quoted | CaseStatus::Submitted | CaseStatus::Approved
        );
        let timeline = data.assessment.as_ref().map(|a| &a.timeline);
        // The window the follow-up uses: a UCloud review when the refund is
        // requested from support, else when the money is due (the other
        // clouds' arrival, ticket or withdrawal time).
        let follow = data
            .submitted_at
            .filter(|_| data.assessment.is_some())
            .and_then(|sub| followup_window(data, sub, cal))
            .map(|w| w.latest);
        let review = Profile::load(data.policy).provider == Provider::Ucloud
            && data.draft.request == Some(RequestKind::Requested);
        let review_end = follow.filter(|_| review && status == CaseStatus::Submitted);
        // A withdrawal counts from the day it was requested; a UCloud
        // deletion refund sits in the balance until one is.
        let ucloud = Profile::load(data.policy).provider == Provider::Ucloud;
        let withdrawal_end = match status {
            _ if data.withdrawal_at.is_some() => withdrawal_window(data, cal).map(|w| w.latest),
            CaseStatus::Approved => timeline.map(|t| t.offline.latest),
            CaseStatus::Submitted if !review && !ucloud => follow,
            _ => None,
        };
        let planned_deletion = data.draft.delete_at.filter(|at| *at > now);
        // Raised before expiry only when the deletion is not planned well
        // before it (then the deletion's own reminder is enough).
        let order_end = data.draft.end.filter(|end| {
            data.draft
                .delete_at
                .is_none_or(|at| at > now && at + Duration::days(EXPIRY_AHEAD_DAYS as i64) >= *end)
        });
        let ladder = if status.remindable() {
            crate::policy::escalation::LadderDates::of(&data.escalation)
        } else {
            Default::default()
        };
        CaseDates {
            open,
            review_end,
            withdrawal_end,
            planned_deletion,
            order_end,
            ladder,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Draft;
    use crate::policy::calendar::Calendar;
    use crate::policy::{Billing, Profile, ProfileId, RequestKind, assess};
    use rust_decimal::Decimal;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).map_or(DateTime::UNIX_EPOCH, |t| t.with_timezone(&Utc))
    }

    /// A monthly host bought 1 March, ending 31 March, deleted at `delete_at`.
    fn case(request: RequestKind, delete_at: &str, submitted: Option<&str>) -> CaseData {
        let draft = Draft {
            billing: Some(Billing::Monthly),
            request: Some(request),
            start: Some(t("2026-02-28T16:00:00Z")),
            end: Some(t("2026-03-30T16:00:00Z")),
            paid: Some(Decimal::from(800)),
            delete_at: Some(t(delete_at)),
            ..Draft::default()
        };
        let facts = draft.facts();
        let submitted_at = submitted.map(t);
        let assessment = facts.and_then(|f| {
            assess(
                &f,
                Profile::load(ProfileId::Ucloud),
                &Calendar::china(),
                submitted_at.unwrap_or(f.at),
            )
            .ok()
        });
        assert!(assessment.is_some(), "the draft is complete");
        CaseData {
            draft,
            assessment,
            submitted_at,
            ..CaseData::default()
        }
    }

    #[test]
    fn a_submitted_requested_refund_waits_for_the_review_only() {
        let c = case(
            RequestKind::Requested,
            "2026-03-10T16:00:00Z",
            Some("2026-03-11T02:00:00Z"),
        );
        let d = CaseDates::of_case(
            CaseStatus::Submitted,
            &c,
            &Calendar::china(),
            t("2026-03-11T03:00:00Z"),
        );
        assert!(d.open);
        assert!(d.review_end.is_some());
        assert_eq!(d.withdrawal_end, None);
        assert_eq!(d.planned_deletion, None, "the deletion is past");
        assert_eq!(d.order_end, None, "deleted before the end");
    }

    #[test]
    fn an_approved_refund_waits_for_the_withdrawal() {
        let c = case(
            RequestKind::Requested,
            "2026-03-10T16:00:00Z",
            Some("2026-03-11T02:00:00Z"),
        );
        let d = CaseDates::of_case(
            CaseStatus::Approved,
            &c,
            &Calendar::china(),
            t("2026-03-12T03:00:00Z"),
        );
        assert_eq!(d.review_end, None);
        assert_eq!(d.withdrawal_end, c.assessment.map(|a| a.timeline.offline.latest));
    }

    #[test]
    fn a_self_service_refund_waits_for_a_withdrawal_only_once_one_is_requested() {
        let mut c = case(
            RequestKind::SelfService,
            "2026-03-10T16:00:00Z",
            Some("2026-03-11T02:00:00Z"),
        );
        let cal = Calendar::china();
        let now = t("2026-03-11T03:00:00Z");
        let d = CaseDates::of_case(CaseStatus::Submitted, &c, &cal, now);
        assert_eq!(d.review_end, None);
        assert_eq!(d.withdrawal_end, None, "the money is in the balance");
        // Asked on Monday 16 March: 7–15 working days from that day.
        c.withdrawal_at = Some(t("2026-03-16T02:00:00Z"));
        let d = CaseDates::of_case(CaseStatus::Submitted, &c, &cal, now);
        let from_request = cal.add_working_days(
            chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap_or_default(),
            15,
        );
        assert_eq!(d.withdrawal_end, Some(from_request));
    }

    #[test]
    fn a_quoted_case_with_a_deletion_ahead_plans_it_and_the_expiry() {
        let c = case(RequestKind::SelfService, "2026-03-29T06:00:00Z", None);
        let d = CaseDates::of_case(
            CaseStatus::Quoted,
            &c,
            &Calendar::china(),
            t("2026-03-11T03:00:00Z"),
        );
        assert_eq!(d.planned_deletion, Some(t("2026-03-29T06:00:00Z")));
        assert_eq!(
            d.order_end,
            Some(t("2026-03-30T16:00:00Z")),
            "deleting near the end"
        );
        let early = case(RequestKind::SelfService, "2026-03-15T06:00:00Z", None);
        let d = CaseDates::of_case(
            CaseStatus::Quoted,
            &early,
            &Calendar::china(),
            t("2026-03-11T03:00:00Z"),
        );
        assert_eq!(
            d.order_end, None,
            "a deletion well before the end is reminder enough"
        );
    }

    #[test]
    fn drafts_and_finished_cases_get_nothing() {
        let c = case(
            RequestKind::Requested,
            "2026-03-29T06:00:00Z",
            Some("2026-03-11T02:00:00Z"),
        );
        for status in [
            CaseStatus::Draft,
            CaseStatus::Rejected,
            CaseStatus::Refunded,
            CaseStatus::Closed,
        ] {
            let d = CaseDates::of_case(status, &c, &Calendar::china(), t("2026-03-11T03:00:00Z"));
            assert!(!d.open, "{status:?}");
            assert!(super::super::plan(&d, &Calendar::china(), t("2026-03-11T03:00:00Z")).is_empty());
        }
    }
}
