"""Every built-in rule, in one list (as ruff's `codes.rs` or Weblate's `CHECK_LIST`).

A rule class written but not listed here never runs, and `tests/test_registry.py`
fails. Rule packs (family TC3) register through `transcheck.packs.plugin`, the
LanguageTool bridge through `transcheck.builtin.languagetool`: both are data-driven.
"""

from __future__ import annotations

from collections.abc import Iterable

from transcheck.builtin import (
    articles,
    consistency,
    document_rules,
    encoding,
    formats,
    placeholders,
    punctuation,
    quotes,
    repetition,
    scripts,
    sentence_length,
    source_content,
    source_coverage,
    source_format,
    source_locale,
    source_names,
    source_numbers,
    source_terms,
    untranslated,
)
from transcheck.config import Settings
from transcheck.hookspecs import hookimpl
from transcheck.rule import Rule
from transcheck.suppression import UnknownSuppression, UnusedSuppression

BUILTIN_RULES: tuple[type[Rule], ...] = (
    # TC1 quotation marks and punctuation
    quotes.UnmatchedClosingQuote,
    quotes.UnclosedQuote,
    quotes.StrandedFragment,
    quotes.ForeignQuoteMarks,
    quotes.MixedQuoteStyles,
    punctuation.SpaceBeforePunctuation,
    punctuation.SpaceInsideBrackets,
    punctuation.MissingSpaceAfterPunctuation,
    punctuation.DoubledPunctuation,
    punctuation.SpaceInsideQuotes,
    # TC2 the document as a whole
    document_rules.RepeatedTitle,
    document_rules.RepeatedSentence,
    document_rules.TruncatedText,
    consistency.InconsistentSpelling,
    articles.IndefiniteArticle,
    consistency.MixedDashes,
    repetition.DoubledWord,
    repetition.RepetitionLoop,
    sentence_length.RunOnSentence,
    # TC4 source-language leftovers
    untranslated.UntranslatedText,
    scripts.Homoglyph,
    scripts.ForeignScript,
    scripts.FullWidthPunctuation,
    encoding.Mojibake,
    encoding.HtmlEntity,
    encoding.ReplacementCharacter,
    encoding.ControlCharacter,
    encoding.ZeroWidthCharacter,
    encoding.BidiControl,
    formats.DecimalComma,
    formats.ThousandsDot,
    formats.SpaceBeforePercent,
    formats.ForeignTimeFormat,
    formats.ForeignDateFormat,
    formats.CurrencyAfterAmount,
    formats.OrdinalDot,
    placeholders.LeakedPlaceholder,
    placeholders.LeakedWikiLink,
    placeholders.LeakedMarkupTag,
    # TC5 source-aware: each unit of a bilingual file beside its source
    source_numbers.NumberMismatch,
    source_format.PlaceholderMismatch,
    source_format.LinkMismatch,
    source_coverage.NameMissing,
    source_coverage.UntranslatedUnit,
    source_coverage.CopiedSourceWords,
    source_coverage.LengthMismatch,
    source_format.QuotationMismatch,
    source_format.BracketMismatch,
    source_format.EndPunctuationMismatch,
    source_terms.InconsistentTranslation,
    source_terms.GlossaryTerm,
    source_terms.FalseFriend,
    source_names.NameNotInSource,
    source_names.NameFormat,
    source_locale.DateFormat,
    source_locale.CountInFigures,
    source_content.PronounGender,
    source_content.RepetitionNotInSource,
    source_locale.CurrencyMismatch,
    source_numbers.UnitMismatch,
    # TC9 suppression comments
    UnusedSuppression,
    UnknownSuppression,
)


@hookimpl
def transcheck_rules(settings: Settings) -> Iterable[Rule]:
    return [rule.from_settings(settings) for rule in BUILTIN_RULES]
