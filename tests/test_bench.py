"""The benchmarks in bench/ are run by hand, not by the suite: at least they must compile."""

from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.mark.parametrize("script", sorted(BENCH.glob("*.py")), ids=lambda path: path.name)
def test_each_benchmark_compiles(script):
    compile(script.read_text(), str(script), "exec")
