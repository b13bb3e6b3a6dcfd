# examready — every target runs through uv against the locked environment.
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
# --compile-bytecode: .pyc files written once at install; where PYTHONDONTWRITEBYTECODE=1 is set
# (as on our CI machines) every process otherwise compiles pandas, Dagster and GE from source
# (import great_expectations: 3.6 s with them, ~7 s without).
# uv from PATH, else the one pip puts into this Python (`make setup` installs it there if missing)
UV ?= $(shell command -v uv 2>/dev/null || echo python3 -m uv)
DEMO_DIR ?= $(CURDIR)/demo-workspace

.PHONY: setup demo test bench evaluate ui clean check-defs

setup:  ## install uv if missing, then the locked environment
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || \
	  python3 -m pip install --quiet uv || python3 -m pip install --quiet --user --break-system-packages uv
	$(UV) sync --frozen --all-extras --compile-bytecode

demo: setup  ## build the sample workspace, run the pipeline, print the dashboard path
	$(UV) run examready demo $(DEMO_DIR)

# Tests run on every core, up to 4 (pytest-xdist), a module's tests on one worker so its fixtures are built
# once: on 2 cores the suite took 34 min against 62 min one test at a time (6 Dec).
test: setup  ## run every test
	$(UV) run pytest --numprocesses=auto --maxprocesses=4 --dist=loadscope

bench: setup  ## benchmarks against the floor, table into docs/performance.md (BENCH_SCALE=small: quick)
	$(UV) run python -m bench

evaluate: setup  ## simulate a cohort, score readiness vs baselines and pyBKT, write docs/model.md's table
	$(UV) run python -m evaluation

ui: setup  ## the Dagster UI for the demo workspace on 127.0.0.1 (UI_PORT, default 3000); Ctrl-C stops it
	$(UV) run examready ui -w $(DEMO_DIR) --port $(or $(UI_PORT),3000)

check-defs: setup  ## `dg check defs`: the Dagster definitions load (no workspace, telemetry off)
	@home=$$(mktemp -d) && printf 'telemetry:\n  enabled: false\n' > $$home/dagster.yaml && \
	  env -u EXAMREADY_WORKSPACE DAGSTER_HOME=$$home $(UV) run dg check defs; rc=$$?; rm -rf $$home; exit $$rc

clean:
	rm -rf $(DEMO_DIR) .pytest_cache
