//! Why a case cannot be quoted, and the largest amount any rule accepts.

use rust_decimal::Decimal;
use thiserror::Error;

/// The largest amount the engine accepts, in yuan: anything above is a typo.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 0);

/// Why a case cannot be quoted. Each names the field at fault.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum QuoteError {
    #[error("no order: at least one order is needed")]
    NoOrders,
    #[error("order {index}: the end must be after the start")]
    EndNotAfterStart { index: usize },
    #[error("order {index}: a new or upgrade order must have a positive amount paid")]
    PaidNotPositive { index: usize },
    #[error("{field}: must not be negative")]
    Negative { field: &'static str },
    #[error("{field}: more than {MAX_AMOUNT} is not a plausible amount")]
    Absurd { field: &'static str },
    #[error("gift: the gift part cannot be more than what was paid")]
    GiftExceedsPaid,
    #[error("{field}: a used share must be between 0 and 1")]
    ShareOutOfRange { field: &'static str },
}
