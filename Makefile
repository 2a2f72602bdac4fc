# LeNet-5 in Java — the two commands that matter:
#   make course   set up whatever is missing, execute the notebooks, export the HTML course (build/site/)
#   make test     run every test (packaging and bad-input checks, kernel conformance and behaviour,
#                 kernel and utils unit tests, notebooks, browser)
# Jupyter and every Python tool run from the course's own environment, which setup makes from
# requirements.txt: Binder's NB_PYTHON_PREFIX, the course's own conda environment (lenet5-java; another
# active one, such as base, is left alone), else build/venv. scripts/setup.sh chooses the same way.
VENV = $(or $(NB_PYTHON_PREFIX),$(if $(filter lenet5-java,$(notdir $(CONDA_PREFIX))),$(CONDA_PREFIX)),$(CURDIR)/build/venv)
PY = $(VENV)/bin/python
export JUPYTER_PYTHON := $(PY)
# Jupyter refuses to run as root without --allow-root; in a container that is how people run it.
ALLOW_ROOT = $(if $(filter 0,$(shell id -u)),--allow-root)
ROOT_NOTE = $(if $(ALLOW_ROOT),@echo "Running as root (a container?): starting with --allow-root.")

.PHONY: course setup platform data kernel notebooks site test-tools browser-deps test bench bench-memory lab notebook clean classroom classroom-setup classroom-test binder-badge nbgitpuller-link

course: setup notebooks site

setup:
	@bash scripts/setup.sh

# What setup would choose on this machine (natives, Python, environment, fonts, device), changing nothing.
platform:
	@bash scripts/setup.sh platform

data:
	@bash scripts/setup.sh data

kernel:
	@bash scripts/setup.sh kernel

notebooks: setup
	$(PY) scripts/run_notebooks.py

site:
	$(PY) scripts/build_site.py

# README's "Launch on Binder" badge, from the git remote origin on GitHub (or LENET5_REPOSITORY).
binder-badge:
	$(PY) scripts/build_site.py --binder-badge

# The nbgitpuller link for a teacher's hub: make nbgitpuller-link HUB=https://hub.example.org (see the README).
nbgitpuller-link:
	@$(PY) scripts/build_site.py --nbgitpuller-link "$(HUB)"

# What the tests need besides the course: Chromium (driven by playwright-core, no browser is
# downloaded); installed on Debian/Ubuntu as root, named elsewhere. The kernel test suite is in build/venv.
test-tools:
	@bash scripts/setup.sh test-tools

browser-deps:
	@cd tests/browser && npm ci --silent --no-audit --no-fund

test: setup test-tools classroom-setup
	$(PY) -m unittest discover -s tests -t . -p 'test_*.py' -v
	mvn -B test
	$(MAKE) --no-print-directory notebooks site browser-deps
	$(PY) -m unittest tests.executed_claims -v
	$(PY) -m unittest tests.graded_assignments -v   # after the chapters: chapters 5 and 6's assignments load chapter 4's model
	cd tests/browser && node --test site.test.mjs try.test.mjs loader.test.mjs export.test.mjs jupyterlab.test.mjs notebook7.test.mjs

# A benchmark, not a test: prints figures (see bench/README.md).
bench: setup
	$(or $(wildcard /usr/bin/python3),python3) bench/run.py   # the Python that has PyTorch (Debian: python3-torch)

# The chapters' memory as a Binder session uses it (every kernel left running); prints figures.
bench-memory: setup
	$(PY) bench/memory.py --rerun-training 3

# JupyterLab 4 on 127.0.0.1 (another address: make lab LAB_ARGS=--ip=0.0.0.0).
lab: setup
	$(ROOT_NOTE)
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 $(ALLOW_ROOT) $(LAB_ARGS) notebooks/

# Notebook 7, the same environment and kernel.
notebook: setup
	$(ROOT_NOTE)
	$(VENV)/bin/jupyter notebook --ip=127.0.0.1 $(ALLOW_ROOT) $(LAB_ARGS) notebooks/

# JupyterHub for a class on this machine (see "Teach it to a class" in README.md); as root.
classroom:
	@bash classroom/run.sh --check-install
	@$(MAKE) --no-print-directory classroom-setup
	@bash classroom/run.sh

classroom-setup: setup
	@bash classroom/setup.sh

# The classroom's own tests (as root; `make test` runs them too, with every other test_*.py): cgroups on a
# cgroup v2 layout and on this machine's, the chapters' copy, run.sh's install checks, accounts, the
# Kubernetes values, and a hub with two learners kept apart (the class scenario, K=2, is test_classroom_class).
CLASSROOM_TESTS = tests.test_classroom_cgroups tests.test_classroom_chapters tests.test_classroom_install \
	tests.test_classroom_accounts tests.test_classroom_config tests.test_classroom_z2jh tests.test_classroom_isolation
classroom-test: classroom-setup
	$(PY) -m unittest -v $(CLASSROOM_TESTS)

clean:
	rm -rf build utils/target kernel/target models
