# cafe — coffee orders as Quarkus reactive microservices. `make help` lists the targets.
SHELL := bash
MVN ?= mvn
MVN_FLAGS ?= -B -ntp
LAUNCHER_JAR := local-stack/launcher/target/cafe-local-stack-1.0.0-SNAPSHOT.jar
LAUNCHER_CP = $(LAUNCHER_JAR):$$(cat local-stack/launcher/target/launcher.classpath)
BENCH_CP = bench/target/cafe-bench-1.0.0-SNAPSHOT.jar:$$(cat bench/target/bench.classpath)
BUILT := target/.built
# JDK 25 for everything: the build, the tests, the services and their AOT caches (the default java may be older)
JAVA_HOME := $(shell local-stack/jdk25.sh)
ifeq ($(JAVA_HOME),)
  $(error No JDK 25 found (JAVA_HOME, /usr/lib/jvm, /opt/java, sdkman). Install one, e.g. Temurin 25, and set JAVA_HOME to it)
endif
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)
# `make build` runs the packaged services' integration tests only: they are the AOT training runs
TRAIN_ONLY := -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='*ResourceIT' -Dfailsafe.failIfNoSpecifiedTests=false
SOURCES := $(shell find . -path ./.stack -prune -o -path '*/target' -prune -o -path '*/node_modules' -prune -o -type f \
             \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' -o -name '*.sql' -o -name '*.json' \
                -o -name openapi.yaml -o -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.sh' \) -print)

SUB ?=
ROLE ?= customer
# the images' tag and registry prefix (the manifests name the same): <version>-<commit>
VERSION := $(shell sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
TAG := $(VERSION)-$(shell git rev-parse --short=7 HEAD 2>/dev/null || echo unknown)
IMAGE_PREFIX ?= localhost/cafe
export TAG IMAGE_PREFIX
IMAGE_SOURCE ?= $(shell git remote get-url origin 2>/dev/null || echo unknown)
export IMAGE_SOURCE

.PHONY: help build run run-knative stack token test format clean manifests native bench bench-quick drills drills-quick images up down test-containers

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

build: $(BUILT) ## build every module when sources changed, and train each service's AOT cache

$(BUILT): $(SOURCES)
	$(MVN) $(MVN_FLAGS) -q install $(TRAIN_ONLY) -Dcafe.image.prefix=$(IMAGE_PREFIX)
	@mkdir -p target && touch $@

run: $(BUILT) ## start PostgreSQL, Kafka, Keycloak (realm cafe) and the four services (8081-8084); Ctrl-C stops all
	@java -cp "$(LAUNCHER_CP)" cafe.stack.Main run

run-knative: $(BUILT) ## as `make run`, with the services as on Knative: no Kafka consumers; a stand-in for KafkaSource delivers their events to /events as deploy/knative/eventing.yaml says
	@java -cp "$(LAUNCHER_CP)" cafe.stack.Main run-knative

images: $(BUILT) ## build the container images with Jib (and the base images first, from Debian and the JDK): one per service with its AOT cache, tagged <version>-<commit>
	@deploy/containers/build-images.sh

up: $(BUILT) ## start the whole café in containers (the services from the generated manifests, podman kube play); returns when every probe passes
	@deploy/containers/up.sh

down: ## stop and remove every container `make up` started
	@deploy/containers/down.sh

test-containers: ## after `make up`: the system tests that only call the café, and the drill that kills a container, against the containers
	$(MVN) $(MVN_FLAGS) verify -pl system-tests -Pcontainers

stack: $(BUILT) ## start only PostgreSQL, Kafka and Keycloak (for quarkus:dev or tests); Ctrl-C stops them
	@java -cp "$(LAUNCHER_CP)" cafe.stack.Main stack

token: ## print a token of the running stack's Keycloak: make token SUB=c-1 [ROLE=customer|barista|admin]; the token is the last line
	@test -f $(LAUNCHER_JAR) || { echo "Build first: make build" >&2; exit 1; }
	@java -cp "$(LAUNCHER_CP)" cafe.stack.Main token "$(SUB)" "$(ROLE)"

test: ## build and run every test: unit, component (@QuarkusTest) and system, on a real PostgreSQL and Kafka; then lint the OpenAPI documents
	$(MVN) $(MVN_FLAGS) install -Dcafe.image.prefix=$(IMAGE_PREFIX)
	@platform/openapi-lint/lint.sh
	@mkdir -p target && touch $(BUILT)

format: ## format the Java code as the build checks it (Spotless, palantir-java-format)
	$(MVN) $(MVN_FLAGS) -q com.diffplug.spotless:spotless-maven-plugin:apply -pl '!local-stack/kafka-broker,!local-stack/keycloak'

manifests: $(BUILT) ## regenerate deploy/generated from the services' config (commit the result)
	@deploy/generate-manifests.sh

bench: $(BUILT) ## open-model load at rising rates on the whole system, with the cost per order; report in target/bench (JFR=1: JFR, hot methods and native memory per service)
	@$(if $(JFR),CAFE_JVM_EXTRA_OPTIONS=-XX:NativeMemoryTracking=summary) java -Djava.awt.headless=true -cp "$(BENCH_CP)" cafe.bench.Bench $(if $(JFR),--jfr)

bench-quick: $(BUILT) ## the bench in two short steps (under 3 minutes; run in CI)
	@$(if $(JFR),CAFE_JVM_EXTRA_OPTIONS=-XX:NativeMemoryTracking=summary) java -Djava.awt.headless=true -cp "$(BENCH_CP)" cafe.bench.Bench --quick $(if $(JFR),--jfr)

drills: $(BUILT) ## fault drills under steady load: payment, barista, Kafka down; order-service killed; redelivery; PostgreSQL restarted; payment stalled
	@java -cp "$(BENCH_CP)" cafe.bench.Drills

drills-quick: $(BUILT) ## the drills with 10 s outages (run in CI)
	@java -cp "$(BENCH_CP)" cafe.bench.Drills --quick

native: ## build native executables (-Pnative) and run the integration tests against them; needs GraalVM/Mandrel or a container runtime
	@if command -v native-image >/dev/null 2>&1; then \
	  $(MVN) $(MVN_FLAGS) install -Pnative; \
	elif docker info >/dev/null 2>&1 || podman info >/dev/null 2>&1; then \
	  $(MVN) $(MVN_FLAGS) install -Pnative -Dquarkus.native.container-build=true; \
	else \
	  echo "make native: no GraalVM/Mandrel (native-image on PATH) and no container runtime (docker/podman) here."; \
	  echo "Install Mandrel or GraalVM for JDK 25 and set GRAALVM_HOME, or run where Docker/Podman works;"; \
	  echo "the JVM build and its tests (make test) do not need either."; \
	  exit 2; \
	fi

clean: ## remove build output and the local stack's data
	$(MVN) $(MVN_FLAGS) -q clean
	rm -rf target .stack
