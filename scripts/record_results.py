"""Add the metrics a `facerestore test` run wrote (its --out JSON) to a zoo entry, with the protocol.

python scripts/record_results.py ALIAS results/default.json --protocol "..." --command "facerestore test ..."
"""

import argparse
import json
from pathlib import Path

ZOO = Path(__file__).resolve().parents[1] / "zoo"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("alias")
    parser.add_argument("metrics_json")
    parser.add_argument("--protocol", required=True)
    parser.add_argument("--command", required=True)
    args = parser.parse_args()
    path = ZOO / f"{args.alias}.json"
    entry = json.loads(path.read_text())
    measured = json.loads(Path(args.metrics_json).read_text())
    entry["results"] = [r for r in entry["results"] if r["protocol"] != args.protocol]
    entry["results"].append({"protocol": args.protocol, "metrics": measured["metrics"], "command": args.command})
    path.write_text(json.dumps(entry, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
