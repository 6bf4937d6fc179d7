"""Pelican settings for publishing: the local ones, plus the public address."""

import os
import sys
from urllib.parse import urlsplit

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# The public address, such as https://notes.example.org (no trailing slash).
# `invoke publish` and `invoke gh-pages` refuse to run without it: the
# sitemap must hold absolute URLs.
SITEURL = os.environ.get("SITEURL", "")
RELATIVE_URLS = False
# Pages link the site by path alone (/notes/x/, not https://host/notes/x/): shorter pages,
# and the same bytes whatever the host. The sitemap and the take-home READMEs keep SITEURL.
SITE_ROOT = urlsplit(SITEURL).path.rstrip("/")
# The repository's address, if the site should link it (see pelicanconf.py).
SOURCE_URL = os.environ.get("SOURCE_URL", SOURCE_URL)  # noqa: F405
DELETE_OUTPUT_DIRECTORY = True
