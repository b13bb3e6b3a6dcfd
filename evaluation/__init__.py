"""Evaluation harness: simulated learners with known ability, the readiness model vs baselines."""
