"""
Edits returns in LibreOffice Calc the way a provider does in Calc (unprotect a sheet, insert a row or a column, type
into cells), then saves each as .xlsx with Calc's own filter. Driven over UNO by the tests in test/workbook.

Usage: python3 libreoffice-edit.py PROFILE_DIR JOBS.json
JOBS.json: [{"in": path, "out": path, "edits": [edit, ...]}, ...] where an edit is one of
  {"op": "insertRow", "sheet": "KPIs", "index": 6}        (0-based row index: 6 is row 7)
  {"op": "insertColumn", "sheet": "KPIs", "index": 7}     (0-based column index: 7 is column H)
  {"op": "set", "sheet": "KPIs", "cell": "G6", "value": 1587.6}   (a number or text, typed as a person types)
  {"op": "formula", "sheet": "KPIs", "cell": "G6", "formula": "=9999"}
Needs python3 with LibreOffice's uno module (Debian: python3-uno).
"""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def apply(doc, edit):
    sheet = doc.Sheets.getByName(edit["sheet"])
    # Protection has no password, so a provider in Calc can lift it in one click; the edit does the same.
    sheet.unprotect("")
    op = edit["op"]
    if op == "insertRow":
        sheet.Rows.insertByIndex(edit["index"], 1)
    elif op == "insertColumn":
        sheet.Columns.insertByIndex(edit["index"], 1)
    elif op == "set":
        cell = sheet.getCellRangeByName(edit["cell"])
        if isinstance(edit["value"], str):
            cell.setString(edit["value"])
        else:
            cell.setValue(edit["value"])
    elif op == "formula":
        sheet.getCellRangeByName(edit["cell"]).setFormula(edit["formula"])
    else:
        raise ValueError("unknown edit " + op)


def main():
    profile, jobs_file = sys.argv[1], sys.argv[2]
    with open(jobs_file) as f:
        jobs = json.load(f)
    pipe = "kpi_lo_%d" % os.getpid()
    office = subprocess.Popen(
        ["soffice", "-env:UserInstallation=" + uno.systemPathToFileUrl(profile), "--headless", "--norestore",
         "--invisible", "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(240):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.25)
        if ctx is None:
            raise RuntimeError("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        for job in jobs:
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["in"]), "_blank", 0,
                                               (prop("Hidden", True),))
            for edit in job["edits"]:
                apply(doc, edit)
            doc.calculateAll()
            doc.storeToURL(uno.systemPathToFileUrl(job["out"]), (prop("FilterName", "Calc MS Excel 2007 XML"),))
            doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes as LibreOffice exits
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
