"""Tests of the built site and its notes: the gates, the facts the notes state, real servers."""
