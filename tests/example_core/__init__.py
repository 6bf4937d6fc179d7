"""Tests of the shared core: the blocks' parser, what an example is, how it loads."""
