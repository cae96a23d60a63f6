"""`--format junit`: JUnit XML, one test case per checked file, failed by its diagnostics."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from transcheck.reporters import Report
from transcheck.reporters.text import format_diagnostic

# Control characters a text file may hold but XML 1.0 cannot carry, even escaped:
# ElementTree writes them as they are, so they are spelled out after serialising.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_junit(report: Report, out: TextIO) -> None:
    failures = sum(1 for result in report.files if result.diagnostics)
    counts = {"tests": str(len(report.files)), "failures": str(failures),
              "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", {"name": "transcheck", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "transcheck", **counts})
    for result in report.files:
        case = ET.SubElement(suite, "testcase", name=result.path, classname="transcheck",
                             file=result.path)
        if result.diagnostics:
            n = len(result.diagnostics)
            failure = ET.SubElement(case, "failure", type="transcheck",
                                    message=f"{n} problem{'s' if n != 1 else ''}")
            failure.text = "".join(
                format_diagnostic(result.path, result.document, d) for d in result.diagnostics
            )
    ET.indent(suites)
    out.write(_xml_safe(ET.tostring(suites, encoding="unicode", xml_declaration=True)))
    out.write("\n")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
