"""`check` prints its problems in one order on every run: by place, and problems at the same
place with the same code (two removed pieces of HTML in one tag) in the order they were found."""

from __future__ import annotations

import io

from rufbereit.content.problems import Mark, Problem, report


def _printed(problems: list[Problem]) -> list[str]:
    stream = io.StringIO()
    report(problems, "de", stream)
    return stream.getvalue().splitlines()


def test_problems_at_one_place_keep_the_order_they_were_found_in():
    removed = [Problem.warning("m.yaml", Mark(3, 7), "html_removed", what=what) for what in ("alt=", "id=", "onclick=")]
    earlier = Problem.warning("m.yaml", Mark(2, 1), "module_without_quiz", id="m")
    for order in (removed, removed[::-1], [removed[1], removed[2], removed[0]]):
        printed = _printed([*order, earlier, order[0]])  # a problem found twice is said once
        assert len(printed) == 4 and printed[0].startswith("m.yaml:2:1:")
        assert [line.split("(")[1].split(")")[0] for line in printed[1:]] == [dict(p.params)["what"] for p in order]
