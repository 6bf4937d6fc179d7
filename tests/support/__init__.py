"""What the tests share: helpers by topic. Fixtures are in ``tests/conftest.py``.

No test module imports another test module; they import from here.
"""
