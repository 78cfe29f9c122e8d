"""Every citation in the code, configs and docs must resolve inside the repository.

Papers are cited by the keys of docs/references.md (JDSR-GAN, JDSR-GAN (preprint), FCSR-GAN, FishFSRNet), never by
the number of a file outside the repository, and project notes are cited from docs/ (docs/architecture-notes.md),
never from notes a checkout does not have. This test only reads files of the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
THIS = Path(__file__).resolve()

#: What is scanned: the package, configs, scripts, benchmarks, docs and tests (*.py, *.md), plus the top-level docs.
SCAN_DIRS = ("facerestore", "configs", "scripts", "benchmarks", "docs", "tests")
SCAN_FILES = ("README.md", "CHANGELOG.md")
SUFFIXES = {".py", ".md"}

_WRAP = r"-\s*(?:#\s*)?"  # a hyphenated name broken across two comment or docstring lines
_FILE_NUMBER = r"(?<![\w.,/-])00[0-3](?![\w-]|[.,]\w)"

#: (what it is, pattern) for citations of documents that are not in the repository.
FORBIDDEN = [
    ("external architecture notes (use docs/architecture-notes.md)", re.compile("reference" + _WRAP + "architectures")),
    ("external design notes (use docs/)", re.compile(r"(?<![\w-])design\.md")),
    ("external offline-asset notes (use docs/data.md, Offline assets)", re.compile(r"offline" + _WRAP + r"assets")),
    ("external dependency notes", re.compile(r"(?<![\w-])dependencies\.md")),
    ("external conventions notes", re.compile(r"(?<![\w-])conventions\.md")),
    ("external performance notes", re.compile(r"performance" + _WRAP + r"anchors")),
    ("paper files outside the repository", re.compile(r"shared/(?:papers|docs)\b")),
    # A paper named by its file number: "001 Table 1", "002 eq. 2", "003 §IV-D", "000/001 eq. 14", "(003)",
    # "Table 2 of 001", "002 does not say" — any free-standing 000–003 that is not part of a number or a file name
    # (0.001, 100,000, 10_000, test/10000, 000.png are fine).
    ("paper cited by file number (use the keys of docs/references.md)", re.compile(_FILE_NUMBER)),
]

#: A repository path to a doc, e.g. docs/architecture-notes.md; and a relative Markdown link inside docs/.
DOC_PATH = re.compile(r"(?<![\w/.-])docs/[\w./-]+?\.md\b")
MD_LINK = re.compile(r"\]\(([\w./-]+?\.md)(?:#[^)]*)?\)")


def _files() -> list[Path]:
    files = [REPO / name for name in SCAN_FILES if (REPO / name).is_file()]
    for folder in SCAN_DIRS:
        files += sorted(p for p in (REPO / folder).rglob("*") if p.suffix in SUFFIXES and p.is_file())
    return [p for p in files if p.resolve() != THIS]


FILES = _files()


def _line(text: str, offset: int) -> tuple[int, str]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text.count("\n", 0, offset) + 1, text[start : end if end >= 0 else None].strip()


def test_scan_covers_the_repository():
    names = {p.relative_to(REPO).parts[0] for p in FILES}
    assert set(SCAN_DIRS) <= names, f"nothing scanned in {set(SCAN_DIRS) - names}"
    assert (REPO / "docs" / "references.md").is_file() and (REPO / "docs" / "architecture-notes.md").is_file()


def test_no_citations_outside_the_repository():
    bad = []
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        for what, pattern in FORBIDDEN:
            for match in pattern.finditer(text):
                line, content = _line(text, match.start())
                bad.append(f"{path.relative_to(REPO)}:{line}: {what}: {content}")
    assert not bad, f"{len(bad)} citation(s) that do not resolve inside the repository:\n" + "\n".join(bad)


def test_cited_docs_exist():
    missing = []
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        for match in DOC_PATH.finditer(text):
            if not (REPO / match.group(0)).is_file():
                line, content = _line(text, match.start())
                missing.append(f"{path.relative_to(REPO)}:{line}: {match.group(0)} does not exist: {content}")
        if path.suffix == ".md" and path.parent == REPO / "docs":
            for match in MD_LINK.finditer(text):
                target = match.group(1)
                if "://" not in target and not (path.parent / target).is_file():
                    line, content = _line(text, match.start())
                    missing.append(f"{path.relative_to(REPO)}:{line}: link {target} does not exist: {content}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("(001 Table 1)", True),
        ("002 eq. 2", True),
        ("003 §IV-D", True),
        ("000/001 eq. 14", True),
        ("FishFSRNet (003)", True),
        ("Table 2 of 001 (Table I of 000)", True),
        ("002 does not say", True),
        ("see reference-\n    architectures §3.3", True),
        ("the CPU protocol of design.md", True),
        ("JDSR-GAN (preprint) Table 1", False),
        ("lr 0.001, 100,000 iters, 10_000, test/10000–10199, grids/000.png", False),
        ("docs/design-decisions.md", False),
    ],
)
def test_patterns(text, bad):
    assert any(pattern.search(text) for _, pattern in FORBIDDEN) is bad
