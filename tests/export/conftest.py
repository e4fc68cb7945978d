"""Fixtures of the export tests: the German sample project and the worked example's report, each built once per session."""

from __future__ import annotations

import pytest
from export_samples import GermanReport, Sample, build_german_report, build_sample


@pytest.fixture(scope="session")
def sample() -> Sample:
    return build_sample()


@pytest.fixture(scope="session")
def german_report(tmp_path_factory: pytest.TempPathFactory) -> GermanReport:
    return build_german_report(tmp_path_factory.mktemp("german-report"))
