"""The learner record (issue 20): nothing a reader did is ever lost."""

from __future__ import annotations

from helpers import answer_all, call_of, open_module, play_call, stored, walk


def test_a_failed_call_with_negative_points_keeps_everything_else(page, site):
    open_module(page, site, "einwaende")
    answer_all(page, "einwaende")
    page.locator("textarea[data-rb-note]").fill("FxNotizBleibt")
    worst = min(walk(call_of("full", "einwaende")), key=lambda p: p["score"])
    assert worst["score"] < 0
    play_call(page, "einwaende", worst)
    page.reload()
    page.wait_for_selector("[data-rb-quiz][data-rb-ready]", state="attached")
    data = stored(page)
    module = data["modules"]["einwaende"]
    assert module["calls"]["anruf-muster"]["best"] == worst["score"]
    assert module["calls"]["anruf-muster"]["passed"] is False
    assert len(module["questions"]) == 4 and module["passed"] is True
    assert page.locator("textarea[data-rb-note]").input_value() == "FxNotizBleibt"
    assert page.locator(".rb-question[data-rb-checked]").count() == 4
    status = page.locator('[data-rb-status="einwaende"]').first
    assert status.inner_text() == "Status: begonnen – Übungsanruf noch offen"
    result = page.locator(".rb-call-best").inner_text()
    assert "−1 Punkt (zum Bestehen: ein gelungenes Ende und mindestens 3 Punkte) – nicht bestanden" in result
    page.goto(site.url(""))
    page.wait_for_selector(".rb-card [data-rb-status]:not([hidden])")
    assert page.locator('.rb-card [data-rb-status="einwaende"]').inner_text() == "Status: begonnen – Übungsanruf noch offen"
