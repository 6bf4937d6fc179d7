"""Pelican settings for building the site locally (``invoke build``)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent

AUTHOR = "The Flask Notes team"
SITENAME = "How webservers work"
SITESUBTITLE = "Tech notes with Flask examples that really run"
SITEURL = ""
# The path pages link the site by: links and scripts carry no host (see publishconf.py).
SITE_ROOT = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

PATH = str(HERE / "content")
THEME = str(HERE / "theme")
PLUGIN_PATHS = [str(HERE / "plugins")]
PLUGINS = [
    "site_build",
    "take_home",
    "hashed_assets",
    "live_examples",
    "site_search",
    "http_reference",
    "glossary",
    "on_this_page",
    "exercise_list",
    "pelican.plugins.sitemap",
]

# Our plugin's settings: where examples live, and how long a request may take.
EXAMPLES_PATH = str(HERE / "examples")
EXCHANGE_TIMEOUT = 5

# Where the site's source is, such as https://github.com/you/flask-notes
# (no trailing slash). When set, the footer and the start page link it, and
# each example's download and entry on /examples/ link its folder on
# SOURCE_BRANCH. Empty: the site names no repository.
SOURCE_URL = ""
SOURCE_BRANCH = "main"

# The parts of the reading order, on the start page: each starts at the note
# whose file name begins with its number, and runs to the next part.
NOTE_PARTS = {"01": "The webserver", "03": "Flask", "14": "Beyond one file"}

# Every note is a page; its file name gives the reading order.
ARTICLE_PATHS = []
PAGE_PATHS = [""]
PAGE_ORDER_BY = "basename"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# The search page: the header's box sends a reader here without JavaScript.
DIRECT_TEMPLATES = ["search"]
SEARCH_SAVE_AS = "search/index.html"
SEARCH_URL = "search/"

# Files for the web host, copied to the root of the site.
STATIC_PATHS = ["extra/_headers", "extra/.htaccess"]
EXTRA_PATH_METADATA = {
    "extra/_headers": {"path": "_headers"},
    "extra/.htaccess": {"path": ".htaccess"},
}

# A plain-text sitemap: a list of URLs, with no dates to change between builds.
SITEMAP = {"format": "txt", "exclude": ["^404\\.html$"]}

# No blog machinery: the notes have no dates, authors, tags or feeds.
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight", "wrapcode": True},
        "markdown.extensions.extra": {},
        # Each heading links to itself (as MDN's do): no extra "#" link beside it.
        "markdown.extensions.toc": {"anchorlink": True},
    },
    "output_format": "html5",
}

DEFAULT_PAGINATION = False
TYPOGRIFY = False
