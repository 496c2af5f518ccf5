# Wrappers around CMake presets. `make run` and `make test` are the two set-up commands (README.md).
PRESET ?= release
BUILD_DIR := build/$(PRESET)
CHEMSAFE := $(BUILD_DIR)/apps/chemsafe/chemsafe
DB ?= var/chemsafe.db
JOBS ?= $(shell nproc)

.PHONY: deps configure build run test bench clean

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# Creates the embedded database with the synthetic demo province when it does not exist, then runs the
# main job on it.
run: build
	@mkdir -p $(dir $(DB))
	@if [ ! -f $(DB) ]; then \
	  echo "chemsafe: creating $(DB) with the synthetic demo province" >&2; \
	  $(CHEMSAFE) demo generate --seed 2017 --enterprises 2000 --db $(DB).tmp && mv $(DB).tmp $(DB); \
	fi
	@$(CHEMSAFE) registry summary --db $(DB)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	@bash bench/run.sh $(BUILD_DIR)

clean:
	@rm -rf build
