"""Pages of a built site in Chromium: offline, through axe-core, weighed, under their policy.

The site's gates load each page once per colour scheme (``gate_visit``): on
that one visit, every request outside the site is blocked (the page must
work offline), every Content-Security-Policy violation is noted (the page
must work under the headers its host sends), axe-core looks for serious
faults, what the page downloaded is weighed, and then the page is made as
narrow as a phone, where it must not scroll sideways.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tests.support.hosting import Rule, headers_for
from tests.support.site_checks import AXE

SERIOUS = ("serious", "critical")
# The phones' widths, in CSS pixels, a page must fit without scrolling sideways.
PHONE_WIDTHS = (320, 390)
# Notes each Content-Security-Policy violation of the page (and of each of its frames, in its own).
VIOLATIONS = """
addEventListener("securitypolicyviolation", (event) => {
    (self.violations ??= []).push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def open_offline(browser, origin: str, color_scheme: str = "light"):
    """A page in a fresh context (empty cache) with the outside world blocked.

    Returns the page and the list where what goes wrong on it is noted.
    """
    context = browser.new_context(color_scheme=color_scheme)
    problems: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(origin) or route.request.url.startswith("about:")
            else route.abort()
        ),
    )
    page = context.new_page()
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status}: {r.url}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    return page, problems


def visit_offline(browser, origin: str, path: str, color_scheme: str = "light"):
    """Load one page with the outside world blocked; return its page and what went wrong."""
    page, problems = open_offline(browser, origin, color_scheme)
    page.goto(origin + path, wait_until="networkidle")
    return page, problems


def record_policy_violations(page) -> None:
    """From the page's next load on, note every Content-Security-Policy violation in it.

    A violation is reported on the console too, which ``open_offline`` notes
    as a problem: that report also covers the page's worker.
    """
    page.add_init_script(VIOLATIONS)


def policy_violations(page) -> list[str]:
    """The Content-Security-Policy violations noted on the page since it loaded."""
    return page.evaluate("self.violations ?? []")


def axe_violations(page) -> list[str]:
    """What axe-core finds serious or critical on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    return serious(page.evaluate("axe.run()"))


def serious(result: dict) -> list[str]:
    """The serious and critical violations of an ``axe.run()`` result, one line each."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


def axe_everywhere(page, region, control, state: str, widths: tuple[int, ...]) -> list[str]:
    """Serious axe faults in ``region``, light and dark, at each width; ``control`` has the focus.

    Each state is left as a reader leaves it: the pointer resting on the last
    control used, and the keyboard focus on it.
    """
    found = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for width in widths:
            page.set_viewport_size({"width": width, "height": 900})
            control.scroll_into_view_if_needed()
            control.hover()
            control.focus()
            faults = serious(region.evaluate("r => axe.run(r)"))
            found += [f"{state}, {scheme}, {width} px: {fault}" for fault in faults]
    return found


@dataclass
class GateVisit:
    """What one load of one page, in one colour scheme, showed to each gate."""

    path: str
    color_scheme: str
    problems: list[str]  # offline: failed requests, 4xx/5xx, console and page errors
    violations: list[str]  # axe-core: serious or critical
    policy: list[str]  # hosted: Content-Security-Policy violations
    policy_sent: str | None  # hosted: the page's own Content-Security-Policy header
    phone: dict[int, tuple[int, int]]  # by phone width: the page's scroll width, client width
    fetched: list[tuple[str, int]]  # weight: each URL downloaded, bodies and headers

    @property
    def weight(self) -> int:
        return sum(size for _, size in self.fetched)

    @property
    def urls(self) -> list[str]:
        return [url for url, _ in self.fetched]

    def __str__(self) -> str:
        return f"{self.path} in the {self.color_scheme} theme"


def gate_visit(browser, origin: str, path: str, color_scheme: str = "light") -> GateVisit:
    """Load ``path`` once, offline, in a fresh context; run every gate's check on that visit."""
    (visit,) = gate_visits_side_by_side(browser, origin, [path], color_scheme)
    return visit


def gate_visits_side_by_side(
    browser,
    origin: str,
    paths: list[str],
    color_scheme: str,
    hosted: list[Rule] | None = None,
    at_once: int = 4,
) -> list[GateVisit]:
    """``gate_visit`` for each path: ``at_once`` pages load side by side, each in its context.

    The weight is what a page downloads until the network is idle, before
    axe-core is added to it (its script is inlined, not fetched, anyway).
    When ``origin`` serves the site with the ``hosted`` rules of its
    ``_headers``, the header lines those rules add are not weighed: the
    weight is that of a plain static server's answers, as the build counts it.
    """
    visits = []
    for start in range(0, len(paths), at_once):
        loading = [
            _Loading(browser, origin, path, color_scheme, hosted or [])
            for path in paths[start:][:at_once]
        ]
        try:
            for visit in loading:
                visit.run_axe_once_loaded()
            visits += [visit.result() for visit in loading]
        finally:
            for visit in loading:
                visit.page.context.close()
    return visits


class _Loading:
    """A page of ``gate_visits_side_by_side`` on its way: loading, then running axe-core."""

    def __init__(
        self, browser, origin: str, path: str, color_scheme: str, hosted: list[Rule]
    ) -> None:
        self.path, self.color_scheme, self.hosted = path, color_scheme, hosted
        self.page, self.problems = open_offline(browser, origin, color_scheme)
        record_policy_violations(self.page)
        self.fetched: list[tuple[str, int]] = []
        self.page.context.on("requestfinished", self._count)
        response = self.page.goto(origin + path, wait_until="commit")
        self.policy_sent = response.headers.get("content-security-policy")

    def _count(self, request) -> None:
        sizes = request.sizes()
        added = headers_for(self.hosted, urlsplit(request.url).path)
        # Chromium counts a header line as "Name: value" and its CRLF.
        unhosted = sizes["responseHeadersSize"] - sum(len(n) + len(v) + 4 for n, v in added)
        self.fetched.append((request.url, sizes["responseBodySize"] + unhosted))

    def run_axe_once_loaded(self) -> None:
        """Once the network is idle, note what was downloaded, then start axe-core."""
        self.page.wait_for_load_state("networkidle")
        self.loaded = list(self.fetched)
        self.page.add_script_tag(path=str(AXE))
        self.page.evaluate("() => { window.gateAxe = axe.run(); }")

    def result(self) -> GateVisit:
        violations = serious(self.page.evaluate("() => window.gateAxe"))
        policy = policy_violations(self.page)
        phone = {width: self._widths_at(width) for width in PHONE_WIDTHS}
        problems = list(self.problems)
        return GateVisit(
            self.path,
            self.color_scheme,
            problems,
            violations,
            policy,
            self.policy_sent,
            phone,
            self.loaded,
        )

    def _widths_at(self, width: int) -> tuple[int, int]:
        """The page's scroll width and client width, once the viewport is ``width`` wide."""
        self.page.set_viewport_size({"width": width, "height": 800})
        return tuple(
            self.page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
        )


def html_file(site: Path, visit: GateVisit) -> Path:
    """The file a visit's page was served from."""
    return site / (visit.path.lstrip("/") + ("index.html" if visit.path.endswith("/") else ""))
