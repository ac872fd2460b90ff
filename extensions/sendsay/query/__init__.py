"""Typed builders, parsers and checkers for the stat.uni query language and group filters."""
