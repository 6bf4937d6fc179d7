"""One example, three places, one answer: what the build, the browser and the student share.

No Pelican and no processes here. The data (``model``), the notes' blocks
(``parse``, ``errors``), what an example is and which files make it
(``examples``), the pinned moment (``pinning``), the settings (``settings``),
the loader (``loading``) and the one runner (``runner``, with ``sent``),
the JSON forms that carry requests between places (``wire``), the rules the
JavaScript shares (``rules``) and the list of known differences between the
places (``differences``). The browser's Python imports the same modules.
"""
