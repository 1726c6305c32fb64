#!/usr/bin/env bash
# Whole-system benchmarks (see README): control-plane overhead against raw libvirt, and boot
# time and memory against a stock Karaf of the same version. Needs a built tree
# (mvn -DskipTests install) and, for control-plane, a running Emotive (scripts/allinone.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
jar="$root/benchmarks/target/benchmarks.jar"
what=${1:-all}

if [ "$what" = all ] || [ "$what" = control-plane ]; then
  java -jar "$jar" control-plane --count "${BENCH_COUNT:-10}"
fi

if [ "$what" = all ] || [ "$what" = boot ]; then
  karaf_version=$(sed -n "s:.*<karaf.version>\(.*\)</karaf.version>.*:\1:p" "$root/pom.xml")
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && mvn -B -q dependency:copy -Dartifact="org.apache.karaf:apache-karaf:$karaf_version:tar.gz" -DoutputDirectory="$work")
  mkdir "$work/karaf" "$work/emotive"
  tar -xzf "$work/apache-karaf-$karaf_version.tar.gz" -C "$work/karaf" --strip-components=1
  tar -xzf "$root"/karaf-assembly/target/karaf-assembly-*.tar.gz -C "$work/emotive" --strip-components=1
  java -jar "$jar" boot --emotive "$work/emotive" --karaf "$work/karaf" --runs "${BENCH_RUNS:-3}"
fi
