//! Focused cases: the user's own characters, years left out, numbers that are
//! no money, currency forms, conflicting amounts.

use super::*;

#[test]
fn words_are_the_users_own_characters() {
    let found = at("实付８００元，ＵＨＯＳＴ－１Ａ２Ｂ３Ｃ４Ｄ");
    let words: Vec<&str> = found.facts.iter().map(|f| f.words.as_str()).collect();
    assert_eq!(words, vec!["８００元", "ＵＨＯＳＴ－１Ａ２Ｂ３Ｃ４Ｄ"]);
}

#[test]
fn a_year_left_out_is_chosen_for_the_role_and_said_to_be_chosen() {
    // A purchase is not in the future: 12月 is last December.
    let found = at("12月5日买的");
    let Some(Fact::Start(w)) = found.facts.first().map(|f| &f.fact) else {
        panic!("{found:?}")
    };
    assert!(w.year_inferred);
    assert_eq!(when(w), "2025-12-05");
    // An end follows the purchase, even into the next year.
    assert_eq!(
        facts("11月20日开通，到期2月20日"),
        vec!["start=2025-11-20", "end=2026-02-20"]
    );
    // A planned deletion may lie ahead.
    assert_eq!(facts("打算4月2日删除"), vec!["delete_at=2026-04-02"]);
    let explicit = at("2026年3月1日买的");
    let Some(Fact::Start(w)) = explicit.facts.first().map(|f| &f.fact) else {
        panic!()
    };
    assert!(!w.year_inferred);
}

#[test]
fn numbers_that_are_parts_of_other_things_are_never_money() {
    for text in [
        "2026-03-01 14:00 删的",
        "3个月",
        "打8折",
        "20%",
        "4核8G",
        "uhost-12345678",
        "i-bp1234567890abcd",
        "第3个",
        "$800",
        // Hotlines named: "现在就能去12300", "打12315投诉".
        "11月21号到现在早就超过15天了，现在就能去12300",
        "打12315投诉也行",
        // List markers ("(1) quotes their reply, (2) asks for the data").
        "please (1) quote their reply, (2) ask for the data",
        "（1）引用客服答复（2）要数据",
        "1) the period 2) the figures",
    ] {
        let money = at(text).facts.iter().any(|f| {
            matches!(
                f.fact,
                Fact::Paid(_) | Fact::ListPrice(_) | Fact::Voucher(_) | Fact::Gift(_) | Fact::MonthlyPrice(_)
            )
        });
        let loose = at(text)
            .unclear
            .iter()
            .any(|u| u.kind == UnclearKind::AmountWithoutRole);
        assert!(!money && !loose, "{text}: {:?}", at(text));
    }
}

#[test]
fn currency_forms_are_read() {
    for (text, want) in [
        ("实付800元", "paid=800"),
        ("实付800块", "paid=800"),
        ("paid ¥1,200.50", "paid=1200.50"),
        ("实付￥800", "paid=800"),
        ("paid CNY 800", "paid=800"),
        ("paid RMB 800", "paid=800"),
        ("paid 800 yuan", "paid=800"),
        ("代金券 50", "voucher=50"),
    ] {
        assert_eq!(facts(text), vec![want.to_string()], "{text}");
    }
}

#[test]
fn two_amounts_for_one_role_are_not_guessed() {
    assert_eq!(
        facts("实付800元，后来又实付了900元"),
        vec!["unclear=conflicting_amounts", "unclear=conflicting_amounts"]
    );
    assert_eq!(facts("2026-03-01"), vec!["unclear=date_without_role"]);
}

#[test]
fn focused_cases() {
    for (text, want) in [
        // 包年 is a billing mode, not a length; a length implies no billing.
        ("包年", vec!["billing=yearly"]),
        ("买了一年", vec!["period=1 year"]),
        ("一年半", vec!["period=18 months"]),
        ("per month", vec!["billing=monthly"]),
        ("¥100 per month", vec!["monthly_price=100"]),
        ("100元/月", vec!["monthly_price=100"]),
        // Dates: month/day, day of month, ranges, times.
        ("3/1买的", vec!["start=2026-03-01"]),
        ("15号删的", vec!["delete_at=2026-03-15"]),
        ("2026-03-01T14:00 开通", vec!["start=2026-03-01 14:00"]),
        (
            "from March 1 to March 31",
            vec!["start=2026-03-01", "end=2026-03-31"],
        ),
        ("明天早上9点释放", vec!["delete_at=2026-03-21 09:00"]),
        // A number with its magnitude is an amount.
        ("paid 2.4k for 3 months", vec!["paid=2400", "period=3 months"]),
        ("实付1.2万", vec!["paid=12000"]),
        // Month-day with a dash, before its role word.
        ("3-11下午删的", vec!["delete_at=2026-03-11"]),
        ("3-12提的工单", vec!["submitted=2026-03-12"]),
        ("7-15个工作日到账", vec![]),
        // A total that is the cash and the voucher together is no second payment.
        (
            "总共1350 我微信付了1200 还有个券抵了150",
            vec!["paid=1200", "voucher=150"],
        ),
        // The five-day rule named, or a length denied, is no order length.
        ("is there like a 5 day thing?", vec![]),
        (
            "the 5 days isnt the length, i bought it for 1 year",
            vec!["period=1 year"],
        ),
        ("五天规则还能用吗", vec![]),
        // A ticket that asks for a withdrawal dates the withdrawal.
        ("3月12号我提了工单把钱提现到银行卡", vec!["withdrawal=2026-03-12"]),
        (
            "3月12号提了工单，问退款的事，后来又提现",
            vec!["submitted=2026-03-12"],
        ),
        // A day that ends in 日 takes the time glued to it.
        ("2026年3月1日10:00购买", vec!["start=2026-03-01 10:00"]),
        ("3月1日10点买的", vec!["start=2026-03-01 10:00"]),
        // "晚上9点 21:00": the clock time says the hour again; 21 is no minute.
        ("3月6号晚上9点 21:00删的", vec!["delete_at=2026-03-06 21:00"]),
        ("3月6号晚上9点21删的", vec!["delete_at=2026-03-06 21:21"]),
        ("3月6号晚上9点 21分删的", vec!["delete_at=2026-03-06 21:21"]),
        // One day said twice, with its time and with its role: one moment.
        ("昨天晚上9点就删了 3月19号", vec!["delete_at=2026-03-19 21:00"]),
        ("3月前买的", vec![]),
        ("星期一买的，下周删", vec!["start=2026-03-16"]),
        ("打算周日释放", vec!["delete_at=2026-03-22"]),
        ("2月30日买的", vec![]),
        // Emoji, typos and noise mislead nothing.
        ("😀😀😀 uhost-1a2b3c4d 🙏", vec!["instance=uhost-1a2b3c4d"]),
        ("i payed 800 yaun", vec!["paid=800"]),
        ("v2.0 版本", vec![]),
        ("我有2台服务器", vec![]),
        ("call me at 13800138000", vec![]),
    ] {
        let want: Vec<String> = want.into_iter().map(str::to_owned).collect();
        assert_eq!(facts(text), want, "{text}");
    }
}

#[test]
fn an_hourly_price_named_is_not_the_orders_billing() {
    for text in [
        "today's monthly price is 220, pay-as-you-go 0.45/hour",
        "月价 220，按量 0.45元一小时",
    ] {
        let billing = at(text).facts.iter().any(|f| matches!(f.fact, Fact::Billing(_)));
        assert!(!billing, "{text}: {:?}", at(text));
    }
    // A monthly order with its price is still monthly.
    assert!(
        at("包月 99一个月")
            .facts
            .iter()
            .any(|f| matches!(f.fact, Fact::Billing(_))),
        "monthly"
    );
}

/// What the simulated people of 2026-12-06 wrote, read in context: time
/// used is not the order's length, a bare number joined by 的 to its word
/// is that amount, a shopping festival is no money, "到今天" is no date, a
/// withdrawal has a day of its own, and a date without a role is still a day.
#[test]
fn numbers_and_days_in_the_context_people_wrote_them() {
    for (text, want) in [
        (
            "一年的 用了两天太卡了",
            vec!["period=1 year", "reason=performance"],
        ),
        (
            "原价268 我微信付了218 还用了张50的代金券",
            vec!["list_price=268", "paid=218", "voucher=50"],
        ),
        ("the promo page for Double 11 never said so", vec![]),
        ("到今天还没到账", vec![]),
        ("3月13日申请了提现", vec!["withdrawal=2026-03-13"]),
        (
            "i requested a withdrawal on march 12",
            vec!["withdrawal=2026-03-12"],
        ),
        (
            "原价2000块，我微信付了1800，另外200是平台之前送我的赠金",
            vec!["paid=2000", "gift=200"],
        ),
        ("3月15号在UCloud买了一台", vec!["start=2026-03-15"]),
        (
            "can u guess how much i get back? i dont know the hourly price",
            vec![],
        ),
        ("我不是今天退订的", vec![]),
    ] {
        let want: Vec<String> = want.into_iter().map(str::to_owned).collect();
        assert_eq!(facts(text), want, "{text}");
    }
    let now = Shanghai
        .with_ymd_and_hms(2026, 3, 20, 10, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let said = at("support answered on mar 16");
    assert_eq!(
        said.lone_past_date(now)
            .map(|t| t.with_timezone(&Shanghai).date_naive().to_string()),
        Some("2026-03-16".to_owned()),
        "{said:?}"
    );
}

#[test]
fn days_and_months_in_chinese_numerals_are_dates() {
    // Voice input writes numbers as words ("十一月十二号", "三月十号删的").
    assert_eq!(facts("三月十号删的"), vec!["delete_at=2026-03-10"]);
    assert_eq!(facts("2026年三月一号买的"), vec!["start=2026-03-01"]);
    assert_eq!(facts("十一月十二号申请了提现"), vec!["withdrawal=2025-11-12"]);
    // A length in numerals stays a length.
    assert_eq!(facts("买了十二个月"), vec!["period=12 months"]);
}

#[test]
fn today_now_is_this_moment() {
    // The fixture's clock is 2026-03-20 10:00 in Beijing.
    assert_eq!(facts("删除时间改回今天现在"), vec!["delete_at=2026-03-20 10:00"]);
}

#[test]
fn numbers_read_in_their_context_as_simulated_people_said_them() {
    // (what was said, what it is): each from a stumble of the rounds of
    // simulated people, 2026-12-07. The fixture's clock is 2026-03-20.
    for (text, want) in [
        // What is left is no order length.
        ("现在只剩两周左右", vec![]),
        ("only 2 weeks left on it", vec![]),
        // A sum worked out: only what it comes to.
        ("月单价就是3600÷12=300元", vec!["monthly_price=300"]),
        // A value that names itself with 是, then the next one.
        (
            "总共210 其中30是代金券 180是wx付的",
            vec!["voucher=30", "paid=180"],
        ),
        (
            "一共900，其中800是支付宝付的现金，100是账户赠金",
            vec!["paid=900", "gift=100"],
        ),
        (
            "2400 total. 2000 by alipay and 400 was a voucher",
            vec!["paid=2000", "voucher=400"],
        ),
        // A month-day after its role word, or with a place before it.
        ("11-01买的 到期12-01", vec!["start=2025-11-01", "end=2025-12-01"]),
        ("11-26 在控制台删的", vec!["delete_at=2025-11-26"]),
        // The day support answered.
        ("客服11-28回的", vec!["answered=2025-11-28"]),
    ] {
        assert_eq!(facts(text), want, "{text}");
    }
}

#[test]
fn a_billing_word_before_a_price_names_the_price_not_the_billing() {
    // "…按原价或者按月价算的？" asks how the used part was priced.
    for text in [
        "会不会是按原价或者按月价算的？",
        "已用时间按月单价计算",
        "是不是按年的价格算的",
    ] {
        let found = at(text);
        assert!(
            !found.facts.iter().any(|f| matches!(f.fact, Fact::Billing(_))),
            "{text}: {found:?}"
        );
    }
    assert!(matches!(
        at("按月的").facts.first().map(|f| &f.fact),
        Some(Fact::Billing(_))
    ));
}

#[test]
fn arrears_and_round_figures_are_never_an_amount_to_take() {
    for text in [
        "The account has a small arrears of about 35 CNY",
        "账户还欠费大概35元",
        "我确实看到40几块",
        "只退了40多块",
    ] {
        let found = at(text);
        assert!(
            found.facts.is_empty() && found.unclear.is_empty(),
            "{text}: {found:?}"
        );
    }
    let now = chrono::Utc::now();
    assert!(matches!(
        refund_assistant::input::amount_said("40多 具体没看", now),
        Err(refund_assistant::input::MoneyError::Approximate { .. })
    ));
    assert!(refund_assistant::input::amount_said("退了 43.5", now).is_ok());
}
