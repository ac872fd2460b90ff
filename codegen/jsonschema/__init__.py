"""The JSON Schema back end: the schemas (`documents`), their extension vocabulary
(`vocabulary`), the service model with examples and catalogues (`service`), and the OpenAPI
document of a plain REST API (`openapi`)."""
