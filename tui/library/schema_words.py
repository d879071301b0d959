"""jsonschema's errors in the user's words: the common kinds (a required key missing,
a value not among those allowed, an empty list, a wrong type, a pattern not matched)
carry a catalog key (schema.<kind>, content/i18n) and their values; any other keeps the
library's English words."""

from __future__ import annotations

from tui.base.i18n import user_value
from tui.library.yaml_reader import ContentError, YamlDoc


def schema_error(doc: YamlDoc, err) -> ContentError:
    """A jsonschema ValidationError of `doc` as a ContentError at its line, `place:
    message`; the common kinds (required, enum, minItems, type, pattern) with a catalog
    key (schema.<kind>) and values, so that it is said in the user's language; any
    other in the library's English words."""
    location = list(err.absolute_path)
    where = ".".join(str(p) for p in location)
    at = f"{where}: " if where else ""
    read_as = err.validator == "type" and doc.read_as(location)
    message = read_as or err.message
    key, values = "", {}
    instance = err.instance
    # what the file holds is the user's, quoted in their language (user_value), never
    # Python's repr: 'bank' and ['bank', 'transit'] read as neither language writes them
    if err.validator == "required" and isinstance(instance, dict):
        # one error per missing name, each naming its own in the library's words
        # ("'intent' is a required property"); the first missing one if none does
        missing = [p for p in err.validator_value if p not in instance]
        named = (p for p in missing if err.message.startswith(f"{p!r} "))
        missing = next(named, missing[0] if missing else "")
        key, values = "schema.required", {"name": user_value(missing)}
    elif err.validator == "enum":
        choices = user_value(list(err.validator_value))
        key, values = "schema.enum", {"value": user_value(instance), "choices": choices}
    elif err.validator == "minItems" and err.validator_value == 1 and instance == []:
        key, values = "schema.non_empty", {"value": user_value(instance)}
    elif err.validator == "type" and not read_as:
        key, values = (
            "schema.type",
            {"value": user_value(instance), "expected": user_value(err.validator_value)},
        )
    elif err.validator == "pattern":
        key, values = (
            "schema.pattern",
            {"value": user_value(instance), "pattern": user_value(err.validator_value)},
        )
    values["at"] = at
    return ContentError(
        doc.path, doc.line_of(location), at + message, key=key, values=tuple(values.items())
    )
