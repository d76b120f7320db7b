"""Throughput and peak memory of `nps-rescue run` on the real telecom export.

Runs two child processes so each peak-memory figure is its own:

1. the product: the 2,385-answer telecom export through `run_export` on a
   fresh embedded data dir (import, MCP tool calls, graph, store);
2. the baseline: the same number of graph runs as the product made, through
   a bare LangGraph graph with the same six-node shape and the same SQLite
   checkpointer and durability, whose nodes do nothing.

It prints both and the ratios between them: the time the product spends on
its graph runs (detractors, timed around each `process` call, so import
and the passives and promoters that never enter the graph are left out)
against the bare graph's time for the same number of runs, and peak memory.
Usage:

    python benchmarks/bench_telecom.py [--file PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import operator
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated, TypedDict

DEFAULT_FILE = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "public"
    / "telecom_nps_verbatims.csv"
)


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _product(path: Path, data_dir: Path) -> dict:
    from agent.app import open_agent
    from agent.log import configure_logging
    from agent.runner import run_export
    from agent.settings import load_settings

    configure_logging("warning")
    settings = load_settings(data_dir=data_dir)
    graph_seconds = 0.0
    started = time.perf_counter()
    async with open_agent(settings) as agent:
        process = agent.process

        async def timed(response, **options):
            nonlocal graph_seconds
            began = time.perf_counter()
            try:
                return await process(response, **options)
            finally:
                if response.is_detractor:
                    graph_seconds += time.perf_counter() - began

        agent.process = timed
        summary = await run_export(agent, path)
    seconds = time.perf_counter() - started
    return {
        "responses": summary.valid,
        "graph_runs": len(summary.detractors),
        "seconds": seconds,
        "graph_seconds": graph_seconds,
        "peak_mib": _peak_mib(),
    }


class _State(TypedDict, total=False):
    value: int
    events: Annotated[list[str], operator.add]


async def _baseline(runs: int, data_dir: Path) -> dict:
    from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver
    from langgraph.graph import END, START, StateGraph

    names = ["analyze", "decide", "draft", "review", "route", "follow_up"]

    async def step(state: _State) -> dict:
        return {"value": state.get("value", 0) + 1, "events": ["step"]}

    graph = StateGraph(_State)
    for name in names:
        graph.add_node(name, step)
    graph.add_edge(START, names[0])
    for first, second in itertools.pairwise(names):
        graph.add_edge(first, second)
    graph.add_edge(names[-1], END)

    started = time.perf_counter()
    async with AsyncSqliteSaver.from_conn_string(str(data_dir / "b.sqlite")) as saver:
        app = graph.compile(checkpointer=saver)
        for index in range(runs):
            config = {"configurable": {"thread_id": f"t{index}"}}
            await app.ainvoke({"value": 0, "events": []}, config, durability="sync")
    seconds = time.perf_counter() - started
    return {"graph_runs": runs, "seconds": seconds, "peak_mib": _peak_mib()}


def _child(kind: str, argument: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        command = [sys.executable, __file__, "--child", kind, argument, str(out)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        return json.loads(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        kind, argument, out = args.child
        with tempfile.TemporaryDirectory() as tmp:
            if kind == "product":
                result = asyncio.run(_product(Path(argument), Path(tmp)))
            else:
                result = asyncio.run(_baseline(int(argument), Path(tmp)))
        Path(out).write_text(json.dumps(result))
        return

    if not args.file.is_file():
        parser.exit(2, f"no export at {args.file}; pass --file PATH\n")
    product = _child("product", str(args.file))
    baseline = _child("baseline", str(product["graph_runs"]))

    per_run = product["graph_seconds"] / product["graph_runs"]
    base_per_run = baseline["seconds"] / baseline["graph_runs"]
    print(f"file: {args.file.name}")
    print(
        f"product:  {product['responses']} responses, {product['graph_runs']} "
        f"graph runs in {product['seconds']:.2f} s = "
        f"{product['responses'] / product['seconds']:.1f} responses/s, "
        f"peak RSS {product['peak_mib']:.0f} MiB; "
        f"{product['graph_seconds']:.2f} s of it in detractor graph runs"
    )
    print(
        f"baseline: {baseline['graph_runs']} bare 6-node graph runs in "
        f"{baseline['seconds']:.2f} s, peak RSS {baseline['peak_mib']:.0f} MiB"
    )
    print(
        "time per detractor graph run, product / bare graph: "
        f"{per_run / base_per_run:.2f}x "
        f"({per_run * 1000:.1f} ms vs {base_per_run * 1000:.1f} ms)"
    )
    print(
        "peak memory, product / bare graph: "
        f"{product['peak_mib'] / baseline['peak_mib']:.2f}x"
    )


if __name__ == "__main__":
    main()
