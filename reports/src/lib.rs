//! pqlab's results schema, HTML report, Markdown/CSV exports and baseline comparison.
