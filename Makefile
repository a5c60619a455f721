# The two entry points of the README. Everything else is plain CMake.
#   make demo   install what is missing, build (Release), run ssmd on the bundled exchanges/
#   make test   install what is missing, build with tests, run the whole suite
BUILD ?= build
TEST_BUILD ?= build-test
JOBS ?= $(shell nproc)
SSMD = $(BUILD)/host/ssmd

.PHONY: setup build demo test bench clean

setup:
	@scripts/setup.sh

build: setup
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DSSMD_BUILD_TESTS=OFF
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo.sh $(SSMD)

test: setup
	cmake -S . -B $(TEST_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSSMD_BUILD_TESTS=ON
	cmake --build $(TEST_BUILD) -j $(JOBS)
	cd $(TEST_BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@scripts/bench.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(TEST_BUILD)
