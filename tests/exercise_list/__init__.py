"""Tests of /exercises/ as the build makes it."""
