"""The balance over the meeting: each group's time as it built up, charted and tabled."""

from __future__ import annotations

import re

from podium.record.charts import chart
from podium.record.interventions import Record
from podium.record.report import Report, course_tables
from podium.record.statistics import COURSE_DIMENSIONS, statistics


def test_each_groups_time_builds_up_to_the_breakdowns_total(record: Record) -> None:
    stats = statistics(record)
    for dimension in COURSE_DIMENSIONS:
        course = stats.course(dimension)
        times = [t for t, _so_far in course.points]
        assert times == sorted(times) and times[0] == 0.0
        for n in range(len(course.keys)):
            steps = [so_far[n] for _t, so_far in course.points]
            assert steps == sorted(steps)  # time spoken only ever grows
        final = dict(zip(course.keys, course.points[-1][1], strict=True))
        rows = {r.key: r.seconds for r in stats.breakdown(dimension).rows if r.interventions}
        assert final == rows  # the same count as the breakdown, at the end
        assert len(course.points) == 1 + sum(1 for i in record.interventions if i.end)


def test_the_report_tables_each_quarter_beside_its_chart(report: Report) -> None:
    tables = {t.chart: t for t in course_tables(report.stats)}
    region = tables["region-over-time"]
    assert region.headers[0] == "Region"
    assert re.fullmatch(r"At the end \(\d+ min\)", region.headers[-1])
    course = report.stats.course("region")
    ends = {row[0]: row[-1] for row in region.rows}
    for name, total in zip(course.labels, course.points[-1][1], strict=True):
        assert ends[name] == f"{total / 60:.1f}"


def test_the_chart_draws_a_line_a_group(report: Report) -> None:
    svg = chart(report.stats, "region-over-time", "svg").decode()
    assert svg.startswith("<?xml") and "<svg" in svg
    course = report.stats.course("region")
    assert svg.count('id="line2d_') >= len(course.keys)
