"""Score ISO/IEC 42001 certificates against a buyer's needs: FLAGS.md as a registry of rules.

Pure Python: extractions and a context in, an Assessment out; no I/O, no Flask, no database.
The rest of the certificate's life is computed here too, once, for every reader: `cycle`
(surveillance due, cycle position), `corrections`, `renewal` (what a renewal changed) and `legal`
(the legal summary's content).
"""

from .engine import assess
from .model import Assessment, Context, Finding, Flag, FlagEvidence, SupplyChainMember, rating_for
from .registry import RULES, Facts, Rule, rule
from .settings import DEFAULT_SCORING_SETTINGS, ScoringSettings

__all__ = [
    "DEFAULT_SCORING_SETTINGS", "RULES", "Assessment", "Context", "Facts", "Finding", "Flag", "FlagEvidence",
    "Rule", "ScoringSettings", "SupplyChainMember", "assess", "rating_for", "rule",
]
