# make install [PREFIX=~/.local]   build target/wt and put it on PATH as $(PREFIX)/bin/wt
# make demo                         run `wt up` on a throw-away demo repository (examples/demo.sh)
# make test                         the whole test suite (what CI runs)
PREFIX ?= $(HOME)/.local
MVN ?= mvn

.PHONY: build install demo test clean
build: target/wt

target/wt: pom.xml $(shell find src -type f)
	$(MVN) -B -q package -DskipTests

install: target/wt
	install -d "$(PREFIX)/bin"
	install -m 0755 target/wt "$(PREFIX)/bin/wt"
	@echo "installed $(PREFIX)/bin/wt"
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; *) echo "note: add $(PREFIX)/bin to your PATH";; esac

demo: target/wt
	WT=$(CURDIR)/target/wt sh examples/demo.sh

test:
	$(MVN) -B verify

clean:
	$(MVN) -B -q clean
