# One entry point for the checks CI runs. `make test` is the README's test
# command; `.ci/run` brings up PostgreSQL and MariaDB and runs it.
SHELL := /bin/bash
GO ?= go
PKGS = ./...
STATICCHECK = $(shell $(GO) env GOPATH)/bin/staticcheck

.PHONY: all check fmt vet lint tidy generate test test-short race fuzz reliability tools bench-test bench-report

all: check test

check: fmt vet lint tidy generate

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

tools:
	@test -x $(STATICCHECK) || $(GO) install honnef.co/go/tools/cmd/staticcheck@v0.8.2

lint: tools
	$(STATICCHECK) $(PKGS)

# go.mod and go.sum of both modules (the root and bench/) are what
# `go mod tidy` would write.
tidy:
	$(GO) mod tidy -diff
	cd bench && $(GO) mod tidy -diff

# Generated code is current. The one go:generate directive is bench's ent
# client; it runs against copies of bench's go.mod/go.sum (its -mod=mod
# would add the generator's own sums), and fails when the committed files
# differ from what it writes. The generators' own output (package gen) is
# pinned by its golden files, which `go test ./gen` compares.
ENT = bench/libs/entlib/ent
generate:
	@tmp=$$(mktemp -d) && trap 'rm -rf $$tmp' EXIT && cp bench/go.mod bench/go.sum $$tmp/ && \
	  (cd $(ENT) && $(GO) run -modfile=$$tmp/go.mod -mod=mod entgo.io/ent/cmd/ent generate ./schema) && \
	  out=$$(git status --porcelain -- $(ENT) ':!$(ENT)/schema') && if [ -n "$$out" ]; then \
	    echo "generated code is stale (run go generate ./libs/entlib/... in bench/ and commit):"; echo "$$out"; exit 1; fi

# The full suite with the race detector, every dialect whose server is
# configured (STRATA_TEST_POSTGRES, STRATA_TEST_MYSQL), and a summary of
# tests per dialect. The reliability scenarios (TestReliability*) run in
# `make reliability`, without the race detector, which makes them too slow
# for CI's budget.
test:
	set -o pipefail; $(GO) test -race -count=1 -json -timeout 20m -skip '^TestReliability' $(PKGS) | $(GO) run ./internal/testreport

# Quick: no race detector, no summary.
test-short:
	$(GO) test -count=1 $(PKGS)

race: test

# Each fuzz target for FUZZTIME (default 60s).
FUZZTIME ?= 60s
fuzz:
	@$(GO) list -f '{{.Dir}}' $(PKGS) | while read d; do \
	  for t in $$(cd $$d && $(GO) test -list 'Fuzz.*' . 2>/dev/null | grep -E '^Fuzz'); do \
	    echo "fuzz $$d $$t"; (cd $$d && $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) .) || exit 1; \
	  done; done

# The reliability suite (internal/reliability): each scenario of
# RELIABILITY.md's plan and issue 13 on every dialect, then each registered
# fuzz target for RELIABILITY_FUZZTIME, printed as a table of scenario ×
# dialect; fails on any case not held.
RELIABILITY_FUZZTIME ?= 10s
reliability:
	$(GO) run ./internal/reliability -fuzztime $(RELIABILITY_FUZZTIME)

# The benchmark suite is a module of its own (bench/, see bench/README.md), so
# neither target is part of `make test`. bench-test checks that every library
# returns the same results; bench-report runs the benchmarks (-count 6, about
# 25 minutes) and rewrites BENCHMARKS.md.
bench-test:
	cd bench && $(GO) vet ./... && $(GO) test -count=1 ./...

bench-report:
	cd bench && $(GO) run ./cmd/benchreport
