"""Build into a staging folder and swap it in only when the whole build succeeded,
so a failed build never leaves a half-written site where the old one was."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class StagedOutput:
    def __init__(self, final: Path) -> None:
        self.final = final.resolve()
        self.staging = self.final.parent / f".{self.final.name}.staging-{os.getpid()}"
        self._retired = self.final.parent / f".{self.final.name}.old-{os.getpid()}"

    def begin(self) -> Path:
        self.discard()
        self.staging.mkdir(parents=True)
        return self.staging

    def commit(self) -> None:
        if self.final.exists():
            self.final.rename(self._retired)
        self.staging.rename(self.final)
        shutil.rmtree(self._retired, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
