"""The narrative (情况说明): claims found in its sentences and linked to the tables."""

from .claims import Claim, ClaimSet, extract_claims

__all__ = ["Claim", "ClaimSet", "extract_claims"]
