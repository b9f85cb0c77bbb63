"""How much of the corpus of real concept notes the reader reads right, field by field.

    .venv/bin/python bench/importer_accuracy.py [--verbose] [--corpus DIR] [NAME ...]

Every note under tests/fixtures/concept-notes/corpus/ is read by
``read_note`` and compared with the plan a careful reader finds in it
(``NAME.expected.json``). The table gives, per field, the share of notes whose
field is right, then the share right on every field; under it, per note, the
fields that are wrong (``--verbose`` prints the differences); NAMEs (parts of
file names, such as ``hrc`` or ``.pdf``) keep only the notes they match. Beside the
figures, as a same-run baseline, the time to read the whole corpus and the time
only to extract the files' blocks.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from podium.conceptnote import extract
from podium.conceptnote.reader import read_note
from podium.meeting.plan import Plan
from podium.meeting.words import FLOOR_CLASSES

CORPUS = Path(__file__).resolve().parent.parent / "tests/fixtures/concept-notes/corpus"
SUFFIXES = (".docx", ".pdf", ".txt", ".md")
FIELDS = (
    "start",
    "end",
    "timezone",
    "venue",
    "kind",
    "title",
    "questions",
    "segments",
    "documents",
    "outcome",
    "sdgs",
    "language",
)

_QUOTES = str.maketrans(dict.fromkeys("‘’‚‛′`´“”„‟″«»‹›「」『』", "'") | {'"': "'"})
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−﹘﹣", "-"))
_TRAILING = ".,;:!?…。．，；：！？؟،؛"
# Forms of address a name may carry or not, in the six languages (compared folded).
_HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "h.e", "he", "hon", "sir",
    "dame", "baroness", "lord", "ambassador", "excmo", "excma", "sr", "sra", "srta",
    "m", "mme", "mlle", "s.e", "г-н", "г-жа", "д-р", "его", "ее", "превосходительство",
    "السيد", "السيدة", "الدكتور", "الدكتورة", "معالي", "سعادة",
}  # fmt: skip
_CJK_TITLES = ("先生", "女士", "博士", "阁下", "教授")


def normal_text(text: str | None) -> str:
    """Text as compared: NFKC, case folded, one kind of quote and dash, spaces
    collapsed, trailing punctuation dropped."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = folded.translate(_QUOTES).translate(_DASHES)
    folded = " ".join(folded.split())
    return folded.rstrip(_TRAILING + " '").lstrip("'")


def normal_name(name: str) -> str:
    """A person's name without the forms of address before it."""
    words = normal_text(name).replace("，", " ").split()
    while words and words[0].rstrip(".") in _HONORIFICS:
        words.pop(0)
    joined = " ".join(words)
    for title in _CJK_TITLES:
        joined = joined.removesuffix(title)
    return joined.strip()


def _symbol(symbol: str | None) -> str:
    return re.sub(r"\s+", "", symbol or "").upper()


def _loosely_equal(expected: str | None, actual: str | None) -> bool:
    want, got = normal_text(expected), normal_text(actual)
    if not want or not got:
        return want == got
    return want == got or want in got or got in want


def _instant(value: str | None) -> tuple[datetime, Any] | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    return moment, moment.utcoffset()


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _segment_view(segment: dict[str, Any]) -> dict[str, Any]:
    maximum = _number(segment["minutes_max"])
    by_class = {k: float(v) for k, v in segment.get("limits_by_class", {}).items()}
    view = {
        "role": segment["role"],
        "speakers": segment["speakers"],
        "names": [normal_name(n) for n in segment.get("names", [])],
        "minutes_min": _number(segment["minutes_min"]),
        "minutes_max": maximum,
        "per_speaker": bool(segment["per_speaker"]),
        "limits_by_class": by_class,
    }
    if by_class:
        # "3 minutes for States, 2 for all others" and "3 for States, 2 for observers and
        # 2 for stakeholders" are one rule: compare each class's own limit.
        view["limits_by_class"] = {c: by_class.get(c, maximum) for c in FLOOR_CLASSES}
        del view["minutes_max"]
    return view


def _differences(field: str, expected: Any, actual: Any) -> list[str]:
    return [] if expected == actual else [f"{field}: expected {expected!r}, read {actual!r}"]


def compare(expected: dict[str, Any], plan: Plan) -> dict[str, list[str]]:
    """Per field, what the plan read gets wrong against the expectation (empty: right)."""
    got = plan.to_json()
    wrong: dict[str, list[str]] = {}
    for field in ("start", "end"):
        want = _instant(expected[field])
        have = _instant(got[field])
        wrong[field] = (
            [] if want == have else [f"{field}: expected {expected[field]}, read {got[field]}"]
        )
    wrong["timezone"] = _differences("timezone", expected["timezone"], got["timezone"])
    wrong["language"] = _differences("language", expected["language"], got["language"])
    for field in ("venue", "kind", "title"):
        wrong[field] = (
            []
            if normal_text(expected[field]) == normal_text(got[field])
            else [f"{field}: expected {expected[field]!r}, read {got[field]!r}"]
        )
    wrong["questions"] = _differences(
        "questions",
        [normal_text(q) for q in expected["questions"]],
        [normal_text(q) for q in got["questions"]],
    )
    wrong["segments"] = _segments(expected["segments"], got["segments"])
    wrong["documents"] = _documents(expected["documents"], got["documents"])
    wrong["outcome"] = _outcome(expected["outcome"], got["outcome"])
    wrong["sdgs"] = _differences("sdgs", sorted(expected["sdgs"]), sorted(got["sdgs"]))
    return wrong


def _segments(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[str]:
    if len(expected) != len(got):
        return [
            f"segments: expected {len(expected)} "
            f"({', '.join(s['role'] for s in expected) or 'none'}), read {len(got)} "
            f"({', '.join(s['role'] for s in got) or 'none'})"
        ]
    problems = []
    for index, (want, have) in enumerate(zip(expected, got, strict=True)):
        want_view, have_view = _segment_view(want), _segment_view(have)
        for key, value in want_view.items():
            if have_view.get(key) != value:
                problems.append(
                    f"segments[{index}].{key}: expected {value!r}, read {have_view[key]!r}"
                )
    return problems


def _documents(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[str]:
    if len(expected) != len(got):
        return [
            f"documents: expected {len(expected)} "
            f"({', '.join(_symbol(d['symbol']) or '-' for d in expected) or 'none'}), "
            f"read {len(got)} ({', '.join(_symbol(d['symbol']) or '-' for d in got) or 'none'})"
        ]
    problems = []
    for index, (want, have) in enumerate(zip(expected, got, strict=True)):
        if _symbol(want["symbol"]) != _symbol(have["symbol"]):
            problems.append(
                f"documents[{index}].symbol: expected {want['symbol']!r}, read {have['symbol']!r}"
            )
        if (want["url"] or None) != (have["url"] or None):
            problems.append(
                f"documents[{index}].url: expected {want['url']!r}, read {have['url']!r}"
            )
        if not _loosely_equal(want["title"], have["title"]):
            problems.append(
                f"documents[{index}].title: expected {want['title']!r}, read {have['title']!r}"
            )
    return problems


def _outcome(expected: dict[str, Any] | None, got: dict[str, Any] | None) -> list[str]:
    if expected is None or got is None:
        return [] if expected is got else [f"outcome: expected {expected!r}, read {got!r}"]
    problems = []
    if not _loosely_equal(expected["forum"], got["forum"]):
        problems.append(f"outcome.forum: expected {expected['forum']!r}, read {got['forum']!r}")
    for end in ("start", "end"):
        want = date.fromisoformat(expected[end]) if expected[end] else None
        have = date.fromisoformat(got[end]) if got[end] else None
        if want != have:
            problems.append(f"outcome.{end}: expected {expected[end]}, read {got[end]}")
    return problems


def notes(corpus: Path = CORPUS) -> list[Path]:
    """The corpus' notes, each with its expectation beside it."""
    return sorted(
        p
        for p in corpus.iterdir()
        if p.suffix in SUFFIXES and p.with_name(p.stem + ".expected.json").is_file()
    )


def expectation(note: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        note.with_name(note.stem + ".expected.json").read_text(encoding="utf-8")
    )
    return data


@dataclass(frozen=True)
class Result:
    note: Path
    wrong: dict[str, list[str]]
    error: str | None = None

    @property
    def right(self) -> bool:
        return self.error is None and not any(self.wrong.values())


def check(note: Path) -> Result:
    """One note read and compared; a reader exception makes every field wrong."""
    expected = expectation(note)
    try:
        plan = read_note(note)
    except Exception as exc:  # the benchmark counts any failure, whatever its kind
        message = f"{type(exc).__name__}: {exc}"
        return Result(note, {field: [message] for field in FIELDS}, message)
    return Result(note, compare(expected, plan))


@dataclass(frozen=True)
class Accuracy:
    results: tuple[Result, ...]

    def share(self, field: str) -> float:
        return sum(not r.wrong[field] for r in self.results) / len(self.results)

    @property
    def notes_right(self) -> float:
        return sum(r.right for r in self.results) / len(self.results)


def _by_group(accuracy: Accuracy) -> Table:
    """Fields right, on average, by the notes' language and by their format."""
    groups: dict[str, list[Result]] = {}
    for result in accuracy.results:
        groups.setdefault(f"language {expectation(result.note)['language']}", []).append(result)
        groups.setdefault(f"format {result.note.suffix}", []).append(result)
    table = Table(title="Fields right, by group")
    table.add_column("group")
    table.add_column("notes", justify="right")
    table.add_column("fields right", justify="right")
    for name in sorted(groups):
        results = groups[name]
        right = sum(not r.wrong[f] for r in results for f in FIELDS) / (len(results) * len(FIELDS))
        table.add_row(name, str(len(results)), f"{right:.0%}")
    return table


def measure(corpus: Path = CORPUS, only: tuple[str, ...] = ()) -> Accuracy:
    """The corpus' notes checked; ``only`` keeps those whose file name holds one of its parts."""
    return Accuracy(tuple(check(note) for note in _chosen(notes(corpus), only)))


def _chosen(found: list[Path], only: tuple[str, ...]) -> list[Path]:
    return [note for note in found if not only or any(part in note.name for part in only)]


def _blocks_of(note: Path) -> list[Any]:
    """The note's blocks, as the reader's first step makes them: the baseline."""
    return list(extract.file_blocks(note))


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print each difference")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("names", nargs="*", help="only the notes whose file name holds one")
    options = parser.parse_args()
    console = Console()
    only = tuple(options.names)
    found = _chosen(notes(options.corpus), only)
    if not found:
        raise SystemExit(f"{options.corpus}: no note with its .expected.json matches")
    # One untimed pass first, so that both figures are of warm code and caches.
    for note in found:
        _blocks_of(note)
    extracted, _ = timed(lambda: [_blocks_of(note) for note in found])
    elapsed, accuracy = timed(lambda: measure(options.corpus, only))
    table = Table(title=f"Reader accuracy, {len(found)} real notes")
    table.add_column("field")
    table.add_column("right", justify="right")
    for field in FIELDS:
        table.add_row(field, f"{accuracy.share(field):.0%}")
    table.add_row("[bold]every field[/bold]", f"[bold]{accuracy.notes_right:.0%}[/bold]")
    console.print(table)
    console.print(_by_group(accuracy))
    for result in accuracy.results:
        if result.right:
            continue
        fields = [f for f in FIELDS if result.wrong[f]]
        console.print(f"[bold]{result.note.name}[/bold]: {', '.join(fields)}", highlight=False)
        if result.error:
            console.print(f"  reader failed: {result.error}", highlight=False)
        elif options.verbose:
            for field in fields:
                for difference in result.wrong[field]:
                    console.print(f"  {difference}", highlight=False, markup=False)
    console.print(
        f"read the corpus in {elapsed * 1000:.0f} ms ({elapsed / len(found) * 1000:.1f} ms "
        f"a note); only extracting the blocks: {extracted * 1000:.0f} ms (baseline)",
        highlight=False,
    )


if __name__ == "__main__":
    main()
