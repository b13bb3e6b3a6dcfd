"""Runs INSIDE the pyBKT side venv (numpy<2): fit one BKT skill per domain, write params and predictions.

Usage: python pybkt_side.py WORKDIR  (reads WORKDIR/answers.csv, writes params.csv, predictions.csv, timing.json)
"""
import json
import sys
import time
from pathlib import Path

import pandas as pd
from pyBKT.models import Model


def main(workdir: Path) -> None:
    """Fit on answers.csv (user_id, skill_name, correct, order_id, fit) and predict every row."""
    answers = pd.read_csv(workdir / "answers.csv")
    model = Model(seed=0, num_fits=int(sys.argv[2]) if len(sys.argv) > 2 else 1, parallel=True)
    started = time.perf_counter()
    model.fit(data=answers[answers["fit"] == 1].drop(columns="fit"), forgets=True)
    fit_seconds = time.perf_counter() - started
    started = time.perf_counter()
    predicted = model.predict(data=answers.drop(columns="fit"))
    predict_seconds = time.perf_counter() - started
    predicted[["order_id", "correct_predictions"]].to_csv(workdir / "predictions.csv", index=False)
    model.params().reset_index().to_csv(workdir / "params.csv", index=False)
    (workdir / "timing.json").write_text(json.dumps({"fit_seconds": fit_seconds,
                                                     "predict_seconds": predict_seconds}))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
