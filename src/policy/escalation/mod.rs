//! The escalation ladder after the provider says no (pure): the provider's
//! own complaint, the MIIT telecom complaint (电信用户申诉处理办法), 12315
//! (市场监督管理投诉举报处理暂行办法), then mediation and small claims. Each
//! route's precondition is checked against the case's dates; the letters'
//! required fields are listed per body. Sources and caveats:
//! `escalation-facts.md` (MIIT art. 10–12, SAMR Order 20 art. 9, 15).
//!
//! Days are Beijing calendar days ("15 days", "5 months", "30 days" in the
//! regulations); acceptance decisions are in working days on the holiday
//! calendar.

mod respondents;

pub use respondents::{Respondent, respondent};

use crate::policy::calendar::Calendar;
use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Days the company has to answer a complaint before MIIT takes it (art. 10).
pub const COMPANY_DAYS: u64 = 15;
/// A fee dispute older than this is not accepted by MIIT (art. 11).
pub const FEE_DISPUTE_MONTHS: u32 = 5;
/// MIIT replies within this many days of complete materials.
pub const MIIT_REPLY_DAYS: u64 = 30;
/// MIIT decides whether it accepts within this many working days.
pub const MIIT_ACCEPT_WORKING_DAYS: u32 = 5;
/// 12315 decides whether it accepts within this many working days (art. 14).
pub const SAMR_ACCEPT_WORKING_DAYS: u32 = 7;
/// 12315 does not accept a complaint this long after the harm was known (art. 15(4)).
pub const SAMR_LIMIT_YEARS: u32 = 3;
/// The fee-dispute limit is raised this many days ahead.
pub const LIMIT_WARN_DAYS: u64 = 7;

/// The outside body a complaint goes to.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    /// The provincial telecom user complaint centre (MIIT), 12300.
    Miit,
    /// The county-level market regulator, 12315.
    Samr,
}

impl Body {
    pub fn as_str(self) -> &'static str {
        match self {
            Body::Miit => "miit",
            Body::Samr => "samr",
        }
    }

    pub fn parse(s: &str) -> Option<Body> {
        [Body::Miit, Body::Samr].into_iter().find(|b| b.as_str() == s)
    }

    /// The fields a complaint to this body must carry (MIIT art. 12, SAMR art. 9).
    pub fn fields(self) -> &'static [Field] {
        match self {
            Body::Miit => &[
                Field::Name,
                Field::Address,
                Field::Phone,
                Field::Postcode,
                Field::RespondentName,
                Field::RespondentAddress,
            ],
            Body::Samr => &[
                Field::Name,
                Field::Phone,
                Field::Address,
                Field::RespondentName,
                Field::RespondentAddress,
            ],
        }
    }
}

/// A detail a complaint letter needs that the case does not hold.
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumString, strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Field {
    Name,
    Address,
    Phone,
    Postcode,
    RespondentName,
    RespondentAddress,
    /// The provider's ticket number for the formal complaint.
    Ticket,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Field> {
        s.parse().ok()
    }
}

/// The complainant's and respondent's details as the user gave them.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct Details {
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub postcode: Option<String>,
    pub respondent_name: Option<String>,
    pub respondent_address: Option<String>,
}

impl Details {
    pub fn get(&self, f: Field) -> Option<&str> {
        match f {
            Field::Name => self.name.as_deref(),
            Field::Address => self.address.as_deref(),
            Field::Phone => self.phone.as_deref(),
            Field::Postcode => self.postcode.as_deref(),
            Field::RespondentName => self.respondent_name.as_deref(),
            Field::RespondentAddress => self.respondent_address.as_deref(),
            Field::Ticket => None,
        }
    }

    pub fn set(&mut self, f: Field, v: String) {
        let slot = match f {
            Field::Name => &mut self.name,
            Field::Address => &mut self.address,
            Field::Phone => &mut self.phone,
            Field::Postcode => &mut self.postcode,
            Field::RespondentName => &mut self.respondent_name,
            Field::RespondentAddress => &mut self.respondent_address,
            Field::Ticket => return,
        };
        *slot = Some(v);
    }

    /// The details with the respondent filled from the data file where the
    /// user gave nothing.
    pub fn with_respondent(&self, r: &Respondent) -> Details {
        let mut d = self.clone();
        if d.respondent_name.is_none() {
            d.respondent_name = r.name.clone();
        }
        if d.respondent_address.is_none() {
            d.respondent_address = r.address.clone();
        }
        d
    }

    /// The fields `body` requires that are still missing, in the order asked.
    pub fn missing(&self, body: Body) -> Vec<Field> {
        body.fields()
            .iter()
            .copied()
            .filter(|f| self.get(*f).is_none_or(|v| v.trim().is_empty()))
            .collect()
    }
}

/// A complaint sent to an outside body.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Escalated {
    pub body: Body,
    pub at: DateTime<Utc>,
}

/// Where a case stands on the ladder (kept in the case).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct Ladder {
    /// The day the dispute arose, as computed from the case (the first
    /// refusal, else the request, else the deletion).
    pub arose: Option<NaiveDate>,
    /// The formal complaint to the provider, and its ticket number.
    pub complained_at: Option<DateTime<Utc>>,
    pub ticket: Option<String>,
    /// The provider answered that complaint and the user is not satisfied.
    pub unsatisfied: bool,
    /// The account is a company's (`None`: not asked yet).
    pub company: Option<bool>,
    pub details: Details,
    pub escalated: Vec<Escalated>,
}

impl Ladder {
    pub fn sent_to(&self, body: Body) -> Option<DateTime<Utc>> {
        self.escalated.iter().find(|e| e.body == body).map(|e| e.at)
    }
}

/// The day after which MIIT no longer accepts the fee dispute.
pub fn fee_limit(arose: NaiveDate) -> NaiveDate {
    arose
        .checked_add_months(Months::new(FEE_DISPUTE_MONTHS))
        .unwrap_or(arose)
}

/// The first day MIIT accepts a complaint the company has not answered.
pub fn company_time_up(complained: NaiveDate) -> NaiveDate {
    complained
        .checked_add_days(Days::new(COMPANY_DAYS))
        .unwrap_or(complained)
}

/// Whether the MIIT route is open today.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum Miit {
    /// No formal complaint to the provider yet (art. 10, 13): a complaint
    /// made today opens the route on `if_today`; a fee dispute is accepted
    /// until `limit`.
    NeedsComplaint {
        if_today: NaiveDate,
        limit: Option<NaiveDate>,
    },
    /// The company still has until `from` to answer (art. 10).
    Wait {
        from: NaiveDate,
        limit: Option<NaiveDate>,
    },
    /// Open; a fee dispute is accepted until `limit` (art. 11).
    Open { limit: Option<NaiveDate> },
    /// The fee dispute is more than 5 months old (art. 11).
    TooLate { limit: NaiveDate },
}

/// The MIIT route for a case at `today` (a Beijing date).
pub fn miit(l: &Ladder, today: NaiveDate) -> Miit {
    let limit = l.arose.map(fee_limit);
    if let Some(limit) = limit.filter(|limit| today > *limit) {
        return Miit::TooLate { limit };
    }
    let Some(complained) = l.complained_at else {
        return Miit::NeedsComplaint {
            if_today: company_time_up(today),
            limit,
        };
    };
    let from = company_time_up(crate::policy::timeline::local_date(complained));
    if l.unsatisfied || today >= from {
        Miit::Open { limit }
    } else {
        Miit::Wait { from, limit }
    }
}

/// Whether the 12315 route is open.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum Samr {
    /// The company first (both bodies send a user back who has not complained).
    NeedsComplaint,
    /// The account is a company's: purchases for business use are likely
    /// outside 12315 (art. 15(3)); the user may still try.
    Company {
        limit: Option<NaiveDate>,
    },
    /// Not asked yet whether the purchase was personal.
    Ask,
    Open {
        limit: Option<NaiveDate>,
    },
    /// More than 3 years after the harm was known (art. 15(4)).
    TooLate {
        limit: NaiveDate,
    },
}

pub fn samr(l: &Ladder, today: NaiveDate) -> Samr {
    let limit = l
        .arose
        .and_then(|a| a.checked_add_months(Months::new(12 * SAMR_LIMIT_YEARS)));
    if let Some(limit) = limit.filter(|limit| today > *limit) {
        return Samr::TooLate { limit };
    }
    if l.complained_at.is_none() {
        return Samr::NeedsComplaint;
    }
    match l.company {
        None => Samr::Ask,
        Some(true) => Samr::Company { limit },
        Some(false) => Samr::Open { limit },
    }
}

/// The dates the ladder's reminders are planned from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LadderDates {
    /// The company's 15 days end (not when it already answered).
    pub company_time_up: Option<NaiveDate>,
    /// The fee-dispute limit, while nothing was sent to MIIT.
    pub fee_limit: Option<NaiveDate>,
    /// The day the MIIT complaint was sent with complete materials.
    pub miit_sent: Option<NaiveDate>,
}

impl LadderDates {
    pub fn of(l: &Ladder) -> LadderDates {
        let miit_sent = l.sent_to(Body::Miit).map(crate::policy::timeline::local_date);
        LadderDates {
            company_time_up: l
                .complained_at
                .filter(|_| !l.unsatisfied && miit_sent.is_none())
                .map(|c| company_time_up(crate::policy::timeline::local_date(c))),
            fee_limit: l.arose.filter(|_| miit_sent.is_none()).map(fee_limit),
            miit_sent,
        }
    }
}

/// MIIT's decision on accepting is due by this working day.
pub fn miit_accept_by(cal: &Calendar, sent: NaiveDate) -> NaiveDate {
    cal.add_working_days(sent, MIIT_ACCEPT_WORKING_DAYS)
}

/// MIIT's reply is due by this day (30 days after complete materials).
pub fn miit_reply_by(sent: NaiveDate) -> NaiveDate {
    sent.checked_add_days(Days::new(MIIT_REPLY_DAYS)).unwrap_or(sent)
}

/// 12315's decision on accepting is due by this working day.
pub fn samr_accept_by(cal: &Calendar, sent: NaiveDate) -> NaiveDate {
    cal.add_working_days(sent, SAMR_ACCEPT_WORKING_DAYS)
}

#[cfg(test)]
mod tests;
