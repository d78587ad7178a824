//! Telegram's documented sending limits, in one place: handlers ask for
//! permission before each message and get it at once while every limit has
//! room, so a message under all limits is never delayed.
//!
//! - overall: `--rate-limit N` messages a second (30 by default; 0 turns
//!   client-side limiting off), with a short burst;
//! - per chat: about one message a second as a smoothed rate, allowing a short
//!   burst (a quick user's replies are never held for long);
//! - groups and channels: 20 messages a minute as well;
//! - a `429 Too Many Requests` holds back only the chat it was about, for the
//!   `retry_after` Telegram asked.
//!
//! Built on `governor` (GCRA); its clock is tokio's, so tests can run with
//! paused time.

use governor::clock::{Clock, Reference};
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::keyed::DashMapStateStore;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::ops::Add;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use teloxide::types::ChatId;
use tokio::time::Instant;

/// Telegram's default overall limit (messages a second, all chats together).
pub const DEFAULT_PER_SECOND: u32 = 30;
/// Messages a chat may get at once before the one-a-second pace applies.
pub const CHAT_BURST: u32 = 3;
/// Messages a minute to one group or channel.
pub const GROUP_PER_MINUTE: u32 = 20;
/// Forget idle chats' state after this many permissions.
const PRUNE_EVERY: u64 = 4096;

/// An instant of tokio's clock, for `governor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TokioInstant(Instant);

impl Add<Nanos> for TokioInstant {
    type Output = Self;
    fn add(self, other: Nanos) -> Self {
        TokioInstant(self.0 + Duration::from(other))
    }
}

impl Reference for TokioInstant {
    fn duration_since(&self, earlier: Self) -> Nanos {
        self.0.saturating_duration_since(earlier.0).into()
    }
    fn saturating_sub(&self, duration: Nanos) -> Self {
        TokioInstant(self.0.checked_sub(duration.into()).unwrap_or(self.0))
    }
}

/// tokio's clock (paused in tests, real otherwise).
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioClock;

impl Clock for TokioClock {
    type Instant = TokioInstant;
    fn now(&self) -> TokioInstant {
        TokioInstant(Instant::now())
    }
}

type Direct = RateLimiter<NotKeyed, InMemoryState, TokioClock, NoOpMiddleware<TokioInstant>>;
type Keyed = RateLimiter<i64, DashMapStateStore<i64>, TokioClock, NoOpMiddleware<TokioInstant>>;

struct Limits {
    overall: Direct,
    chat: Keyed,
    group: Keyed,
}

/// The one owner of the sending limits (shared by every handler).
pub struct Limiter {
    limits: Option<Limits>,
    /// Chats Telegram answered 429 for, and until when they wait.
    held: Mutex<HashMap<i64, Instant>>,
    granted: AtomicU64,
}

fn nonzero(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN)
}

impl Limiter {
    /// `per_second` messages a second overall (0 = no client-side limits;
    /// a 429 is still waited out).
    pub fn new(per_second: u32) -> Limiter {
        let limits = (per_second > 0).then(|| {
            // A burst of a fifth of a second's worth: any one second holds at
            // most 1.2 × the rate, and a lone message never waits.
            let overall = Quota::per_second(nonzero(per_second)).allow_burst(nonzero(per_second.div_ceil(5)));
            let chat = Quota::per_second(nonzero(1)).allow_burst(nonzero(CHAT_BURST));
            let group = Quota::per_minute(nonzero(GROUP_PER_MINUTE)).allow_burst(nonzero(CHAT_BURST));
            Limits {
                overall: RateLimiter::direct_with_clock(overall, TokioClock),
                chat: RateLimiter::dashmap_with_clock(chat, TokioClock),
                group: RateLimiter::dashmap_with_clock(group, TokioClock),
            }
        });
        Limiter {
            limits,
            held: Mutex::new(HashMap::new()),
            granted: AtomicU64::new(0),
        }
    }

    /// No client-side limits (a local Bot API server, tests, benchmarks).
    pub fn off() -> Limiter {
        Limiter::new(0)
    }

    /// Wait until one more message may go to `chat`; at once when every limit
    /// has room. Messages to one chat are asked for in order by the caller.
    pub async fn acquire(&self, chat: ChatId) {
        self.wait_if_held(chat.0).await;
        let Some(limits) = &self.limits else { return };
        // Groups and channels have negative ids.
        if chat.0 < 0 {
            wait_keyed(&limits.group, chat.0).await;
        }
        wait_keyed(&limits.chat, chat.0).await;
        while let Err(not_until) = limits.overall.check() {
            tokio::time::sleep(not_until.wait_time_from(TokioClock.now())).await;
        }
        if self.granted.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1 {
            limits.chat.retain_recent();
            limits.group.retain_recent();
        }
    }

    /// Telegram asked to wait `retry_after` before the next message to `chat`.
    pub fn hold(&self, chat: ChatId, retry_after: Duration) {
        let until = Instant::now() + retry_after;
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        held.retain(|_, t| *t > now);
        let entry = held.entry(chat.0).or_insert(until);
        *entry = (*entry).max(until);
    }

    async fn wait_if_held(&self, chat: i64) {
        let until = {
            let held = self.held.lock().unwrap_or_else(|e| e.into_inner());
            held.get(&chat).copied()
        };
        if let Some(until) = until {
            tokio::time::sleep_until(until).await;
        }
    }
}

async fn wait_keyed(limiter: &Keyed, key: i64) {
    while let Err(not_until) = limiter.check_key(&key) {
        tokio::time::sleep(not_until.wait_time_from(TokioClock.now())).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn times(limiter: &Limiter, chats: &[i64]) -> Vec<Duration> {
        let start = Instant::now();
        let mut out = Vec::new();
        for c in chats {
            limiter.acquire(ChatId(*c)).await;
            out.push(start.elapsed());
        }
        out
    }

    #[tokio::test(start_paused = true)]
    async fn a_lone_message_goes_out_at_once() {
        let limiter = Limiter::new(30);
        let t = times(&limiter, &[1, 2, 3]).await;
        assert!(t.iter().all(|d| d.is_zero()), "{t:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn one_chat_gets_a_short_burst_then_one_a_second() {
        let limiter = Limiter::new(30);
        let t = times(&limiter, &[7; 8]).await;
        assert!(t[..CHAT_BURST as usize].iter().all(|d| d.is_zero()), "{t:?}");
        for pair in t[CHAT_BURST as usize - 1..].windows(2) {
            let gap = pair[1] - pair[0];
            assert!(
                gap >= Duration::from_millis(990) && gap <= Duration::from_millis(1010),
                "{t:?}"
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_group_gets_twenty_a_minute() {
        let limiter = Limiter::new(30);
        let t = times(&limiter, &[-100; 23]).await;
        assert!(t[22] >= Duration::from_secs(60), "{t:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_held_chat_waits_and_the_others_do_not() {
        let limiter = Limiter::off();
        limiter.hold(ChatId(1), Duration::from_secs(5));
        let other = times(&limiter, &[2]).await;
        assert!(other[0].is_zero());
        let held = times(&limiter, &[1]).await;
        assert_eq!(held[0], Duration::from_secs(5));
    }

    #[tokio::test(start_paused = true)]
    async fn off_never_waits() {
        let limiter = Limiter::off();
        let t = times(&limiter, &[5; 100]).await;
        assert!(t.iter().all(|d| d.is_zero()));
    }
}
