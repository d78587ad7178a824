//! The money of a case as the picture draws it: what was paid split into
//! what the rules charge for the time used, each deduction, what they keep
//! and the refund (cash and gift parts), from the quote's own figures.

use crate::case::CaseView;
use crate::policy::FindingCode;
use rust_decimal::Decimal;
use serde::Serialize;

/// The breakdown lines that are deductions, each with the label it is drawn with.
const DEDUCTIONS: [(&str, &str); 7] = [
    ("overage", "overage"),
    ("value_added", "value_added"),
    ("value_added_kept", "value_added"),
    ("customisation", "customisation"),
    ("written_notice_penalty", "written_notice_penalty"),
    ("fee_given", "fee"),
    ("fee_implied", "fee"),
];

/// What a part of the bar is.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Charged for the time used.
    Consumed,
    /// A deduction (its label key in `Segment::label`).
    Deduction,
    /// Kept under the rules beyond the above (a rule that refunds nothing,
    /// the 0.01 kept back).
    Kept,
    /// The refund, as cash.
    RefundCash,
    /// The refund's gift-balance part.
    RefundGift,
}

/// One part of the money bar.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Segment {
    pub part: Part,
    /// The label's template key (`picture.seg.*`, `picture.deduction.*`).
    pub label: String,
    pub amount: Decimal,
}

/// The money of a quoted case.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Money {
    pub paid: Decimal,
    pub voucher: Decimal,
    /// Vouchers that come back as vouchers (Huawei).
    pub voucher_returned: Option<Decimal>,
    /// The refund; `None` when the rules give no figure.
    pub refund: Option<Decimal>,
    pub before_fee: bool,
    /// What arrived, when the person said an amount.
    pub received: Option<Decimal>,
    pub segments: Vec<Segment>,
}

fn seg(part: Part, label: &str, amount: Decimal) -> Segment {
    Segment {
        part,
        label: label.to_owned(),
        amount,
    }
}

/// The money of `c`, when it has a quote.
pub fn money(c: &CaseView) -> Option<Money> {
    let q = &c.data.assessment.as_ref()?.quote;
    let figure = q.figure();
    let before_fee = q.has(FindingCode::HandlingFeeUnpublished);
    let mut segments = Vec::new();
    if q.consumed > Decimal::ZERO {
        segments.push(seg(Part::Consumed, "picture.seg.consumed", q.consumed));
    }
    let mut listed = Decimal::ZERO;
    for line in &q.lines {
        let Some((_, label)) = DEDUCTIONS.iter().find(|(k, _)| *k == line.key) else {
            continue;
        };
        let Some(amount) = line.amount.filter(|a| *a > Decimal::ZERO) else {
            continue;
        };
        listed += amount;
        segments.push(seg(
            Part::Deduction,
            &format!("picture.deduction.{label}"),
            amount,
        ));
    }
    if q.deductions > listed {
        segments.push(seg(
            Part::Deduction,
            "picture.deduction.other",
            q.deductions - listed,
        ));
    }
    if let Some(refund) = figure {
        let kept = q.paid - q.consumed - q.deductions.max(listed) - refund;
        if kept > Decimal::ZERO {
            let label = if q.lines.iter().any(|l| l.key == "penny_kept") {
                "picture.deduction.penny_kept"
            } else {
                "picture.seg.kept"
            };
            segments.push(seg(Part::Kept, label, kept));
        }
        if q.refund_gift > Decimal::ZERO {
            segments.push(seg(Part::RefundCash, "picture.seg.refund_cash", q.refund_cash));
            segments.push(seg(Part::RefundGift, "picture.seg.refund_gift", q.refund_gift));
        } else if refund > Decimal::ZERO {
            segments.push(seg(Part::RefundCash, "picture.seg.refund", refund));
        }
    }
    let voucher_returned = q
        .lines
        .iter()
        .find(|l| l.key == "voucher_returned")
        .and_then(|l| l.amount);
    Some(Money {
        paid: q.paid,
        voucher: q.voucher,
        voucher_returned,
        refund: figure,
        before_fee,
        received: c.data.received.filter(|r| Some(*r) != figure),
        segments,
    })
}
