"""The reference docs back end: one Markdown page per section."""
