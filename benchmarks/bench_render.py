"""How long writing the reference document takes in each format, against a baseline
measured in the same run: serialising the same model as JSON (``disclosure_json``), the
least any writer of the whole model must do. Also the time to read each output back.

Machines here are shared and noisy: medians of a few runs and ratios to the baseline,
never a timed assertion. PDF is slow (text layout and font subsetting), so it gets fewer runs.
"""

from __future__ import annotations

import sys

from timing import median_seconds

from yusuan import example_path, read, read_bytes
from yusuan.render import render
from yusuan.serialize import disclosure_json

RUNS = {"txt": 7, "html": 7, "xlsx": 5, "docx": 5, "pdf": 3}


def main() -> None:
    d = read(example_path()).disclosure
    formats = sys.argv[1:] or list(RUNS)
    for fmt in formats:  # warm imports and caches (templates, fonts) outside the timing
        render(d, fmt)
    base = median_seconds(lambda: disclosure_json(d), 7)
    print(f"baseline: model → JSON (median of 7):        {base * 1000:8.1f} ms")
    for fmt in formats:
        data = render(d, fmt)
        t = median_seconds(lambda fmt=fmt: render(d, fmt), RUNS[fmt])  # type: ignore[misc]
        line = f"render {fmt:<4} (median of {RUNS[fmt]}, {len(data) // 1024:5d} KiB): {t * 1000:8.1f} ms  ({t / base:6.1f}x baseline)"
        r = median_seconds(lambda data=data, fmt=fmt: read_bytes(data, f"x.{fmt}"), 3)  # type: ignore[misc]
        line += f"   read back: {r * 1000:7.1f} ms"
        print(line)


if __name__ == "__main__":
    main()
