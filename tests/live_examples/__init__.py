"""Tests of what the reader's browser runs: the live panel, its browser, its seal, Stop."""
