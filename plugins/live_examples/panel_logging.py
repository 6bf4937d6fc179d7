"""Each live panel's logging, as if its app ran in a process of its own.

The page's one Python runs every panel's app, but ``flask run`` and the
build give each app a fresh process. So an app's logging set-up (a
reader's ``logging.basicConfig()``, a level or a filter on Werkzeug's
logger, a new format for Flask's ``default_handler``, ``logging.disable()``,
the level Flask gives an app's logger in debug mode) must neither reach
another panel's app nor be lost when another panel loads. Each panel keeps
its own copy of that state: fresh at its load, put in place while its app
works, kept after.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import flask.logging
import werkzeug._internal


@dataclass(frozen=True)
class _LoggerState:
    level: int
    handlers: tuple[logging.Handler, ...]
    filters: tuple[object, ...]
    propagate: bool
    disabled: bool


# A logger no app had touched: what a logger made since a state was kept is put back to.
_NEW_LOGGER = _LoggerState(logging.NOTSET, (), (), True, False)


@dataclass(frozen=True)
class _LoggingState:
    loggers: dict[str, _LoggerState]
    disabled_up_to: int
    # Werkzeug sets its logger up (a level, a handler) at its first line, once per process.
    werkzeug_logger: logging.Logger | None
    # Flask's one handler for every app's logger: (level, formatter, filters).
    default_handler: tuple[int, logging.Formatter | None, tuple[object, ...]]


def _every_logger() -> list[tuple[str, logging.Logger]]:
    return [
        (name, logger)
        for name, logger in [("", logging.root), *logging.Logger.manager.loggerDict.items()]
        if isinstance(logger, logging.Logger)
    ]


def _current() -> _LoggingState:
    handler = flask.logging.default_handler
    return _LoggingState(
        loggers={
            name: _LoggerState(
                logger.level,
                tuple(logger.handlers),
                tuple(logger.filters),
                logger.propagate,
                logger.disabled,
            )
            for name, logger in _every_logger()
        },
        disabled_up_to=logging.root.manager.disable,
        werkzeug_logger=werkzeug._internal._logger,
        default_handler=(handler.level, handler.formatter, tuple(handler.filters)),
    )


def _put_in_place(state: _LoggingState) -> None:
    for name, logger in _every_logger():
        kept = state.loggers.get(name, _NEW_LOGGER)
        logger.setLevel(kept.level)
        logger.handlers[:] = kept.handlers
        logger.filters[:] = kept.filters
        logger.propagate, logger.disabled = kept.propagate, kept.disabled
    logging.disable(state.disabled_up_to)
    werkzeug._internal._logger = state.werkzeug_logger
    handler = flask.logging.default_handler
    level, handler.formatter, filters = state.default_handler
    handler.setLevel(level)
    handler.filters[:] = filters


# Logging as a fresh process has it, Flask and Werkzeug imported and no app loaded yet.
_FRESH = _current()


class PanelLogging:
    """One panel's logging state, kept while other panels' apps work."""

    def __init__(self) -> None:
        self._state = _FRESH

    @contextmanager
    def in_place(self) -> Iterator[None]:
        """This panel's logging meanwhile; whatever its app changes in it is kept after."""
        _put_in_place(self._state)
        try:
            yield
        finally:
            self._state = _current()
