"""Generated hostile notes thrown at the importer, in a process bounded in memory and CPU.

``python -m tests.support.fuzz_notes FORMAT COUNT SEED`` makes COUNT notes of
FORMAT (md, docx or pdf) from the real 2024 panel note by seeded mutation,
reads each as the worker does (``read_checked``), and prints one JSON line:
how many were read, how many refused with a sentence, the slowest read, and
every other outcome (an exception that is not a refusal) with its note's recipe.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from podium.conceptnote.reader import NotAConceptNote, parse_text
from podium.conceptnote.worker import _limit_self, read_checked
from podium.meeting.plan import Plan
from tests.support.hostile_files import docx_parts, note_bytes, zipped

# A short note with every part the reader looks for: the fuzzing is in the mutations.
BASE_NOTE = """**United Nations Commission on Science and Technology for Development (CSTD)
Twenty-seventh Annual Session**

**High-level panel on "Global Cooperation in Science, Technology and Innovation"**

**Monday, 15 April 2024, 15.00-16.30 (Geneva time)
Geneva**

Concept note

Background

Global partnerships around [STI](https://unctad.org/cstd) are necessary (SDGs 9 and 17).

Guiding questions for discussion

- What role could the CSTD play in coordinating STI agendas?
- How can international collaboration support STI foresight?

Format of the high-level panel

- Opening remarks by the Chair (5 minutes)
- Three panelists, 10 minutes each
- Interactive discussion with delegations (30 minutes)

Documentation

- Issue paper (E/CN.16/2024/3), available at: https://unctad.org/cstd
"""
RUNS = "[]-#*|()_`\t .0:>!<&;\\/"
MEMORY = 1024 * 1024 * 1024
CPU_SECONDS = 280


def mutate_text(text: str, rng: random.Random) -> tuple[str, str]:
    """The text changed in one to three ways, and what was done."""
    done = []
    for _n in range(rng.randint(1, 3)):
        where = rng.randrange(len(text) + 1)
        choice = rng.randrange(7)
        if choice == 0:
            char = rng.choice(RUNS)
            run = char * rng.randint(1, 2000)
            text = text[:where] + run + text[where:]
            done.append(f"run {char!r}×{len(run)}")
        elif choice == 1:
            noise = "".join(chr(rng.randrange(0, 0x3000)) for _i in range(rng.randint(1, 200)))
            text = text[:where] + noise + text[where:]
            done.append("noise")
        elif choice == 2:
            end = rng.randrange(where, len(text) + 1)
            text = text[:where] + text[end:]
            done.append("cut")
        elif choice == 3:
            end = min(len(text), where + rng.randint(1, 400))
            text = text[:where] + text[where:end] * rng.randint(2, 100) + text[where:]
            done.append("repeat")
        elif choice == 4:
            line = rng.choice(["#", "-", "1.", "**", "|", ">", "*"]) * rng.randint(1, 40)
            text = (
                text[:where] + "\n" + line + " " + "x" * rng.randint(0, 3000) + "\n" + text[where:]
            )
            done.append("line")
        elif choice == 5:
            text = "".join(ch if rng.random() > 0.01 else chr(rng.randrange(0, 32)) for ch in text)
            done.append("controls")
        else:
            text = text[: rng.randrange(len(text) + 1)]
            done.append("truncate")
    return text, "+".join(done)


def make_md(rng: random.Random, base: str) -> tuple[bytes, str, str]:
    text, how = mutate_text(base, rng)
    suffix = rng.choice([".md", ".txt"])
    return text.encode("utf-8", "surrogatepass"), suffix, how


def make_docx(rng: random.Random, parts: dict[str, bytes]) -> tuple[bytes, str, str]:
    parts = dict(parts)
    choice = rng.randrange(8)
    body = parts["word/document.xml"].decode()
    if choice == 0:
        text, how = mutate_text("", rng)
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        cleaned = "".join(c for c in escaped if c >= " " or c in "\t\n")
        parts["word/document.xml"] = body.replace("<w:t>", f"<w:t>{cleaned}", 1).encode()
    elif choice == 1:
        depth = rng.randint(1, 5000)
        parts["word/document.xml"] = body.replace(
            "<w:body>", "<w:body>" + "<w:p>" * depth + "</w:p>" * depth, 1
        ).encode()
        how = f"depth {depth}"
    elif choice == 2:
        cut = rng.randrange(len(body))
        parts["word/document.xml"] = body[:cut].encode()
        how = f"xml cut at {cut}"
    elif choice == 3:
        parts["word/document.xml"] = (
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]>' + body.split("?>", 1)[1]
        ).encode()
        how = "doctype"
    elif choice == 4:
        del parts[rng.choice(sorted(parts))]
        how = "a part missing"
    elif choice == 5:
        for n in range(rng.randint(1, 1500)):
            parts[f"word/extra{n}.bin"] = b""
        how = "many parts"
    data = zipped(parts)
    if choice == 6:
        data = _flip(data, rng)
        how = "bytes flipped"
    elif choice == 7:
        data = data[: rng.randrange(len(data))]
        how = "zip truncated"
    return data, ".docx", how


def make_pdf(rng: random.Random, base: bytes) -> tuple[bytes, str, str]:
    choice = rng.randrange(5)
    if choice == 0:
        return _flip(base, rng), ".pdf", "bytes flipped"
    if choice == 1:
        cut = rng.randrange(len(base))
        return base[:cut], ".pdf", f"truncated at {cut}"
    if choice == 2:
        count = rng.choice([10**3, 10**6, 10**9, -1])
        return base.replace(b"/Count ", f"/Count {count} ".encode(), 1), ".pdf", "page count"
    if choice == 3:
        length = rng.choice([0, 10**9, -5])
        return base.replace(b"/Length ", f"/Length {length} /X ".encode(), 1), ".pdf", "length"
    where = rng.randrange(len(base))
    junk = bytes(rng.randrange(256) for _i in range(rng.randint(1, 2000)))
    return base[:where] + junk + base[where:], ".pdf", "junk inserted"


def _flip(data: bytes, rng: random.Random) -> bytes:
    flipped = bytearray(data)
    for _n in range(rng.randint(1, 20)):
        flipped[rng.randrange(len(flipped))] = rng.randrange(256)
    return bytes(flipped)


def _base_plan() -> Plan:
    return parse_text(BASE_NOTE)


def main(kind: str, count: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    makers: dict[str, Callable[[], tuple[bytes, str, str]]] = {}
    if kind == "md":
        makers["md"] = lambda: make_md(rng, BASE_NOTE)
    elif kind == "docx":
        parts = docx_parts(_base_plan())
        makers["docx"] = lambda: make_docx(rng, parts)
    else:
        base_pdf = note_bytes("pdf", _base_plan())
        makers["pdf"] = lambda: make_pdf(rng, base_pdf)
    _limit_self(MEMORY, CPU_SECONDS)
    read = refused = 0
    slowest = (0.0, "")
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for number in range(count):
            data, suffix, how = makers[kind]()
            path = Path(folder) / f"note{number}{suffix}"
            path.write_bytes(data)
            started = time.process_time()  # CPU time: what the note costs, whatever else runs
            try:
                read_checked(("file", str(path), path.name))
                read += 1
            except NotAConceptNote as exc:
                refused += 1
                if "\n" in str(exc) or not str(exc).startswith(path.name):
                    failures.append(f"{how}: not one sentence: {exc!r}"[:300])
            except BaseException:
                failures.append(f"{how}: {traceback.format_exc(limit=3)}"[-600:])
            took = time.process_time() - started
            if took > slowest[0]:
                slowest = (took, how)
            path.unlink()
    return {
        "read": read,
        "refused": refused,
        "slowest_seconds": round(slowest[0], 3),
        "slowest": slowest[1],
        "failures": failures[:20],
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))))
