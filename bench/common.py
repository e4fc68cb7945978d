"""Shared helpers of the benchmark scripts: timing with warm-up and medians, verdicts, peak memory, the figures table."""

from __future__ import annotations

import gc
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

PASS = "pass"
FAIL = "FAIL"
INFO = "info"


@dataclass(frozen=True, slots=True)
class Sample:
    """Durations in seconds of repeated runs of one piece of work (warm-up runs excluded)."""

    seconds: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def worst(self) -> float:
        return max(self.seconds)

    def quantile(self, q: float) -> float:
        """The q-quantile (0..1) by nearest rank."""
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def measure(
    work: Callable[[int], object],
    repeat: int,
    warmup: int = 3,
    after: Callable[[int], object] | None = None,
) -> Sample:
    """Time `work(i)` for i = 0..warmup+repeat-1 with time.perf_counter; `after(i)` runs untimed after each.

    The garbage collector is collected once before the series (not disabled: real edits pay for it too,
    and the median keeps an occasional collection from moving the figure).
    """
    gc.collect()
    durations: list[float] = []
    for i in range(warmup + repeat):
        started = time.perf_counter()
        work(i)
        elapsed = time.perf_counter() - started
        if after is not None:
            after(i)
        if i >= warmup:
            durations.append(elapsed)
    return Sample(tuple(durations))


@dataclass(frozen=True, slots=True)
class Probe:
    """A piece of work to time repeatedly: `work(i)` timed; `after(i)` untimed after each run;
    `before()` and `finish()` untimed around each batch (to enter and leave the state the work needs).
    """

    work: Callable[[int], object]
    after: Callable[[int], object] | None = None
    before: Callable[[], object] | None = None
    finish: Callable[[], object] | None = None


def measure_interleaved(
    probes: dict[str, Probe], repeat: int, warmup: int = 3, rounds: int = 5
) -> dict[str, Sample]:
    """Time several probes (the same work on S and L, or on the library floor and on CX Studio) in alternating
    batches, so that load from other processes hits every one of them alike and their ratio stays fair.

    Each probe runs `repeat` timed times in total, split over `rounds` batches; the run index keeps counting
    across batches so `work(i)` can cycle through its inputs.
    """
    batch = max(1, -(-repeat // rounds))
    seconds: dict[str, list[float]] = {name: [] for name in probes}
    done = dict.fromkeys(probes, 0)
    for round_ in range(rounds):
        for name, probe in probes.items():
            count = min(batch, repeat - done[name])
            if count <= 0:
                continue
            if probe.before is not None:
                probe.before()
            offset = done[name]
            sample = measure(
                lambda i, p=probe, o=offset: p.work(o + i),
                repeat=count,
                warmup=warmup if round_ == 0 else 0,
                after=None if probe.after is None else (lambda i, p=probe, o=offset: p.after(o + i)),
            )
            if probe.finish is not None:
                probe.finish()
            seconds[name].extend(sample.seconds)
            done[name] += count
    return {name: Sample(tuple(values)) for name, values in seconds.items()}


def time_once(work: Callable[[], object]) -> tuple[float, object]:
    """Run `work` once; returns (seconds, its result)."""
    gc.collect()
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def fmt_seconds(seconds: float) -> str:
    """A duration in the unit that reads best: µs below 1 ms, ms below 1 s, else s."""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1.0:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def at_most(value: float, limit: float) -> str:
    return PASS if value <= limit else FAIL


def ratio_verdict(value: float, floor: float, max_ratio: float) -> tuple[float, str]:
    """The ratio value/floor and whether it stays within `max_ratio`."""
    ratio = value / floor if floor > 0 else float("inf")
    return ratio, at_most(ratio, max_ratio)


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (Linux reports kilobytes, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a benchmark table."""

    what: str
    figure: str
    bar: str = "—"
    verdict: str = INFO


@dataclass
class Table:
    """A titled table of rows with optional footnotes, printed as aligned plain text (Markdown-compatible)."""

    title: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, what: str, figure: str, bar: str = "—", verdict: str = INFO) -> Row:
        row = Row(what, figure, bar, verdict)
        self.rows.append(row)
        return row

    @property
    def failed(self) -> list[Row]:
        return [row for row in self.rows if row.verdict == FAIL]

    def render(self) -> str:
        header = Row("what", "figure", "bar", "verdict")
        rows = [header, *self.rows]
        widths = [max(len(getattr(r, name)) for r in rows) for name in ("what", "figure", "bar", "verdict")]

        def line(row: Row) -> str:
            cells = (row.what.ljust(widths[0]), row.figure.rjust(widths[1]), row.bar.ljust(widths[2]),
                     row.verdict.ljust(widths[3]))
            return "| " + " | ".join(cells) + " |"

        separator = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
        out = [f"### {self.title}", "", line(header), separator, *(line(r) for r in self.rows)]
        if self.notes:
            out.append("")
            out.extend(self.notes)
        return "\n".join(out)


def print_tables(tables: Sequence[Table]) -> int:
    """Print the tables and a one-line summary; returns 1 if any row failed its bar, else 0."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}; load average (1, 5, 15 min) at the end: {load}")
    for table in tables:
        print()
        print(table.render())
    failed = [row for table in tables for row in table.failed]
    print()
    if failed:
        print(f"{len(failed)} figure(s) missed their bar: " + "; ".join(row.what for row in failed))
        return 1
    print("Every figure with a bar meets it.")
    return 0
