"""Every interface language has every text of the reference catalogue, with the same placeholders."""

from __future__ import annotations

import string
from typing import get_args

import pytest

from rufbereit import texts
from rufbereit.content.model import Language


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_model_offers_exactly_the_languages_that_have_a_catalogue():
    assert sorted(get_args(Language)) == texts.languages()


@pytest.mark.parametrize("language", [code for code in texts.languages() if code != texts.REFERENCE])
def test_every_key_with_the_same_placeholders(language):
    reference = texts._load(texts.REFERENCE)
    own = texts._load(language)
    for section, table in reference.items():
        assert section in own, f"{language}: section {section} missing"
        missing = sorted(set(table) - set(own[section]))
        extra = sorted(set(own[section]) - set(table))
        assert not missing and not extra, f"{language}.{section}: missing {missing}, unknown {extra}"
        for key, template in table.items():
            assert placeholders(own[section][key]) == placeholders(template), f"{language}.{section}.{key}"


def test_a_missing_key_falls_back_to_german(monkeypatch):
    texts.catalogue.cache_clear()
    real = texts._load

    def partial(language):
        data = real(language)
        if language == "en":
            data = {**data, "site": {k: v for k, v in data["site"].items() if k != "check"}}
        return data

    monkeypatch.setattr(texts, "_load", partial)
    try:
        assert texts.text("en", "site.check") == texts.text("de", "site.check") == "Prüfen"
        assert texts.text("en", "site.retry") == "Try again"
    finally:
        texts.catalogue.cache_clear()
