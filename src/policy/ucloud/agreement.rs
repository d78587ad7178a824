//! UCloud's user agreement was renumbered on 2026-04-20 (a new clause 13 on
//! price changes): the refund grounds are clause 14 for orders before that
//! day and clause 15 from it; the arrears clause 13, then 14. A letter cites
//! the number in force on the order date, or the clause by its subject when
//! the date is not known.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// The day the renumbered agreement took effect (Shanghai date).
pub fn renumbered_on() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 4, 20).unwrap_or_default()
}

/// The clause numbers in force for an order; `None` numbers when the order
/// date is not known (the texts then cite the clause by its subject).
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clauses {
    /// The refund grounds (without a reason, no refund, except…).
    pub refund: Option<u8>,
    /// Expiry, arrears and late fees.
    pub arrears: Option<u8>,
}

/// The clauses in force on the day an order was placed (its start).
pub fn clauses(order_start: Option<DateTime<Utc>>) -> Clauses {
    match order_start.map(crate::policy::timeline::local_date) {
        Some(day) if day >= renumbered_on() => Clauses {
            refund: Some(15),
            arrears: Some(14),
        },
        Some(_) => Clauses {
            refund: Some(14),
            arrears: Some(13),
        },
        None => Clauses {
            refund: None,
            arrears: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Asia::Shanghai;

    fn at(d: u32, h: u32) -> Option<DateTime<Utc>> {
        Shanghai
            .with_ymd_and_hms(2026, 4, d, h, 0, 0)
            .single()
            .map(|t| t.with_timezone(&Utc))
    }

    #[test]
    fn orders_from_20_april_2026_cite_15_and_14_earlier_ones_14_and_13() {
        assert_eq!(clauses(at(20, 0)).refund, Some(15));
        assert_eq!(clauses(at(20, 0)).arrears, Some(14));
        // 19 April 23:00 in Shanghai is still the old agreement.
        assert_eq!(clauses(at(19, 23)).refund, Some(14));
        assert_eq!(clauses(at(19, 23)).arrears, Some(13));
        assert_eq!(clauses(None).refund, None);
    }
}
