# LeNet-5 in Java — the two commands that matter:
#   make course   set up whatever is missing, execute the notebooks, export the HTML course (build/site/)
#   make test     run every test (packaging and bad-input checks, kernel conformance and behaviour,
#                 kernel and utils unit tests, notebooks, browser)
PY ?= $(shell [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)
export JUPYTER_PYTHON ?= $(PY)

.PHONY: course setup data kernel notebooks site browser-deps test bench lab notebook clean

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

# Browser tests drive Debian's Chromium through playwright-core (no browser is downloaded).
browser-deps:
	@[ -x /usr/bin/chromium ] || [ -n "$$CHROMIUM" ] || { echo "Browser tests need Chromium: sudo apt-get install chromium"; exit 1; }
	@cd tests/browser && [ -d node_modules/playwright-core ] || npm ci --silent --no-audit --no-fund

test: setup
	$(PY) -m unittest discover -s tests -t . -p 'test_*.py' -v
	mvn -B test
	$(MAKE) --no-print-directory notebooks site browser-deps
	cd tests/browser && node --test site.test.mjs loader.test.mjs notebook.test.mjs

# A benchmark, not a test: prints figures (see bench/README.md).
bench: setup
	$(PY) bench/run.py

lab: setup
	jupyter lab notebooks/

notebook: setup
	$(PY) -m notebook notebooks/

clean:
	rm -rf build utils/target kernel/target models
