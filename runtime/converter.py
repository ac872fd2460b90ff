"""A cattrs converter that knows the generated models: it structures and unstructures them by
the wire rules of the spec (wire names, strict types, unknown keys kept, explicit nulls kept).

The clients do not need it: each model decodes itself with `from_wire` and encodes itself with
`to_wire` (docs/DESIGN-NOTES.md, note 1). It is for programs that already use cattrs: to load
answers saved as JSON, or to put the models inside their own attrs classes. cattrs is imported
only when this module is.
"""

from __future__ import annotations

from typing import Any

import cattrs

from .codec import Model


def make_converter(base: cattrs.Converter | None = None) -> cattrs.Converter:
    """`base` (a new `cattrs.Converter` when None) with hooks for every generated model.

    A wrong-typed value raises `ResponseValidationError` naming its path: nothing is coerced,
    unlike cattrs' own hooks for plain attrs classes.
    """
    converter = base if base is not None else cattrs.Converter()
    converter.register_structure_hook_func(_is_model, _structure)
    converter.register_unstructure_hook_func(_is_model, _unstructure)
    return converter


def _is_model(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, Model)


def _structure(data: Any, cls: type[Any]) -> Any:
    return cls.from_wire(data)


def _unstructure(model: Model) -> dict[str, Any]:
    return model.to_wire()
