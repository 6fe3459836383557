"""Word: the one place that words findings (why), the Committee text and the summary."""
