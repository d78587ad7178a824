//! Money amounts in yuan: `800`, `¥1,200.50`, `８００元`, `RMB 800`.

use rust_decimal::Decimal;

use super::text::normalize;

/// The largest amount [`parse_amount`] accepts: 100,000,000 yuan.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 0);

/// Most decimal places an amount may have (fen).
const MAX_DECIMALS: usize = 2;

/// Currency marks allowed before the number, compared ignoring ASCII case.
const PREFIXES: [&str; 4] = ["¥", "rmb", "cny", "人民币"];
/// Currency marks allowed after the number, longest first.
const SUFFIXES: [&str; 8] = ["元整", "块钱", "人民币", "元", "块", "rmb", "cny", "yuan"];

/// Why some text is not an amount of money.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MoneyError {
    #[error("no amount given")]
    Empty,
    #[error("not a number")]
    NotANumber,
    #[error("commas must separate groups of three digits")]
    BadSeparator,
    #[error("{got} decimal places given, at most {max} allowed")]
    TooManyDecimals { got: usize, max: usize },
    #[error("amount is negative")]
    Negative,
    #[error("amount is zero")]
    Zero,
    #[error("amount exceeds {limit}")]
    TooLarge { limit: Decimal },
    /// "40多", "40几块": a round figure, not the amount itself.
    #[error("`{about}` is only roughly the amount")]
    Approximate { about: String },
}

impl MoneyError {
    /// Stable template key for the user-facing message.
    pub fn key(&self) -> &'static str {
        match self {
            MoneyError::Empty => "input.money.empty",
            MoneyError::NotANumber => "input.money.not_a_number",
            MoneyError::BadSeparator => "input.money.bad_separator",
            MoneyError::TooManyDecimals { .. } => "input.money.too_many_decimals",
            MoneyError::Negative => "input.money.negative",
            MoneyError::Zero => "input.money.zero",
            MoneyError::TooLarge { .. } => "input.money.too_large",
            MoneyError::Approximate { .. } => "input.money.approximate",
        }
    }

    /// Values the message template may use.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            MoneyError::TooManyDecimals { got, max } => {
                vec![("got", got.to_string()), ("max", max.to_string())]
            }
            MoneyError::TooLarge { limit } => vec![("limit", limit.to_string())],
            MoneyError::Approximate { about } => vec![("about", about.clone())],
            _ => Vec::new(),
        }
    }
}

/// Parses an amount in yuan, keeping the exact decimal value as typed
/// (`800.50` keeps scale 2). Zero is refused unless `allow_zero`.
pub fn parse_amount(text: &str, allow_zero: bool) -> Result<Decimal, MoneyError> {
    let cleaned = normalize(text);
    let cleaned = cleaned.trim_end_matches('。').trim_end();
    if cleaned.is_empty() {
        return Err(MoneyError::Empty);
    }
    let (negative, body) = strip_decorations(cleaned);
    // "2.4k", "1.2万": a number with its magnitude.
    for (suffix, scale) in [
        ("k", 1_000),
        ("K", 1_000),
        ("千", 1_000),
        ("万", 10_000),
        ("w", 10_000),
    ] {
        if let Some(n) = body
            .strip_suffix(suffix)
            .filter(|n| n.ends_with(|c: char| c.is_ascii_digit()))
            && !negative
        {
            let v = (parse_amount(n, true)? * Decimal::from(scale)).normalize();
            return match v {
                v if v.is_zero() && !allow_zero => Err(MoneyError::Zero),
                v if v > MAX_AMOUNT => Err(MoneyError::TooLarge { limit: MAX_AMOUNT }),
                v => Ok(v),
            };
        }
    }
    // "三百", "一千二百块": an amount in Chinese numerals.
    if !negative && let Some(v) = super::numeral::value(body.trim_end_matches(['块', '元', '钱'])) {
        let value = Decimal::from(v);
        return match value {
            v if v.is_zero() && !allow_zero => Err(MoneyError::Zero),
            v if v > MAX_AMOUNT => Err(MoneyError::TooLarge { limit: MAX_AMOUNT }),
            v => Ok(v),
        };
    }
    let (int_digits, frac) = split_number(body)?;
    if negative {
        return Err(MoneyError::Negative);
    }
    // Anything with more integer digits than the limit is over it, and may be
    // too long for `Decimal` to hold at all.
    let significant = int_digits.trim_start_matches('0');
    if significant.len() > MAX_AMOUNT.to_string().len() {
        return Err(MoneyError::TooLarge { limit: MAX_AMOUNT });
    }
    let literal = match frac {
        Some(f) => format!("{int_digits}.{f}"),
        None => int_digits,
    };
    let value = Decimal::from_str_exact(&literal).map_err(|_| MoneyError::NotANumber)?;
    if value.is_zero() && !allow_zero {
        return Err(MoneyError::Zero);
    }
    if value > MAX_AMOUNT {
        return Err(MoneyError::TooLarge { limit: MAX_AMOUNT });
    }
    Ok(value)
}

/// Removes a sign and currency marks; returns whether a minus sign was seen.
fn strip_decorations(s: &str) -> (bool, &str) {
    let (minus_before, s) = strip_sign(s);
    let s = PREFIXES
        .iter()
        .find_map(|p| strip_prefix_ci(s, p))
        .unwrap_or(s)
        .trim_start();
    let (minus_after, s) = strip_sign(s);
    let s = SUFFIXES
        .iter()
        .find_map(|p| strip_suffix_ci(s, p))
        .unwrap_or(s)
        .trim_end();
    (minus_before || minus_after, s)
}

fn strip_sign(s: &str) -> (bool, &str) {
    if let Some(rest) = s.strip_prefix('-') {
        (true, rest.trim_start())
    } else if let Some(rest) = s.strip_prefix('+') {
        (false, rest.trim_start())
    } else {
        (false, s)
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let at = s.len().checked_sub(suffix.len())?;
    let tail = s.get(at..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..at])
}

/// Checks the shape of `1,200.50` and returns the integer digits without
/// separators and the fraction digits.
fn split_number(body: &str) -> Result<(String, Option<&str>), MoneyError> {
    let (int_part, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if int_part.is_empty()
        || !int_part.bytes().all(|b| b.is_ascii_digit() || b == b',')
        || frac.is_some_and(|f| !is_digits(f))
    {
        return Err(MoneyError::NotANumber);
    }
    if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if !first_ok || !groups.all(|g| g.len() == 3) {
            return Err(MoneyError::BadSeparator);
        }
    }
    if let Some(f) = frac.filter(|f| f.len() > MAX_DECIMALS) {
        return Err(MoneyError::TooManyDecimals {
            got: f.len(),
            max: MAX_DECIMALS,
        });
    }
    Ok((int_part.replace(',', ""), frac))
}

#[cfg(test)]
#[path = "money_tests.rs"]
pub(crate) mod tests;
