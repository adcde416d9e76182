"""Print the median of each command in hyperfine JSON exports, and its ratio to the first.

python bench/medians.py RESULT.json [RESULT.json ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> None:
    for path in sys.argv[1:]:
        results = json.loads(Path(path).read_text(encoding="utf-8"))["results"]
        baseline = results[0]["median"]
        for result in results:
            median = result["median"]
            print(f"{result['command']:<28} median {median:8.3f} s   x{median / baseline:5.2f}")
        print()


if __name__ == "__main__":
    main()
