"""The json-api example, allowing one more origin: for browser tests of its CORS hook.

The example allows only ``https://reader.example``, which a test cannot
serve; a test serves its own page on another origin and runs the example
with ``flask --app "tests.json_api_for_origin:create_app('<origin>')" run``.
"""

from __future__ import annotations

import sys

from flask import Flask

from plugins.example_core.loading import create_app as load_example


def create_app(origin: str) -> Flask:
    """Load ``examples/json-api`` as ``flask run`` does, and add ``origin`` to its allowed ones."""
    app = load_example("json-api")
    sys.modules["app"].ALLOWED_ORIGINS.add(origin)
    return app
