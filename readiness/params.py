"""Model parameters of the readiness estimator, chosen by the evaluation (see docs/model.md)."""
from __future__ import annotations

from dataclasses import dataclass, field

EXAM_STYLE_SOURCES = ("mock", "summary", "moodle")  # fresh exam-style answers: what `questions` counts
# A later sitting of a practice set the learner sat before (marts.domain_evidence): its questions are
# the ones already seen, so right answers may be remembered rather than worked out. A judgment, not
# tuned by the evaluation (its simulated learners never retake a set); docs/model.md, step 1.
RETAKE_WEIGHT = 0.02
# The readiness model's version, recorded with marts.readiness (warehouse/readiness_version.py): the first
# run that rebuilds the marts under a newer one says once what changed. Raise it, and say what changed in
# MODEL_CHANGE, when an upgrade changes the numbers (not for a speed-up that gives the same ones).
# 1: every version before it was recorded. 2: the bands include the learner's level's uncertainty.
# 3: a practice set is keyed by its platform too (marts.domain_evidence): another platform's test of the same
# name is no longer a retake.
MODEL_VERSION = 3
MODEL_CHANGE = "a practice test is a retake only of its own platform's test of that name"


def change_notice(before: int | None) -> str | None:
    """The one line a run says when it rebuilt marts built by an older model (`before`: their version);
    None for a first build or the same."""
    if before is None or before >= MODEL_VERSION:
        return None
    return f"examready: readiness model updated ({MODEL_CHANGE}): pass chances and bands recomputed"


def _default_source_weights() -> dict[str, float]:
    """Weight of one answer from each source, relative to one exam-style question."""
    return {"mock": 1.0, "summary": 1.0, "moodle": 1.0, "anki": 0.02, "retake": RETAKE_WEIGHT}


@dataclass(frozen=True)
class ModelParams:
    """Knobs of the recency-weighted Beta-Binomial readiness model."""

    half_life_days: float = 90.0      # evidence this old counts half as much
    prior_mean: float = 0.6           # accuracy assumed for a learner we know nothing about
    prior_strength: float = 12.0      # pseudo-questions behind the per-domain prior
    pooling_strength: float = 32.0    # pseudo-questions behind the learner-wide prior mean
    sitting_cap: float = 20.0        # questions per domain and day that count in full; 0 = no cap
    trend_prior_sd: float = 0.0      # prior sd of the learning slope (accuracy per day); 0 = no trend
    source_weights: dict[str, float] = field(default_factory=_default_source_weights)
    interval: float = 0.90            # central probability of the readiness band

    def source_weight(self, source: str) -> float:
        """Weight of one answer from `source`; unknown sources count like anki."""
        return float(self.source_weights.get(source, self.source_weights.get("anki", 0.02)))
