"""The JSON Schema back end: the schemas (`documents`), their extension vocabulary
(`vocabulary`) and the service model with examples and catalogues (`service`)."""
