# LeNet-5 in Java — the two commands that matter:
#   make course   set up whatever is missing, then execute the notebooks into build/executed/
#   make test     run every test (packaging and bad-input checks, utils unit tests, notebooks)
PY ?= $(shell [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)
export JUPYTER_PYTHON ?= $(PY)

.PHONY: course setup data kernel notebooks test lab notebook clean

course: setup notebooks

setup:
	@bash scripts/setup.sh

data:
	@bash scripts/setup.sh data

kernel:
	@bash scripts/setup.sh kernel

notebooks: setup
	$(PY) scripts/run_notebooks.py

test: setup
	$(PY) -m unittest discover -s tests -p 'test_*.py' -v
	cd utils && mvn -B test
	$(MAKE) --no-print-directory notebooks

lab: setup
	jupyter lab notebooks/

notebook: setup
	$(PY) -m notebook notebooks/

clean:
	rm -rf build utils/target models
