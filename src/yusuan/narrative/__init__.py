"""The narrative (情况说明): claims found in its sentences and linked to the tables, and
情况说明 composed from the data with the same links."""

from .claims import Claim, ClaimSet, extract_claims
from .compose import Inputs, compose

__all__ = ["Claim", "ClaimSet", "extract_claims", "Inputs", "compose"]
