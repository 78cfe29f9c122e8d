"""What every benchmark script ends with: its settings printed beside its numbers, and both written as JSON."""

import json
from pathlib import Path


def save_results(settings: dict, rows: list[dict], out: str) -> None:
    print("Settings: " + ", ".join(f"{k} {v}" for k, v in settings.items()) + ".")
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"settings": settings, "rows": rows}, indent=2) + "\n")
