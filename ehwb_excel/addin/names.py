"""Names the add-in file, its VBA and its Python entry point must agree on."""

# The template's ribbon callback runs RunPython "import <file name>; <file name>.main()", the
# module name being the add-in's file name without extension: so the file is named after
# the top-level module `ehwb_audit` (ehwb_audit.py at the project root).
ADDIN_MODULE = "ehwb_audit"
ADDIN_FILE_NAME = f"{ADDIN_MODULE}.xlam"

# xlwings' ribbon add-in template, shipped inside the installed xlwings package.
TEMPLATE_FILE_NAME = "quickstart_addin_ribbon.xlam"

# The template's VBA reads its settings from the sheet PROJECT_NAME & ".conf", and its
# PROJECT_NAME constant is "myaddin". The constant lives in the compiled VBA project, which
# we copy unchanged (see docs/addin-build.md), so the settings sheet must carry this name. It
# sits in the hidden add-in workbook: Excel shows it only in the VBA editor.
TEMPLATE_PROJECT_NAME = "myaddin"
SETTINGS_SHEET = f"{TEMPLATE_PROJECT_NAME}.conf"
TEMPLATE_SETTINGS_SHEET = f"_{SETTINGS_SHEET}"  # the leading "_" switches the template's sheet off

# The template's callback, the one onAction in ribbon.xml (beside this module) may name.
RIBBON_CALLBACK = "RibbonMyAddin.RunMain"
