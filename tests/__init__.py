"""Tests, by the place they check: one folder per package of plugins/, the built site, the loop."""
