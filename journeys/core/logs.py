"""Logs and error reports never carry what a person wrote, whatever fails.

An exception's message can quote values: PostgreSQL's errors quote the failing row
("Failing row contains (...)") or the JSON around a bad character, which is how a
learner's reflection reached the log, and any message may hold text a view was
handling. So:

- every log record of the process is made by `private_record` (settings.LOGGING_CONFIG
  installs it for every logger and handler: Django's request errors, uvicorn, asyncio,
  ours). Its traceback keeps where it failed (files, lines, code, exception types, the
  chain of causes) and drops each exception's message; an exception among the message's
  arguments becomes its type's name;
- error reports (the debug page under JOURNEYS_DEBUG, mail to ADMINS) go through
  `PrivateReporter` and `PrivateReporterFilter`: no exception messages, no form or
  query values, no cookies, no request headers, no frame variables.
"""

import logging
import logging.config
import traceback
from collections.abc import Callable, ItemsView, Mapping
from typing import Any

from django.http import HttpRequest
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

HIDDEN = "(hidden: it may quote what someone wrote)"
# Request headers a report may show: none of them carries what a person typed.
SHOWN_META = {"REQUEST_METHOD", "PATH_INFO", "SCRIPT_NAME", "SERVER_NAME", "SERVER_PORT"}


def private_traceback(error: BaseException) -> str:
    """Like traceback.format_exception, without the messages."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    parts = []
    for exception in reversed(chain):  # the first cause first, as Python prints them
        frames = traceback.format_list(traceback.extract_tb(exception.__traceback__))
        kind = type(exception)
        parts.append(
            "Traceback (most recent call last):\n"
            + "".join(frames)
            + f"{kind.__module__}.{kind.__qualname__}: {HIDDEN}\n"
        )
    return "\nThe above exception led to the next one:\n\n".join(parts).rstrip("\n")


def _private_value(value: Any) -> Any:
    return type(value).__qualname__ if isinstance(value, BaseException) else value


def _private_factory(make: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def private_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = private_traceback(record.exc_info[1])
            record.exc_info = None
        record.msg = _private_value(record.msg)
        if isinstance(record.args, Mapping):
            record.args = {key: _private_value(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_private_value(value) for value in record.args)
        return record

    private_record.private = True  # type: ignore[attr-defined]
    return private_record


def configure(config: dict[str, Any]) -> None:
    """settings.LOGGING_CONFIG: Django's dictConfig, then private records everywhere."""
    logging.config.dictConfig(config)
    make = logging.getLogRecordFactory()
    if not getattr(make, "private", False):
        logging.setLogRecordFactory(_private_factory(make))


class PrivateReporterFilter(SafeExceptionReporterFilter):
    """Hides every form value, header and frame variable, not only those that look secret."""

    def get_post_parameters(self, request: HttpRequest | None) -> dict[str, str]:
        if request is None:
            return {}
        return {key: self.cleansed_substitute for key in request.POST}

    def get_safe_request_meta(self, request: HttpRequest) -> dict[str, Any]:
        if request is None:
            return {}
        return {
            key: value if key in SHOWN_META else self.cleansed_substitute
            for key, value in request.META.items()
        }

    def get_safe_cookies(self, request: HttpRequest) -> dict[str, str]:
        if request is None:
            return {}
        return {key: self.cleansed_substitute for key in request.COOKIES}

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> ItemsView[str, Any]:
        return {name: self.cleansed_substitute for name in tb_frame.f_locals}.items()


class PrivateReporter(ExceptionReporter):
    """Django's error report without exception messages or query values."""

    def get_traceback_data(self) -> dict[str, Any]:
        data = super().get_traceback_data()
        if "exception_value" in data:
            data["exception_value"] = HIDDEN
        data.pop("exception_notes", None)
        data["unicode_hint"] = ""
        if self.request is not None:
            hidden = self.filter.cleansed_substitute
            data["request_GET_items"] = [(key, hidden) for key in self.request.GET]
            data["request_insecure_uri"] = self.request.path  # without the query
        for frame in data["frames"]:
            if frame.get("exc_cause") is not None:
                frame["exc_cause"] = f"{type(frame['exc_cause']).__qualname__}: {HIDDEN}"
        return data
