"""Fixtures of the layout tests."""

from __future__ import annotations

import pytest
from layout_samples import Sample, build_sample


@pytest.fixture
def sample() -> Sample:
    return build_sample()
