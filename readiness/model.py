"""Public API of the readiness model: estimate per domain, simulate the exam, rank what to study."""
from readiness.estimate import estimate_domains
from readiness.exam import pass_probabilities, questions_per_domain, scaled_score, simulate_exam
from readiness.params import ModelParams
from readiness.study import study_next
from readiness.tasks import estimate_tasks

__all__ = ["ModelParams", "estimate_domains", "simulate_exam", "study_next", "estimate_tasks", "pass_probabilities",
           "questions_per_domain", "scaled_score"]
