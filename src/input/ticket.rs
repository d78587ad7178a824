//! A ticket number named as one ("工单号T20261126-0831", "ticket no.
//! CS20261110-0457"): kept with the case and quoted in its letters.

use regex::Regex;
use std::sync::LazyLock;

static TICKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:工单(?:号|编号)?|单号|流水号|申请编号|ticket\s*(?:number|no\.?|id|#)?|(?:withdrawal|request|reference)\s*(?:number|no\.?|id|#))(?:\s*(?:是|为|:|：|#|is|was))*\s*([A-Z0-9][A-Z0-9_-]{4,39})",
    )
    .expect("ticket pattern")
});

/// A token shaped like a ticket number: letters, then a long run of digits
/// with dashes ("UC-20261121-0932", "UC20261128-3319").
static SHAPED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)([A-Z]{1,6}-?[0-9]{6,}(?:-[0-9]+)*)(?-u:\b)").expect("ticket shape")
});

/// A day written with separators ("2026-11-28", "2026/11/28"): a ticket's
/// date, never its number ("submitted the ticket 2026-11-28").
static DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\d{4}[-/.])?\d{1,2}[-/.]\d{1,2}$").expect("day shape"));

/// The word for a ticket, anywhere in the text.
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)工单|单号|ticket").expect("ticket word"));

/// The ticket number the text names after 工单号 / ticket, as written
/// (at least five characters, one of them a digit); else, in a text that
/// speaks of a ticket ("工单是12月3号提的，UC-20261203-1188"), the one token
/// shaped like a ticket number.
pub fn ticket_number(text: &str) -> Option<String> {
    let text = spoken_digits(&super::text::normalize(text));
    TICKET
        .captures_iter(&text)
        // "订单号" is the order's number, not a ticket's.
        .filter(|c| c.get(0).is_some_and(|m| !text[..m.start()].ends_with('订')))
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str().trim_end_matches(['-', '_']).to_owned())
        .find(|t| t.chars().any(|c| c.is_ascii_digit()) && t.len() >= 5 && !DAY.is_match(t))
        .or_else(|| {
            WORD.is_match(&text)
                .then(|| {
                    SHAPED
                        .captures(&text)
                        .and_then(|c| c.get(1))
                        .map(|m| m.as_str().to_owned())
                })
                .flatten()
        })
}

/// Digits said one by one, as voice input writes them ("零零四五一二七七三三"):
/// a run of five or more becomes the digits it spells; shorter runs stay.
fn spoken_digits(text: &str) -> String {
    const SPOKEN: [char; 11] = ['零', '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |c: char| {
        SPOKEN
            .iter()
            .position(|d| *d == c)
            .map(|k| if k == 0 { 0 } else { k - 1 })
    };
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().count() >= 5 {
            out.extend(
                run.chars()
                    .filter_map(digit)
                    .filter_map(|k| char::from_digit(k as u32, 10)),
            );
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if digit(c).is_some() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::ticket_number;

    #[test]
    fn a_ticket_number_said_digit_by_digit() {
        assert_eq!(
            ticket_number("工单号是零零四五一二七七三三客服说七到十五个工作日到账"),
            Some("0045127733".to_owned())
        );
        assert_eq!(ticket_number("工单号是一二三"), None);
    }

    #[test]
    fn a_ticket_number_after_is_and_a_hash() {
        assert_eq!(
            ticket_number("sent it in a ticket the next day. Ticket number is #88231."),
            Some("88231".to_owned())
        );
        assert_eq!(
            ticket_number("工单号是：#T20261126"),
            Some("T20261126".to_owned())
        );
        assert_eq!(
            ticket_number("10. paid by bank card. ticket was #55810327, 140 CNY"),
            Some("55810327".to_owned())
        );
    }

    #[test]
    fn a_day_after_the_word_ticket_is_when_it_was_sent_not_its_number() {
        assert_eq!(
            ticket_number("submitted the ticket 2026-11-28. support replied 2026-12-02"),
            None
        );
        assert_eq!(ticket_number("工单 2026/11/28 提的"), None);
        assert_eq!(
            ticket_number("ticket 2026-11-28, number UC20261128-0042").as_deref(),
            Some("UC20261128-0042")
        );
    }

    #[test]
    fn a_withdrawal_request_number_is_its_ticket_and_an_order_number_is_not() {
        assert_eq!(
            ticket_number("提现单号TX20261123-5521 要写进去").as_deref(),
            Some("TX20261123-5521")
        );
        assert_eq!(
            ticket_number("withdrawal number is WD-2026112301").as_deref(),
            Some("WD-2026112301")
        );
        assert_eq!(ticket_number("订单号 202611230001 的那台"), None);
    }

    #[test]
    fn a_ticket_shaped_token_counts_where_a_ticket_is_spoken_of() {
        assert_eq!(
            ticket_number("I already opened a ticket about this: UC-20261121-0932.").as_deref(),
            Some("UC-20261121-0932")
        );
        assert_eq!(
            ticket_number("工单是12月3号提的，UC-20261203-1188").as_deref(),
            Some("UC-20261203-1188")
        );
        assert_eq!(ticket_number("uhost-1a2b3c4d 3月1日买的"), None);
    }

    #[test]
    fn a_ticket_named_as_one_is_read_as_written() {
        assert_eq!(
            ticket_number("不知道，工单号T20261126-0831，12月2号客服回复").as_deref(),
            Some("T20261126-0831")
        );
        assert_eq!(
            ticket_number("工单编号：CS20261110-0457").as_deref(),
            Some("CS20261110-0457")
        );
        assert_eq!(
            ticket_number("my ticket no. CS20261110-0457 was closed").as_deref(),
            Some("CS20261110-0457")
        );
        assert_eq!(ticket_number("ticket #88123456").as_deref(), Some("88123456"));
    }

    #[test]
    fn words_and_bare_numbers_are_no_ticket() {
        assert_eq!(ticket_number("我提了工单"), None);
        assert_eq!(ticket_number("工单号呢？"), None);
        assert_eq!(ticket_number("I opened a ticket yesterday"), None);
        assert_eq!(ticket_number("退了380"), None);
        assert_eq!(ticket_number("工单 2 个工作日内处理"), None);
    }
}
