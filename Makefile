# Proofmint: `make devnet` runs a local chain, `make test` runs every test. Both install what they need first.
SWIFT ?= swift
DEBIAN_PACKAGES := libsodium-dev liblmdb-dev libxxhash-dev pkg-config python3
# Debian's own Python 3 for the reference models (standard library only); override with PYTHON=... to use another.
PYTHON ?= /usr/bin/python3
# `make test-browser`: Debian's headless browser and its WebDriver, and Selenium from PyPI in a venv under .build/.
BROWSER_PACKAGES := chromium chromium-driver python3-venv
BROWSER_VENV ?= .build/browser-venv
BROWSER_FLAGS ?=
DEVNET_HOME ?= ./devnet-home
DEVNET_FLAGS ?= --block-time 1000
## `make devnet NODES=n`: n validator nodes on loopback, RPC on DEVNET_PORT, DEVNET_PORT+1, ... (n = 1: the one-node devnet).
NODES ?= 1
DEVNET_PORT ?= 8645
BENCH_FLAGS ?=
# `make loadtest`: e.g. LOADTEST_FLAGS="--senders 4000 --transactions 40000 --modes instant".
LOADTEST_FLAGS ?=
## `make crashtest`: SIGKILL cycles and the seed of the kill moments (docs/RELIABILITY.md, "The crash test").
CYCLES ?= 300
SEED ?= 42

# `make fuzz`: seconds per target, how many targets at once, and which targets (docs/RELIABILITY.md, "Fuzzing").
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
FUZZ_TARGETS ?= transaction block receipts chain-file genesis keystore rpc

.PHONY: all deps build release test test-models test-unit test-e2e test-browser crashtest test-sanitize fuzz bench loadtest devnet devnet-reset docs clean

all: build

## Installs the Debian packages of $(1) that are missing.
define apt_install_missing
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing missing Debian packages:$$missing"; \
		SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
endef

## Installs the Debian packages that are missing (libsodium, LMDB headers, Python 3).
deps:
	$(call apt_install_missing,$(DEBIAN_PACKAGES))

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## The reference models, then the unit tests, then the end-to-end tests against the debug binaries this same build made,
## then the explorer page in a headless browser.
test: test-models
	$(SWIFT) build --build-tests
	PROOFMINT_BIN_DIR="$$($(SWIFT) build --show-bin-path)" $(SWIFT) test --skip-build
	$(MAKE) test-browser

## The independent Python models against the committed pins: no node, no network, no Swift build.
test-models: deps
	$(PYTHON) -B scripts/proofmint_model.py
	$(PYTHON) -B scripts/protocol_vectors.py --check --quiet
	$(PYTHON) -B scripts/golden_chain_model.py --check --quiet
	$(PYTHON) -B scripts/state_dump.py --check

## The explorer page in headless chromium against a real devnet of the debug binaries (scripts/explorer_browser_test.py):
## the latest blocks appear, a wallet transfer shows up without a reload, an epoch settles. Installs chromium,
## chromium-driver and Selenium when missing. BROWSER_FLAGS="--screenshots docs/images" refreshes the README's images.
test-browser: deps
	$(call apt_install_missing,$(BROWSER_PACKAGES))
	@$(BROWSER_VENV)/bin/python -c 'import selenium' 2>/dev/null || \
		{ $(PYTHON) -m venv $(BROWSER_VENV) && $(BROWSER_VENV)/bin/pip install -q selenium; }
	$(SWIFT) build
	PROOFMINT_BIN_DIR="$$($(SWIFT) build --show-bin-path)" $(BROWSER_VENV)/bin/python -B scripts/explorer_browser_test.py $(BROWSER_FLAGS)

test-unit: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip ProofmintEndToEndTests

test-e2e: deps
	$(SWIFT) build --build-tests
	PROOFMINT_BIN_DIR="$$($(SWIFT) build --show-bin-path)" $(SWIFT) test --skip-build --filter ProofmintEndToEndTests

## The long crash run against the debug binaries: CYCLES SIGKILLs under a stream of transfers, durability full, none
## and meta in turn; ends with a line "crashtest: ... transactions_receipted=... failures=0 wall=... cpu=...".
crashtest: deps
	$(SWIFT) build --build-tests
	PROOFMINT_BIN_DIR="$$($(SWIFT) build --show-bin-path)" PROOFMINT_CRASH_CYCLES=$(CYCLES) PROOFMINT_CRASH_SEED=$(SEED) \
		$(SWIFT) test --skip-build --filter CrashRecoveryTests

## The unit tests under AddressSanitizer, then under ThreadSanitizer, each in its own build folder so the normal
## build is untouched (docs/RELIABILITY.md, "Sanitizers", says how long it takes and why leak reports are off).
test-sanitize: deps
	$(SWIFT) build --build-tests --sanitize=address --build-path .build-asan
	ASAN_OPTIONS=detect_leaks=0 \
		$(SWIFT) test --skip-build --sanitize=address --build-path .build-asan --skip ProofmintEndToEndTests
	$(SWIFT) build --build-tests --sanitize=thread --build-path .build-tsan
	TSAN_OPTIONS="suppressions=$(CURDIR)/scripts/tsan-suppressions.txt halt_on_error=1" \
		$(SWIFT) test --skip-build --sanitize=thread --build-path .build-tsan --skip ProofmintEndToEndTests

## Builds the libFuzzer executables (Fuzz/, release, fuzzer + AddressSanitizer) and runs each target FUZZ_SECONDS
## over its seeds; a crash is copied to Tests/Fixtures/fuzz-regressions/<target>/ (replayed by `make test`) and fails.
fuzz: deps
	cd Fuzz && nice $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
	$(PYTHON) -B scripts/run_fuzz.py --seconds $(FUZZ_SECONDS) --jobs $(FUZZ_JOBS) $(FUZZ_TARGETS)

## Builds in release mode and starts a one-node devnet from genesis/devnet.json (Ctrl-C stops it; state is kept).
## --dev-control serves the devnet control methods (pm_mine), which a plain `proofmintd start` refuses.
## With NODES=n (n >= 2), n validator nodes following each other (scripts/devnet_nodes.sh), in $(DEVNET_HOME)/nodes-n.
devnet: release
ifeq ($(NODES),1)
	@if [ ! -d "$(DEVNET_HOME)/data" ]; then \
		.build/release/proofmintd init --genesis genesis/devnet.json --home "$(DEVNET_HOME)" --dev-validator 0; \
	fi
	.build/release/proofmintd start --home "$(DEVNET_HOME)" --dev-control $(DEVNET_FLAGS)
else
	scripts/devnet_nodes.sh $(NODES) "$(DEVNET_HOME)/nodes-$(NODES)" .build/release $(DEVNET_PORT) $(DEVNET_FLAGS)
endif

devnet-reset:
	rm -rf "$(DEVNET_HOME)"

## Block-apply throughput against libsodium's verify rate; figures go to docs/PERFORMANCE.md by hand.
bench: deps
	$(SWIFT) build -c release --product proofmint-bench
	.build/release/proofmint-bench $(BENCH_FLAGS)

## The live node end to end: signed transfers over JSON-RPC into a release proofmintd on loopback, in instant and
## interval modes, against libsodium's verify rate (docs/PERFORMANCE.md, "The live node under load").
loadtest: deps
	$(SWIFT) build -c release --product proofmintd
	$(SWIFT) build -c release --product proofmint-loadtest
	.build/release/proofmint-loadtest --genesis genesis/devnet.json $(LOADTEST_FLAGS)

clean:
	rm -rf .build .build-asan .build-tsan Fuzz/.build
