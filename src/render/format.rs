//! Language-aware filters for templates (money, dates) and the conversion of
//! rendered Telegram HTML to terminal text.

use chrono::{DateTime, Datelike, NaiveDate, Timelike};
use chrono_tz::Asia::Shanghai;
use minijinja::{Environment, Error, ErrorKind, State, Value};
use rust_decimal::Decimal;
use std::str::FromStr;

/// An error for a filter given the wrong kind of value.
fn bad_value(what: &str) -> Error {
    Error::new(ErrorKind::InvalidOperation, what.to_owned())
}

/// `1234.5` → `1,234.50`.
pub fn group_money(x: Decimal) -> String {
    let s = format!("{:.2}", x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if x.is_sign_negative() && !x.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{grouped}.{frac}")
}

fn decimal_of(v: &Value) -> Result<Decimal, Error> {
    if let Some(s) = v.as_str() {
        return Decimal::from_str(s).map_err(|_| bad_value("money filter needs a number"));
    }
    if let Ok(i) = i64::try_from(v.clone()) {
        return Ok(Decimal::from(i));
    }
    if let Ok(f) = f64::try_from(v.clone()) {
        return Decimal::try_from(f).map_err(|_| bad_value("money filter needs a number"));
    }
    Err(bad_value("money filter needs a number"))
}

/// A date (and time) written by the language's own template (`fmt.*`), from
/// its parts: year, month, day (also zero-padded), weekday (0 = Monday), hour, minute.
fn parts(key: &str, state: &State, d: NaiveDate, time: Option<(u32, u32)>) -> Result<String, Error> {
    let (hour, minute) = time.unwrap_or_default();
    let ctx = minijinja::context! {
        y => d.year(), m => d.month(), d => d.day(),
        m2 => format!("{:02}", d.month()), d2 => format!("{:02}", d.day()),
        wd => d.weekday().num_days_from_monday(),
        hh => format!("{hour:02}"), mm => format!("{minute:02}"),
        timed => time.is_some(),
    };
    state.env().get_template(key)?.render(ctx)
}

fn date_of(v: &Value) -> Result<NaiveDate, Error> {
    let s = v
        .as_str()
        .ok_or_else(|| bad_value("date filter needs a date string"))?;
    if let Ok(d) = NaiveDate::from_str(s) {
        return Ok(d);
    }
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Shanghai).date_naive())
        .map_err(|_| bad_value("date filter needs YYYY-MM-DD or RFC 3339"))
}

pub fn register(env: &mut Environment<'static>) {
    env.add_filter("plain", |v: String| plain(&v));
    env.add_filter("money", |v: Value| -> Result<String, Error> {
        Ok(format!("¥{}", group_money(decimal_of(&v)?)))
    });
    env.add_filter("amount", |v: Value| -> Result<String, Error> {
        Ok(group_money(decimal_of(&v)?))
    });
    env.add_filter("date", |state: &State, v: Value| -> Result<String, Error> {
        parts("fmt.date", state, date_of(&v)?, None)
    });
    env.add_filter("short_date", |state: &State, v: Value| -> Result<String, Error> {
        parts("fmt.short_date", state, date_of(&v)?, None)
    });
    env.add_filter("datetime", |state: &State, v: Value| -> Result<String, Error> {
        let s = v
            .as_str()
            .ok_or_else(|| bad_value("datetime filter needs RFC 3339"))?;
        let d = DateTime::parse_from_rfc3339(s)
            .map_err(|_| bad_value("datetime filter needs RFC 3339"))?
            .with_timezone(&Shanghai);
        parts(
            "fmt.datetime",
            state,
            d.date_naive(),
            Some((d.hour(), d.minute())),
        )
    });
    // A moment as the person gave it: a date said without a time (stored
    // as midnight) stays a date, in letters that carry only their facts.
    env.add_filter("moment", |state: &State, v: Value| -> Result<String, Error> {
        let s = v
            .as_str()
            .ok_or_else(|| bad_value("moment filter needs RFC 3339"))?;
        let d = DateTime::parse_from_rfc3339(s)
            .map_err(|_| bad_value("moment filter needs RFC 3339"))?
            .with_timezone(&Shanghai);
        let time = (d.hour(), d.minute());
        parts(
            "fmt.moment",
            state,
            d.date_naive(),
            (time != (0, 0)).then_some(time),
        )
    });
}

/// Telegram HTML → plain terminal text: tags dropped, entities decoded.
pub fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    if !out.contains('&') {
        return out;
    }
    // The entities the escaper writes, in one pass (`&amp;lt;` stays `&lt;`).
    const ENTITIES: [(&str, &str); 7] = [
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#x27;", "'"),
        ("&#39;", "'"),
        ("&#x2f;", "/"),
        ("&amp;", "&"),
    ];
    let mut decoded = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at..];
        match ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
            Some((e, c)) => {
                decoded.push_str(c);
                rest = &rest[e.len()..];
            }
            None => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_with_two_decimals() {
        assert_eq!(group_money(Decimal::new(12345, 1)), "1,234.50");
        assert_eq!(group_money(Decimal::new(-221, 2)), "-2.21");
        assert_eq!(group_money(Decimal::new(100000000, 0)), "100,000,000.00");
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        assert_eq!(plain("<b>a &lt;b&gt; &amp; c</b>"), "a <b> & c");
        assert_eq!(plain("&amp;lt; &#39;x&#x27; & y &quot;"), "&lt; 'x' & y \"");
    }
}
