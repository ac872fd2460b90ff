"""`make bench`: the generated decoders, checkers and client measured against the alternatives."""
