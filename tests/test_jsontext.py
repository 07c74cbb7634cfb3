"""The open data's JSON writer is `json.dumps(ensure_ascii=False, indent=1)`, character for
character, over any value JSON can hold (and refuses what it refuses)."""

from __future__ import annotations

import json
from enum import IntEnum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.outputs.jsontext import dumps_indent1


def reference(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


class Level(IntEnum):
    LOW = 1


class Name(str):
    pass


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()  # every code point: quotes, backslashes, control characters, surrogates
)
keys = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=6)
        | st.lists(inner, max_size=6).map(tuple)
        | st.dictionaries(keys, inner, max_size=6)
        | st.lists(st.text(), max_size=6)  # a cell's list of names: the fast path
    ),
    max_leaves=40,
)


@settings(max_examples=200, deadline=None)
@given(values)
def test_any_json_value_is_written_as_json_dumps_writes_it(value: Any) -> None:
    assert dumps_indent1(value) == reference(value)


def test_subclasses_of_str_int_and_containers_are_written_as_json_writes_them() -> None:
    value = {
        Name("key"): [Name("a"), "b", Level.LOW, True, 1.5, None],
        "rows": ({"x": Name("y")}, [], {}, [[]], [{"z": float("nan")}]),
        1: float("-inf"),
        None: False,
        2.5: "two and a half",
    }
    assert dumps_indent1(value) == reference(value)


@pytest.mark.parametrize("value", [{"a": {1, 2}}, [object()], {("a", "b"): 1}])
def test_what_json_cannot_hold_is_a_type_error_as_in_json(value: Any) -> None:
    with pytest.raises(TypeError):
        reference(value)
    with pytest.raises(TypeError):
        dumps_indent1(value)
