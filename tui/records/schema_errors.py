"""What the compiled record checks (tui/records/record_checks/) raise: fastjsonschema's
two exception classes, with their names and attributes, defined here so that loading
the checks at start-up does not import fastjsonschema with its code generator (~2 ms
and ~0.3 MiB) for two exception classes. `generated` points a generated module's
import at this module; record_schema.generated_sources applies it."""

from __future__ import annotations

FASTJSONSCHEMA_IMPORT = (
    "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n"
)
OUR_IMPORT = (
    "from tui.records.schema_errors import JsonSchemaValueException, JsonSchemaValuesException\n"
)


class JsonSchemaValueException(ValueError):
    """A record that does not fit its schema: `message` (e.g. "data.kind must be one
    of [...]"), the `value` and the `name` of what is wrong (e.g. "data.kind"), and the
    `definition` and `rule` it breaks (as fastjsonschema's class of this name)."""

    def __init__(self, message, value=None, name=None, definition=None, rule=None) -> None:
        super().__init__(message)
        self.message = message
        self.value = value
        self.name = name
        self.definition = definition
        self.rule = rule


class JsonSchemaValuesException(ValueError):
    """Every problem at once (fastjsonschema's, when a check does not stop at the first;
    the shipped checks do stop): `errors`, a list of JsonSchemaValueException."""

    def __init__(self, errors: list[JsonSchemaValueException]) -> None:
        super().__init__(" ".join(error.message for error in errors))
        self.errors = errors


def generated(code: str) -> str:
    """fastjsonschema's generated `code` importing these classes from here; ValueError
    if its import line is not the one this module knows (a fastjsonschema upgrade:
    look at what it generates now)."""
    if FASTJSONSCHEMA_IMPORT not in code:
        raise ValueError("fastjsonschema's generated code no longer imports its exceptions"
                         f" as {FASTJSONSCHEMA_IMPORT.strip()!r}")
    return code.replace(FASTJSONSCHEMA_IMPORT, OUR_IMPORT)
