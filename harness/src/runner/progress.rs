//! Progress on stderr: an indicatif bar on a terminal, plain lines otherwise (CI logs, pipes).

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Reports what the runner is doing.
#[derive(Debug)]
pub struct Progress {
    /// The bar, when stderr is a terminal and output is wanted.
    bar: Option<ProgressBar>,
    /// Nothing is printed.
    quiet: bool,
    /// The step the bar shows.
    step: String,
    /// When the last plain progress line was printed.
    last_plain: Option<Instant>,
}

/// How often plain (non-terminal) progress lines are printed within a step.
const PLAIN_EVERY: Duration = Duration::from_secs(5);

impl Progress {
    /// Progress on stderr, a bar when stderr is a terminal; nothing when `quiet`.
    #[must_use]
    pub fn stderr(quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(
                "{msg:40!} [{bar:30}] {pos}/{len} {elapsed_precise} (eta {eta})",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        Progress {
            bar,
            quiet,
            step: String::new(),
            last_plain: None,
        }
    }

    /// A finished step: always printed on its own line (above the bar on a terminal).
    pub fn line(&mut self, message: &str) {
        if self.quiet {
            return;
        }
        match &self.bar {
            Some(bar) => bar.println(message),
            None => eprintln!("{message}"),
        }
        self.last_plain = None;
    }

    /// An update within a step (`done` of `total`): the bar on a terminal, at most every 5 s
    /// as a plain line otherwise.
    pub fn update(&mut self, what: &str, done: u64, total: u64) {
        if self.quiet {
            return;
        }
        if let Some(bar) = &self.bar {
            if self.step != what {
                self.step = what.to_owned();
                bar.reset();
                bar.set_message(what.to_owned());
            }
            bar.set_length(total);
            bar.set_position(done);
            return;
        }
        if self.last_plain.is_some_and(|t| t.elapsed() < PLAIN_EVERY) && done < total {
            return;
        }
        self.last_plain = Some(Instant::now());
        eprintln!("{what}: {done}/{total}");
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
