//! What every provider's rules share, and that imports none of them: the
//! input checks and their errors, the five-day window, the draft of a quote
//! and how it is finished, the billing the rules exclude, what a case may
//! still need, and the [`RuleFamily`] trait each provider implements.

pub mod checks;
pub mod draft;
pub mod error;
pub mod exclusions;
pub mod expiry;
pub mod family;
pub mod need;
pub mod window;

pub use draft::{NO_FIGURE, gift_share};
pub use error::{MAX_AMOUNT, QuoteError};
pub use family::RuleFamily;
pub use need::{Need, Needed};
pub use window::{FiveDays, five_day_applies, five_day_last, five_days};

pub(crate) use checks::check_case;
pub(crate) use draft::{Draft, finish};
pub(crate) use window::five_day_unsure;
