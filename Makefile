# Wrappers around CMake presets. `make run` and `make test` are the two set-up commands (README.md).
PRESET ?= release
BUILD_DIR := build/$(PRESET)
CHEMSAFE := $(BUILD_DIR)/apps/chemsafe/chemsafe
DB ?= var/chemsafe.db
JOBS ?= $(shell nproc)

.PHONY: deps configure build web run test bench clean

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# The web front end (web/): built with npm into web/dist, which `chemsafe serve` serves. `npm ci` runs
# again whenever package-lock.json is newer than what node_modules was installed from.
web:
	@if [ -f web/package.json ]; then \
	  cd web && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; } && \
	  npm run --silent build >/dev/null; \
	fi

# Creates the embedded database with the synthetic demo province (assessed under GB 18218-2018, with a
# synthetic traceability chain of 剧毒 and 易制爆 chemicals, risk points, a history of inspections and
# hidden-hazard findings, blacklist listings, enforcement records and insurance policies, the 2017 plan with
# a history of the units' reports) and a
# province-wide demo account with a random password (var/demo-password.txt) when it does not exist;
# runs the province-wide QRA (plan task T7) unless a stored run has the same inputs; then serves the
# platform on LISTEN.
LISTEN ?= 127.0.0.1:8080
run: build web
	@mkdir -p $(dir $(DB))
	@if [ ! -f $(DB) ]; then \
	  echo "chemsafe: creating $(DB) with the synthetic demo province" >&2; \
	  rm -f $(DB).tmp $(DB).tmp-wal $(DB).tmp-shm && \
	  $(CHEMSAFE) demo generate --seed 2017 --enterprises 2000 --db $(DB).tmp && \
	  $(CHEMSAFE) hazard run --db $(DB).tmp >/dev/null && \
	  $(CHEMSAFE) demo trace --db $(DB).tmp --events 20000 --seed 2017 >/dev/null && \
	  $(CHEMSAFE) demo risk --db $(DB).tmp --seed 2017 >/dev/null && \
	  $(CHEMSAFE) demo inspect --db $(DB).tmp --seed 2017 >/dev/null && \
	  $(CHEMSAFE) demo credit --db $(DB).tmp --seed 2017 >/dev/null && \
	  $(CHEMSAFE) demo governance --db $(DB).tmp --seed 2017 >/dev/null && \
	  umask 077 && printf 'Demo#%s\n' "$$(head -c 12 /dev/urandom | base64 | tr -d '/+=')" > $(dir $(DB))demo-password.txt && \
	  $(CHEMSAFE) user add --db $(DB).tmp --role province --name demo --display-name "演示账号（省级）" \
	    --password-file $(dir $(DB))demo-password.txt && \
	  mv $(DB).tmp $(DB); \
	fi
	@$(CHEMSAFE) demo risk --db $(DB) --seed 2017 --if-empty >/dev/null
	@$(CHEMSAFE) demo inspect --db $(DB) --seed 2017 --if-empty >/dev/null
	@$(CHEMSAFE) demo credit --db $(DB) --seed 2017 --if-empty >/dev/null
	@$(CHEMSAFE) demo governance --db $(DB) --seed 2017 --if-empty >/dev/null
	@$(CHEMSAFE) qra province --db $(DB) --reuse -o $(dir $(DB))qra || echo "chemsafe: no QRA run stored (the reason is above); serving without one" >&2
	@echo "chemsafe: open http://$(LISTEN)/ and log in as 'demo' with the password in $(dir $(DB))demo-password.txt" >&2
	@$(CHEMSAFE) serve --db $(DB) --listen $(LISTEN)

test: build web
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	@bash bench/run.sh $(BUILD_DIR)

clean:
	@rm -rf build
