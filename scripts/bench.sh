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
  java -jar "$jar" control-plane --url "${BENCH_URL:-http://localhost:8181}" --count "${BENCH_COUNT:-10}"
fi

url=${BENCH_URL:-http://localhost:8181}

if [ "$what" = all ] || [ "$what" = checkpoint ]; then
  java -jar "$jar" checkpoint --url "$url" --rounds "${BENCH_ROUNDS:-5}"
fi

# VM creation from a qcow2 image: a small ext4 disk (mke2fs -d, nothing mounted) imported as an
# image booted with the test guest's kernel, then the control-plane benchmark on it
if [ "$what" = all ] || [ "$what" = create-qcow2 ]; then
  images=${BENCH_IMAGES_DIR:-/var/lib/emotive/images}
  src=$(mktemp -d /var/lib/emotive/bench-src.XXXXXX)
  chmod 0755 "$src"
  mkdir "$src/content" && echo bench > "$src/content/emotive-marker"
  mke2fs -q -F -t ext4 -d "$src/content" "$src/disk.raw" 256M
  curl -sf -u karaf:karaf -H 'Content-Type: application/json' -o /dev/null -d "{\"name\":\"bench-qcow2\",
    \"source\":{\"file\":\"$src/disk.raw\"},\"kernel\":\"$images/busybox/vmlinuz\",
    \"initrd\":\"$images/busybox/initrd.img\",\"cmdline\":\"console=ttyS0 panic=-1\"}" "$url/api/v1/images"
  until curl -sf -u karaf:karaf "$url/api/v1/images/bench-qcow2" | grep -q '"state":"ready"'; do sleep 1; done
  java -jar "$jar" control-plane --url "$url" --image bench-qcow2 --count "${BENCH_COUNT:-10}"
  curl -sf -u karaf:karaf -X DELETE "$url/api/v1/images/bench-qcow2"
  rm -rf "$src"
fi

if [ "$what" = all ] || [ "$what" = image-build ]; then
  java -jar "$jar" image-build --url "$url"
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
