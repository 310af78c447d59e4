"""Open data: Open Referral UK (HSDS 3.0) JSON, CSV, a JSON dump, schema.org JSON-LD and
iCalendar files, all built from the validated model.

Pages and the MkDocs hook use :func:`export_files`, :func:`has_calendar`,
:func:`provider_jsonld` and :func:`jsonld_script` (a calendar's address is in
:mod:`creative_health.urls`); the
``creative-health export`` command writes the same files to a folder.
"""

from .files import FORMATS, export_files
from .ics import has_calendar
from .jsonld import jsonld_script, provider_jsonld

__all__ = [
    "FORMATS",
    "export_files",
    "has_calendar",
    "jsonld_script",
    "provider_jsonld",
]
