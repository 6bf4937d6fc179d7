"""Tests of the author's loop: invoke livereload and regenerate."""
