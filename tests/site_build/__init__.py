"""Tests of the build: the runner and its children, the cache, rendering, bad input, publishing."""
