"""The Python back end: naming policy, type expressions, checkers, decoders, views."""
