"""The vocabulary of the hand-made golden transcriptions (tests/golden/pdf/*.json), shared by the
format tests of the Jiangsu files and of the Shanghai and national-template files."""

from __future__ import annotations

#: the table types a transcription may give (the profiles' types, and "other")
TABLE_TYPES = frozenset(
    (
        "summary",
        "income",
        "expenditure",
        "fiscal_summary",
        "gpb_expenditure",
        "gpb_basic_expenditure",
        "economic_summary",
        "three_public",
        "gov_fund_expenditure",
        "state_capital_expenditure",
        "project_expenditure",
        "performance_targets",
        "operating_expenses",
        "procurement",
        "other",
    )
)
