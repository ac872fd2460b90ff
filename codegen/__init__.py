"""The generator: spec (YAML) -> checks -> intermediate model -> back ends -> files.

Front end (this folder; language-neutral, knows nothing of Python):

    loader           read YAML with file:line for every node, refuse tags and aliases
    metaschema       validate each file against spec/meta/spec.schema.json
    typeexpr         parse type expressions ("list[Question] | null")
    conditions       parse response conditions ("sync == 0 or group is present")
    model            the intermediate model
    build            checked spec -> model: files, sections, types (build_operation: operations)
    errors           problems with file:line, collected and raised together

Back ends, one subpackage each:

    python/          naming policy, type annotations, checkers, decoders, views for templates
    jsonschema/      JSON Schema documents from the model
    docs/            the reference pages' views

Driver: render (Jinja templates -> files; ruff format), cli (`python -m codegen generate|check`).
"""
