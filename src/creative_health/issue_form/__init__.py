"""The "Add my organisation or activity" issue form: one definition, used twice.

:func:`form_yaml` writes the GitHub issue form (.github/ISSUE_TEMPLATE/add-organisation.yml)
with its dropdowns and checkboxes taken from the vocabularies, the region's boroughs and
the pathways, so the form cannot drift from what the validator accepts.
:func:`parse_body` and :func:`provider_from_answers` read a submitted issue's Markdown
body back into a provider entry, and :func:`provider_yaml` writes it.

The package, by job:

- ``definition``: the form's questions as data (:data:`FORM`), the only place to add,
  reword or reorder a question;
- ``choices``: the option lists, read from the vocabularies, region and pathways;
- ``writer``: the issue form's YAML for .github/ISSUE_TEMPLATE;
- ``parser``: a submitted issue's body back into answers, by question;
- ``convert``: answers into a provider entry;
- ``provider_file``: the provider entry as a YAML file.

It reads no site settings: the commands pass in the published site's address.
"""

from __future__ import annotations

from .choices import Choices, load_choices
from .convert import Converted, provider_from_answers, slugify
from .definition import (
    BY_ID,
    FIELDS,
    FORM,
    FORM_FILE,
    LABEL_BY_TARGET,
    Field,
    FormError,
    Section,
)
from .parser import parse_body
from .provider_file import provider_yaml
from .writer import form_dict, form_yaml

__all__ = [
    "BY_ID",
    "FIELDS",
    "FORM",
    "FORM_FILE",
    "LABEL_BY_TARGET",
    "Choices",
    "Converted",
    "Field",
    "FormError",
    "Section",
    "form_dict",
    "form_yaml",
    "load_choices",
    "parse_body",
    "provider_from_answers",
    "provider_yaml",
    "slugify",
]
