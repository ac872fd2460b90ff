"""The generator: spec (YAML) -> checks -> intermediate model -> rendered packages, schemas, docs.

Pipeline, one module per step:

    loader      read YAML with file:line for every node, refuse tags and aliases
    metaschema  validate each file against spec/meta/spec.schema.json
    typeexpr    parse type expressions ("list[Question] | null")
    conditions  parse response conditions ("sync == 0 or group is present")
    naming      wire names -> Python names, actions -> namespaces and methods
    build       checked spec -> intermediate model (model.py)
    pyemit      Python code for decoding, encoding and checking a type
    jsonschema  JSON Schema documents from the model
    render      Jinja templates -> files; ruff format
    cli         `python -m codegen generate|check`
"""
