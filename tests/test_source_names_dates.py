"""Source-aware rules on names, dates and counts (TC515-TC518), beyond their examples in
transcheck/builtin/examples.toml: the target locale, the fixes, Japanese sources."""

from __future__ import annotations

from transcheck import check_text


def found(target: str, source: str, code: str, **config: str) -> list[str]:
    settings = {"source-lang": "zh", **config}
    return [target[d.start:d.end] for d in
            check_text(target, source=source, select=[code], config=settings)]


def test_date_order_follows_the_target_locale() -> None:
    source = "展览于3月5日开幕。"
    assert found("It opened on 5 March.", source, "TC517", language="en-GB") == []
    assert found("It opened on March 5.", source, "TC517", language="en-GB") == ["March 5"]


def test_fixes_write_the_locale_form() -> None:
    [date] = check_text("It opened on 5th Mar. 2024.", source="展览于2024年3月5日开幕。",
                        select=["TC517"], config={"source-lang": "zh"})
    assert date.fix == "March 5, 2024"
    [count] = check_text("2 experts spoke.", source="会上有2位专家发言。",
                         select=["TC518"], config={"source-lang": "zh"})
    assert count.fix == "Two"


def test_names_are_not_read_in_japanese_sources() -> None:
    assert found("Zang Xiaoming said so.", "張さんはそう言った。", "TC515") == []
