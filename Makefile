# Thin wrapper: every target does its own set-up on a fresh Debian 12 machine.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PIPELINE = $(BUILD)/pipeline
DEMO_TODAY ?= 2026-11-23

.PHONY: all deps configure build test demo install clean

all: build

deps:
	@sh scripts/ensure-deps

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

demo: build
	@echo '$$ pipeline -C examples/sales check'
	@$(PIPELINE) -C examples/sales --today $(DEMO_TODAY) check
	@echo
	@echo '$$ pipeline -C examples/sales forecast --by quarter'
	@$(PIPELINE) -C examples/sales --today $(DEMO_TODAY) forecast --by quarter

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD)
