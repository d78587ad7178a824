//! One chat's updates are handled one after the other, in the order they
//! came, while different chats run side by side.
//!
//! teloxide's dispatcher already keeps this order with a worker task per
//! chat, but a worker that was busy at the same time as many others is never
//! retired, and each one keeps a queue of two 32-update blocks (about 120 KB)
//! for good: at 500 busy chats, 60 MB. So the handlers only hand the work to
//! a [`Chats`] queue and return at once (teloxide's workers stay few and are
//! retired when idle), and a chat's queue here lives only while it has work:
//! a task per busy chat, gone with its last job.

use std::collections::VecDeque;
use std::collections::hash_map::{Entry, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use teloxide::types::ChatId;
use tokio_util::task::TaskTracker;

type Job = Pin<Box<dyn Future<Output = ()> + Send>>;
type Queues = Arc<Mutex<HashMap<ChatId, VecDeque<Job>>>>;

/// The busy chats' queues, and the tasks working on them.
#[derive(Clone, Default)]
pub struct Chats {
    queues: Queues,
    tasks: TaskTracker,
}

impl Chats {
    /// Runs `job` after the chat's earlier jobs; returns at once.
    pub fn push(&self, chat: ChatId, job: impl Future<Output = ()> + Send + 'static) {
        let job: Job = Box::pin(job);
        let mut queues = self.queues.lock().unwrap_or_else(PoisonError::into_inner);
        match queues.entry(chat) {
            Entry::Occupied(mut busy) => busy.get_mut().push_back(job),
            Entry::Vacant(idle) => {
                idle.insert(VecDeque::new());
                drop(queues);
                let queues = Arc::clone(&self.queues);
                self.tasks.spawn(work(queues, chat, job));
            }
        }
    }

    /// Chats with work queued or running.
    pub fn busy(&self) -> usize {
        self.queues.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// Waits until every job pushed so far (and any pushed meanwhile) is done.
    pub async fn idle(&self) {
        self.tasks.close();
        self.tasks.wait().await;
        self.tasks.reopen();
    }
}

/// Runs a chat's jobs until its queue is empty, then forgets the chat.
async fn work(queues: Queues, chat: ChatId, first: Job) {
    // Should a job panic, the chat is forgotten with its queue rather than
    // left busy for ever.
    let forget = Forget {
        queues: &queues,
        chat,
    };
    let mut job = first;
    loop {
        job.await;
        let mut all = queues.lock().unwrap_or_else(PoisonError::into_inner);
        match all.get_mut(&chat).and_then(VecDeque::pop_front) {
            Some(next) => job = next,
            None => {
                all.remove(&chat);
                drop(all);
                std::mem::forget(forget);
                return;
            }
        }
    }
}

struct Forget<'a> {
    queues: &'a Queues,
    chat: ChatId,
}

impl Drop for Forget<'_> {
    fn drop(&mut self) {
        let mut all = self.queues.lock().unwrap_or_else(PoisonError::into_inner);
        all.remove(&self.chat);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test(start_paused = true)]
    async fn one_chat_in_order_chats_side_by_side_and_forgotten_when_done() {
        let chats = Chats::default();
        let log = Arc::new(Mutex::new(Vec::new()));
        for (chat, n, ms) in [(1, 1, 30), (1, 2, 10), (2, 1, 5), (1, 3, 0), (2, 2, 0)] {
            let log = Arc::clone(&log);
            chats.push(ChatId(chat), async move {
                tokio::time::sleep(Duration::from_millis(ms)).await;
                log.lock().unwrap().push((chat, n));
            });
        }
        assert_eq!(chats.busy(), 2);
        chats.idle().await;
        // Chat 2 finished first; each chat's jobs in the order pushed.
        assert_eq!(*log.lock().unwrap(), [(2, 1), (2, 2), (1, 1), (1, 2), (1, 3)]);
        assert_eq!(chats.busy(), 0);
        // Usable again after waiting.
        let again = Arc::clone(&log);
        chats.push(ChatId(3), async move { again.lock().unwrap().push((3, 1)) });
        chats.idle().await;
        assert_eq!(log.lock().unwrap().last(), Some(&(3, 1)));
    }

    #[tokio::test]
    async fn a_panicking_job_frees_its_chat() {
        let chats = Chats::default();
        chats.push(ChatId(7), async { panic!("a job that fails") });
        chats.idle().await;
        assert_eq!(chats.busy(), 0);
        let (tx, rx) = tokio::sync::oneshot::channel();
        chats.push(ChatId(7), async move {
            let _ = tx.send(());
        });
        rx.await.expect("the chat runs jobs again");
    }
}
