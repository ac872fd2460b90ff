"""The generator: spec (YAML) -> checks -> intermediate model -> rendered packages, schemas, docs.

Pipeline, one module per step:

    loader      read YAML with file:line for every node, refuse tags and aliases
    metaschema  validate each file against spec/meta/spec.schema.json
    layers      merge spec/<api>/layers/*.yaml into the base files (file:line of the layer)
    typeexpr    parse type expressions ("list[Question] | null")
    conditions  parse response conditions ("sync == 0 or group is present")
    naming      wire names -> Python names, actions -> namespaces and methods
    build       checked spec -> intermediate model (model.py)
    pyemit      Python code for decoding, encoding and checking a type
    jsonschema  JSON Schema documents from the model
    render      Jinja templates -> files; ruff format
    cli         `python -m codegen generate|check|lint|diff|compat|release`

API evolution, beside the pipeline:

    surface     the public surface of an API, flattened per operation (plain JSON)
    apidiff     compare two surfaces: every change, breaking / additive / documentation
    compat      the release baseline, the gate, semver versions, the changelog
    evolution   the diff, compat and release commands
"""
