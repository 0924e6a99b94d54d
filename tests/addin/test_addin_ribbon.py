"""The ribbon XML shipped in the package: well-formed, valid against Office's customUI schema, bound to
the template's callback, and worded for the coordinator."""

from __future__ import annotations

import pytest
from defusedxml import ElementTree

from ehwb_excel.addin.build import RIBBON_NAMESPACE, AddinBuildError, checked_ribbon, ribbon_xml
from ehwb_excel.addin.names import RIBBON_CALLBACK
from tests.conftest import PROJECT_ROOT, SHARED

RIBBON = PROJECT_ROOT / "ehwb_excel" / "addin" / "ribbon.xml"
NS = {"ui": RIBBON_NAMESPACE}


@pytest.fixture(scope="module")
def customui_schema():
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(SHARED / "schemas" / "customUI.xsd"))


def _root():
    return ElementTree.fromstring(RIBBON.read_bytes())


def test_the_build_uses_the_ribbon_shipped_in_the_package():
    assert ribbon_xml() == RIBBON.read_bytes()


@pytest.mark.real_files
def test_ribbon_is_valid_against_the_customui_schema(customui_schema):
    errors = list(customui_schema.iter_errors(str(RIBBON)))
    assert errors == []


@pytest.mark.real_files
def test_the_schema_check_can_fail(customui_schema):
    # the same ribbon with a size Office does not know is refused, so the test above means something
    broken = RIBBON.read_text(encoding="utf-8").replace('size="large"', 'size="huge"')
    assert not customui_schema.is_valid(broken)


def test_tab_group_and_merge_button_say_what_they_do():
    root = _root()
    tab = root.find("ui:ribbon/ui:tabs/ui:tab", NS)
    assert tab.get("label") == "EHWB Audit"
    button = tab.find("ui:group/ui:button", NS)
    assert button.get("label") == "Merge returns"
    assert button.get("imageMso")
    assert "Merge" in button.get("screentip")
    assert "returns" in button.get("supertip") and "saved first (you are asked)" in button.get("supertip")


def test_every_button_runs_the_template_callback():
    actions = {el.get("onAction") for el in _root().iter() if el.get("onAction")}
    assert actions == {RIBBON_CALLBACK}
    assert checked_ribbon(RIBBON.read_bytes()) == RIBBON.read_bytes()


def test_a_callback_the_vba_does_not_have_is_refused():
    xml = RIBBON.read_bytes().replace(RIBBON_CALLBACK.encode(), b"RibbonMyAddin.BuildReport")
    with pytest.raises(AddinBuildError, match="BuildReport"):
        checked_ribbon(xml)


def test_nothing_the_coordinator_sees_says_myaddin():
    shown = [el.get(attribute) or "" for el in _root().iter() for attribute in ("id", "label", "screentip", "supertip", "keytip")]
    assert shown and not [text for text in shown if "myaddin" in text.lower() or "quickstart" in text.lower()]
