"""A layout fuzzer: ISO/IEC 42001 certificates and SoAs composed from independent random choices.

The truth of every document (SCHEMA.md JSON) is taken from the choices, never read back from the PDF.
`generate_case(seed)` is deterministic; `build.build(seeds, root)` writes cases in the corpus layout;
`runner` parses and scores them. See README.md for the seed ranges.
"""

from .case import Case, DocSpec, generate_case

__all__ = ["Case", "DocSpec", "generate_case"]
