"""The LibreOffice test helper itself: failed operations are reported, and soffice always goes away."""

from __future__ import annotations

import pytest

from tests.libreoffice import LibreOffice, LibreOfficeError, op

pytestmark = pytest.mark.libreoffice


def test_a_failing_test_still_stops_soffice_and_removes_its_profile(tmp_path):
    office = LibreOffice()
    with pytest.raises(LibreOfficeError, match="^open: "):
        with office:
            process, profile = office.process, office.profile
            results = office.run([op("open", path=str(tmp_path / "missing.xlsx")), op("no_such_operation")])
            assert [r["op"] for r in results] == ["open", "no_such_operation"]
            assert all("error" in r for r in results)
            office.run_ok([op("open", path=str(tmp_path / "missing.xlsx"))])  # raises: the test "fails"
    assert process.poll() is not None  # stopped
    assert not profile.exists()
    with pytest.raises(LibreOfficeError, match="not running"):
        office.run([op("recalculate")])
