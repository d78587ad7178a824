//! [`Tg`]: what every handler sends with.

use super::chats::Chats;
use super::limiter::Limiter;
use std::sync::Arc;
use teloxide::Bot;

/// What every handler sends with: the bot, the one limiter that decides
/// when a message may go out, and the chats' queues of work.
#[derive(Clone)]
pub struct Tg {
    pub bot: Bot,
    pub limiter: Arc<Limiter>,
    pub chats: Chats,
}

impl Tg {
    pub fn new(bot: Bot, rate_limit: u32) -> Tg {
        Tg {
            bot,
            limiter: Arc::new(Limiter::new(rate_limit)),
            chats: Chats::default(),
        }
    }
}
