# The two entry points of the README. Everything else is plain CMake (see CMakePresets.json).
#   make demo   build (Release) and run ssmd on the bundled exchanges/
#   make test   build and run the whole suite: Debug build, again under ASan+UBSan (fuzz corpora replayed in both)
#   make fuzz   fuzz every target with clang for FUZZ_SECONDS each
JOBS ?= $(shell nproc)
SSMD = build/host/ssmd

.PHONY: setup build demo test test-quick test-asan fuzz bench clean

setup:
	@scripts/setup.sh

build: setup
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

demo: build
	@scripts/demo.sh $(SSMD)

test: test-quick test-asan

test-quick: setup
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS)
	ctest --preset dev -j $(JOBS)

test-asan: setup
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)

fuzz: setup
	scripts/fuzz.sh

bench: build
	@scripts/bench.sh build

clean:
	rm -rf build build-test build-asan build-fuzz
