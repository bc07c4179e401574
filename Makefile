# DaprShop — plain make targets. `make test` is the README's test command and what CI runs.
SHELL := /bin/bash
SOLUTION := DaprShop.sln
RESULTS := TestResults
CONFIG ?= Release
DOTNET_TEST := dotnet test --no-build -c $(CONFIG) --logger "trx" --results-directory $(RESULTS)

.PHONY: build test test-unit run infra migrate bench clean

build:
	dotnet build $(SOLUTION) -c $(CONFIG)

## All tiers that can run here (unit, conformance/service); tier 3 reports itself skipped without the Dapr CLI.
test: build
	@rm -rf $(RESULTS)
	@$(DOTNET_TEST) $(SOLUTION) > $(RESULTS).log 2>&1; rc=$$?; \
	  grep -E "^(Passed|Failed|Skipped)!|^\s+Failed |Error Message" $(RESULTS).log | head -200; \
	  [ $$rc -eq 0 ] || { echo "dotnet test failed (exit $$rc); full log: $(RESULTS).log"; tail -n 40 $(RESULTS).log; }; \
	  scripts/trx-summary.sh $(RESULTS) && [ $$rc -eq 0 ]

## Tier 1 only: pure logic, no sockets, no database.
test-unit: build
	@rm -rf $(RESULTS)
	@for p in tests/*.Unit.Tests; do $(DOTNET_TEST) $$p || exit 1; done; scripts/trx-summary.sh $(RESULTS)

## Brings up PostgreSQL and Redis from Debian packages where no Docker engine runs.
infra:
	@scripts/local-infra.sh up >/dev/null

## Runs every app of dapr.yaml beside its sidecar: the Dapr CLI where installed, else the local sidecar.
run: build
	@scripts/dev-up.sh
	@if command -v dapr >/dev/null 2>&1 && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then \
	  dapr run -f dapr.yaml; \
	else \
	  echo "Dapr CLI or Docker engine not available: running dapr.yaml on the local sidecar (tools/LocalSidecar)"; \
	  dotnet run --no-build -c $(CONFIG) --project tools/LocalSidecar -- run -f $(CURDIR)/dapr.yaml; \
	fi

## Applies every service's checked-in EF Core migrations (services also do it at start-up, under an advisory lock).
IDENTITY_DB ?= Host=127.0.0.1;Port=5432;Username=daprshop;Password=daprshop;Database=identity
migrate: infra
	dotnet tool restore
	PGPASSWORD=daprshop psql -h 127.0.0.1 -U daprshop -d postgres -tAc "select 1 from pg_database where datname='identity'" | grep -q 1 || \
	  PGPASSWORD=daprshop psql -h 127.0.0.1 -U daprshop -d postgres -c 'create database identity'
	dotnet tool run dotnet-ef database update --project services/Identity --connection "$(IDENTITY_DB)"

bench:
	dotnet run -c Release --project bench/LocalSidecar.Bench

clean:
	dotnet clean $(SOLUTION) -c $(CONFIG) >/dev/null
	rm -rf $(RESULTS) $(RESULTS).log
	find . -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
