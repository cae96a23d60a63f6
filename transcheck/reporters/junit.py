"""`--format junit`: JUnit XML, one test case per checked file, failed by its diagnostics."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from transcheck.regex_programs import compiled
from transcheck.reporters import FileResult, Run, escaped
from transcheck.reporters.text import format_diagnostics

# Control characters a text file may hold but XML 1.0 cannot carry, even escaped:
# ElementTree writes them as they are, so they are spelled out after serialising.
_NOT_XML = compiled("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class JunitReporter:
    def __init__(self, run: Run, out: TextIO) -> None:
        self.out = out
        self.cases: list[tuple[str, int, str]] = []  # path, problems, their text report
        self.errors: list[tuple[str, str]] = []  # path (or the message), message

    def file(self, result: FileResult) -> None:
        path = escaped(result.path)
        text = "".join(format_diagnostics(path, result.document, result.diagnostics))
        self.cases.append((path, len(result.diagnostics), text))

    def error(self, message: str, path: str | None) -> None:
        self.errors.append((escaped(path or message), escaped(message)))

    def finish(self) -> None:
        failures = sum(1 for _, n, _ in self.cases if n)
        counts = {"tests": str(len(self.cases) + len(self.errors)), "failures": str(failures),
                  "errors": str(len(self.errors)), "skipped": "0"}
        suites = ET.Element("testsuites", {"name": "transcheck", **counts})
        suite = ET.SubElement(suites, "testsuite", {"name": "transcheck", **counts})
        for path, n, text in self.cases:
            case = ET.SubElement(suite, "testcase", name=path, classname="transcheck",
                                 file=path)
            if n:
                failure = ET.SubElement(case, "failure", type="transcheck",
                                        message=f"{n} problem{'s' if n != 1 else ''}")
                failure.text = text
        for name, message in self.errors:  # a file that could not be checked
            case = ET.SubElement(suite, "testcase", name=name, classname="transcheck")
            ET.SubElement(case, "error", type="transcheck", message=message).text = message
        ET.indent(suites)
        self.out.write(_xml_safe(ET.tostring(suites, encoding="unicode", xml_declaration=True)))
        self.out.write("\n")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
