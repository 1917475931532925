"""Executors run task functions somewhere and know nothing about what the tasks do.

``local`` runs them in this process (one worker) or in a pool of fresh processes; ``ray`` submits them to
a Ray cluster (a local one started on the spot, or ``--ray-address``). Both call the same module-level
functions with the same arguments, so their results are the same by construction; the corpus folder must
be reachable at the same path from every Ray node (a shared file system) for multi-node clusters.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

Done = Callable[[int, Any], None]


class Executor:
    name = "executor"

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)

    def map(
        self, function: Callable[..., Any], calls: Sequence[tuple[Any, ...]], done: Done | None = None
    ) -> list[Any]:
        """``function(*args)`` per args tuple; results in call order; ``done(i, result)`` as each ends."""
        raise NotImplementedError

    def close(self) -> None:
        """Release workers (a no-op for executors that hold none between maps)."""


class LocalExecutor(Executor):
    name = "local"

    def map(
        self, function: Callable[..., Any], calls: Sequence[tuple[Any, ...]], done: Done | None = None
    ) -> list[Any]:
        results: list[Any] = [None] * len(calls)
        if self.workers == 1 or len(calls) <= 1:
            for i, args in enumerate(calls):
                results[i] = function(*args)
                if done:
                    done(i, results[i])
            return results
        # "spawn": workers start clean (no inherited locks or ICU state from the caller's threads).
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(self.workers, len(calls)), mp_context=context) as pool:
            futures = {pool.submit(function, *args): i for i, args in enumerate(calls)}
            for future in as_completed(futures):
                i = futures[future]
                results[i] = future.result()
                if done:
                    done(i, results[i])
        return results


class RayExecutor(Executor):
    name = "ray"

    def __init__(self, workers: int, address: str | None = None) -> None:
        super().__init__(workers)
        try:
            import ray
        except ImportError as exc:  # an optional extra
            raise RuntimeError("the ray executor needs Ray: pip install 'seabridge[ray]'") from exc
        self.ray = ray
        self.started = not ray.is_initialized()
        if self.started:
            options: dict[str, Any] = {"ignore_reinit_error": True, "log_to_driver": False}
            if address:
                options["address"] = address
            else:
                options.update(num_cpus=self.workers, include_dashboard=False)
            ray.init(**options)

    def map(
        self, function: Callable[..., Any], calls: Sequence[tuple[Any, ...]], done: Done | None = None
    ) -> list[Any]:
        remote = self.ray.remote(num_cpus=1, max_retries=2)(function)
        refs = [remote.remote(*args) for args in calls]
        index = {ref: i for i, ref in enumerate(refs)}
        results: list[Any] = [None] * len(calls)
        pending = list(refs)
        while pending:
            ready, pending = self.ray.wait(pending, num_returns=1)
            for ref in ready:
                i = index[ref]
                results[i] = self.ray.get(ref)
                if done:
                    done(i, results[i])
        return results

    def close(self) -> None:
        if self.started:
            self.ray.shutdown()


def make_executor(kind: str, workers: int, address: str | None = None) -> Executor:
    if kind == "local":
        return LocalExecutor(workers)
    if kind == "ray":
        return RayExecutor(workers, address)
    raise ValueError(f"executor must be 'local' or 'ray', not {kind!r}")
