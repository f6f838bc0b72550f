# omnia_customer: the two commands are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export ODOO_PORT ?= 8069

.PHONY: help setup run serve test bench test-odoo test-wheel backup restore upgrade-test test-browser screenshots pot lint psql clean-cache clean-data

help:
	@echo "make run    set up, start PostgreSQL and serve Odoo on http://127.0.0.1:$(ODOO_PORT) (admin/admin)"
	@echo "make serve  the same database as in production: Odoo's workers and long polling behind nginx on http://127.0.0.1:8080 (WORKERS, CRON_THREADS, SERVE_PORT, SERVE_TLS=1)"
	@echo "make test   set up, then lint and the whole test suite on a throwaway database"
	@echo "make test-odoo   Odoo's own test suites with and without the addon, compared"
	@echo "make backup [DB_NAME=omnia] [BACKUP=file.zip]   back up a database and its filestore"
	@echo "make restore BACKUP=file.zip [DB_NAME=omnia]   restore it (an existing database is kept, renamed)"
	@echo "make upgrade-test [PREVIOUS=tag]   upgrade a database made with the previous release"
	@echo "make test-wheel   build the addon's wheel and install it on a new Odoo 11 environment and database"
	@echo "make bench  the benchmark on generated data (BENCH_SCALE=1.0 full size, 0.01 quick)"
	@echo "make lint   flake8 and pylint-odoo only"
	@echo "make test-browser   only the browser tests, on a new database with demo data"
	@echo "make screenshots    take the screenshots in docs/ anew"
	@echo "make pot    export the translation template and merge it into omnia_customer/i18n/*.po"
	@echo "make psql   a psql prompt on the project's cluster"
	@echo "make clean-cache  drop the template databases the test databases are copied from"
	@echo "make clean-data   delete the database cluster and filestore under .local/"

setup:
	@tools/dev.sh setup

run:
	@tools/dev.sh run

serve:
	@tools/dev.sh serve

test:
	@tools/dev.sh test

test-browser:
	@tools/dev.sh browser

screenshots:
	@tools/dev.sh screenshots

pot:
	@tools/dev.sh pot

test-odoo:
	@tools/dev.sh test-odoo

backup:
	@tools/dev.sh backup

restore:
	@tools/dev.sh restore

upgrade-test:
	@tools/upgrade_test.sh $(PREVIOUS)

test-wheel:
	@tools/wheel_test.sh

bench:
	@tools/dev.sh bench

lint:
	@tools/dev.sh lint

psql:
	@tools/dev.sh psql

clean-cache:
	@tools/dev.sh clean-cache

clean-data:
	@tools/dev.sh pg-stop
	rm -rf "$$(readlink -f .local/postgres)" .local/postgres .local/filestore
