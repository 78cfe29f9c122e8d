"""Write docs/model-zoo.md, the README's zoo table and one Hub model card per alias (zoo/cards/ALIAS.md) from the
zoo entries.

The cards are what ``facerestore push --alias ALIAS`` uploads as README.md (facerestore.zoo.model_card);
tests check that the table and every card are current.
"""

from pathlib import Path

from facerestore.imageio import atomic_write
from facerestore.zoo import entries, model_card, protocol_text

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "model-zoo.md"
README = REPO / "README.md"
CARDS = REPO / "zoo" / "cards"
README_MARKERS = ("<!-- zoo table: python scripts/zoo_table.py -->\n", "<!-- end of zoo table -->\n")


def render_readme(text: str) -> str:
    """``text`` (the README) with the short zoo table between its markers rewritten."""
    begin, end = README_MARKERS
    if begin not in text or end not in text:
        raise ValueError(f"README.md lacks the zoo table markers {begin.strip()} … {end.strip()}")
    rows = ["| alias | status | description | first result |", "|---|---|---|---|"]
    for alias, e in entries().items():
        first = e.get("results") or [{}]
        metrics = ", ".join(f"{k} {v:.2f}" for k, v in first[0].get("metrics", {}).items() if "/" not in k)
        rows.append(f"| `{alias}` | {e['status']} | {e['description'].split(';')[0]} | {metrics or '–'} |")
    head, rest = text.split(begin, 1)
    return head + begin + "\n".join(rows) + "\n" + end + rest.split(end, 1)[1]


def render() -> str:
    zoo = entries()
    lines = [
        "# Model zoo",
        "",
        "Generated from `zoo/*.json` by `python scripts/zoo_table.py`; `facerestore info ALIAS` shows a whole entry,",
        "`zoo/cards/ALIAS.md` its Hub model card. Every number was measured by the command beside it, on the weights",
        "as shipped. An unpublished alias has no weights yet: train it with its command, and see [hub.md](hub.md) for",
        "loading, downloading and publishing.",
        "",
        "| alias | status | Hub | input | description | training |",
        "|---|---|---|---|---|---|",
    ]
    results = []
    for alias, e in zoo.items():
        t = e.get("training", {})
        hub = f"`{e['hub_id']}`" + (f" @ `{e['revision'][:12]}`" if e.get("revision") else "") if e["hub_id"] else "-"
        lines.append(
            f"| `{alias}` | {e['status']} | {hub} | {e.get('input', '')} | {e['description']} | "
            f"`{t.get('command', e.get('train_command', ''))}` |"
        )
        for r in e.get("results", []):
            metrics = ", ".join(f"{k} {v:.4f}" for k, v in r["metrics"].items())
            results.append(f"| `{alias}` | {r['protocol']} | {metrics} | `{r['command']}` |")
    lines += ["", "## Protocols", "", "What each alias is (or will be) evaluated under.", ""]
    lines += ["| alias | protocol | config |", "|---|---|---|"]
    lines += [f"| `{a}` | {protocol_text(e['protocol'])} | `{e['config_file']}` |" for a, e in zoo.items()]
    lines += ["", "## Results", "", "| alias | protocol | metrics | command |", "|---|---|---|---|", *results]
    lines += ["", "## Licences", ""]
    lines += [f"- `{a}`: code {e['licence']['code']}; weights {e['licence']['weights']}" for a, e in zoo.items()]
    return "\n".join(lines) + "\n"


def render_cards() -> dict[str, str]:
    """``{file name: text}`` of every model card."""
    return {f"{alias}.md": model_card(e) for alias, e in entries().items()}


def main() -> None:
    atomic_write(DOC, lambda tmp: Path(tmp).write_text(render()))
    readme = render_readme(README.read_text())
    atomic_write(README, lambda tmp: Path(tmp).write_text(readme))
    cards = render_cards()
    for name, text in cards.items():
        atomic_write(CARDS / name, lambda tmp, text=text: Path(tmp).write_text(text))
    for stale in sorted(set(p.name for p in CARDS.glob("*.md")) - set(cards)):
        (CARDS / stale).unlink()
    print(f"wrote {DOC}, the zoo table of {README} and {len(cards)} model cards in {CARDS}")


if __name__ == "__main__":
    main()
