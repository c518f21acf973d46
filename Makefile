# Thin wrapper: every target does its own set-up on a fresh Debian 12 machine.
BUILD = build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PIPELINE = $(BUILD)/pipeline
DEMO_TODAY ?= 2026-11-23

.PHONY: all deps test-deps configure build binary test demo install clean

all: build

deps:
	@sh scripts/ensure-deps build

test-deps:
	@sh scripts/ensure-deps test

configure: deps
	@cmake --preset default >/dev/null

# Everything: the binary, the unit tests and the test helpers.
build: configure
	cmake --build --preset default -j $(JOBS)

# The binary alone.
binary: configure
	cmake --build --preset default -j $(JOBS) --target pipeline

FUZZ_SECONDS ?= 45

# The whole suite twice: the normal build, then under AddressSanitizer and
# UndefinedBehaviorSanitizer (CMakePresets.json); then every fuzz target briefly.
test: test-deps build
	ctest --preset default -j $(JOBS)
	@cmake --preset sanitize >/dev/null
	cmake --build --preset sanitize -j $(JOBS)
	ctest --preset sanitize -j $(JOBS)
	tests/fuzz/run $(FUZZ_SECONDS)

# The example repository is written as of DEMO_TODAY; pinning it keeps the demo's
# stale and overdue warnings as they are described in examples/sales/README.md.
demo: binary
	@echo '$$ pipeline -C examples/sales --today $(DEMO_TODAY) check'
	@$(PIPELINE) -C examples/sales --today $(DEMO_TODAY) check
	@echo
	@echo '$$ pipeline -C examples/sales --today $(DEMO_TODAY) forecast --by quarter'
	@$(PIPELINE) -C examples/sales --today $(DEMO_TODAY) forecast --by quarter

install: binary
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) build-sanitize
