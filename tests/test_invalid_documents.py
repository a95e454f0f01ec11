"""Hundreds of broken workshop documents: each is refused with the field path, never a traceback.

Every example starts from a valid golden file, breaks it in one way that must be refused,
and checks the error names the place that was broken, the file on disk is untouched, and
``journeylab validate`` reports it in one message with exit code 1.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeylab.cli import main
from journeylab.errors import WorkshopInvalid
from journeylab.model import format_path
from journeylab.store import load_workshop

FILES = Path(__file__).parent / "files"
BASES = ["v1_every_list.json", "v1_small.json"]
ITEM_LISTS = ("participants", "stages", "channels", "touchpoints", "personas", "insights",
              "actions")


def leaves(data: Any, path: tuple = ()) -> list[tuple]:
    """The path of every scalar value in ``data``."""
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in leaves(value, path + (key,))]
    if isinstance(data, list):
        return [p for index, value in enumerate(data) for p in leaves(value, path + (index,))]
    return [path] if path != ("schema_version",) else []


def objects(data: Any, path: tuple = ()) -> list[tuple]:
    """The path of every JSON object in ``data``."""
    found = [path] if isinstance(data, dict) else []
    children = data.items() if isinstance(data, dict) else enumerate(data) \
        if isinstance(data, list) else ()
    for key, value in children:
        found += objects(value, path + (key,))
    return found


def get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def breakage(data: dict) -> st.SearchStrategy[tuple[str, tuple]]:
    """A way to break ``data``: (kind, path that the error must name)."""
    items = [(name, i) for name in ITEM_LISTS for i in range(len(data.get(name, [])))]
    options = [
        st.tuples(st.just("wrong_type"), st.sampled_from(leaves(data))),
        st.tuples(st.just("control_character"),
                  st.sampled_from([p for p in leaves(data) if isinstance(get(data, p), str)])),
        st.tuples(st.just("unknown_field"), st.sampled_from(objects(data))),
        st.tuples(st.just("missing_id"), st.sampled_from(items)),
        st.tuples(st.just("bad_id"), st.sampled_from(items)),
        st.tuples(st.just("duplicate_id"), st.sampled_from(items)),
        st.tuples(st.just("missing_title"), st.just(())),
    ]
    if data.get("emotions"):
        scores = [("emotions", i) for i in range(len(data["emotions"]))]
        options += [st.tuples(st.just("score_out_of_range"), st.sampled_from(scores)),
                    st.tuples(st.just("unknown_persona"), st.sampled_from(scores))]
    if data.get("touchpoints"):
        points = [("touchpoints", i) for i in range(len(data["touchpoints"]))]
        options.append(st.tuples(st.just("unknown_stage"), st.sampled_from(points)))
    return st.one_of(options)


def apply(data: dict, kind: str, path: tuple) -> tuple[dict, tuple]:
    """A broken copy of ``data`` and the path its error must name."""
    broken = copy.deepcopy(data)
    parent, key = (get(broken, path[:-1]), path[-1]) if path else (None, None)
    if kind == "wrong_type":
        parent[key] = {"unexpected": [1, 2]}
        return broken, path
    if kind == "control_character":
        parent[key] = parent[key] + "\x00"
        return broken, path
    if kind == "unknown_field":
        get(broken, path)["colour"] = "blue"
        return broken, path + ("colour",)
    item = get(broken, path) if path else broken
    if kind == "missing_id":
        del item["id"]
        return broken, path + ("id",)
    if kind == "bad_id":
        item["id"] = "Web Chat!"
        return broken, path + ("id",)
    if kind == "duplicate_id":
        get(broken, path[:1]).append(copy.deepcopy(item))
        return broken, (path[0], len(get(broken, path[:1])) - 1, "id")
    if kind == "missing_title":
        del broken["title"]
        return broken, ("title",)
    if kind == "score_out_of_range":
        item["score"] = 4
        return broken, path + ("score",)
    if kind == "unknown_persona":
        item["persona"] = "nobody"
        return broken, path + ("persona",)
    if kind == "unknown_stage":
        item["stages"].append("nowhere")
        return broken, path + ("stages", len(item["stages"]) - 1)
    raise AssertionError(kind)


@pytest.mark.parametrize("base", BASES)
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_broken_document_is_refused_with_its_path(base, data, tmp_path, capsys) -> None:
    original = json.loads((FILES / base).read_text(encoding="utf-8"))
    kind, path = data.draw(breakage(original))
    broken, expected = apply(original, kind, path)
    target = tmp_path / "journey.json"
    target.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    before = target.read_bytes()

    with pytest.raises(WorkshopInvalid) as caught:
        load_workshop(target)
    named = [problem.path for problem in caught.value.problems]
    assert format_path(expected) in named, (kind, named)
    assert all(problem.message for problem in caught.value.problems)

    capsys.readouterr()
    assert main(["validate", str(target)]) == 1
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err and format_path(expected) in printed.err
    assert target.read_bytes() == before


@pytest.mark.parametrize(("value", "words"), [
    ({"title": "   "}, "title: must not be empty"),
    ({"title": "A\nB"}, "title: must fit on one line"),
    ({"title": "x" * 201}, "title: is too long: at most 200 characters"),
    ({"title": "T", "language": "de"}, "language: must be one of"),
    ({"title": "T", "date": "2026-13-01"}, "date: must be a date like 2026-11-22"),
    ({"title": "T", "framework": "nine-stages"}, "framework: unknown stage framework"),
    ({"title": "T", "state": "someday"}, "state: must be one of"),
    ({"title": "T\u202egnp.exe"}, "title: contains an invisible control character (U+202E)"),
])
def test_messages_say_what_is_wrong(value, words) -> None:
    from journeylab.model import SCHEMA_VERSION, validate_workshop

    with pytest.raises(WorkshopInvalid) as caught:
        validate_workshop({"schema_version": SCHEMA_VERSION, **value})
    assert words in str(caught.value)
