"""How the pages and `examready gaps` name the study time logged under an umbrella word (rows of
marts.hour_umbrellas, written by warehouse/hour_umbrellas.py)."""
from __future__ import annotations


def learner_hour_umbrellas(con, learner: str):
    """A learner's rows of marts.hour_umbrellas (word, services, hours, entries), most hours first."""
    return con.execute("SELECT word, services, hours, entries FROM marts.hour_umbrellas WHERE learner_id = ? "
                       "ORDER BY hours DESC, word", [learner]).df()


def logged_text(row: dict) -> str:
    """"3.0 h logged as 'Kinesis'" (an umbrella word's hours)."""
    return f"{row['hours']:.1f} h logged as '{row['word']}'"
