# `make run` opens the app, `make test` runs the tests. Both create .venv (Python 3.11 or
# newer; python3.11 when there is one) and install the project into it the first time,
# and again when pyproject.toml changes. Nothing is byte-compiled at install: Python
# compiles each module the first time it is imported (a fresh install took 29 s, not 42).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast test-stress lint demo bench clean fuzz

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "cardoff-tui needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-compile -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/cardoff-tui $(ARGS)

demo: $(STAMP)
	$(BIN)/cardoff-tui --demo

# the suite on every core and two more (a worker takes the next test when it is free;
# the tests spend about a third of their time waiting on terminals, subprocesses,
# time-outs and the keyring, which the extra workers fill: on 2 cores, 4 workers ran
# the suite in 432 s, 3 in 483 s), then the ten slowest tests
WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 2 )))
# bytecode is written even where the environment says not to (PYTHONDONTWRITEBYTECODE, as
# many container images set): the tests start the command hundreds of times, and each
# start would compile every module it imports again (1.4 of notify's 1.5 CPU seconds)
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n $(WORKERS) --dist worksteal --durations=10

test: $(STAMP)
	$(PYTEST) $(PYTEST_ARGS)

# the edit-test loop: everything but the tests marked slow (wheel installs, the SIGKILL
# loop, several writer processes, sshd, the browser)
test-fast: $(STAMP)
	$(PYTEST) -m "not slow" $(PYTEST_ARGS)

# the whole suite while two busy loops take the CPUs, as on a loaded machine; the loops
# stop with the run, whatever its result
test-stress: $(STAMP)
	@bash -c 'for i in 1 2; do (while :; do :; done) & done; \
	  trap "kill \$$(jobs -p) 2>/dev/null" EXIT; \
	  uptime; $(PYTEST) $(PYTEST_ARGS)'

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) dist build .pytest_cache

# the installed app measured from outside in a pty at 80x24 next to baselines in the same
# run; writes benchmarks/results.json and README.md's performance tables (about 10 min;
# BENCH_QUICK=1 for a quick run)
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# random keys, bursts typed ahead and resizes sent to the installed app in tmux; a crash
# is reported with its seed and the shortest key sequence found (fuzz/tmux_fuzz.py)
SEED ?= 1
KEYS ?= 2000
fuzz: $(STAMP)
	$(BIN)/python fuzz/tmux_fuzz.py --seed $(SEED) --keys $(KEYS) $(FUZZ_ARGS)
