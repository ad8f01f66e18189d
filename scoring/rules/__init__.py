"""The flag rules of FLAGS.md, one function each; importing this package registers them."""

from . import answers, certificate, dates, regions, scope, soa

__all__ = ["answers", "certificate", "dates", "regions", "scope", "soa"]
