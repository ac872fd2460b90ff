"""The generator: spec (YAML) -> checks -> intermediate model -> back ends -> files.

Front end (this folder; language-neutral, knows nothing of Python):

    scalars          the spec's scalar types and their wire form (one row each)
    loader           read YAML with file:line for every node, refuse tags and aliases
    metaschema       validate each file against spec/meta/spec.schema.json
    layers           merge spec/<api>/layers/*.yaml into the base files (file:line of the layer)
    typeexpr         parse type expressions ("list[Question] | null")
    conditions       parse response conditions ("sync == 0 or group is present")
    model            the intermediate model
    build            checked spec -> model: files, sections, types (build_operation: operations)
    errors           problems with file:line, collected and raised together

Back ends, one subpackage each:

    python/          code (typed expressions and statements), scalars and protocols (one table
                     each), naming, emit (annotations, encoders), checks, decode, docstrings,
                     overloads, models_view / operations_view (what templates print), fieldtree
    jsonschema/      JSON Schema documents from the model
    docs/            the reference pages' views

API evolution (front end): surface (the public surface of an API, per operation, plain JSON),
apidiff (two surfaces compared: breaking / additive / documentation), compat (the release
baseline, the gate, semver versions, the changelog), evolution (the diff, compat and release
commands).

Driver: render (Jinja templates -> files; ruff format), cli (`python -m codegen generate|check|
lint|diff|compat|release`).
"""
