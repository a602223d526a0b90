# binhdang — the two commands: `make run` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
DB ?= sqlite:data/binhdang.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps configure build web run test test-unit test-web test-asan bench clean format

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
	bash bench/run.sh

format:
	clang-format -i $$(git ls-files 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc')

clean:
	rm -rf $(BUILD) build-asan
