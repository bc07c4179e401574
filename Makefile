# DaprShop — plain make targets. `make test` is the README's test command and what CI runs.
SHELL := /bin/bash
SOLUTION := DaprShop.sln
RESULTS := TestResults
CONFIG ?= Release
# Normal console verbosity: the log then holds the exception of a fixture that fails on clean-up (the TRX does not).
DOTNET_TEST := dotnet test --no-build -c $(CONFIG) --logger "trx" --logger "console;verbosity=normal" --results-directory $(RESULTS)

.PHONY: build test test-unit run mail infra migrate bench bench-catalog bench-gateway bench-cart bench-inventory bench-checkout seed clean

build:
	dotnet build $(SOLUTION) -c $(CONFIG)

## All tiers that can run here (unit, conformance/service); tier 3 reports itself skipped without the Dapr CLI.
test: build
	@rm -rf $(RESULTS)
	@$(DOTNET_TEST) $(SOLUTION) > $(RESULTS).log 2>&1; rc=$$?; \
	  grep -E "^\s+Failed " $(RESULTS).log | head -200; \
	  [ $$rc -eq 0 ] || { echo "dotnet test failed (exit $$rc); full log: $(RESULTS).log"; tail -n 40 $(RESULTS).log; }; \
	  scripts/trx-summary.sh $(RESULTS) $(RESULTS).log && [ $$rc -eq 0 ]

## Tier 1 only: pure logic, no sockets, no database.
test-unit: build
	@rm -rf $(RESULTS)
	@for p in tests/*.Unit.Tests; do $(DOTNET_TEST) $$p || exit 1; done; scripts/trx-summary.sh $(RESULTS)

## The local mail catcher for `make run` (smtp4dev, installed once into .local/tools): SMTP on 127.0.0.1:2525, where
## components/common/email.yaml sends notifications' mails; read them at http://127.0.0.1:5080. Run it in its own terminal.
mail:
	@scripts/mail-catcher.sh

## Brings up PostgreSQL and Redis from Debian packages where no Docker engine runs.
infra:
	@scripts/local-infra.sh up >/dev/null

## Runs every app of dapr.yaml beside its sidecar: the Dapr CLI where installed, else the local sidecar.
## One build: dapr.yaml's commands run the Release output (`dotnet run --no-build -c Release`), so run builds Release.
run: override CONFIG = Release
run: build
	@scripts/dev-up.sh
	@if command -v dapr >/dev/null 2>&1 && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then \
	  dapr run -f dapr.yaml; \
	else \
	  echo "Dapr CLI or Docker engine not available: running dapr.yaml on the local sidecar (tools/LocalSidecar)"; \
	  dotnet run --no-build -c $(CONFIG) --project tools/LocalSidecar -- run -f $(CURDIR)/dapr.yaml; \
	fi

## Applies every service's checked-in EF Core migrations (services also do it at start-up, under an advisory lock):
## each services/<Name>/ with Data/Migrations (or Data/<Store>/Migrations), into the database <name> on the local PostgreSQL.
PG_ADMIN ?= Host=127.0.0.1;Port=5432;Username=daprshop;Password=daprshop
MIGRATED_SERVICES := $(sort $(foreach m,$(wildcard services/*/Data/Migrations services/*/Data/*/Migrations),$(word 2,$(subst /, ,$(m)))))
migrate: infra
	dotnet tool restore
	@set -e; for svc in $(MIGRATED_SERVICES); do \
	  db=$$(echo $$svc | tr '[:upper:]' '[:lower:]'); \
	  PGPASSWORD=daprshop psql -h 127.0.0.1 -U daprshop -d postgres -tAc "select 1 from pg_database where datname='$$db'" | grep -q 1 || \
	    PGPASSWORD=daprshop psql -h 127.0.0.1 -U daprshop -d postgres -c "create database $$db"; \
	  echo "migrating $$svc into $$db"; \
	  dotnet tool run dotnet-ef database update --project services/$$svc --connection "$(PG_ADMIN);Database=$$db"; \
	done

bench:
	dotnet run -c Release --project bench/LocalSidecar.Bench

## Catalog search at 100,000 products: HTTP p50/p95 against the same SQL on Npgsql (keeps database catalog_bench).
bench-catalog: infra
	DAPRSHOP_TEST_POSTGRES="$${DAPRSHOP_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=daprshop;Password=daprshop;Database=postgres}" \
	  dotnet run -c Release --project bench/Catalog.Bench

## Hot SKU: 64 clients reserving through ordering's sidecar against pgbench's same conditional UPDATE, one run; then a
## sell-out (oversold units must be 0) and the ledger reconciliation (recreates database inventory_bench).
bench-inventory: infra
	DAPRSHOP_TEST_POSTGRES="$${DAPRSHOP_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=daprshop;Password=daprshop;Database=postgres}" \
	  dotnet run -c Release --project bench/Inventory.Bench

## A deterministic demo catalogue (COPY batches, progress bar) for two tenants: `make seed PRODUCTS=500 TENANTS="<id> <id>"`.
CATALOG_DB ?= Host=127.0.0.1;Port=5432;Username=daprshop;Password=daprshop;Database=catalog
PRODUCTS ?= 500
TENANTS ?= 01930000-0000-7000-8000-00000000d001 01930000-0000-7000-8000-00000000d002
seed: infra
	ConnectionStrings__catalog="$(CATALOG_DB)" dotnet run -c $(CONFIG) --project services/Catalog -- \
	  seed $(foreach t,$(TENANTS),--tenant $(t)) --products $(PRODUCTS)

## The gateway's rate limiter on and off against plain invocation (runs from its output folder: WebApplicationFactory
## finds the gateway's content root through the manifest there).
bench-gateway:
	dotnet build -c Release bench/Gateway.Bench
	cd bench/Gateway.Bench/bin/Release/net10.0 && dotnet Gateway.Bench.dll

## Cart add-item through the gateway to the cart actor against a raw state write through the sidecar (p50/p95, ratio).
bench-cart: infra
	dotnet build -c Release bench/Cart.Bench
	cd bench/Cart.Bench/bin/Release/net10.0 && DAPRSHOP_TEST_POSTGRES="$${DAPRSHOP_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=daprshop;Password=daprshop;Database=postgres}" \
	  dotnet Cart.Bench.dll

## Checkout through the gateway and the whole order saga against the same service calls made directly, one run
## (orders/s, p50/p95 per order): make bench-checkout ARGS="--orders 1000 --clients 16".
bench-checkout: infra
	dotnet build -c Release bench/Checkout.Bench
	cd bench/Checkout.Bench/bin/Release/net10.0 && DAPRSHOP_TEST_POSTGRES="$${DAPRSHOP_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=daprshop;Password=daprshop;Database=postgres}" \
	  dotnet Checkout.Bench.dll $(ARGS)

clean:
	dotnet clean $(SOLUTION) -c $(CONFIG) >/dev/null
	rm -rf $(RESULTS) $(RESULTS).log
	find . -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
