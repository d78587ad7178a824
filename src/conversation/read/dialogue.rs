//! The words of the dialogue acts, loaded once: the clause words
//! (`clauses::Words`) and the phrases of each event a person may report.

use crate::conversation::read::clauses::{Words, contains_any, hits, is_only, mask_a_not_a};
use crate::conversation::read::event::{Event, Social};
use crate::conversation::read::words::list;
use crate::render::Renderer;

pub struct Dialogue {
    pub words: Words,
    /// Each event's phrases, the more specific events first.
    events: Vec<(Event, Vec<String>)>,
    /// Phrases that deny an event by themselves ("还没申请", "wasn't
    /// rejected"), the negation inside them.
    denials: Vec<(Event, Vec<String>)>,
    /// "能先空着吗", "can I leave it blank": a field left for later.
    pub skip: Vec<String>,
    /// "这封信", "the letter": the letter on screen named.
    pub letter: Vec<String>,
    /// "帮我写一段", "write me a message": a request for a text, even said as
    /// a yes/no question ("能帮我写一段吗").
    pub write: Vec<String>,
    /// "这是什么意思", "what does this mean": a question about the screen.
    pub this_means: Vec<String>,
    /// "这个有影响吗", "does that matter": about the question on screen.
    pub matters: Vec<String>,
    /// "能把这段写进去吗": words for the case's letters.
    pub letter_add: Vec<String>,
    /// "再发一遍", "send it again": the letter named, asked for once more.
    pub letter_again: Vec<String>,
    /// "别再发信了", "same letter again": the letter not wanted again.
    pub letter_refused: Vec<String>,
    /// "帮", "can you": a request made of the bot ("让外包写个说明" is not).
    pub to_me: Vec<String>,
    /// "原话", "their actual words were": support's own words follow.
    pub own_words: Vec<String>,
    /// "写得客气一点": the softer tone (the button's own phrases).
    pub letter_softer: Vec<String>,
    /// "写进申诉稿", "in the letter": words meant for the letter.
    pub letter_into: Vec<String>,
    /// "the one to send if it's late after the 17th": the chase-up for
    /// when the clock has run out, asked for before it has.
    pub letter_ahead: Vec<String>,
    /// "a message I can send", "发给客服的话": something to send.
    pub letter_send: Vec<String>,
    /// "那我今天就去…提交", "I'll file it tomorrow": a plan, no event.
    pub intends: Vec<String>,
    /// "工单", "ticket": a request asked of support.
    pub ticket: Vec<String>,
    /// "Can you help me?", "能帮帮我吗": help asked for, nothing else.
    help_me: Vec<String>,
    /// "页面上根本没看到什么特惠不退": a promotion's no-refund rule never shown
    /// (a word of not seeing, and one of what was not seen).
    pub not_shown: (Vec<String>, Vec<String>),
    /// "…对不", "…right?": a statement checked at its end.
    pub confirm_tags: Vec<String>,
    /// "这里可以问云服务器退款的事情吗": whether the bot is the place to ask.
    can_ask: Vec<String>,
    /// "第一段还写着“…”，这两句必须删掉": the letter's own words quoted, not support's.
    pub letter_own: Vec<String>,
    /// "补充说明", "the added note": the sentences the person asked to add.
    pub letter_note: Vec<String>,
    /// "…，对吗？": what was said is checked, not asked to be computed.
    pub confirm: Vec<String>,
    /// "刚不是说了吗", "i told you": said again, not asked.
    pub told: Vec<String>,
    /// "这正常吗", "is this normal": whether a delay is normal.
    pub normal: Vec<String>,
    /// "如果", "what if": a moment supposed, not told.
    pub what_if: Vec<String>,
    /// "帮我算一下", "work it out": the figure asked to be computed.
    pub compute: Vec<String>,
    /// "定制配置", "custom-built": a customised server, said in passing.
    pub customised: Vec<String>,
    /// "充值", "topped up": a day in a question is the top-up's only with these.
    pub topup: Vec<String>,
    /// "拖到", "until": the day a server is kept until, in a what-if.
    pub what_if_until: Vec<String>,
    /// "余额", "balance": where a refund lands; "卡", "支付宝": where a
    /// withdrawal goes (money in the balance is no withdrawal arrived).
    pub balance: Vec<String>,
    pub channel: Vec<String>,
    /// "only got", "只退了": the amount after them is what came.
    pub came: Vec<String>,
    /// Words of a case's course: approved, appeal, counted from the request.
    pub case: super::case_words::CaseWords,
    /// "少了快400块", "short by 400": the number after them is a shortfall,
    /// not what came.
    pub difference: Vec<String>,
    /// "第一次拒是…", "first refused on": the first refusal's day told.
    pub first_refusal: Vec<String>,
    /// Who is quoted ("客服", "回复", "support replied") and what a refusal
    /// says inside the quote ("不支持退订退款"): support's words quoted at
    /// any length report the refusal.
    quote_by: Vec<String>,
    quote_refuses: Vec<String>,
    /// "我是管理员子账号", "I'm the finance contact": who applies, said in words.
    pub admin: Vec<String>,
    pub finance: Vec<String>,
    /// "投诉", "12300", "complaint": a text asked for the ladder, by name.
    pub escalation: Vec<String>,
    /// A phone call or number asked about ("要不要打电话", "客服电话多少").
    pub phone: Vec<String>,
    /// Words that hold an event's phrase and are no event ("it came with
    /// the plan"): masked before events are looked for.
    not_events: Vec<String>,
    /// "what?", "啥？": surprise, not a question.
    pub surprise: Vec<String>,
    /// "算了", "ok": said before an option's number, nothing by themselves.
    pub option_filler: Vec<String>,
    /// "friday", "周五": a weekday named.
    pub weekday: Vec<String>,
}

impl Dialogue {
    pub fn load(r: &Renderer) -> Dialogue {
        let events = Event::ALL
            .iter()
            .map(|e| {
                let mut phrases = list(r, &format!("act.event.{}", e.as_str()));
                // The follow-up phrase lists of `intents.toml` name four of them.
                let intent = match e {
                    Event::Rejected => Some("intent.rejected"),
                    Event::NotArrived => Some("intent.not_arrived"),
                    Event::Different => Some("intent.different_amount"),
                    Event::Submitted => Some("intent.submitted"),
                    _ => None,
                };
                if let Some(key) = intent {
                    phrases.extend(list(r, key));
                }
                (*e, phrases)
            })
            .collect();
        let denials = [Event::Submitted, Event::Rejected, Event::Deleted, Event::Arrived]
            .iter()
            .map(|e| (*e, list(r, &format!("act.denied.{}", e.as_str()))))
            .collect();
        Dialogue {
            words: Words::load(r),
            events,
            denials,
            skip: list(r, "act.skip"),
            letter: list(r, "act.letter"),
            write: list(r, "act.write"),
            this_means: list(r, "act.this_means"),
            matters: list(r, "act.matters"),
            letter_add: list(r, "act.letter.add"),
            letter_again: list(r, "act.letter.again"),
            letter_refused: list(r, "act.letter.refused"),
            to_me: list(r, "act.to_me"),
            own_words: list(r, "act.support.own_words"),
            letter_softer: list(r, "said.letter.softer"),
            letter_into: list(r, "act.letter.into"),
            letter_ahead: list(r, "act.letter.ahead"),
            letter_send: list(r, "act.letter.send"),
            intends: list(r, "act.intends"),
            ticket: list(r, "act.ticket"),
            help_me: list(r, "act.help_me"),
            not_shown: (list(r, "act.not_shown.seen"), list(r, "act.not_shown.what")),
            confirm_tags: list(r, "act.confirm_tags"),
            can_ask: list(r, "act.social.can_ask"),
            letter_own: list(r, "act.letter.own"),
            letter_note: list(r, "act.letter.note"),
            confirm: list(r, "act.confirm"),
            told: list(r, "act.told_already"),
            normal: list(r, "act.asks_normal"),
            what_if: list(r, "act.what_if"),
            compute: list(r, "act.compute"),
            customised: list(r, "act.customised"),
            topup: list(r, "act.topup"),
            what_if_until: list(r, "act.what_if.until"),
            balance: list(r, "act.money.balance"),
            channel: list(r, "act.money.channel"),
            came: list(r, "act.money.came"),
            case: super::case_words::CaseWords::load(r),
            difference: list(r, "act.difference"),
            first_refusal: list(r, "act.first_refusal"),
            quote_by: list(r, "act.event.rejected.quote_by"),
            quote_refuses: list(r, "act.event.rejected.quote_says"),
            admin: list(r, "act.applicant.admin"),
            finance: list(r, "act.applicant.finance"),
            escalation: list(r, "act.write.escalation"),
            phone: list(r, "act.phone"),
            not_events: list(r, "act.event.not"),
            surprise: list(r, "act.surprise"),
            option_filler: list(r, "act.option_filler"),
            weekday: list(r, "act.weekday"),
        }
    }

    /// The event a clause reports, and whether it denies it: the first
    /// event (in `Event::ALL` order) with a phrase in the clause; denied when
    /// every place a phrase of it is found has a negation just before.
    pub fn event(&self, folded: &str) -> Option<(Event, bool)> {
        // "还没到" is the money not come; "还没到期" is the order running.
        let masked = self.unevent(&mask_a_not_a(folded).replace("到期", "满期"));
        let folded = masked.as_str();
        for (e, phrases) in &self.denials {
            if contains_any(folded, phrases) {
                return Some((*e, true));
            }
        }
        if self.refusal_quoted(folded) {
            return Some((Event::Rejected, false));
        }
        if contains_any(folded, &self.intends) {
            return None;
        }
        for (e, phrases) in &self.events {
            let hits: Vec<usize> = phrases
                .iter()
                .filter(|p| !p.is_empty())
                .flat_map(|p| gap_hits(folded, p))
                .collect();
            if hits.is_empty() {
                continue;
            }
            let denied = hits.iter().all(|at| self.words.denied(folded, *at));
            return Some((*e, denied));
        }
        None
    }

    /// The clause with the words that only look like an event blanked out.
    fn unevent(&self, folded: &str) -> String {
        let mut t = folded.to_owned();
        for w in self.not_events.iter().filter(|w| !w.is_empty()) {
            t = t.replace(w.as_str(), &" ".repeat(w.chars().count()));
        }
        t
    }

    /// Whether a clause only asks for help ("can you help me?"), which the
    /// rest of the message says with what.
    pub fn only_help_asked(&self, folded: &str) -> bool {
        let bare = folded.trim_matches(|c: char| c.is_whitespace() || "?？!！.。,，".contains(c));
        self.help_me.iter().any(|w| w == bare)
    }

    /// Whether a clause asks only by the help it asks for at its end
    /// ("我把轻量服务器退了，能帮我看看吗"): what comes before says with what.
    pub fn help_at_end(&self, c: &super::clauses::Clause) -> bool {
        let t = c
            .folded
            .trim_end_matches(|ch: char| ch.is_whitespace() || "?？!！.。".contains(ch));
        let Some(at) = t.rfind(['，', ',', ' ']) else {
            return false;
        };
        let (head, tail) = t.split_at(at);
        let head = super::clauses::Clause {
            text: head.to_owned(),
            folded: head.to_owned(),
            mark: false,
        };
        self.only_help_asked(tail) && !self.words.asks(&head)
    }

    /// Whether a clause is only surprise ("what?", "啥？"), no question.
    pub fn surprised(&self, folded: &str) -> bool {
        let bare = folded.trim_matches(|c: char| c.is_whitespace() || "?？!！.。,，".contains(c));
        self.surprise.iter().any(|w| w == bare)
    }

    /// "客服在工单里回复我：“…根据活动规则不支持退订退款…”": support
    /// named before an opening quote, a refusal inside it (the clause may
    /// end before the quote closes).
    fn refusal_quoted(&self, folded: &str) -> bool {
        let Some(at) = folded.find(['“', '"', '「']) else {
            return false;
        };
        let (before, inside) = folded.split_at(at);
        contains_any(before, &self.quote_by) && contains_any(inside, &self.quote_refuses)
    }

    /// Who applies, where the text says it ("我是管理员子账号").
    pub fn applicant(&self, text: &str) -> Option<crate::policy::Applicant> {
        let t = crate::conversation::read::words::fold(text);
        if contains_any(&t, &self.admin) {
            Some(crate::policy::Applicant::Admin)
        } else if contains_any(&t, &self.finance) {
            Some(crate::policy::Applicant::Finance)
        } else {
            None
        }
    }

    /// Whether a clause reports `e` itself (a phrase of it not denied),
    /// whatever other event it names first.
    pub fn reports(&self, folded: &str, e: Event) -> bool {
        let masked = self.unevent(&mask_a_not_a(folded));
        let folded = masked.as_str();
        self.events
            .iter()
            .filter(|(x, _)| *x == e)
            .flat_map(|(_, phrases)| phrases.iter().filter(|p| !p.is_empty()))
            .flat_map(|p| gap_hits(folded, p))
            .any(|at| !self.words.denied(folded, at))
    }

    /// Thanks or a greeting anywhere in a message (for one the bot could
    /// not otherwise place).
    pub fn social_in(&self, folded: &str) -> Option<Social> {
        if contains_any(folded, &self.words.thanks) {
            Some(Social::Thanks)
        } else if contains_any(folded, &self.words.greeting)
            // "11月20号早上9点左右" is a time of day, not "早".
            && !folded.chars().any(|c| c.is_ascii_digit())
        {
            Some(Social::Greeting)
        } else {
            None
        }
    }

    /// Talk that is not about the case, when it is all a clause says.
    pub fn social(&self, folded: &str) -> Option<Social> {
        let w = &self.words;
        let kinds = [
            (Social::Bye, &w.bye),
            (Social::Thanks, &w.thanks),
            (Social::Greeting, &w.greeting),
            (Social::Ok, &w.ok),
        ];
        // Only talk: every word of the clause is one of these ("ok 谢谢",
        // "got it, thanks"); thanks first, then a greeting, then "ok".
        let all: Vec<String> = kinds.iter().flat_map(|(_, l)| l.iter().cloned()).collect();
        if is_only(folded, &all) {
            return kinds
                .iter()
                .find(|(_, l)| contains_any(folded, l))
                .map(|(k, _)| *k);
        }
        // "请问这里可以问云服务器退款的事情吗": the place is asked about, nothing of the case.
        if contains_any(folded, &self.can_ask)
            && folded.chars().count() <= if folded.is_ascii() { 60 } else { 32 }
            && !contains_any(folded, &self.words.how_much)
            && !contains_any(folded, &self.words.subject)
            && !folded.chars().any(|c| c.is_ascii_digit())
        {
            return Some(Social::CanAsk);
        }
        // "195到底对不对啊" asks; "不对啊" inside it is no complaint.
        let plain = mask_a_not_a(folded);
        if contains_any(&plain, &w.wrong) {
            Some(Social::BotWrong)
        } else if contains_any(&plain, &w.frustrated) {
            Some(Social::Frustrated)
        } else {
            None
        }
    }
}

/// The most characters a phrase's `…` stands for ("已经向…投诉" finds
/// "已经向优刻得正式投诉", not two clauses apart).
const GAP: usize = 12;

/// Where `phrase` is found in `t`; a phrase with `…` in it is its head,
/// then at most `GAP` characters, then its tail ("已经向…投诉").
fn gap_hits(t: &str, phrase: &str) -> Vec<usize> {
    let Some((head, tail)) = phrase.split_once('…') else {
        return hits(t, phrase).collect();
    };
    hits(t, head)
        .filter(|&at| {
            let rest = &t[at + head.len()..];
            let window: String = rest.chars().take(GAP + tail.chars().count()).collect();
            !tail.is_empty() && window.contains(tail)
        })
        .collect()
}

impl Dialogue {
    /// What came, in a wrong-amount message with two amounts where one is
    /// said as the shortfall ("余额只多了750元，比你算的少了快400块").
    pub fn received(&self, text: &str, read: &crate::input::Extracted) -> Option<rust_decimal::Decimal> {
        let folded = crate::conversation::read::words::fold(text);
        let mut kept: Vec<rust_decimal::Decimal> = read
            .unclear
            .iter()
            .filter(|u| u.kind == crate::input::UnclearKind::AmountWithoutRole)
            .filter(|u| {
                let w = crate::conversation::read::words::fold(&u.words);
                let Some(at) = folded.find(&w) else { return true };
                !contains_any(crate::input::last_chars(&folded[..at], 6), &self.difference)
            })
            .filter_map(|u| crate::input::parse_amount(&u.words, true).ok())
            .collect();
        // "…只多了750元…750到底对不对？": the same amount said twice.
        kept.sort();
        kept.dedup();
        match kept[..] {
            [one] => Some(one),
            _ => None,
        }
    }
}
