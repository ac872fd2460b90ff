"""The JSON Schema back end: one document per type and per operation."""
