"""One audit's context: what every rule may read of it, each part computed at most once.

The registry (:func:`yusuan.checks.run_checks`) builds one :class:`AuditContext` per audit and
calls every rule through it (:meth:`yusuan.checks.base.Rule.run`). The parts are computed when
a rule first asks for them and then kept for the rest of the audit: the narrative claims
(formerly read again by four rules and the report, then kept in a hidden module cache), the
catalog of the document's year, the shifted code blocks the four code-name rules all
exclude, the narrative sections, the page of each narrative line. Nothing outlives the
context: a new audit reads everything again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..catalog import Catalog
from ..model.core import Disclosure, Section
from ..narrative.claims import ClaimSet, extract_claims, narrative_sections
from ..profiles import Profile
from .base import Evidence, evidence, profile_of
from .codes import Block, catalog_for, shifted_blocks

__all__ = ["AuditContext"]


@dataclass(frozen=True)
class AuditContext:
    """The document under audit, last year's document and the catalog the user gave, with
    everything rules derive from them computed once (lazily: a rule not run costs nothing)."""

    disclosure: Disclosure
    previous: Disclosure | None = None
    #: the catalog given with ``--catalog`` (``None``: the bundled edition of the document's year)
    given_catalog: Catalog | None = None

    @cached_property
    def catalog(self) -> Catalog:
        """The catalog the codes are checked against: the one given, else the bundled edition of the year."""
        return catalog_for(self.disclosure, self.given_catalog)

    @cached_property
    def profile(self) -> Profile | None:
        """The template the document was read with (``None`` for a hand-made model)."""
        return profile_of(self.disclosure)

    @cached_property
    def claims(self) -> ClaimSet:
        """Every claim of 情况说明, judged against the tables and, when given, last year's document."""
        return extract_claims(self.disclosure, self.previous)

    @cached_property
    def own_claims(self) -> ClaimSet:
        """The claims judged against this document alone (what the completeness rules read)."""
        return self.claims if self.previous is None else extract_claims(self.disclosure)

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        """The sections of 情况说明."""
        return narrative_sections(self.disclosure)

    @cached_property
    def shifted(self) -> tuple[Block, ...]:
        """Runs of code rows whose names are out of step (CODE-SHIFT), against :attr:`catalog`."""
        return tuple(shifted_blocks(self.disclosure, self.catalog))

    @cached_property
    def row_evidence(self) -> Evidence:
        """The rows whose own formula fails (a misprint there is a defect, not a reading doubt)."""
        return evidence(self.disclosure)

    @cached_property
    def _pages(self) -> dict[int, int]:
        """Narrative line → page, in the order :meth:`Disclosure.page_of_line` searches (first match wins)."""
        index: dict[int, int] = {}
        for sec in self.disclosure.sections:
            if sec.location.page is not None and sec.location.line is not None:
                index.setdefault(sec.location.line, sec.location.page)
            for para in sec.paragraphs:
                if not para.lines:
                    continue
                lo, hi = para.lines[0], para.lines[-1]
                first: dict[int, int | None] = {}
                for ln, page in zip(para.lines, para.pages, strict=False):
                    first.setdefault(ln, page)
                for ln, page in first.items():
                    if page is not None and lo <= ln <= hi:
                        index.setdefault(ln, page)
        return index

    def page_of_line(self, line: int | None) -> int | None:
        """The page of a narrative source line, as :meth:`Disclosure.page_of_line`, from an index built once."""
        return None if line is None else self._pages.get(line)
