# LeNet-5 in Java — the two commands that matter:
#   make course   set up whatever is missing, execute the notebooks, export the HTML course (build/site/)
#   make test     run every test (packaging and bad-input checks, kernel conformance and behaviour,
#                 kernel and utils unit tests, notebooks, browser)
PY ?= $(shell [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)
export JUPYTER_PYTHON ?= $(PY)

.PHONY: course setup data kernel notebooks site test-tools browser-deps test bench lab lab-venv notebook clean

course: setup notebooks site

setup:
	@bash scripts/setup.sh

data:
	@bash scripts/setup.sh data

kernel:
	@bash scripts/setup.sh kernel

notebooks: setup
	$(PY) scripts/run_notebooks.py

site:
	$(PY) scripts/build_site.py

# What the tests need besides the course: Chromium (driven by playwright-core, no browser is
# downloaded) and the Jupyter kernel test suite; installed on Debian/Ubuntu as root, named elsewhere.
test-tools:
	@bash scripts/setup.sh test-tools

browser-deps:
	@cd tests/browser && npm ci --silent --no-audit --no-fund

test: setup test-tools
	$(PY) -m unittest discover -s tests -t . -p 'test_*.py' -v
	mvn -B test
	$(MAKE) --no-print-directory notebooks site browser-deps
	$(PY) -m unittest tests.executed_claims -v
	cd tests/browser && node --test notebook-noise.test.mjs site.test.mjs try.test.mjs loader.test.mjs lab.test.mjs notebook.test.mjs

# A benchmark, not a test: prints figures (see bench/README.md).
bench: setup
	$(PY) bench/run.py

# JupyterLab from PATH (conda, Docker, Binder), else from build/venv (make lab-venv).
LAB = $(shell command -v jupyter-lab 2>/dev/null || { [ -x build/venv/bin/jupyter-lab ] && echo build/venv/bin/jupyter-lab; })

lab: setup
	@[ -n "$(LAB)" ] || { echo "JupyterLab is not installed: run 'make lab-venv' (installs it into build/venv from PyPI) or use the conda environment (environment.yml); meanwhile 'make notebook' opens the course in the classic Notebook."; exit 1; }
	$(LAB) notebooks/

lab-venv:
	@$(PY) -m venv build/venv || { echo "Python's venv module is missing: 'sudo apt-get install python3-venv', then 'make lab-venv' again."; exit 1; }
	@build/venv/bin/pip install --quiet jupyterlab || { echo "pip could not install JupyterLab (is PyPI reachable?); 'make notebook' works meanwhile."; exit 1; }
	@echo "JupyterLab installed in build/venv: 'make lab' starts it."

notebook: setup
	$(PY) -m notebook notebooks/

clean:
	rm -rf build utils/target kernel/target models
