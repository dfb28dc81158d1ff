#!/usr/bin/env bash
# Benchmark of the offline converter on big sparse images (not a test): a 2 TiB raw MBR disk (the
# MBR limit, 2^32-1 sectors) and a 127 GiB dynamic VHD, both with a Windows-like layout that leaves
# room for the ESP. For trustlift and, on a sparse copy of the raw disk, for sgdisk --mbrtogpt it
# prints wall time, bytes read and written on the image file (counted from the system calls with
# strace, the same way for both tools), and the image's allocated size before and after.
# trustlift's own counters and in-process time come from `disk convert --stats`.
#
# Usage: [TOOLS="trustlift sgdisk"] [RUNS=3] bench/disk-convert.sh [WORKDIR]   (default /tmp/trustlift-bench)
# Times are the median of RUNS runs on fresh copies; I/O counts come from one more, traced run.
# Target: only metadata is touched (under 2 MiB read and written besides the ESP's own FAT32
# metadata), the allocated size grows by no more than that, and trustlift is no slower than sgdisk.
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
work=${1:-/tmp/trustlift-bench}
tools=${TOOLS:-trustlift sgdisk}
runs=${RUNS:-3}   # timed runs per case; the median is shown
mkdir -p "$work"
jar=$repo/cli/target/trustlift.jar
[[ " $tools " != *" trustlift "* ]] || [ -f "$jar" ] || (cd "$repo" && mvn -B -ntp -q -DskipTests package -pl cli -am)
for tool in sfdisk sgdisk qemu-img strace; do
  command -v "$tool" >/dev/null || { echo "disk-convert.sh: $tool is missing" >&2; exit 2; }
done

mib=$((1024 * 1024))
two_tib_sectors=$(( (1 << 32) - 1 ))

allocated() { echo $(( $(stat -c %b "$1") * 512 )); }
human() { numfmt --to=iec-i --suffix=B "$1"; }

# windows_layout FILE SECTORS: 500 MiB active System Reserved + C: up to 200 MiB before the end.
windows_layout() {
  local c_start=$((2048 + 500 * 2048))
  local c_size=$(( $2 - c_start - 200 * 2048 ))
  printf 'label: dos\nstart=2048, size=%d, type=7, bootable\nstart=%d, size=%d, type=7\n' \
    $((500 * 2048)) "$c_start" "$c_size" | sfdisk -q "$1"
}

# io_on_image FILE CMD...: runs CMD under strace and prints "READ WRITTEN" bytes on FILE's descriptors.
io_on_image() {
  local file=$1; shift
  local trace=$work/strace.log
  strace -f -y -qq -e trace=read,write,pread64,pwrite64,preadv,pwritev -o "$trace" "$@" >/dev/null
  local real; real=$(readlink -f "$file")
  awk -v f="<$real>" '
    index($0, f) {
      n = $NF; if (n !~ /^[0-9]+$/) next
      if ($0 ~ /(pread64|read|preadv)\(/) r += n; else w += n
    }
    END { printf "%d %d\n", r, w }' "$trace"
}

# timed CMD...: prints "WALL CPU" seconds of the whole process (CPU = user + system).
timed() {
  /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$@" >"$work/last.out" 2>&1 \
    || { cat "$work/last.out" >&2; return 1; }
  awk '{printf "%.2f %.2f", $1, $2 + $3}' "$work/time.txt"
}

report() {  # report TOOL IMAGE "WALL CPU" READ WRITTEN ALLOC_BEFORE ALLOC_AFTER
  printf '%-48s %-14s wall %6ss cpu %5ss  read %9s  written %9s  allocated %9s -> %9s (+%s)\n' \
    "$1" "$2" "${3% *}" "${3#* }" "$(human "$4")" "$(human "$5")" "$(human "$6")" "$(human "$7")" \
    "$(human $(( $7 - $6 )))"
}

verified() {  # verified IMAGE: "sgdisk -v clean" or what sgdisk said (VHDs through a raw copy)
  local raw=$1
  if [[ $1 == *.vhd ]]; then
    raw=$work/verify.raw
    qemu-img convert -f vpc -O raw "$1" "$raw"
  fi
  if sgdisk -v "$raw" 2>&1 | grep -q 'No problems found'; then echo "sgdisk -v clean"; else echo "SGDISK -V FAILED"; fi
  [ "$raw" = "$1" ] || rm -f "$raw"
}

# repeat_timed IMAGE COPY CMD...: runs CMD (which works on COPY) on $runs fresh sparse copies of
# IMAGE; prints the run with the median wall time as "WALL CPU|STATS". COPY stays converted.
repeat_timed() {
  local image=$1 copy=$2 i results=(); shift 2
  for ((i = 0; i < runs; i++)); do
    cp --sparse=always "$image" "$copy"
    results+=("$(timed "$@")|$(grep '^stats:' "$work/last.out" | sed 's/^stats: *//' || true)")
  done
  printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

bench_trustlift() {  # bench_trustlift LABEL IMAGE ARGS...
  local label=$1 image=$2; shift 2
  local timed=$work/timed.${image##*.} traced=$work/traced.${image##*.}
  cp --sparse=always "$image" "$traced"
  local before secs io stats run
  before=$(allocated "$traced")
  run=$(repeat_timed "$image" "$timed" java -jar "$jar" disk convert "$timed" "$@" --stats)
  secs=${run%%|*} stats=${run#*|}
  io=$(io_on_image "$traced" java -jar "$jar" disk convert "$traced" "$@")
  report "trustlift disk convert $label" "${image##*/}" "$secs" ${io% *} ${io#* } "$before" "$(allocated "$timed")"
  [ -z "$stats" ] || echo "    --stats: $stats"
  echo "    result: $(verified "$timed")"
  rm -f "$timed" "$traced"
}

bench_sgdisk() {  # bench_sgdisk IMAGE
  local image=$1 timed=$work/sg-timed.img traced=$work/sg-traced.img
  cp --sparse=always "$image" "$traced"
  local before secs io
  before=$(allocated "$traced")
  secs=$(repeat_timed "$image" "$timed" sgdisk --mbrtogpt "$timed")
  secs=${secs%%|*}
  io=$(io_on_image "$traced" sgdisk --mbrtogpt "$traced")
  report "sgdisk --mbrtogpt (no ESP)" "${image##*/}" "$secs" ${io% *} ${io#* } "$before" "$(allocated "$timed")"
  echo "    result: $(verified "$timed")"
  rm -f "$timed" "$traced"
}

echo "== building images in $work"
raw=$work/two-tib.img
rm -f "$raw"; truncate -s $((two_tib_sectors * 512)) "$raw"
windows_layout "$raw" "$two_tib_sectors"
vhd_raw=$work/vhd-source.img vhd=$work/azure-127g.vhd
rm -f "$vhd_raw" "$vhd"; truncate -s 127G "$vhd_raw"
windows_layout "$vhd_raw" $((127 * 1024 * 2048))
qemu-img convert -f raw -O vpc -o subformat=dynamic,force_size=on "$vhd_raw" "$vhd"
rm -f "$vhd_raw"
echo "raw: $(human $(stat -c %s "$raw")) apparent, $(human "$(allocated "$raw")") allocated;" \
  "vhd: $(human "$(qemu-img info -f vpc --output=json "$vhd" | sed -n 's/.*"virtual-size": \([0-9]*\).*/\1/p')") virtual," \
  "$(human "$(allocated "$vhd")") allocated"

echo "== conversions"
if [[ " $tools " == *" trustlift "* ]]; then
  bench_trustlift "--os windows" "$raw" --os windows
fi
[[ " $tools " == *" sgdisk "* ]] && bench_sgdisk "$raw"
if [[ " $tools " == *" trustlift "* ]]; then
  bench_trustlift "--os windows" "$vhd" --os windows
  bench_trustlift "--os windows --grow 100" "$vhd" --os windows --grow 100
fi
echo "(sgdisk cannot open VHDs; it is compared on the raw image only. sgdisk calls sync() and sleeps"
echo " 1 s after writing, so its wall time is mostly that sleep; CPU time compares the work itself.)"
rm -f "$raw" "$vhd" "$work/strace.log" "$work/last.out" "$work/time.txt"
