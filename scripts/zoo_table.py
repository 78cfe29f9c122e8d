"""Write docs/model-zoo.md from the zoo entries (tests check that it is current)."""

from pathlib import Path

from facerestore.zoo import entries

DOC = Path(__file__).resolve().parents[1] / "docs" / "model-zoo.md"


def render() -> str:
    lines = [
        "# Model zoo",
        "",
        "Generated from `zoo/*.json` by `python scripts/zoo_table.py`; `facerestore info ALIAS` shows a whole entry.",
        "Every number was measured by the command beside it, on the weights as shipped.",
        "",
        "| alias | status | input | description | training |",
        "|---|---|---|---|---|",
    ]
    results = []
    for alias, e in entries().items():
        t = e.get("training", {})
        lines.append(
            f"| `{alias}` | {e['status']} | {e.get('input', '')} | {e['description']} | "
            f"`{t.get('command', e.get('train_command', ''))}` |"
        )
        for r in e.get("results", []):
            metrics = ", ".join(f"{k} {v:.4f}" for k, v in r["metrics"].items())
            results.append(f"| `{alias}` | {r['protocol']} | {metrics} | `{r['command']}` |")
    lines += ["", "## Results", "", "| alias | protocol | metrics | command |", "|---|---|---|---|", *results]
    lines += ["", "## Licences", ""]
    lines += [
        f"- `{alias}`: code {e['licence']['code']}; weights {e['licence']['weights']}" for alias, e in entries().items()
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    DOC.write_text(render())
    print(f"wrote {DOC}")
