"""Taxonomies and taxonomy terms: the directory's vocabularies, pathways and boroughs.

Every term has a stable UUID and a term URI ``{site}openreferral/taxonomies/<taxonomy>/#<slug>``.
A term's ``code`` is its slug, except borough terms, whose code is the borough's ONS
GSS code. Services point at terms through ``attributes``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Directory
from ..urls import SiteUrls
from .ids import stable_id

PATHWAY = "pathway"
BOROUGH = "borough"
VOCABULARY_TAXONOMIES = ("art_form", "audience", "referral_route", "accessibility", "format")
TAXONOMIES = (PATHWAY, *VOCABULARY_TAXONOMIES, BOROUGH)

Record = dict[str, Any]


def _term(
    urls: SiteUrls,
    key: str,
    taxonomy: Record,
    slug: str,
    name: str,
    description: str,
    code: str,
) -> Record:
    return {
        "id": stable_id("taxonomy_term", key, slug),
        "code": code,
        "name": name,
        "term": name,
        "description": description,
        "taxonomy": taxonomy["name"],
        "taxonomy_id": taxonomy["id"],
        "taxonomy_detail": taxonomy,
        "term_uri": urls.term(key, slug),
        "language": "en",
    }


class TermIndex:
    """All taxonomies and terms of one directory, looked up by taxonomy and slug."""

    def __init__(self, directory: Directory, urls: SiteUrls) -> None:
        self._taxonomies = {key: self._taxonomy(directory, urls, key) for key in TAXONOMIES}
        self._terms: dict[tuple[str, str], Record] = {}
        self._nested: dict[tuple[str, str], Record] = {}
        for pathway in directory.pathways:
            self._add(PATHWAY, pathway.slug, pathway.name, pathway.summary, pathway.slug, urls)
        for key in VOCABULARY_TAXONOMIES:
            for term in directory.vocabularies[key].terms:
                self._add(key, term.code, term.label, term.description, term.code, urls)
        region = directory.region
        for borough in region.boroughs:
            description = f"{borough.name}, part of {region.name}. ONS GSS code {borough.gss_code}."
            self._add(BOROUGH, borough.slug, borough.name, description, borough.gss_code, urls)

    @staticmethod
    def _taxonomy(directory: Directory, urls: SiteUrls, key: str) -> Record:
        if key == PATHWAY:
            name = "Pathway"
            description = (
                "The health conditions and needs that creative activities support, as "
                f"used by link workers in {directory.region.name}."
            )
        elif key == BOROUGH:
            name = "Borough"
            description = (
                f"The local authority areas of {directory.region.name}. Each term's code is "
                "the area's ONS GSS code."
            )
        else:
            vocabulary = directory.vocabularies[key]
            name, description = vocabulary.title, vocabulary.description
        return {
            "id": stable_id("taxonomy", key),
            "name": name,
            "description": description,
            "uri": urls.taxonomy(key),
        }

    def _add(
        self, key: str, slug: str, name: str, description: str, code: str, urls: SiteUrls
    ) -> None:
        term = _term(urls, key, self._taxonomies[key], slug, name, description, code)
        self._terms[(key, slug)] = term
        # Inside attributes the term leaves out its taxonomy's full record (one link away
        # at taxonomy_id): repeated on every attribute of every service, it was a third
        # of the whole feed.
        self._nested[(key, slug)] = {k: v for k, v in term.items() if k != "taxonomy_detail"}

    @property
    def taxonomies(self) -> list[Record]:
        return list(self._taxonomies.values())

    @property
    def terms(self) -> list[Record]:
        return list(self._terms.values())

    def term(self, taxonomy: str, slug: str) -> Record:
        return self._terms[(taxonomy, slug)]

    def attributes(
        self,
        link_entity: str,
        link_key: tuple[str, ...],
        link_id: str,
        taxonomy: str,
        slugs: Iterable[str],
    ) -> list[Record]:
        """HSDS attributes linking one record to terms of one taxonomy."""
        found = []
        for slug in slugs:
            term = self._nested[(taxonomy, slug)]
            found.append(
                {
                    "id": stable_id("attribute", link_entity, *link_key, taxonomy, slug),
                    "link_id": link_id,
                    "link_type": taxonomy,
                    "link_entity": link_entity,
                    "taxonomy_term_id": term["id"],
                    "taxonomy_term": term,
                }
            )
        return found
