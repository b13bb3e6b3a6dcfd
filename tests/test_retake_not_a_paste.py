"""A same-day retake whose first row repeats the last sitting's last item is no pasted copy when the
lines differ (another score, another answer): it begins the retake, as before 63e78f9."""
from __future__ import annotations

from sources.registry import parse_file

DRILL = ("Quiz,Date,Platform,Domain,Correct,Total\n"
         "Security drill,2026-11-20,Tutorials Dojo,Data Security and Governance,5,10\n"
         "Security drill,2026-11-20,Tutorials Dojo,Data Security and Governance,8,10\n")  # retaken: 8/10


def _retake() -> str:
    """Q1..Q10 all wrong, then the same day's retake from Q10 (all right): Q10's two lines are adjacent."""
    first = [f"PT 1,2026-11-20,Q{i},D{i % 4 + 1},false\n" for i in range(1, 11)]
    again = [f"PT 1,2026-11-20,Q{i},D{i % 4 + 1},true\n" for i in [10, *range(1, 10)]]
    return "Test,Date,Question,Domain,Correct\n" + "".join(first + again)


def test_a_one_domain_drill_sat_twice_in_a_day_is_two_sittings(tmp_path):
    path = tmp_path / "drill.csv"
    path.write_text(DRILL)
    ids = parse_file(path)[1]["domain_scores"].set_index("line")["attempt_id"]
    assert ids[2] != ids[3], ids.to_dict()  # 63e78f9: one id, line 3 (the better score) held back as a duplicate


def test_a_retake_starting_with_the_last_question_keeps_its_first_answer(tmp_path):
    path = tmp_path / "pt.csv"
    path.write_text(_retake())
    ids = parse_file(path)[1]["answers"].set_index("line")["attempt_id"]
    assert ids[12] == ids[13] != ids[11], ids.to_dict()  # 63e78f9: line 12 joins line 11's sitting
