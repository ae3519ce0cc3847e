//! Progress on stderr: a self-updating status line on a terminal, plain lines otherwise (CI
//! logs). (indicatif could not be added to this offline build; this keeps to `std`.)

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Reports what the runner is doing.
#[derive(Debug)]
pub struct Progress {
    tty: bool,
    quiet: bool,
    last: Option<Instant>,
}

impl Progress {
    /// Progress on stderr, a status line when stderr is a terminal; nothing when `quiet`.
    #[must_use]
    pub fn stderr(quiet: bool) -> Self {
        Progress {
            tty: std::io::stderr().is_terminal(),
            quiet,
            last: None,
        }
    }

    /// A finished step: always printed on its own line.
    pub fn line(&mut self, message: &str) {
        if self.quiet {
            return;
        }
        let mut err = std::io::stderr().lock();
        if self.tty {
            let _ = write!(err, "\r\x1b[2K");
        }
        let _ = writeln!(err, "{message}");
        self.last = None;
    }

    /// An update within a step (`done` of `total`): redrawn in place on a terminal, at most
    /// every 5 s as a plain line otherwise.
    pub fn update(&mut self, what: &str, done: u64, total: u64) {
        if self.quiet {
            return;
        }
        let every = if self.tty {
            Duration::from_millis(100)
        } else {
            Duration::from_secs(5)
        };
        if self.last.is_some_and(|t| t.elapsed() < every) && done < total {
            return;
        }
        self.last = Some(Instant::now());
        let mut err = std::io::stderr().lock();
        if self.tty {
            let width = 30u64;
            let filled = (done * width)
                .checked_div(total)
                .unwrap_or(width)
                .min(width);
            let bar: String = (0..width)
                .map(|i| if i < filled { '#' } else { '-' })
                .collect();
            let _ = write!(err, "\r\x1b[2K{what} [{bar}] {done}/{total}");
            let _ = err.flush();
        } else {
            let _ = writeln!(err, "{what}: {done}/{total}");
        }
    }
}
