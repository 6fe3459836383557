"""Across: many questionnaires at once: compare, diff, reconcile, batch, and their outputs."""
