# binhdang — the two commands: `make run` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
DB ?= sqlite:data/binhdang.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps configure build web run test test-unit test-web test-asan bench fuzz soak clean format

all: build

deps:
	bash scripts/install-deps.sh

configure: deps
	@if [ ! -f $(BUILD)/build.ninja ]; then \
	  cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo; fi

build: configure web
	cmake --build $(BUILD) -j $(JOBS)

web: deps
	@if [ -f web/package.json ]; then cd web && BINHDANG_WEB_OUT=$(abspath $(BUILD))/web node build.mjs; fi

run: build
	$(BUILD)/binhdang --db $(DB) serve --listen $(LISTEN) --web $(BUILD)/web

# Every test: C++ unit, storage conformance (SQLite and a real PostgreSQL), API and
# authorisation tests against a real server, the sanitizer build, and the browser tests.
test: build
	bash scripts/test.sh

test-asan: deps
	bash scripts/test-asan.sh

bench: build
	cmake --build $(BUILD) -j $(JOBS) --target benches
	bash bench/run.sh

# libFuzzer on every parser of outside input (FUZZ_SECONDS per harness, default 120).
fuzz: deps
	bash scripts/fuzz.sh

# 1,000 connections for 60 s, then 100 rounds of kill -9 on SQLite and PostgreSQL.
soak: build
	bash scripts/soak.sh

format:
	clang-format -i $$(git ls-files 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc' 'bench/*.h')

clean:
	rm -rf $(BUILD) build-asan build-fuzz
