# examready — every target runs through uv against the locked environment.
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
DEMO_DIR ?= $(CURDIR)/demo-workspace

.PHONY: setup demo test bench evaluate ui clean

setup:  ## install uv if missing, then the locked environment
	@command -v uv >/dev/null 2>&1 || test -x $(HOME)/.local/bin/uv || python3 -m pip install --user --quiet uv
	$(UV) sync --frozen --all-extras

demo: setup  ## build the sample workspace, run the pipeline, print the dashboard path
	$(UV) run examready demo $(DEMO_DIR)

test: setup  ## run every test
	$(UV) run pytest

bench: setup  ## benchmarks against the floor, table into docs/performance.md (BENCH_SCALE=small: quick)
	$(UV) run python -m bench

evaluate: setup  ## simulate a cohort, score readiness vs baselines and pyBKT, write docs/model.md's table
	$(UV) run python -m evaluation

clean:
	rm -rf $(DEMO_DIR) .pytest_cache
