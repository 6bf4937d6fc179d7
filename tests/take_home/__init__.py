"""Tests of what a student takes home: the zips, their README, and the answers at home."""
