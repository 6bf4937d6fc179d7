"""The downloads on the built site: a link beside every block, the examples page, SOURCE_URL."""

from __future__ import annotations

import re
import zipfile

import pytest

from tests.support.notes import ROOT, notes, page_file, shown_examples

EXAMPLES = shown_examples()
CAPTION = re.compile(r'<p class="(?:exchange|source)-caption">(?P<caption>.*?)</p>', re.DOTALL)


def test_every_block_links_the_zip_of_its_example(site):
    captions = 0
    for note in notes():
        page = (site / page_file(note)).read_text()
        for match in CAPTION.finditer(page):
            captions += 1
            link = re.search(r'<a href="/examples/([\w-]+)\.zip">Download</a>', match["caption"])
            assert link, f"{note.name}: no download in {match['caption']!r}"
            assert (site / "examples" / f"{link[1]}.zip").is_file()
            example = re.search(
                r"Example <code>([\w-]+)</code>|examples/([\w-]+)/", match["caption"]
            )
            if example:
                assert link[1] in example.groups()
    assert captions > 50


def test_the_examples_page_lists_every_example_in_reading_order_with_its_notes(site):
    from example_core.parse import find_blocks
    from take_home.downloads_page import shows_its_example

    uses: dict[str, list[str]] = {}
    for note in notes():
        if page_file(note) == "index.html":  # the start page only repeats the notes' blocks
            continue
        for block in find_blocks(note.read_text().split("\n"), str(note.relative_to(ROOT))):
            if not shows_its_example(block):  # a starting app: its exercise's zip takes it home
                continue
            if page_file(note) not in uses.setdefault(block.example, []):
                uses[block.example].append(page_file(note))
    page = (site / "examples" / "index.html").read_text()
    listed = re.findall(r'<a href="/examples/([\w-]+)\.zip" download>', page)
    assert listed == list(uses) and sorted(listed) == EXAMPLES
    assert listed != EXAMPLES, "reading order, not the alphabet"
    assert sorted(p.stem for p in (site / "examples").glob("*.zip")) == EXAMPLES
    for example, pages in uses.items():
        item = page.split(f'<li id="{example}">')[1].split("</li>")[0]
        linked = re.findall(r'<a href="/([\w-]+/)">', item)
        assert linked == [p.removesuffix("index.html") for p in pages], example
    assert "repository" not in page, "no SOURCE_URL, no repository links"
    assert '<a href="/exercises/">the list of exercises</a>' in page


def test_a_starting_app_is_no_example_its_exercise_downloads_with_its_checks(site):
    from tests.support.notes import exercise_blocks

    page = (site / "examples" / "index.html").read_text()
    for block in exercise_blocks():
        assert block.example not in EXAMPLES, f"{block.example} is only a starting app"
        assert not (site / "examples" / f"{block.example}.zip").exists()
        assert f'id="{block.example}"' not in page
        with zipfile.ZipFile(site / "exercises" / f"{block.id}.zip") as archive:
            assert f"{block.id}/test_exercise.py" in archive.namelist()


def test_every_page_links_the_examples_page_from_its_footer(site):
    for note in notes():
        footer = (site / page_file(note)).read_text().split('<footer class="site-footer">')[1]
        assert '<a href="/examples/">Download the examples</a>' in footer


def test_a_readme_names_the_notes_and_the_commands(site):
    with zipfile.ZipFile(site / "examples" / "caching.zip") as archive:
        readme = archive.read("caching/README.txt").decode()
    assert "/caching/" in readme
    assert "pip install -r requirements.txt" in readme
    assert readme.count("flask --app app run --debug") == 2
    assert ".venv\\Scripts\\Activate.ps1" in readme and "source .venv/bin/activate" in readme


def test_source_url_links_the_repository_and_each_example_folder(tmp_path):
    source = "https://github.com/someone/flask-notes"
    override = {"CACHE_PATH": str(tmp_path / "cache"), "SOURCE_URL": source}
    from site_build.build import build_site

    output = tmp_path / "output"
    assert build_site(ROOT / "pelicanconf.py", output, override) == 0
    start = (output / "index.html").read_text()
    assert f'<a href="{source}">its repository</a>' in start
    assert f'<a href="{source}/tree/main/examples">' in start
    assert (
        f'<a href="{source}">The site\'s source</a>' in (output / "caching/index.html").read_text()
    )
    listing = (output / "examples" / "index.html").read_text()
    for example in EXAMPLES:
        assert f'<a href="{source}/tree/main/examples/{example}">' in listing
    with zipfile.ZipFile(output / "examples" / "caching.zip") as archive:
        assert f"{source}/tree/main/examples/caching" in archive.read("caching/README.txt").decode()


SCREENSHOTS = ROOT / "output.screenshots"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_download_link_is_visible_and_fits_beside_the_caption(site, browser, width):
    """Screenshots land in ``output.screenshots/`` to be looked at; the checks are below."""
    from tests.support.site_checks import static_server

    with static_server(site) as origin:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(f"{origin}/caching/")
        caption = page.locator(".exchange-caption").first
        link = caption.get_by_role("link", name="Download")
        caption.scroll_into_view_if_needed()
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"download-link-{width}.png")
        box = link.bounding_box()
        assert link.is_visible() and box["x"] + box["width"] <= width
        assert box["height"] >= 16, "tall enough to tap"
        caption_box = caption.bounding_box()
        assert caption_box["y"] <= box["y"] <= caption_box["y"] + caption_box["height"]
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename == "caching.zip"
        page.close()


def test_a_readme_starts_the_server_in_debug_mode_only_if_the_notes_do(site):
    from tests.support.notes import exchange_blocks

    modes: dict[str, set[bool]] = {}
    for block in exchange_blocks():
        modes.setdefault(block.example, set()).add(block.debug)
    assert {frozenset(m) for m in modes.values()} >= {frozenset({True}), frozenset({False})}
    for example, debug in modes.items():
        with zipfile.ZipFile(site / "examples" / f"{example}.zip") as archive:
            readme = archive.read(f"{example}/README.txt").decode()
            requests = archive.read(f"{example}/requests.http").decode()
        assert ("run --debug" in readme) == (True in debug), example
        assert ("### Fresh start without --debug" in requests) == (False in debug), example
        if debug == {True, False}:
            assert "start the server\nwithout --debug" in readme
