"""Fixtures of the export tests: the German sample project, built once per test session."""

from __future__ import annotations

import pytest
from export_samples import Sample, build_sample


@pytest.fixture(scope="session")
def sample() -> Sample:
    return build_sample()
