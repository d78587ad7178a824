//! The case pictures are drawn with spare CPU only. A picture takes about
//! 20 ms of one core, a text step well under one: drawn beside the steps, at
//! full load the pictures took most of the machine. So they are drawn on a
//! few threads of their own at the lowest scheduling priority (on Linux;
//! elsewhere at normal priority): the steps of every chat go first, and a
//! picture that could not start within [`STALE`] is not drawn at all (the
//! text has gone without it; the case view draws it again). Below full load
//! every picture is drawn at once, as before.

use crate::ops::{Counter, count};
use crate::picture::Picture;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long a picture may wait for spare CPU before it is given up.
pub const STALE: Duration = Duration::from_secs(1);

/// Pictures waiting per drawing thread, at most (a few KB each).
const QUEUED_PER_DRAWER: usize = 16;

/// Draws one picture (`None`: it could not be drawn).
pub type Draw = Box<dyn FnOnce() -> Option<Picture> + Send>;

struct Job {
    draw: Draw,
    queued: Instant,
    done: tokio::sync::oneshot::Sender<Option<Picture>>,
}

/// The drawing threads and their queue, started on the first picture.
#[derive(Default)]
pub struct Drawers {
    queue: OnceLock<SyncSender<Job>>,
}

/// Drawing threads: one per two cores, at least one. A picture holds its
/// tree and a band of pixels (a few MiB) while it is drawn.
fn drawers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().div_ceil(2))
}

/// This thread at the lowest priority, where the system lets a process
/// lower one thread's.
fn lowest_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: `setpriority` reads its three integer arguments only; a
    // failure (refused by the system) leaves the priority as it was.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        if libc::setpriority(libc::PRIO_PROCESS, tid, 19) != 0 {
            tracing::debug!("picture threads keep their priority");
        }
    }
}

fn work(jobs: Arc<Mutex<Receiver<Job>>>) {
    lowest_priority();
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else { return };
        if job.queued.elapsed() > STALE {
            count(Counter::PicturesShed, 1);
            let _ = job.done.send(None);
            continue;
        }
        let picture = (job.draw)();
        if picture.is_some() {
            count(Counter::PicturesDrawn, 1);
        }
        let _ = job.done.send(picture);
    }
}

impl Drawers {
    fn queue(&self) -> &SyncSender<Job> {
        self.queue.get_or_init(|| {
            let n = drawers();
            let (tx, rx) = sync_channel(n * QUEUED_PER_DRAWER);
            let rx = Arc::new(Mutex::new(rx));
            for i in 0..n {
                let rx = rx.clone();
                let spawned = std::thread::Builder::new()
                    .name(format!("picture-{i}"))
                    .spawn(move || work(rx));
                if let Err(e) = spawned {
                    tracing::warn!("no picture thread: {e}");
                }
            }
            tx
        })
    }

    /// A picture queued for drawing; it comes on the receiver (`None`: not
    /// drawn). `None` here: the queue is full, given up now.
    pub fn draw(&self, draw: Draw) -> Option<tokio::sync::oneshot::Receiver<Option<Picture>>> {
        let (done, picture) = tokio::sync::oneshot::channel();
        let job = Job {
            draw,
            queued: Instant::now(),
            done,
        };
        match self.queue().try_send(job) {
            Ok(()) => Some(picture),
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {
                count(Counter::PicturesShed, 1);
                None
            }
        }
    }
}
